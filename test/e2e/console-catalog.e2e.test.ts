// The catalog editor end to end (issue 16): the county's center admin adds a local matter to the
// draft through the form (materials, limits, a fee), sees the API's 八公开 refusals at their fields,
// corrects them, sees the diff against the published catalog, publishes, reads the versions and the
// catalog as of a date; the public portal lists the matter afterwards. And the clerk's workqueue on
// a tablet: 即将超期 asks the API by working days, the case table fits its card without sideways scroll.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS, COUNTY } from './accounts.js'
import { DESKTOP, expectAccessible, expectFits, launchBrowser, screenshot, signIn, startServer, TABLET, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => { server = await startServer(); browser = await launchBrowser() }, 180_000)
afterAll(async () => { if (process.env.E2E_SERVER_LOG) console.log(server?.output().slice(-3000)); for (const c of contexts) await c.close().catch(() => {}); await browser?.close(); await server?.stop() })

const signedIn = (username: string, viewport = DESKTOP) => signIn(browser, server.url, username, viewport)
/** An antd Select: open it by its label, type (if it searches), take the first match. */
async function pick(page: Page, label: string, text: string, scope: Pick<Page, 'getByRole'> = page) {
  const box = scope.getByRole('combobox', { name: label }).first()
  await box.click()
  if (await box.isEditable()) await box.fill(text) // a select without search only opens
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}
/** The county's own matter the scenario adds (a local matter, not one taken from the city). */
const LOCAL = '341502-DAG-GG-0001'

