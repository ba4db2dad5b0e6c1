// The staff console (工作台) on Node: dist/console served at /console/ by the same process.
// Hashed assets (/console/assets/*) are cached for a year; index.html is never cached, so a new
// build reaches every browser on its next load. Any other path under /console/ answers
// index.html (SPA fallback: the client router owns those URLs). On Workers the same files are
// static assets (wrangler.toml [assets]); this module is Node-only.
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const CONSOLE_DIST = join(ROOT, 'dist', 'console')
const CONSOLE_SRC = join(ROOT, 'src', 'console')

const IMMUTABLE = 'public, max-age=31536000, immutable'

export function consoleStatic(dist = CONSOLE_DIST) {
  const root = relative(process.cwd(), dist) || '.'
  const app = new Hono()
  app.get('/console', (c) => c.redirect('/console/', 301))
  // Cache headers after the response exists (serveStatic's onFound runs after it built the body,
  // too late for headers outside @hono/node-server's own response path).
  app.use('/console/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('cache-control', c.req.path.startsWith('/console/assets/') ? IMMUTABLE : 'no-cache')
  })
  app.get('/console/*', serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/console/, '') }))
  // A missing hashed asset is a real 404 (an old tab after a deploy), not the app shell.
  app.get('/console/assets/*', (c) => c.text('未找到', 404))
  app.get('/console/*', serveStatic({ path: join(root, 'index.html') }))
  app.get('/console/*', (c) => c.text('工作台尚未构建：请运行 npm run build', 503))
  return app
}

/** Serves /console/* from the console, everything else from the API app. */
export function withConsole(api: { fetch: (req: Request, ...rest: any[]) => Response | Promise<Response> }, dist = CONSOLE_DIST) {
  const web = consoleStatic(dist)
  return (req: Request, ...rest: any[]) => {
    const path = new URL(req.url).pathname
    return path === '/console' || path.startsWith('/console/') ? web.fetch(req, ...rest) : api.fetch(req, ...rest)
  }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** True when dist/console is missing or older than the console's sources (a fresh clone, a pull). */
export function consoleIsStale(dist = CONSOLE_DIST): boolean {
  const index = join(dist, 'index.html')
  if (!existsSync(index)) return true
  if (!existsSync(CONSOLE_SRC)) return false
  const sources = Math.max(newestMtime(CONSOLE_SRC), statSync(join(ROOT, 'vite.config.ts')).mtimeMs)
  return sources > statSync(index).mtimeMs
}

/**
 * `npm start` on a fresh clone builds the console once (measured 19 s on the shared 2-core machine, 9 s idle; see README).
 * CONSOLE_BUILD=0 skips it (a deployment that ships dist/console prebuilt).
 */
export async function ensureConsoleBuilt(log: (msg: string) => void = console.log) {
  if (process.env.CONSOLE_BUILD === '0' || !consoleIsStale()) return
  const t0 = performance.now()
  log('正在构建工作台（dist/console）……')
  const { build } = await import('vite')
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' })
  log(`工作台构建完成，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`)
}
