// Files an applicant hands in online (网上申请、网上补正): JPEG, PNG or PDF up to 10 MiB, the type
// taken from the bytes (as standards evidence does), stored through the same storage and owned by
// the unit the application goes to. An application or a supplement then names them by id in its
// materials (`[{ name, files: [fileId] }]`); a file of another unit is refused like a missing one.
// The portal calls storeUpload directly; the public API calls it from its route.
import { createHash, randomUUID } from 'node:crypto'
import type { Database, Tx } from '../../platform/db/database.js'
import { AppError, Invalid, NotFound } from '../../platform/errors.js'
import { scopeOf } from '../../platform/scope.js'
import type { Storage } from '../../platform/storage.js'
import { MAX_EVIDENCE_BYTES, sniff } from '../standards/index.js'
import { levelOf } from '../units/index.js'
import { findUnit } from '../units/index.js'

export const MAX_UPLOAD_BYTES = MAX_EVIDENCE_BYTES
const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const

export interface StoredUpload { fileId: string; contentType: 'image/jpeg' | 'image/png' | 'application/pdf'; size: number; sha256: string }

const unsupported = (detail: string) => new AppError(415, 'unsupported-media-type', '不支持的文件类型', detail)

/**
 * Stores one applicant file for `unitCode` (no login). Checks run before anything is written;
 * the row and the bytes go together: a failed write leaves neither behind.
 */
export async function storeUpload(deps: { db: Database; storage: Storage; now: Date },
  input: { unitCode: string; bytes: Uint8Array; contentType?: string; filename?: string }): Promise<StoredUpload> {
  const { bytes, unitCode } = input
  if (!levelOf(unitCode)) throw new NotFound('未找到该单位')
  if (bytes.length === 0) throw new Invalid('文件为空', [{ field: 'body', message: '请上传文件内容' }])
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError(413, 'payload-too-large', '请求内容过大', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`)
  const type = sniff(bytes)
  if (!type) throw unsupported('只接受 JPEG、PNG 图片或 PDF 文件')
  const declared = input.contentType?.split(';')[0].trim().toLowerCase()
  if (declared && declared !== 'application/octet-stream' && declared !== type) throw unsupported(`文件内容是 ${type}，与声明的类型 ${declared} 不符`)
  const id = randomUUID()
  const key = `uploads/${unitCode}/${id}.${EXT[type]}`
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  let written = false
  try {
    await deps.db.scoped(scopeOf(unitCode), async (db) => {
      const unit = await findUnit(db, unitCode)
      if (!unit || !unit.active) throw new NotFound('未找到该单位')
      await db.insertInto('case_uploads').values({
        id, unit_code: unitCode, storage_key: key, content_type: type, size: bytes.length, sha256,
        filename: input.filename?.trim().slice(0, 200) || null, uploaded_by: null, uploaded_at: deps.now,
      }).execute()
      written = true
      await deps.storage.put(key, bytes, type)
    })
  } catch (e) {
    if (written) await deps.storage.delete(key).catch(() => {})
    throw e
  }
  return { fileId: id, contentType: type, size: bytes.length, sha256 }
}

/**
 * 400 unless every file named by the materials exists and belongs to one of `units` (the unit
 * applied to; for a supplement also the unit handling the case now). One query.
 */
export async function checkUploads(db: Tx, units: string[], materials: { name: string; files?: string[] }[]) {
  const all = [...new Set(materials.flatMap((m) => m.files ?? []))]
  if (!all.length) return
  const found = new Set((await db.selectFrom('case_uploads').select('id').where('unit_code', 'in', units).where('id', 'in', all).execute()).map((r) => r.id))
  const issues = materials.flatMap((m, i) => (m.files ?? []).filter((f) => !found.has(f))
    .map((f) => ({ field: `materials[${i}].files`, message: `文件 ${f} 不存在或不属于该单位，请先上传` })))
  if (issues.length) throw new Invalid('材料引用的文件不存在', issues)
}
