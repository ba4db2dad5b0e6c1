// Browser-test harness: the real server (`src/server.ts`, demo seed, fresh embedded database in a
// temporary DATA_DIR) and Debian's Chromium driven by playwright-core. Nothing is downloaded: the
// browser is /usr/bin/chromium (CHROMIUM_PATH to override), axe-core is injected from node_modules.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const SCREENSHOTS = join(process.cwd(), 'reports', 'screenshots')
export const DEMO_PASSWORD = 'demo-password'
export const PHONE = { width: 375, height: 667 }
export const DESKTOP = { width: 1366, height: 768 }
export const TABLET = { width: 768, height: 1024 }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as any).port; s.close(() => resolve(p)) })
    s.on('error', reject)
  })
}

export interface RunningServer { url: string; dataDir: string; output: () => string; stop(opts?: { keepData?: boolean }): Promise<number | null> }

/**
 * Starts `src/server.ts` on a free port with a fresh embedded database and the demo tenant
 * (or, with `dataDir`, on the database a previous run left there with `stop({ keepData: true })`).
 */
export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gov-e2e-'))
  let out = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', JOBS_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`)
    try { if ((await fetch(`${url}/healthz`)).ok) break } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`server did not start in time:\n${out}`) }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url, dataDir, output: () => out,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise<void>((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r() }, 15_000); child.once('exit', () => { clearTimeout(t); r() }) })
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
      return child.exitCode
    },
  }
}

/** Headless Debian Chromium with the flags this offline machine needs (design.md). */
export async function launchBrowser(): Promise<Browser> {
  // playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
}

/** Writes reports/screenshots/<name>.png (not committed). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? true })
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core on the current page (WCAG 2.1 A/AA): the serious and critical violations. */
export async function seriousViolations(page: Page) {
  // A fade still running (a button appearing after a modal closes) is not what a person reads:
  // let finite animations and transitions end first, so axe judges the settled page.
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => undefined))))
  await page.addScriptTag({ content: axeSource() })
  const result: any = await page.evaluate(async () =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 5) }))
}

/** axe on the page: no serious or critical violation (the list in the failure message). */
export async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page)
  expect(v, `${name}: ${JSON.stringify(v, null, 1)}`).toEqual([])
}

/** A console page signed in as `username` (demo password) in a fresh context, Asia/Shanghai. */
export async function signIn(browser: Browser, base: string, username: string, viewport = DESKTOP): Promise<{ page: Page; foreign: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  const foreign = recordForeignRequests(page, base)
  await page.goto(`${base}/console/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.waitForURL((u) => !u.pathname.includes('/login'))
  return { page, foreign }
}

export type ApiAs = (username: string | null, method: string, path: string, body?: unknown) => Promise<any>
/** The API as a user (Bearer, one sign-in per user) or, with null, the public API: for fixtures a scenario does not click through. */
export function apiClient(base: string): ApiAs {
  const tokens = new Map<string, string>()
  return async (username, method, path, body) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (username) {
      if (!tokens.has(username)) {
        const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
        tokens.set(username, ((await r.json()) as any).token)
      }
      headers.authorization = `Bearer ${tokens.get(username)}`
    }
    const r = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const json: any = await r.json().catch(() => null)
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
    return json
  }
}

/** No sideways scroll: the page is no wider than the window (else: which elements stick out). */
export async function expectFits(page: Page, width = page.viewportSize()!.width) {
  const { scrollWidth, out } = await page.evaluate((w) => ({
    scrollWidth: document.documentElement.scrollWidth,
    out: Array.from(document.querySelectorAll('body *')).filter((e) => {
      if (e.getBoundingClientRect().right <= w + 0.5) return false
      // Inside a box that scrolls or clips (a wide table in its card), it does not widen the page.
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false
      return true
    })
      .slice(-5).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} “${(e.textContent ?? '').slice(0, 20)}” → ${Math.round(e.getBoundingClientRect().right)}`),
  }), width)
  expect(scrollWidth, out.join('\n')).toBeLessThanOrEqual(width)
}
/** Every request a page makes must stay on this host (government intranets are offline). */
export function recordForeignRequests(page: Page, base: string): string[] {
  const foreign: string[] = []
  page.on('request', (r) => { const u = r.url(); if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u) })
  return foreign
}
