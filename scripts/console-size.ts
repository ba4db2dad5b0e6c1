// npm run console:size: the JavaScript (gzipped) a browser loads for the sign-in route — the
// entry chunk and everything it imports statically (Vite's manifest) — and the largest lazy areas.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CONSOLE_DIST } from '../src/console-static.js'

interface Chunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[]; src?: string }

export function signInBytes(dist = CONSOLE_DIST) {
  const manifest: Record<string, Chunk> = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  const seen = new Set<string>()
  const walk = (key: string) => { if (seen.has(key)) return; seen.add(key); for (const i of manifest[key].imports ?? []) walk(i) }
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!
  walk(entry)
  const files = [...seen].map((k) => manifest[k].file)
  const js = files.reduce((a, f) => a + gz(f), 0)
  const css = [...seen].flatMap((k) => manifest[k].css ?? []).reduce((a, f) => a + gz(f), 0)
  const lazy = Object.entries(manifest).filter(([k, c]) => !seen.has(k) && c.src?.includes('features/'))
    .map(([, c]) => ({ file: c.src!, gzip: gz(c.file) })).sort((a, b) => b.gzip - a.gzip)
  return { js, css, files, lazy }
}

if (process.argv[1]?.endsWith('console-size.ts')) {
  const r = signInBytes()
  console.log(`登录页所需 JS（gzip）：${(r.js / 1024).toFixed(1)} KB，${r.files.length} 个文件${r.css ? `；CSS ${(r.css / 1024).toFixed(1)} KB` : ''}（目标 ≤ 300 KB）`)
  for (const l of r.lazy.slice(0, 8)) console.log(`  按需加载 ${l.file.padEnd(48)} ${(l.gzip / 1024).toFixed(1)} KB`)
}
