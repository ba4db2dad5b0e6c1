// The portal in a real browser on the demo tenant, as a villager would use it: from the city
// down to 迎宾居委会, read a guide, apply online at 中市街道, track with the code, file and
// follow a complaint. JavaScript is off: every page works as plain HTML. axe finds nothing
// serious; screenshots at a phone and a desktop size go to reports/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, recordForeignRequests, screenshot, seriousViolations, startServer, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
let phone: BrowserContext, desktop: BrowserContext
// The server's clock starts on a known working day at 10:00 (CLOCK_START) and runs on, so the
// booking and ticket scenarios never meet a weekend, a holiday or midnight, whenever CI runs.
const CLOCK_START = '2026-11-24T10:00:00+08:00'
let clockT0 = 0
const serverNow = () => new Date(Date.parse(CLOCK_START) + (Date.now() - clockT0))
beforeAll(async () => {
  clockT0 = Date.now()
  server = await startServer({ CLOCK_START })
  browser = await launchBrowser()
  phone = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  desktop = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
})
afterAll(async () => { await browser?.close(); await server?.stop() })

async function check(page: Page, name: string) {
  // axe needs scripts: run it in a scripted copy of the same HTML.
  const html = await page.content()
  const ctx = await browser.newContext({ viewport: page.viewportSize()!, timezoneId: 'Asia/Shanghai' })
  const copy = await ctx.newPage()
  await copy.route('**/*', (r) => r.request().url() === `${server.url}/__axe` ? r.fulfill({ body: html, contentType: 'text/html' }) : r.continue())
  await copy.goto(`${server.url}/__axe`)
  expect(await seriousViolations(copy), name).toEqual([])
  await ctx.close()
  await screenshot(page, name)
}

it('finds a matter from the city down to a village and reads its guide', async () => {
  for (const [ctx, size] of [[phone, '375'], [desktop, '1366']] as const) {
    const page = await ctx.newPage()
    const foreign = recordForeignRequests(page, server.url)
    await page.goto(server.url)
    await check(page, `portal-home-${size}`)
    await page.getByRole('link', { name: '六安市', exact: true }).click()
    await page.getByRole('link', { name: '金安区', exact: true }).click()
    await check(page, `portal-county-${size}`)
    await page.getByRole('link', { name: '中市街道', exact: true }).click()
    await page.getByRole('link', { name: '迎宾居委会', exact: true }).click()
    expect((await page.locator('h1').innerText()).trim()).toBe('迎宾居委会为民服务工作站')
    await page.getByRole('link', { name: '在这里可以办的事' }).click()
    await check(page, `portal-village-matters-${size}`)
    await page.getByRole('link', { name: '高龄津贴申请代办' }).click()
    expect((await page.locator('h1').innerText()).trim()).toBe('高龄津贴申请代办')
    const text = await page.locator('main').innerText()
    expect(text).toContain('可代办')
    expect(text).toContain('申请材料')
    await check(page, `portal-guide-${size}`)
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, `portal-guide-print-${size}`)
    await page.emulateMedia({ media: 'screen' })
    expect(foreign).toEqual([])
    await page.close()
  }
})

