// Connections and the process: a request answered before its body is read (415, 413, a
// malformed path id) leaves the keep-alive connection usable for the next request; `npm start`
// stops cleanly on SIGTERM (in-flight requests finish, database closed, exit 0).
import { serve } from '@hono/node-server'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { fixedClock } from '../src/platform/clock.js'
import type { Database } from '../src/platform/db/database.js'
import { createLogger } from '../src/platform/logger.js'
import { memoryStorage } from '../src/platform/storage.js'
import { freshDatabase } from './helpers/db.js'

interface Answer { status: number; body: string; socket: unknown }
function send(agent: http.Agent, port: number, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-length': String(Buffer.byteLength(body)), ...headers } : headers }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (d) => { text += d }).on('end', () => resolve({ status: res.statusCode!, body: text, socket: req.socket }))
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

describe('keep-alive after an early answer', () => {
  let db: Database, server: http.Server, port: number
  beforeAll(async () => {
    db = await freshDatabase()
    const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), clock: fixedClock('2026-11-24T02:00:00Z'), log: createLogger('silent'), db: () => db, storage: memoryStorage() })
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server
    await new Promise((r) => server.once('listening', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); await db.close() })

  const big = Buffer.alloc(200 * 1024, 'a')
  const json = JSON.stringify({ displayName: 'x'.repeat(200 * 1024) })
  it.each([
    ['415 (not JSON)', 'POST', '/api/units', big, { 'content-type': 'text/plain' }, 415],
    ['413 (too large)', 'POST', '/api/units', Buffer.alloc(1024 * 1024 + 10, 'a'), { 'content-type': 'application/json' }, 413],
    ['400 (malformed path id)', 'PATCH', '/api/users/not-a-uuid', json, { 'content-type': 'application/json' }, 400],
    ['400 (body too long for its field)', 'PATCH', '/api/users/00000000-0000-4000-8000-000000000000', json, { 'content-type': 'application/json' }, 400],
  ] as const)('%s: the next request on the same connection succeeds', async (_, method, path, body, headers, status) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await send(agent, port, method, path, body, headers)
      expect(first.status).toBe(status)
      const next = await send(agent, port, 'GET', '/healthz')
      expect(next.status).toBe(200)
      const again = await send(agent, port, 'GET', '/healthz')
      expect(again.status).toBe(200)
    } finally { agent.destroy() }
  })
})

describe('npm start', () => {
  it('stops on SIGTERM to the npm process: no new connections, a request in flight finishes with its answer, idle keep-alive ones closed, database closed, exit 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-'))
    const port = 20000 + Math.floor(Math.random() * 20000)
    const child = spawn('npm', ['start'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false', JOBS_INTERVAL_SECONDS: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout!.on('data', (d) => { out += d })
    child.stderr!.on('data', (d) => { out += d })
    let again: ReturnType<typeof spawn> | undefined
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    try {
      for (let i = 0; i < 1800 && !out.includes('服务地址'); i++) await new Promise((r) => setTimeout(r, 100))
      expect(out, out).toContain('服务地址')
      const agent = new http.Agent({ keepAlive: true })
      expect((await send(agent, port, 'GET', '/healthz')).status).toBe(200) // leaves an idle keep-alive connection
      // A request in flight when the signal arrives: its headers and half its body are sent first.
      const body = JSON.stringify({ username: 'nobody-in-flight', password: 'wrong-password-1' })
      let finish = () => {}
      const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', agent: new http.Agent(),
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
          let text = ''
          res.setEncoding('utf8').on('data', (d) => { text += d }).on('end', () => resolve({ status: res.statusCode!, body: text }))
        })
        req.on('error', reject)
        req.write(body.slice(0, 10))
        finish = () => req.end(body.slice(10))
      })
      await new Promise((r) => setTimeout(r, 300)) // the server has the request's headers
      child.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 500))
      // Stopped taking connections while the request is still open…
      await expect(send(new http.Agent(), port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/)
      expect(child.exitCode).toBeNull()
      // …and the request in flight still gets its answer.
      finish()
      const answer = await inFlight
      expect(answer.status, answer.body).toBe(401)
      expect(JSON.parse(answer.body).title).toBeTruthy()
      expect(await exited, out).toEqual({ code: 0, signal: null })
      expect(out).toContain('已停止')
      await expect(send(new http.Agent(), port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/)
      agent.destroy()
      // The embedded database was closed cleanly: it opens again.
      again = spawn('npm', ['start'], { cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] })
      let out2 = ''
      again.stdout!.on('data', (d) => { out2 += d })
      const exited2 = new Promise<number | null>((resolve) => again!.on('exit', (code) => resolve(code)))
      for (let i = 0; i < 1800 && !out2.includes('服务地址'); i++) await new Promise((r) => setTimeout(r, 100))
      expect(out2).toContain('数据库结构已是最新')
      again.kill('SIGTERM')
      expect(await exited2).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      if (again && again.exitCode === null) again.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 400_000)
})
