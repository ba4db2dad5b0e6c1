// The console screens added after the main paths (issue 16): notifications read through the bell,
// window staff and rights, 进驻事项 with an approved exemption, 考核, and the clerk's workqueue on a
// phone. Each does the action through the screen and checks the result on the screen; axe on each
// page; no request leaves the server's host.
import { sql } from 'kysely'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/open.js'
import { SYSTEM_SCOPE } from '../../src/platform/scope.js'
import { ACCOUNTS, COUNTY } from './accounts.js'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, recordForeignRequests, screenshot, seriousViolations, startServer, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  // First start seeds the demo tenant; then two notifications for the county's handlers (what the
  // warning sweep writes), on the stopped server's database.
  server = await startServer()
  const dataDir = server.dataDir
  await server.stop({ keepData: true })
  const db = await openDatabase({ DATABASE_URL: undefined, DATA_DIR: dataDir } as any)
  await db.scoped(SYSTEM_SCOPE, (tx) => sql`insert into staff_notifications (unit_code, audience, kind, text, created_at) values
    (${COUNTY}, 'handlers', 'warning_red', '红色预警：浏览器测试办件一已超期', now() - interval '1 hour'),
    (${COUNTY}, 'handlers', 'warning_yellow', '黄色预警：浏览器测试办件二临近期限', now())`.execute(tx))
  await db.close()
  server = await startServer({}, { dataDir })
  browser = await launchBrowser()
}, 180_000)
afterAll(async () => { for (const c of contexts) await c.close().catch(() => {}); await browser?.close(); await server?.stop() })

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
  await page.getByRole('link', { name: /^通知，/ }).waitFor()
  return { page, foreign }
}
async function go(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/console/${path}`)
  await page.getByRole('heading', { name: heading }).first().waitFor()
}
async function pick(page: Page, label: string, text: string, scope: Page | ReturnType<Page['getByRole']> = page) {
  const box = scope.getByRole('combobox', { name: label }).first()
  await box.click()
  await box.fill(text)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}
async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page)
  expect(v, `${name}: ${JSON.stringify(v, null, 1)}`).toEqual([])
}

describe('console screens', () => {
  it('notifications: the bell counts this user\'s unread, one and then all are marked read through the screen', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.clerk)
    await page.getByRole('link', { name: '通知，2 条未读' }).click()
    await page.getByRole('heading', { name: '通知' }).waitFor()
    await page.getByText('红色预警：浏览器测试办件一已超期').waitFor()
    await screenshot(page, 'console-notifications-desktop')
    await expectAccessible(page, 'notifications')
    await page.getByRole('button', { name: '将“红色预警：浏览器测试办件一已超期”标为已读' }).click()
    await page.getByRole('link', { name: '通知，1 条未读' }).waitFor()
    await expect.poll(() => page.getByText('红色预警：浏览器测试办件一已超期').count()).toBe(0) // the unread filter hides it
    // Read state is kept by the API for this user: another browser of the same user sees it, a colleague does not.
    const again = await signedIn(ACCOUNTS.clerk)
    await again.page.getByRole('link', { name: '通知，1 条未读' }).waitFor()
    const colleague = await signedIn(ACCOUNTS.reviewer)
    await colleague.page.getByRole('link', { name: '通知，2 条未读' }).waitFor()
    await page.getByRole('button', { name: '全部标为已读' }).click()
    await page.getByRole('link', { name: '通知，0 条未读' }).waitFor()
    await page.getByText('没有未读通知').waitFor()
    expect(foreign).toEqual([])
  })

  it('window clerk on a phone: one-line header with an account menu, the queues in a select, no sideways scroll', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.clerk, PHONE)
    await go(page, 'cases', '收件受理工作台')
    await page.getByRole('combobox', { name: '选择队列' }).waitFor()
    expect(await page.getByRole('tab').count()).toBe(0)
    const header = await page.locator('header').first().boundingBox()
    expect(header!.height).toBeLessThan(70)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await screenshot(page, 'console-workqueue-phone-menu')
    await expectAccessible(page, 'workqueue phone')
    await page.getByRole('combobox', { name: '选择队列' }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^全部$/ }).click()
    await page.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: /^全部$/ }).first().waitFor()
    await page.getByRole('button', { name: '账户菜单' }).click()
    await page.getByRole('menuitem', { name: /退出登录/ }).click()
    await page.waitForURL(/\/console\/login/)
    expect(foreign).toEqual([])
  })

  it('center admin: edits a window\'s staff and rights', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'admin/windows', '大厅窗口')
    const edit = page.getByRole('button', { name: /^编辑人员与授权/ }).first()
    await edit.waitFor()
    await edit.click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '添加事项授权' }).click()
    const rows = dialog.getByRole('combobox', { name: /项授权的事项$/ })
    const n = await rows.count()
    await pick(page, `第 ${n} 项授权的事项`, '3415-NY-XK-0002', dialog as any)
    await dialog.getByRole('group', { name: `第 ${n} 项授权的权限` }).getByLabel('审核').check()
    await screenshot(page, 'console-window-editor-desktop')
    await expectAccessible(page, 'window editor')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByText('窗口人员与授权已保存').waitFor()
    await expect.poll(() => page.locator('table').innerText()).toContain('3415-NY-XK-0002：受理、审核')
    expect(foreign).toEqual([])
  })

  it('center admin: 进驻事项 — an exemption without its published place is refused at the fields, then approved and listed', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'admin/hall-entries', '进驻事项与不进驻审批')
    await pick(page, '事项', '3415-NY-XK-0002')
    await page.getByLabel('不进驻（须县级中心管理员批准）').check()
    await page.getByRole('button', { name: /保\s*存/ }).click()
    const field = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) })
    await field('办理机构').getByText('必填').waitFor()
    await field('批准文件').getByText('必填').waitFor()
    await page.getByLabel('办理机构', { exact: true }).fill('金安区农业农村局审批科')
    await page.getByLabel('办理地址', { exact: true }).fill('六安市金安区梅山南路 2 号')
    await page.getByLabel('联系电话', { exact: true }).fill('0564-3370002')
    await page.getByLabel('批准文件', { exact: true }).fill('金政办〔2026〕18号')
    await page.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByText('已登记经批准的不进驻事项').waitFor()
    await page.getByText('经批准不进驻', { exact: true }).click()
    await page.locator('table').getByText('金政办〔2026〕18号').waitFor()
    await screenshot(page, 'console-hall-entries-desktop')
    await expectAccessible(page, 'hall entries')
    expect(foreign).toEqual([])
  })

  it('center admin: runs a year\'s assessment of the townships and sees the grades', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'supervision/assessments', '考核')
    await page.getByLabel('考核期间').fill('2026-Q3')
    await page.getByRole('button', { name: '计算并公布' }).click()
    await page.getByText('2026-Q3 考核已完成并公布').waitFor()
    await page.getByText('2026-Q3（2026-07-01 至 2026-09-30）').waitFor()
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0)
    // The same period again: refused, said on the screen.
    await page.getByRole('button', { name: '计算并公布' }).click()
    await page.getByRole('alert').filter({ hasText: '已经完成并公布' }).waitFor()
    await screenshot(page, 'console-assessments-desktop')
    await expectAccessible(page, 'assessments')
    expect(foreign).toEqual([])
  })
})