it('applies online, keeps the code, tracks the case; a wrong code shows nothing', async () => {
  const page = await phone.newPage()
  await page.goto(`${server.url}/?q=${encodeURIComponent('中市街道')}`)
  await page.getByRole('link', { name: '中市街道为民服务中心' }).first().click()
  await page.getByRole('link', { name: '在这里可以办的事' }).click()
  await page.getByLabel('可网办').check()
  await page.getByRole('button', { name: '筛选' }).click()
  await page.getByRole('link', { name: '高龄津贴申领', exact: true }).click()
  await page.getByRole('link', { name: '网上申请' }).click()
  // A wrong ID number: the form again, the error at the field, in Chinese.
  await page.getByLabel('申请人姓名或单位名称（必填）').fill('张三')
  await page.getByLabel('身份证号或统一社会信用代码（必填）').fill('341502199003071234')
  await page.getByLabel('联系电话（必填）').fill('13812345678')
  await page.getByRole('button', { name: '提交申请' }).click()
  expect(await page.locator('#f-applicant-idNumber-error').innerText()).toContain('公民身份号码不正确')
  await check(page, 'portal-apply-errors-375')
  await page.getByLabel('身份证号或统一社会信用代码（必填）').fill('341502199003071235')
  await page.getByLabel(/^申请人居民身份证/).setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n') })
  await page.getByRole('checkbox', { name: /本人承诺/ }).check()
  await page.getByRole('button', { name: '提交申请' }).click()
  expect((await page.locator('h1').innerText()).trim()).toBe('申请已提交')
  await check(page, 'portal-receipt-375')
  const dd = page.locator('dd.big')
  const receiptNo = (await dd.nth(0).innerText()).trim(), queryCode = (await dd.nth(1).innerText()).trim()
  expect(receiptNo).toMatch(/^341502001000-\d{8}-\d{5}$/)

  await page.getByRole('link', { name: '查询办件进度' }).click()
  await page.getByLabel('受理编号').fill(receiptNo)
  await page.getByLabel('查询码').fill('ZZZZZZZZ')
  await page.getByRole('button', { name: '查询' }).click()
  expect(await page.locator('main').innerText()).not.toContain('高龄津贴')
  expect(await page.getByRole('alert').innerText()).toContain('受理编号或查询码不正确')
  await page.getByLabel('查询码').fill(queryCode)
  await page.getByRole('button', { name: '查询' }).click()
  expect((await page.locator('h1').innerText()).trim()).toBe('高龄津贴申领')
  expect(await page.locator('main').innerText()).toContain('还缺的材料（一次性告知）')
  await check(page, 'portal-track-375')
  // Upload the missing file: the case goes back to the window.
  const png = (name: string) => ({ name, mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) })
  await page.locator('#f-file-0').setInputFiles(png('户口簿.png'))
  await page.locator('#f-file-1').setInputFiles(png('银行卡.png'))
  await page.getByRole('button', { name: '提交补正' }).click()
  expect(await page.getByRole('status').innerText()).toContain('补正材料已提交')
  expect(await page.locator('main').innerText()).toContain('待受理')
  await check(page, 'portal-track-supplemented-375')
  finished = { receiptNo, queryCode }
  await page.close()
})

