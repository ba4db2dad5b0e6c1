// Node: files under a local directory (DATA_DIR/evidence for `npm start`). Writes go to a
// temporary name first and are renamed into place, so a reader never sees half a file.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { checkKey, type Storage } from './storage.js'

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

export function directoryStorage(root: string): Storage {
  const path = (key: string) => join(root, checkKey(key))
  return {
    async put(key, bytes) {
      const file = path(key)
      await mkdir(dirname(file), { recursive: true })
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
      try {
        await writeFile(tmp, bytes, { flag: 'wx' })
        await rename(tmp, file)
      } catch (e) {
        await rm(tmp, { force: true })
        throw e
      }
    },
    async get(key) {
      try {
        const bytes = new Uint8Array(await readFile(path(key)))
        return { bytes, contentType: TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream' }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw e
      }
    },
    async delete(key) { await rm(path(key), { force: true }) },
  }
}
