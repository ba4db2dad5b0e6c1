// The staff console end to end in Debian's Chromium against the real server on a fresh database:
// one scenario per role's main job, axe on each main page, screenshots at 1366×768 and phone/tablet.
import { sql } from 'kysely'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobs } from '../../src/jobs.js'
import { openDatabase } from '../../src/platform/db/open.js'
import { runJob } from '../../src/platform/jobs.js'
import { SYSTEM_SCOPE } from '../../src/platform/scope.js'
import { ACCOUNTS, COUNTY, MATTER, TOWNSHIP, VILLAGE } from './accounts.js'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, recordForeignRequests, screenshot, seriousViolations, startServer, TABLET, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => { server = await startServer(); browser = await launchBrowser() })
afterAll(async () => { for (const c of contexts) await c.close().catch(() => {}); await browser?.close(); await server?.stop() })

/** A resident id with a valid GB 11643 check digit. */
function residentId(first17: string) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  return first17 + '10X98765432'[[...first17].reduce((a, d, i) => a + Number(d) * w[i], 0) % 11]
}

async function signedIn(username: string, viewport = DESKTOP): Promise<{ page: Page; foreign: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  contexts.push(ctx)
  const page = await ctx.newPage()
  const foreign = recordForeignRequests(page, server.url)
  await page.goto(`${server.url}/console/`)
  await page.waitForURL(/\/console\/login/)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click()
  await page.waitForURL((u) => !u.pathname.includes('/login'))
  await page.getByRole('button', { name: /退\s*出|账户菜单/ }).waitFor()
  return { page, foreign }
}

