// Files a citizen hands in through a portal form: each material has its own file input
// (`file-<index>`); every file goes through the cases module's upload verb (the same as
// POST /api/public/units/{code}/uploads: type sniffed, ≤ 10 MiB, owned by the unit), and the
// material then names its file ids. A refused file is an error at that material's field.
import type { Context } from 'hono'
import { AppError } from '../platform/errors.js'
import { storeUpload } from '../modules/cases/index.js'
import { type FormBody, files, type PortalEnv } from './http.js'
import type { Errors } from './layout.js'

export const ACCEPT = 'image/jpeg,image/png,application/pdf'

export async function uploadMaterials(c: Context<PortalEnv>, unitCode: string, f: FormBody, names: string[]) {
  const storage = c.get('deps').storage
  const errors: Errors = {}
  const materials: { name: string; files: string[] }[] = []
  for (const [i, name] of names.entries()) {
    const given = files(f, `file-${i}`)
    if (!given.length) continue
    if (!storage) { errors[`file-${i}`] = '本站暂不能接收文件，请到窗口提交材料'; continue }
    const ids: string[] = []
    for (const file of given) {
      try {
        const r = await storeUpload({ db: c.get('db'), storage, now: c.get('deps').clock.now() },
          { unitCode, bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type, filename: file.name })
        ids.push(r.fileId)
      } catch (e) {
        if (!(e instanceof AppError)) throw e
        errors[`file-${i}`] = `“${file.name}”：${e.message}`
      }
    }
    if (ids.length) materials.push({ name, files: ids })
  }
  return { materials, errors }
}
