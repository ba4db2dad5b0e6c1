// Hall services in the console and on the hall's TV, end to end in Debian's Chromium against the real
// server on a fresh database: an admin edits a hall; a window clerk calls the next ticket and the hall
// display shows it live (SSE, masked name); a window answers a consultation; a publicity list is
// published (masked preview) and an objection answered. axe on each page; screenshots at desktop and phone.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS, COUNTY } from './accounts.js'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, recordForeignRequests, screenshot, seriousViolations, startServer, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => { server = await startServer(); browser = await launchBrowser() })
afterAll(async () => { for (const c of contexts) await c.close().catch(() => {}); await browser?.close(); await server?.stop() })

const tokens = new Map<string, string>()
/** The API as a user (Bearer), for fixtures the scenario does not click through. */
async function apiAs(username: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (username) {
    if (!tokens.has(username)) {
      const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
      tokens.set(username, ((await r.json()) as any).token)
    }
    headers.authorization = `Bearer ${tokens.get(username)}`
  }
  const r = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const json: any = await r.json().catch(() => null)
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
  return json
}

async function newPage(viewport = DESKTOP) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  contexts.push(ctx)
  const page = await ctx.newPage()
  return { page, foreign: recordForeignRequests(page, server.url) }
}

async function signedIn(username: string, viewport = DESKTOP): Promise<{ page: Page; foreign: string[] }> {
  const { page, foreign } = await newPage(viewport)
  await page.goto(`${server.url}/console/`)
  await page.waitForURL(/\/console\/login/)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click()
  await page.waitForURL((u) => !u.pathname.includes('/login'))
  await page.getByRole('button', { name: /退\s*出/ }).waitFor()
  return { page, foreign }
}