async function go(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/console/${path}`)
  await page.getByRole('heading', { name: heading }).first().waitFor()
}

/** An antd Select: open it by its label, type, take the first match. */
async function pick(page: Page, label: string, text: string) {
  const box = page.getByRole('combobox', { name: label }).first()
  await box.click()
  await box.fill(text)
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click()
}

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page)
  expect(v, `${name}: ${JSON.stringify(v, null, 1)}`).toEqual([])
}

async function confirmModal(page: Page) {
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: /确\s*定/ }).click()
  await dialog.waitFor({ state: 'hidden' })
}

let caseUrl = ''

describe('staff console', () => {
  it('sign-in page: no foreign requests, accessible, desktop and phone', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    contexts.push(ctx)
    const page = await ctx.newPage()
    const foreign = recordForeignRequests(page, server.url)
    await page.goto(`${server.url}/console/cases`)
    await page.waitForURL(/\/console\/login\?redirect=/)
    await page.getByLabel('用户名').waitFor()
    await screenshot(page, 'console-sign-in-phone')
    await expectAccessible(page, 'sign-in')
    // A wrong password is said at the form, not as a blank page.
    await page.getByLabel('用户名').fill(ACCOUNTS.clerk)
    await page.getByLabel('密码').fill('wrong-password')
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor()
    // …and after signing in the user lands where they were sent from.
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByRole('heading', { name: '收件受理工作台' }).waitFor()
    expect(foreign).toEqual([])
  })

  it('window clerk: takes in, sends a one-time notice, records the supplement, accepts and prints the receipt', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.clerk)
    await go(page, 'cases/new', '新收件')
    await pick(page, '办理事项', MATTER)
    // The id number is checked as it is typed.
    const id = page.getByLabel('公民身份号码')
    await id.fill('34150219900307451')
    await page.getByText('公民身份号码应为 18 位').waitFor()
    const good = residentId('34150219900307451')
    await id.fill(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'))
    await page.getByText('校验码不符').waitFor()
    await id.fill(good)
    await page.getByLabel('姓名').fill('张三')
    await page.getByLabel('联系电话').fill('13800000000')
    await page.getByLabel('残疾人证申请表').check()
    await screenshot(page, 'console-intake-desktop')
    await expectAccessible(page, 'intake')
    await page.getByRole('button', { name: /收\s*件/ }).click()
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/)
    caseUrl = page.url().split('?')[0]
    await page.getByText('已收件待受理').first().waitFor()
    await page.getByText(/查询码：[A-Z0-9]+/).waitFor()

    // Three materials are missing: one notice lists them all (prefilled from the checklist).
    await page.getByRole('button', { name: '一次性告知补正' }).click()
    await expect.poll(() => page.getByRole('dialog').locator('input').count()).toBeGreaterThanOrEqual(6)
    await confirmModal(page)
    await page.getByText('待补正（已一次性告知）').first().waitFor()
    const notice = await page.getByRole('link', { name: /打印一次性告知书/ }).getAttribute('href')
    const doc = await page.context().newPage()
    await doc.goto(`${server.url}${notice}`)
    await doc.getByRole('heading', { name: '补正材料一次性告知书' }).waitFor()
    expect(await doc.locator('article').innerText()).toContain('居民户口簿')
    await doc.emulateMedia({ media: 'print' })
    await screenshot(doc, 'console-notice-print')
    await doc.close()

    // The applicant brings the rest; the clerk records it and accepts.
    await page.getByRole('button', { name: '登记补正材料' }).click()
    await confirmModal(page)
    await page.getByText('已收件待受理').first().waitFor()
    await page.getByRole('button', { name: /^受\s*理$/ }).click()
    await confirmModal(page)
    await page.getByText('已受理').first().waitFor()
    await screenshot(page, 'console-case-detail-desktop')
    await expectAccessible(page, 'case detail')

    const receipt = await page.getByRole('link', { name: /打印受理凭证/ }).getAttribute('href')
    const r = await page.context().newPage()
    await r.goto(`${server.url}${receipt}`)
    await r.getByRole('heading', { name: '受理凭证' }).waitFor()
    const text = await r.locator('article').innerText()
    for (const s of ['张三', '残疾人证核发', '金安区', '已收材料', '办理时限']) expect(text).toContain(s)
    await r.emulateMedia({ media: 'print' })
    await screenshot(r, 'console-receipt-print')
    await expectAccessible(r, 'receipt')
    await r.close()

    await go(page, 'cases', '收件受理工作台')
    await page.getByRole('tab', { name: '全部' }).click()
    await page.getByText('残疾人证核发').first().waitFor()
    await screenshot(page, 'console-workqueue-desktop')
    await expectAccessible(page, 'workqueue')
    await page.setViewportSize(TABLET)
    await screenshot(page, 'console-workqueue-tablet')
    await page.setViewportSize(PHONE)
    await screenshot(page, 'console-workqueue-phone')
    expect(foreign).toEqual([])
  })

  it('reviewer reviews and approver decides, with the reasons recorded', async () => {
    expect(caseUrl).not.toBe('')
    const rev = await signedIn(ACCOUNTS.reviewer)
    await go(rev.page, 'review', '待审核')
    await rev.page.getByText('残疾人证核发').first().waitFor()
    await rev.page.goto(caseUrl)
    await rev.page.getByRole('button', { name: /^审\s*核$/ }).click()
    await rev.page.getByLabel('审核意见').fill('材料齐全，符合条件')
    await confirmModal(rev.page)
    await rev.page.getByText('已审核').first().waitFor()

    const { page } = await signedIn(ACCOUNTS.approver)
    await go(page, 'decide', '待决定')
    await page.getByText('残疾人证核发').first().waitFor()
    await screenshot(page, 'console-decide-queue-desktop')
    await expectAccessible(page, 'decide queue')
    await page.goto(caseUrl)
    // Only this user's steps are offered: no intake actions for an approver.
    await page.getByRole('button', { name: '作出决定' }).waitFor()
    expect(await page.getByRole('button', { name: /^受\s*理$/ }).count()).toBe(0)
    await page.getByRole('button', { name: '作出决定' }).click()
    await page.getByLabel('理由').fill('经评定符合残疾标准')
    await confirmModal(page)
    await page.getByText('已作出决定').first().waitFor()
    await page.getByText('经评定符合残疾标准').waitFor()
  })

  it('center admin entrusts a matter; the entrusted township is refused a re-entrustment at the field (art. 24)', async () => {
    const { page } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'admin/grants', '下放与委托')
    await pick(page, '获得授权的下级单位', TOWNSHIP)
    await pick(page, '事项', '3415-NY-XK-0002')
    await page.getByLabel('文号').fill('金政〔2026〕99号')
    await page.getByLabel('法律依据').fill('《中华人民共和国行政许可法》第二十四条')
    await screenshot(page, 'console-grants-desktop')
    await expectAccessible(page, 'grants')
    await page.getByRole('button', { name: /^授\s*权$/ }).click()
    await page.getByText('已授权').waitFor()

    const t = await signedIn(ACCOUNTS.townshipAdmin)
    await go(t.page, 'admin/grants', '下放与委托')
    await pick(t.page, '获得授权的下级单位', VILLAGE)
    await pick(t.page, '事项', '3415-NY-XK-0002')
    await t.page.getByLabel('文号').fill('中市〔2026〕1号')
    await t.page.getByLabel('法律依据').fill('转委托')
    await t.page.getByRole('button', { name: /^授\s*权$/ }).click()
    // The refusal is shown at the matter field, in the law's words.
    const field = t.page.locator('.ant-form-item').filter({ has: t.page.getByRole('combobox', { name: '事项' }) })
    await field.getByText('第二十四条').waitFor()
    await screenshot(t.page, 'console-grant-refused-desktop')
  })

  it('inspector records an inspection with a photo', async () => {
    const { page } = await signedIn(ACCOUNTS.inspector)
    await go(page, 'standards/inspect', '标准化建设检查')
    await pick(page, '被检查单位', TOWNSHIP)
    await page.getByText('服务大厅办公面积').waitFor()
    // Fill every item: booleans “符合”, numbers generously, texts with the unit's sign, photos.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    for (const radio of await page.getByRole('radio', { name: '符合' }).all()) await radio.check()
    for (const n of await page.locator('.ant-input-number input').all()) await n.fill('500')
    for (const input of await page.locator('form input.ant-input[type="text"], form input.ant-input:not([type])').all()) await input.fill('中市街道为民服务中心')
    const uploads = await page.locator('input[type="file"]').all()
    for (const u of uploads) await u.setInputFiles([{ name: 'hall-1.png', mimeType: 'image/png', buffer: png }, { name: 'hall-2.png', mimeType: 'image/png', buffer: png }])
    await expect.poll(() => page.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading):not(.ant-upload-list-item-error)').count()).toBeGreaterThanOrEqual(uploads.length * 2)
    await screenshot(page, 'console-inspection-desktop')
    await expectAccessible(page, 'inspection')
    await page.getByRole('button', { name: '提交检查记录' }).click()
    await page.getByText('已记录对').waitFor()
    await go(page, 'standards/stations', '站点与达标')
    await screenshot(page, 'console-stations-desktop')
    await expectAccessible(page, 'stations')
  })

  it('the township answers a rectification task without a photo; the county inspector accepts it', async () => {
    const { page: inspector } = await signedIn(ACCOUNTS.inspector)
    const title = '暗访发现未公示办事指南'
    const opened = await inspector.request.post(`${server.url}/api/units/${TOWNSHIP}/rectifications`,
      { data: { title, dueInWorkingDays: 5 }, headers: { origin: server.url } })
    expect(opened.status()).toBe(201)
    const { page } = await signedIn(ACCOUNTS.townshipAdmin)
    await go(page, 'standards/rectifications', '整改任务')
    const row = page.getByRole('row').filter({ hasText: title })
    await row.getByRole('button', { name: '上报整改' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('整改情况（做了什么）').fill('已在大厅张贴最新办事指南')
    await dialog.getByRole('button', { name: /上\s*报/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.getByText('已上报待核验').waitFor()
    expect(await row.getByRole('button', { name: '核验通过' }).count()).toBe(0) // not the station's to accept
    await screenshot(page, 'console-rectifications-desktop')
    await expectAccessible(page, 'rectifications')
    await go(inspector, 'standards/rectifications', '整改任务')
    const theirs = inspector.getByRole('row').filter({ hasText: title })
    await theirs.getByRole('button', { name: '核验通过' }).click()
    await inspector.getByRole('dialog').getByRole('button', { name: '核验通过' }).click()
    await theirs.getByText('已核验').waitFor()
  })

  it('supervisor sees a red warning on the board', async () => {
    // Make a submitted case overdue for acceptance: stop the server, move its acceptance deadline
    // into the past on the same database, start again (the server's clock is the real one).
    const { page: clerk } = await signedIn(ACCOUNTS.clerk)
    await go(clerk, 'cases/new', '新收件')
    await pick(clerk, '办理事项', MATTER)
    await clerk.getByLabel('公民身份号码').fill(residentId('34150219850101123'))
    await clerk.getByLabel('姓名').fill('李四')
    await clerk.getByLabel('联系电话').fill('13900000000')
    await clerk.getByRole('button', { name: /收\s*件/ }).click()
    await clerk.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/)
    const dataDir = server.dataDir
    await server.stop({ keepData: true })
    const db = await openDatabase({ DATABASE_URL: undefined, DATA_DIR: dataDir } as any)
    await db.scoped(SYSTEM_SCOPE, (tx) => sql`update cases set acceptance_deadline = date '2026-11-20' where status = 'submitted' and unit_code = ${COUNTY}`.execute(tx))
    // The sweep records the red warning (its id, the answer deadline): what an answer or an escalation acts on.
    await runJob(db, 'supervision:warnings', new Date(), createJobs({ outboxTransport: null }))
    await db.close()
    server = await startServer({}, { dataDir })

    const { page } = await signedIn(ACCOUNTS.supervisor)
    await go(page, 'oversight/warnings', '办件预警')
    await page.getByText('红色预警（已超期）').nth(1).waitFor()
    await screenshot(page, 'console-warnings-desktop')
    await expectAccessible(page, 'warnings')
    // The county's own supervisor may not escalate its own unit's warning; the city's supervisor may (升级督办).
    expect(await page.getByRole('button', { name: '升级督办' }).count()).toBe(0)
    const { page: city } = await signedIn(ACCOUNTS.citySupervisor)
    await go(city, 'oversight/warnings', '办件预警')
    await city.getByRole('button', { name: '升级督办' }).first().click()
    const dialog = city.getByRole('dialog')
    await dialog.getByLabel('升级督办的理由').fill('超期未受理，请市级督办')
    await dialog.getByRole('button', { name: /提\s*交/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await city.getByText(/升级督办：超期未受理，请市级督办/).first().waitFor()
    await screenshot(city, 'console-warnings-escalated-desktop')
    await expectAccessible(city, 'warnings (escalated)')
    await go(page, 'oversight/figures', /统计分析/)
    await page.locator('canvas').first().waitFor()
    await screenshot(page, 'console-figures-desktop')
    await expectAccessible(page, 'figures')
  })
})
