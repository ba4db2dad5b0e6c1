// The portal in a real browser on the demo tenant, as a villager would use it: from the city
// down to 迎宾居委会, read a guide, apply online at 中市街道, track with the code, file and
// follow a complaint. JavaScript is off: every page works as plain HTML. axe finds nothing
// serious; screenshots at a phone and a desktop size go to reports/screenshots/.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, recordForeignRequests, screenshot, seriousViolations, startServer, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
let phone: BrowserContext, desktop: BrowserContext
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  phone = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'zh-CN' })
  desktop = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'zh-CN' })
})
afterAll(async () => { await browser?.close(); await server?.stop() })

async function check(page: Page, name: string) {
  // axe needs scripts: run it in a scripted copy of the same HTML.
  const html = await page.content()
  const ctx = await browser.newContext({ viewport: page.viewportSize()! })
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
  await page.getByRole('radio', { name: '非常满意' }).check()
  await check(page, 'portal-evaluate-375')
  await page.getByRole('button', { name: '提交评价' }).click()
  expect(await page.getByRole('status').innerText()).toContain('已评价：非常满意')
  await page.getByRole('radio', { name: '满意', exact: true }).check()
  await page.getByRole('button', { name: '提交评价' }).click()
  expect(await page.getByRole('alert').innerText()).toContain('该办件已评价过')
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