async function go(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/console/${path}`)
  await page.getByRole('heading', { name: heading }).first().waitFor()
}

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page)
  expect(v, `${name}: ${JSON.stringify(v, null, 1)}`).toEqual([])
}

let hallId = ''
let groupA = ''

describe('hall services', () => {
  it('an admin edits a hall (address, hours, phone)', async () => {
    const halls = await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/halls`)
    const hall = halls.items[0]
    hallId = hall.id
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'hall/halls', '大厅与分中心')
    await page.getByRole('button', { name: `修改大厅：${hall.name}` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('地址').fill('金安区梅山南路 100 号')
    await dialog.getByLabel('开放时间').fill('工作日 9:00–12:00 13:30–17:00')
    await dialog.getByLabel('电话').fill('0564-3370000')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('cell', { name: '金安区梅山南路 100 号' }).waitFor()
    expect((await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/halls`)).items[0]).toMatchObject({ address: '金安区梅山南路 100 号', phone: '0564-3370000' })
    await expectAccessible(page, 'halls')
    await screenshot(page, 'hall-admin-halls-desktop')
    await page.setViewportSize(PHONE)
    await screenshot(page, 'hall-admin-halls-phone')
    expect(foreign).toEqual([])
  })

  it('a window clerk calls the next ticket and the hall display shows it live, name masked', async () => {
    groupA = (await apiAs(ACCOUNTS.countyAdmin, 'POST', `/api/units/${COUNTY}/halls/${hallId}/groups`, { prefix: 'A', name: '企业开办', matterCodes: ['3415-SCJG-XK-0001'] })).id
    const windows = (await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/windows?limit=200`)).items
    const w1 = windows.find((w: any) => w.number === '1')
    await apiAs(ACCOUNTS.countyAdmin, 'PUT', `/api/units/${COUNTY}/windows/${w1.id}/groups`, { groupIds: [groupA] })
    const ticket = await apiAs(null, 'POST', `/api/public/units/${COUNTY}/halls/${hallId}/tickets`, { groupId: groupA, channel: 'kiosk', name: '王小明' })
    expect(ticket.number).toBe('A001')

    // The TV first: it must receive the call over the stream, not from a reload.
    const tv = await newPage(DESKTOP)
    await tv.page.goto(`${server.url}/halls/${COUNTY}/${hallId}/display`)
    await tv.page.getByRole('status').filter({ hasText: '实时连接正常' }).waitFor()
    expect(await tv.page.locator('#now-number').textContent()).toBe('—')

    const { page, foreign } = await signedIn(ACCOUNTS.clerk)
    await go(page, 'hall/calling', '窗口叫号')
    await page.getByRole('button', { name: '叫下一个号' }).click()
    await page.getByText('语音播报：请A001号到1号窗口').waitFor()
    await page.getByRole('button', { name: /重\s*呼/ }).waitFor()
    await expectAccessible(page, 'calling')
    await screenshot(page, 'hall-calling-desktop')
    await page.setViewportSize(PHONE)
    await screenshot(page, 'hall-calling-phone')
    expect(foreign).toEqual([])

    await tv.page.locator('#now-number', { hasText: 'A001' }).waitFor({ timeout: 15_000 })
    expect(await tv.page.locator('#now-window').textContent()).toBe('请到 1 号窗口')
    expect(await tv.page.locator('#now-name').textContent()).toBe('王**')
    expect(await tv.page.content()).not.toContain('王小明')
    await expectAccessible(tv.page, 'hall display')
    await screenshot(tv.page, 'hall-display-desktop', { fullPage: false })
    await tv.page.setViewportSize(PHONE)
    await screenshot(tv.page, 'hall-display-phone')
    expect(tv.foreign).toEqual([])
  })

  it('a window answers a consultation within its limit', async () => {
    const asked = await apiAs(null, 'POST', `/api/public/units/${COUNTY}/consultations`, { matterCode: '3415-SCJG-XK-0001', question: '开办个体工商户需要带哪些材料？', name: '李四' })
    const { page, foreign } = await signedIn(ACCOUNTS.clerk)
    await go(page, 'hall/consultations', '在线咨询')
    const row = page.getByRole('row').filter({ hasText: asked.questionNo })
    await row.waitFor()
    await screenshot(page, 'hall-consultations-desktop')
    await expectAccessible(page, 'consultations')
    await row.getByRole('button', { name: /答\s*复/ }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('答复内容').fill('请携带身份证原件和经营场所证明。')
    await dialog.getByRole('button', { name: /提\s*交/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('已答复', { exact: true }).first().click()
    await page.getByRole('row').filter({ hasText: asked.questionNo }).waitFor()
    const look = await apiAs(null, 'GET', `/api/public/consultations/${asked.questionNo}?queryCode=${asked.queryCode}`)
    expect(look).toMatchObject({ status: 'answered', answer: '请携带身份证原件和经营场所证明。' })
    await page.setViewportSize(PHONE)
    await screenshot(page, 'hall-consultations-phone')
    expect(foreign).toEqual([])
  })

  it('a publicity list is published with its masked preview and an objection is answered', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'hall/publicity', '结果公示')
    await page.getByRole('button', { name: '发布公示' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('类型').fill('低保')
    await dialog.getByLabel('标题').fill('2026 年 12 月城乡低保新增对象公示')
    await dialog.getByLabel('公示依据').fill('《社会救助暂行办法》第十一条')
    await dialog.getByLabel(/名单/).fill('张三丰,341502199003071235,13812345678,村组=红街一组,金额=580元/月\n李小红,,,村组=南门二组')
    await dialog.getByRole('button', { name: /发\s*布/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('cell', { name: '张**' }).waitFor()
    await page.getByRole('cell', { name: '341502********1235' }).waitFor()
    expect(await page.getByText('张三丰').count()).toBe(0)
    const list = (await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/publicity`)).items[0]
    await apiAs(null, 'POST', `/api/public/units/${COUNTY}/publicity/${list.id}/objections`, { text: '张三丰家有经营性收入，不符合条件。', name: '赵六', phone: '13900001111', rowOrd: 1 })
    await page.reload()
    await page.getByRole('button', { name: `查看与异议：${list.title}` }).click()
    await page.getByRole('cell', { name: '张三丰家有经营性收入，不符合条件。' }).waitFor()
    await screenshot(page, 'hall-publicity-desktop')
    await expectAccessible(page, 'publicity')
    await page.getByRole('button', { name: /答\s*复/ }).click()
    const answer = page.getByRole('dialog')
    await answer.getByLabel('答复内容').fill('经入户核查，该户经营收入已计入，人均收入仍低于标准。')
    await answer.getByRole('button', { name: /提\s*交/ }).click()
    await answer.waitFor({ state: 'hidden' })
    await page.getByRole('cell', { name: '经入户核查，该户经营收入已计入，人均收入仍低于标准。' }).waitFor()
    await page.setViewportSize(PHONE)
    await screenshot(page, 'hall-publicity-phone')
    expect(foreign).toEqual([])
  })
})