describe('catalog editor', () => {
  it('a county admin adds a local matter to the draft, sees the diff, publishes; versions, as of a date; the portal lists it', async () => {
    const { page, foreign } = await signedIn(ACCOUNTS.countyAdmin)
    await page.goto(`${server.url}/console/admin/catalog`)
    await page.getByRole('heading', { name: '事项目录' }).waitFor()
    const before = await (await fetch(`${server.url}/api/public/units/${COUNTY}/matters`)).json() as any
    expect((before.items ?? before).some((m: any) => m.matterCode === LOCAL)).toBe(false)
    await page.getByRole('tab', { name: /^草稿（/ }).click()
    await page.getByRole('button', { name: '新增事项' }).click()
    const drawer = page.getByRole('dialog', { name: '新增事项草稿' })
    // A field by its whole label (a required one reads "* 事项编码"; 被代办事项编码 is another field).
    const whole = (label: string) => new RegExp(`^(\\* )?${label.replace(/[()（）]/g, '\\$&')}$`)
    const field = (label: string) => drawer.getByLabel(whole(label))
    await field('事项编码').fill(LOCAL)
    await field('事项名称').fill('城乡居民档案查阅复制')
    await field('实施部门').fill('金安区档案馆')
    // Materials: two rows, one of them optional.
    await drawer.getByRole('button', { name: '添加材料' }).click()
    await field('材料 1 名称').fill('查阅申请表')
    await drawer.getByRole('button', { name: '添加材料' }).click()
    await field('材料 2 名称').fill('居民身份证')
    await pick(page, '材料 2 形式', '原件及复印件', drawer)
    // Limits: 法定 20, 承诺 30 — longer than the law allows; and a 行政许可 without its 设定依据.
    await field('法定时限（天）').fill('20')
    await field('承诺时限（天）').fill('30')
    // The fee: a charged matter lists its items.
    await field('不收费').uncheck()
    await drawer.getByRole('button', { name: '添加收费项目' }).click()
    await field('收费项目 1 名称').fill('档案复制费')
    await field('收费依据').fill('皖价费〔2019〕12号')
    await field('金额（元）').fill('0.5')
    await field('结果名称').fill('档案复制件')
    await drawer.getByRole('button', { name: '保存草稿' }).click()
    // The API's refusals at their fields, in Chinese.
    const item = (label: string) => drawer.locator('.ant-form-item').filter({ has: page.getByLabel(whole(label)) })
    await item('承诺时限（天）').getByText('承诺时限（30）不能超过法定时限（20）').waitFor()
    await item('设定依据').getByText('行政许可必须写明设定依据').waitFor()
    await screenshot(page, 'console-matter-form-errors-desktop')
    await expectAccessible(page, 'matter form with errors')
    await pick(page, '事项类型', '公共服务', drawer)
    await field('承诺时限（天）').fill('5')
    await field('设定依据').fill('《中华人民共和国档案法》第二十八条')
    await drawer.getByRole('button', { name: '保存草稿' }).click()
    await page.getByText('已新增事项草稿').waitFor()
    await drawer.waitFor({ state: 'hidden' })
    // 56 matters over three pages: the admin finds the new one by its code.
    await page.getByLabel('查找草稿中的事项').fill(LOCAL)
    await page.getByRole('cell', { name: LOCAL, exact: true }).waitFor()

    // The diff against the published version: one matter added.
    await page.getByRole('tab', { name: /^草稿与已发布的差异（1）/ }).click()
    const diffRow = page.getByRole('row').filter({ hasText: LOCAL })
    await diffRow.getByText('新增').waitFor()
    await expectFits(page)
    await screenshot(page, 'console-catalog-diff-desktop')
    await expectAccessible(page, 'catalog diff')
    await page.getByLabel('发布说明').fill('新增档案查阅复制事项')
    await page.getByRole('button', { name: '发布新版本' }).click()
    await page.getByText('已发布新版本').waitFor()
    await page.getByRole('tab', { name: /^草稿与已发布的差异（0）/ }).waitFor()

    // Versions: the new one on top with its note.
    await page.getByRole('tab', { name: '版本' }).click()
    await page.getByRole('cell', { name: '新增档案查阅复制事项' }).waitFor()
    await screenshot(page, 'console-catalog-versions-desktop')
    await expectAccessible(page, 'catalog versions')

    // The catalog as of today has it; as of a day before the new version it does not.
    await page.getByRole('tab', { name: '按日期查看' }).click()
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }))
    await page.getByLabel('查看日期').fill(today)
    await page.getByLabel('查找当日目录中的事项').fill('档案')
    await page.getByRole('cell', { name: LOCAL, exact: true }).waitFor()
    await screenshot(page, 'console-catalog-asof-desktop')
    await expectAccessible(page, 'catalog as of')
    const yesterday = new Date(Date.parse(`${today}T12:00:00+08:00`) - 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('查看日期').fill(yesterday)
    await page.getByLabel('查找当日目录中的事项').fill('')
    await page.getByRole('cell', { name: '3415-CL-QR-0001', exact: true }).waitFor()
    expect(await page.getByRole('cell', { name: LOCAL, exact: true }).count()).toBe(0)

    // An edit deep inside the matter (a material's 份数) is a change against the published version.
    await page.getByRole('tab', { name: /^草稿（/ }).click()
    await page.getByRole('button', { name: `编辑 ${LOCAL}` }).click()
    const edit = page.getByRole('dialog', { name: `编辑事项草稿 · ${LOCAL}` })
    await edit.getByRole('group', { name: '材料 2' }).getByLabel('份数').fill('2')
    await edit.getByRole('button', { name: '保存草稿' }).click()
    await page.getByText('草稿已保存').waitFor()
    await page.getByRole('tab', { name: /^草稿与已发布的差异（1）/ }).click()
    await page.getByRole('row').filter({ hasText: LOCAL }).getByText('修改').waitFor()
    // A matter taken out of the draft is a removal against the published version.
    await page.getByRole('tab', { name: /^草稿（/ }).click()
    await page.getByLabel('查找草稿中的事项').fill('3415-CL-GG-0002')
    await page.getByRole('button', { name: '移除 3415-CL-GG-0002' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: /移\s*除/ }).click()
    await page.getByText('已从草稿中移除 3415-CL-GG-0002').waitFor()
    await page.getByRole('tab', { name: /^草稿与已发布的差异（2）/ }).click()
    await page.getByRole('row').filter({ hasText: '3415-CL-GG-0002' }).getByText('移除').waitFor()
    expect(foreign).toEqual([])

    // The public portal's matter list of the county has it, and its guide shows the fee and materials.
    const portal = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    contexts.push(portal)
    const p = await portal.newPage()
    await p.goto(`${server.url}/units/${COUNTY}/matters`)
    await p.getByRole('link', { name: '城乡居民档案查阅复制', exact: true }).click()
    const guide = await p.locator('main').innerText()
    for (const s of ['金安区档案馆', '查阅申请表', '居民身份证', '档案复制费', '0.5']) expect(guide).toContain(s)
    await screenshot(p, 'portal-local-matter-guide-desktop')
  })
})

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
