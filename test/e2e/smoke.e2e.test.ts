// The harness itself: the server starts on a fresh database and Chromium renders a page from it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, startServer, type RunningServer } from './harness.js'
import type { Browser } from 'playwright-core'

let server: RunningServer
let browser: Browser
beforeAll(async () => { server = await startServer(); browser = await launchBrowser() })
afterAll(async () => { await browser?.close(); await server?.stop() })

it('serves the API document to a real browser', async () => {
  const page = await browser.newPage()
  const res = await page.goto(`${server.url}/api/openapi.json`)
  expect(res?.status()).toBe(200)
  expect(await page.evaluate(() => document.body.innerText)).toContain('四级联动为民服务平台')
})