let finished: { receiptNo: string; queryCode: string } | undefined
it('evaluates the case once after the staff finish it', async () => {
  expect(finished).toBeTruthy()
  const { receiptNo, queryCode } = finished!
  const town = receiptNo.slice(0, 12)
  const login = async (role: string) => {
    const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${town}-${role}`, password: DEMO_PASSWORD }) })
    expect(r.status).toBe(200)
    return { authorization: `Bearer ${((await r.json()) as any).token}`, 'content-type': 'application/json' }
  }
  const clerk = await login('window_clerk')
  const list = (await (await fetch(`${server.url}/api/cases?unit=${town}`, { headers: clerk })).json()) as any
  const id = (list.items ?? list).find((x: any) => x.receiptNo === receiptNo).id
  const act = async (headers: Record<string, string>, action: string, body: object = {}) => {
    const r = await fetch(`${server.url}/api/cases/${id}/${action}`, { method: 'POST', headers, body: JSON.stringify(body) })
    expect(r.status, `${action}: ${await r.clone().text()}`).toBe(200)
  }
  await act(clerk, 'accept')
  await act(await login('reviewer'), 'review', { opinion: '符合条件' })
  // The demo township holds no certify right for this matter (pack grants), so the case ends in a refusal delivered to the applicant.
  await act(await login('approver'), 'decide', { decision: 'deny', reasons: '申请人未满 80 周岁', remedy: '如不服，可依法申请行政复议或者提起行政诉讼' })
  await act(clerk, 'deliver', { method: 'pickup' })
  const page = await phone.newPage()
  await page.goto(`${server.url}/track`)
  await page.getByLabel('受理编号').fill(receiptNo)
  await page.getByLabel('查询码').fill(queryCode)
  await page.getByRole('button', { name: '查询' }).click()
  // The national indicators (办事效率, 办事指南精确度, …) beside the overall level; a 差评 starts the rectification path.
  await page.getByRole('button', { name: '提交评价' }).click()
  expect(await page.locator('main').innerText()).toContain('请选择一个评价等级')
  await page.getByRole('radio', { name: '不满意', exact: true }).check()
  await page.getByLabel('办事效率').selectOption({ label: '不满意' })
  await page.getByLabel('办事指南精确度').selectOption({ label: '基本满意' })
  await page.getByLabel('意见和建议（可不填）').fill('材料要求指南里写得不清楚，跑了两趟。')
  await check(page, 'portal-evaluate-375')
  await page.getByRole('button', { name: '提交评价' }).click()
  expect(await page.getByRole('status').innerText()).toContain('已评价：不满意。我们已收到您的差评，办理单位将在 15 个工作日内整改并回访。')
  expect(await page.locator('main').innerText()).toMatch(/整改中：办理单位须在 \d{4}-\d{2}-\d{2} 前整改并回访您/)
  expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0)
  await check(page, 'portal-evaluated-negative-375')
  // The unit answers the rectification; the citizen sees it on the same page, with the way to complain further.
  const admin = await login('center_admin')
  const negative = (await (await fetch(`${server.url}/api/units/${town}/evaluations?negative=true`, { headers: admin })).json()) as any
  const ev = (negative.items ?? negative).find((x: any) => x.receiptNo === receiptNo) ?? (negative.items ?? negative)[0]
  const fix = await fetch(`${server.url}/api/evaluations/${ev.id}/rectification`, { method: 'POST', headers: admin, body: JSON.stringify({ answer: '已修订办事指南的材料说明，并电话回访申请人。' }) })
  expect(fix.status, await fix.clone().text()).toBe(200)
  await page.goto(`${server.url}/track`)
  await page.getByLabel('受理编号').fill(receiptNo)
  await page.getByLabel('查询码').fill(queryCode)
  await page.getByRole('button', { name: '查询' }).click()
  const text = await page.locator('main').innerText()
  expect(text).toMatch(/已整改并答复（\d{4}-\d{2}-\d{2}）/)
  expect(text).toContain('已修订办事指南的材料说明，并电话回访申请人。')
  expect(await page.getByRole('link', { name: '投诉' }).count()).toBeGreaterThan(0)
  await check(page, 'portal-evaluation-rectified-375')
  // The unit's public 好差评 page counts it: one 差评, rectified, and the indicator rows.
  await page.goto(`${server.url}/units/${town}/evaluations`)
  const figures = await page.locator('main').innerText()
  expect(figures).toContain('1 件（')
  expect(figures).toContain('办事效率')
  await check(page, 'portal-evaluation-figures-375')
  await page.close()
})

it('files a complaint and follows it', async () => {
  const page = await desktop.newPage()
  await page.goto(`${server.url}/?q=${encodeURIComponent('迎宾')}`)
  await page.getByRole('link', { name: '迎宾居委会为民服务工作站' }).click()
  await page.getByRole('link', { name: '投诉' }).last().click()
  await page.getByRole('button', { name: '提交投诉' }).click()
  expect(await page.locator('#f-subject-error').isVisible()).toBe(true)
  await check(page, 'portal-complaint-errors-1366')
  await page.getByLabel('投诉事由（必填）').fill('工作日上午无人值守')
  await page.getByLabel('具体情况（必填）').fill('12 月 1 日上午九点到站，工作站无人，电话无人接听。')
  await page.getByLabel('联系电话（必填，用于回访，不公开）').fill('13812345678')
  await page.getByRole('button', { name: '提交投诉' }).click()
  expect((await page.locator('h1').innerText()).trim()).toBe('投诉已提交')
  const dd = page.locator('dd.big')
  const trackingNo = (await dd.nth(0).innerText()).trim(), code = (await dd.nth(1).innerText()).trim()
  await check(page, 'portal-complaint-receipt-1366')
  await page.getByRole('link', { name: '查询办理情况' }).click()
  await page.getByLabel('投诉编号').fill(trackingNo)
  await page.getByLabel('查询码').fill(code)
  await page.getByRole('button', { name: '查询' }).click()
  expect((await page.locator('h1').innerText()).trim()).toBe('投诉办理情况')
  expect(await page.locator('main').innerText()).toContain('办理中')
  await check(page, 'portal-complaint-follow-1366')
  await page.close()
})

// ---- Hall services on the portal (issue 18's public side), JavaScript off like the rest. ----
const TOWN = '341502001000' // 中市街道
const tokens = new Map<string, string>()
/** The API as a staff user (Bearer) or as nobody, for the fixtures and the staff's side of a scenario. */
async function api(username: string | null, method: string, path: string, body?: unknown) {
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
const shanghai = (d: Date, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', ...opts }).format(d)

describe('hall services on the portal', () => {
  const admin = `${TOWN}-center_admin`
  let hall = '', hallName = '', today = ''
  beforeAll(async () => {
    // The township's main hall (migration 016) gets a business group served at window 1 and slots
    // from a few minutes from now until the end of today (the server's clock: CLOCK_START above).
    const main = (await api(admin, 'GET', `/api/units/${TOWN}/halls`)).items.find((x: any) => x.kind === 'main')
    hall = main.id
    hallName = main.name
    const group = (await api(admin, 'POST', `/api/units/${TOWN}/halls/${hall}/groups`, { prefix: 'A', name: '综合业务' })).id
    const windows = (await api(admin, 'GET', `/api/units/${TOWN}/windows?limit=200`)).items
    for (const w of windows) {
      await api(admin, 'PUT', `/api/units/${TOWN}/windows/${w.id}/hall`, { hallId: hall })
      await api(admin, 'PUT', `/api/units/${TOWN}/windows/${w.id}/groups`, { groupIds: [group] })
    }
    const now = serverNow()
    today = shanghai(now, { year: 'numeric', month: '2-digit', day: '2-digit' })
    const starts = shanghai(new Date(now.getTime() + 3 * 60_000), { hour: '2-digit', minute: '2-digit' })
    const week = shanghai(new Date(now.getTime() + 7 * 86_400_000), { year: 'numeric', month: '2-digit', day: '2-digit' })
    await api(admin, 'POST', `/api/units/${TOWN}/halls/${hall}/slots`, { groupId: group, from: today, to: week, times: [{ starts, ends: '23:59', capacity: 5 }] })
  })

  it('books a slot, looks it up, checks in on the day and gets a priority ticket', async () => {
    for (const [ctx, size, person] of [[phone, '375', ['王小明', '341502199003071235', '13812341234']], [desktop, '1366', ['李小红', '341502199003071227', '13912341234']]] as const) {
      const page = await ctx.newPage()
      const foreign = recordForeignRequests(page, server.url)
      await page.goto(`${server.url}/units/${TOWN}`)
      await check(page, `portal-unit-halls-${size}`)
      await page.getByRole('link', { name: '预约', exact: true }).first().click()
      await page.getByRole('link', { name: '综合业务' }).click()
      await page.getByRole('button', { name: '确认预约' }).click() // nothing chosen: errors at the fields
      expect(await page.locator('#f-slotId-error').innerText()).toContain('请选择一个预约时段')
      await check(page, `portal-book-errors-${size}`)
      expect(await page.locator('h3').first().innerText()).toBe(today)
      await page.locator('input[name="slotId"]').first().check()
      await page.getByLabel('姓名').fill(person[0])
      await page.getByLabel('身份证号').fill(person[1])
      await page.getByLabel('手机号').fill(person[2])
      await page.getByRole('button', { name: '确认预约' }).click()
      expect((await page.locator('h1').innerText()).trim()).toBe('预约成功')
      expect(await page.locator('main').innerText()).not.toContain(person[1])
      await check(page, `portal-booked-${size}`)
      const dd = page.locator('dd.big')
      const bookingNo = (await dd.nth(0).innerText()).trim(), queryCode = (await dd.nth(1).innerText()).trim()
      expect(bookingNo).toMatch(new RegExp(`^${TOWN}-\\d{8}-Y\\d{4}$`))
      await page.getByRole('link', { name: '查询或取消预约' }).click()
      await page.getByLabel('预约号').fill(bookingNo)
      await page.getByLabel('查询码').fill(queryCode)
      await page.getByRole('button', { name: '查询' }).click()
      expect(await page.locator('main').innerText()).toContain('已预约')
      await check(page, `portal-appointment-${size}`)
      await page.getByRole('button', { name: '我已到大厅，签到取号' }).click()
      const ticket = await page.locator('.ticket').innerText()
      expect(ticket).toContain('绿色通道（优先叫号）')
      expect(ticket).toMatch(/前面还有 \d+ 人/)
      await check(page, `portal-checked-in-${size}`)
      expect(foreign).toEqual([])
      await page.close()
    }
  })

  it('takes a ticket from the phone page and from the kiosk', async () => {
    const page = await phone.newPage()
    const foreign = recordForeignRequests(page, server.url)
    await page.goto(`${server.url}/units/${TOWN}`)
    await page.getByRole('link', { name: '手机取号' }).first().click()
    expect((await page.locator('h1').innerText()).trim()).toBe(`${hallName} · 手机取号`)
    await check(page, 'portal-ticket-form-375')
    await page.getByRole('button', { name: 'A · 综合业务' }).click()
    const plain = await page.locator('.ticket').innerText()
    expect(plain).toMatch(/A\d{3}/)
    expect(plain).toContain('普通')
    const ahead = Number(/前面还有 (\d+) 人/.exec(plain)![1])
    await check(page, 'portal-ticket-375')
    // An elderly ticket taken later is called first: the ordinary one now has one more ahead of it.
    const other = await phone.newPage()
    await other.goto(`${server.url}/units/${TOWN}/halls/${hall}/ticket`)
    await other.getByLabel('老年人（60 周岁以上）').check()
    await other.getByRole('button', { name: 'A · 综合业务' }).click()
    expect(await other.locator('.ticket').innerText()).toContain('绿色通道（优先叫号）')
    await other.close()
    await page.getByRole('link', { name: '刷新等候人数' }).click()
    expect(await page.locator('.ticket').innerText()).toContain(`前面还有 ${ahead + 1} 人`)

    for (const [ctx, size] of [[desktop, '1366'], [phone, '375']] as const) {
      const kiosk = await ctx.newPage()
      await kiosk.goto(`${server.url}/units/${TOWN}/halls/${hall}/kiosk`)
      expect((await kiosk.locator('h1').innerText()).trim()).toBe(`${hallName} · 自助取号`)
      await check(kiosk, `portal-kiosk-${size}`)
      await kiosk.getByLabel('残疾人').check()
      await kiosk.getByRole('button', { name: 'A · 综合业务' }).click()
      expect(await kiosk.locator('.ticket').innerText()).toContain('绿色通道（优先叫号）')
      await check(kiosk, `portal-kiosk-ticket-${size}`)
      await kiosk.getByRole('link', { name: '返回取号' }).click()
      expect(kiosk.url()).toBe(`${server.url}/units/${TOWN}/halls/${hall}/kiosk`)
      await kiosk.close()
    }
    expect(foreign).toEqual([])
    await page.close()
  })

  it('asks a consultation, staff answer it, the citizen reads the reply and rates it', async () => {
    const page = await phone.newPage()
    const foreign = recordForeignRequests(page, server.url)
    await page.goto(`${server.url}/units/${TOWN}/ask`)
    await page.getByRole('button', { name: '提交咨询' }).click()
    expect(await page.locator('main').innerText()).toContain('请选择咨询的事项')
    await check(page, 'portal-ask-errors-375')
    await page.getByLabel('咨询的事项').selectOption({ label: '高龄津贴申领' })
    await page.getByLabel('咨询内容').fill('父亲今年刚满八十周岁，高龄津贴从哪个月开始发？')
    await page.getByLabel('姓名').fill('张三')
    await page.getByRole('button', { name: '提交咨询' }).click()
    expect((await page.locator('h1').innerText()).trim()).toBe('咨询已提交')
    await check(page, 'portal-asked-375')
    const dd = page.locator('dd.big')
    const questionNo = (await dd.nth(0).innerText()).trim(), queryCode = (await dd.nth(1).innerText()).trim()
    const look = async () => {
      await page.goto(`${server.url}/consultations`)
      await page.getByLabel('咨询编号').fill(questionNo)
      await page.getByLabel('查询码').fill(queryCode)
      await page.getByRole('button', { name: '查询' }).click()
    }
    await look()
    expect(await page.locator('main').innerText()).toContain('待答复')
    const clerk = `${TOWN}-window_clerk`
    const list = await api(clerk, 'GET', `/api/units/${TOWN}/consultations`)
    const row = (list.items ?? list).find((x: any) => x.questionNo === questionNo)
    await api(clerk, 'POST', `/api/units/${TOWN}/consultations/${row.id}/answer`, { answer: '自满 80 周岁的次月起发放，请携带户口簿到村（居）委会申请。' })
    await look()
    expect(await page.locator('main').innerText()).toContain('自满 80 周岁的次月起发放')
    await check(page, 'portal-consultation-answered-375')
    await page.getByRole('button', { name: '提交评价' }).click()
    expect(await page.locator('#f-rating-error').innerText()).toContain('请选择 1–5 分中的一项')
    await page.getByRole('radio', { name: /^4 分/ }).check()
    await page.getByRole('button', { name: '提交评价' }).click()
    expect(await page.locator('main').innerText()).toContain('4 分 满意')
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0)
    await check(page, 'portal-consultation-rated-375')
    expect(foreign).toEqual([])
    await page.close()
  })

  it('reads a masked publicity list, lodges an objection and sees it answered', async () => {
    const list = await api(admin, 'POST', `/api/units/${TOWN}/publicity`, {
      type: '低保', title: '2026 年 12 月城乡低保新增对象公示', basis: '《社会救助暂行办法》第十一条', periodDays: 5, endAction: 'archive',
      rows: [{ name: '张三丰', idNumber: '341502199003071235', phone: '13812345678', items: { 村组: '红街一组', 金额: '580 元/月' } }, { name: '李小红', items: { 村组: '南门二组', 金额: '420 元/月' } }],
    })
    for (const [ctx, size] of [[phone, '375'], [desktop, '1366']] as const) {
      const page = await ctx.newPage()
      const foreign = recordForeignRequests(page, server.url)
      await page.goto(`${server.url}/units/${TOWN}/publicity`)
      await check(page, `portal-publicity-list-${size}`)
      await page.getByRole('link', { name: list.title }).click()
      const text = await page.locator('main').innerText()
      for (const s of ['张**', '341502********1235', '138****5678', '李**', '红街一组']) expect(text).toContain(s)
      for (const s of ['张三丰', '341502199003071235', '13812345678', '李小红']) expect(await page.content()).not.toContain(s)
      await check(page, `portal-publicity-${size}`)
      expect(foreign).toEqual([])
      await page.close()
    }
    const page = await phone.newPage()
    await page.goto(`${server.url}/units/${TOWN}/publicity/${list.id}`)
    await page.getByRole('button', { name: '提交异议' }).click()
    expect(await page.locator('main').innerText()).toContain('请填写异议内容')
    await check(page, 'portal-objection-errors-375')
    await page.getByLabel('针对第几条（可不填）').fill('1')
    await page.getByLabel('异议内容').fill('第一户家中有经营性收入，不符合条件。')
    await page.getByLabel('您的姓名').fill('赵六')
    await page.getByLabel('联系电话').fill('13900001111')
    await page.getByRole('button', { name: '提交异议' }).click()
    expect(await page.getByRole('status').innerText()).toContain('异议已受理')
    expect(await page.content()).not.toContain('13900001111')
    const o = (await api(admin, 'GET', `/api/units/${TOWN}/publicity/${list.id}`)).objections[0]
    await api(admin, 'POST', `/api/units/${TOWN}/publicity/${list.id}/objections/${o.id}/answer`, { answer: '经入户核查，该户经营收入已计入，人均收入仍低于标准。' })
    await page.goto(`${server.url}/units/${TOWN}/publicity/${list.id}`)
    const text = await page.locator('main').innerText()
    expect(text).toContain('第一户家中有经营性收入，不符合条件。')
    expect(text).toContain('经入户核查，该户经营收入已计入，人均收入仍低于标准。')
    expect(text).not.toContain('赵六')
    await check(page, 'portal-objection-answered-375')
    await page.close()
  })
})

it('evaluates a window visit from the ticket’s QR link, once (好差评 without an online case)', async () => {
  const { visitNo, evaluationCode } = await api(`${TOWN}-window_clerk`, 'POST', `/api/units/${TOWN}/visits`, {})
  for (const [ctx, size] of [[phone, 375], [desktop, 1366]] as const) {
    const page = await ctx.newPage()
    await page.goto(`${server.url}/evaluate?visit=${visitNo}`)
    expect(await page.inputValue('#f-visitNo')).toBe(visitNo)
    await check(page, `portal-visit-evaluate-${size}`)
    await page.close()
  }
  const page = await phone.newPage()
  await page.goto(`${server.url}/evaluate?visit=${visitNo}`)
  await page.fill('#f-evaluationCode', evaluationCode)
  await page.check('input[name=level][value=very_satisfied]')
  await page.selectOption('#f-ind-attitude', 'very_satisfied')
  await page.click('button[type=submit]')
  expect(await page.locator('main').innerText()).toContain('已评价：非常满意')
  await check(page, 'portal-visit-evaluated-375')
  await page.goto(`${server.url}/evaluate?visit=${visitNo}`)
  await page.fill('#f-evaluationCode', evaluationCode)
  await page.check('input[name=level][value=satisfied]')
  await page.click('button[type=submit]')
  expect(await page.locator('main').innerText()).toContain('每张凭条只能评价一次')
  await page.close()
})
