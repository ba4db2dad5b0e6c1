// Node only: the Swagger UI files of the pinned swagger-ui-dist package, read from node_modules
// once and kept in memory (a few MB). Not imported by the Workers entry.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { DOCS_ASSETS, type DocsFiles } from './docs.js'

export function nodeDocsFiles(): DocsFiles {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, Promise<Uint8Array>>()
  return async (name) => {
    if (!(name in DOCS_ASSETS)) return null
    if (!cache.has(name)) cache.set(name, readFile(join(dir, name)).then((b) => new Uint8Array(b)))
    return cache.get(name)!
  }
}
