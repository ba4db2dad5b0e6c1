// Evidence files (照片、文件) for checklists and fixes: JPEG, PNG or PDF up to 10 MiB, the type
// taken from the bytes themselves (magic numbers), never from the header alone. A refused
// upload leaves nothing behind: checks run before anything is written, and a file written
// before a later failure is deleted by the route (`written`).
import { createHash, randomUUID } from 'node:crypto'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { AppError, Invalid, NotFound } from '../../platform/errors.js'
import type { Storage } from '../../platform/storage.js'
import { findUnit } from '../units/index.js'

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
type EvidenceType = (typeof EVIDENCE_TYPES)[number]
const EXT: Record<EvidenceType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }

const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x)

/** The type the bytes really are, or null. */
export function sniff(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  return null
}

const unsupported = (detail: string) => new AppError(415, 'unsupported-media-type', '不支持的文件类型', detail)
const toEvidence = (r: { id: string; unit_code: string; content_type: string; size: number; sha256: string; filename: string | null; uploaded_at: Date | string }) => ({
  id: r.id, unitCode: r.unit_code, contentType: r.content_type, size: r.size, sha256: r.sha256, filename: r.filename,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
})

export async function uploadEvidence(ctx: Ctx, storage: Storage, code: string,
  input: { bytes: Uint8Array; declaredType?: string; filename?: string }, written: string[]) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'create', id: code })
  mustBeAllowed(ctx, 'create', 'Evidence', { unitCode: code }, code, '只有本单位中心管理员或上级检查人员可以上传证明材料')
  const { bytes } = input
  if (bytes.length === 0) throw new Invalid('文件为空', [{ field: 'body', message: '请上传文件内容' }])
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new AppError(413, 'payload-too-large', '请求内容过大', `文件不能超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB`)
  }
  const type = sniff(bytes)
  if (!type) throw unsupported('只接受 JPEG、PNG 图片或 PDF 文件')
  const declared = input.declaredType?.split(';')[0].trim().toLowerCase()
  if (declared && declared !== 'application/octet-stream' && declared !== type) {
    throw unsupported(`文件内容是 ${type}，与声明的类型 ${declared} 不符`)
  }
  const id = randomUUID()
  const key = `${code}/${id}.${EXT[type]}`
  const row = await ctx.db.insertInto('standard_evidence').values({
    id, unit_code: code, storage_key: key, content_type: type, size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), filename: input.filename?.trim() || null, uploaded_by: ctx.actor.id,
  }).returningAll().executeTakeFirstOrThrow()
  // The row first (RLS checks the unit), then the bytes; the route deletes them if the commit fails.
  written.push(key)
  await storage.put(key, bytes, type)
  return toEvidence(row)
}

export async function readEvidence(ctx: Ctx, storage: Storage, code: string, id: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const row = await ctx.db.selectFrom('standard_evidence').selectAll().where('id', '=', id).where('unit_code', '=', code).executeTakeFirst()
  mustSee(ctx, 'Evidence', row && { unitCode: row.unit_code })
  const file = await storage.get(row!.storage_key)
  if (!file) throw new NotFound('文件已不在存储中，请联系管理员')
  return { ...toEvidence(row!), bytes: file.bytes }
}

/** Checks that every referenced file exists and belongs to the unit (one query). */
export async function checkEvidence(ctx: Ctx, code: string, refs: { field: string; ids: string[] }[]) {
  const all = [...new Set(refs.flatMap((r) => r.ids))]
  if (!all.length) return
  const found = new Set((await ctx.db.selectFrom('standard_evidence').select('id')
    .where('unit_code', '=', code).where('id', 'in', all).execute()).map((r) => r.id))
  const issues = refs.flatMap((r) => r.ids.filter((id) => !found.has(id)).map((id) => ({ field: r.field, message: `证明材料 ${id} 不存在或不属于该单位` })))
  if (issues.length) throw new Invalid('引用的证明材料不存在', issues)
}
