// The console on a 375×667 phone and at 1366×768, judged as a window clerk would (issue 16): the
// calling screen with a ticket called, the header on one line (unit, bell and the account menu), the
// workqueue's tab underline under the tab selected, the admin's 预约管理. No sideways scroll at 375;
// screenshots at both sizes; axe on each screen.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS, COUNTY, TOWNSHIP } from './accounts.js'
import { apiClient, type ApiAs, DESKTOP, expectAccessible, expectFits, launchBrowser, PHONE, screenshot, signIn, startServer, TABLET, type RunningServer } from './harness.js'

let server: RunningServer
let browser: Browser
let apiAs: ApiAs
beforeAll(async () => { server = await startServer(); browser = await launchBrowser(); apiAs = apiClient(server.url) }, 180_000)
afterAll(async () => { await browser?.close(); await server?.stop() })

const signedIn = (username: string, viewport = PHONE) => signIn(browser, server.url, username, viewport)
async function go(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/console/${path}`)
  await page.getByRole('heading', { name: heading }).first().waitFor()
}
/** The header holds one line: the bell and the account control sit beside the unit, not under it. */
async function expectOneLineHeader(page: Page) {
  const header = (await page.locator('header').first().boundingBox())!
  expect(header.height).toBeLessThanOrEqual(64)
  const bell = (await page.getByRole('link', { name: /^通知，/ }).boundingBox())!
  const account = (await page.getByRole('button', { name: /账户菜单|退\s*出/ }).first().boundingBox())!
  const unit = (await page.getByRole('combobox', { name: '切换查看的单位' }).boundingBox())!
  for (const b of [bell, account]) {
    expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height)
    expect(Math.abs((b.y + b.height / 2) - (unit.y + unit.height / 2))).toBeLessThan(8)
    expect(b.x + b.width).toBeLessThanOrEqual(page.viewportSize()!.width)
  }
}

describe('console on a phone', () => {
  it('窗口叫号 with a ticket called fits 375 px; the header stays one line', async () => {
    const hall = (await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/halls`)).items[0]
    const group = (await apiAs(ACCOUNTS.countyAdmin, 'POST', `/api/units/${COUNTY}/halls/${hall.id}/groups`, { prefix: 'A', name: '社会事务', matterCodes: ['3415-CL-QR-0001'] })).id
    await apiAs(ACCOUNTS.countyAdmin, 'POST', `/api/units/${COUNTY}/halls/${hall.id}/groups`, { prefix: 'B', name: '企业开办', matterCodes: ['3415-SCJG-XK-0001'] })
    const w1 = (await apiAs(ACCOUNTS.countyAdmin, 'GET', `/api/units/${COUNTY}/windows?limit=200`)).items.find((w: any) => w.number === '1')
    await apiAs(ACCOUNTS.countyAdmin, 'PUT', `/api/units/${COUNTY}/windows/${w1.id}/groups`, { groupIds: [group] })
    for (const name of ['王小明', '李大山']) await apiAs(null, 'POST', `/api/public/units/${COUNTY}/halls/${hall.id}/tickets`, { groupId: group, channel: 'kiosk', name })

    const { page, foreign } = await signedIn(ACCOUNTS.clerk)
    await go(page, 'hall/calling', '窗口叫号')
    await page.getByRole('button', { name: '叫下一个号' }).click()
    await page.getByText('语音播报：请A001号到1号窗口').waitFor()
    await page.getByRole('button', { name: /重\s*呼/ }).waitFor()
    await page.getByRole('cell', { name: '李**' }).or(page.getByRole('cell', { name: '李大山' })).first().waitFor()
    await screenshot(page, 'console-calling-phone')
    await expectFits(page, PHONE.width)
    await expectOneLineHeader(page)
    // What the clerk needs at the counter is on the first screen: the number called and the next step.
    const called = (await page.getByRole('button', { name: /重\s*呼/ }).boundingBox())!
    expect(called.x + called.width).toBeLessThanOrEqual(PHONE.width)
    await expectAccessible(page, 'calling on a phone')
    await page.getByRole('button', { name: '开始办理' }).click()
    await page.getByRole('button', { name: /办\s*结/ }).waitFor()
    await expectFits(page, PHONE.width)
    await page.setViewportSize(DESKTOP)
    await expectOneLineHeader(page)
    await expectFits(page, DESKTOP.width)
    await screenshot(page, 'console-calling-desktop')
    expect(foreign).toEqual([])
  })

  it('the header stays one line for each demo account, at 375, 768 and 1366 px', async () => {
    for (const username of [ACCOUNTS.clerk, ACCOUNTS.countyAdmin, `${TOWNSHIP}-center_admin`, ACCOUNTS.supervisor]) {
      const { page } = await signedIn(username)
      await page.getByRole('link', { name: /^通知，/ }).waitFor()
      for (const size of [PHONE, TABLET, DESKTOP]) {
        await page.setViewportSize(size)
        await expectOneLineHeader(page)
        await expectFits(page, size.width)
      }
    }
  })

  it('预约管理 fits 375 px', async () => {
    const { page } = await signedIn(ACCOUNTS.countyAdmin)
    await go(page, 'hall/appointments', '预约管理')
    await screenshot(page, 'console-appointments-phone')
    await expectFits(page, PHONE.width)
    await expectAccessible(page, 'appointments on a phone')
  })

  it('workqueue: the tab underline sits under the tab selected, however quickly the clerk clicks', async () => {
    const { page } = await signedIn(ACCOUNTS.clerk, DESKTOP)
    await go(page, 'cases', '收件受理工作台')
    const underAll = async () => {
      const ink = (await page.locator('.ant-tabs-ink-bar').first().boundingBox())!
      const tab = (await page.getByRole('tab', { name: '全部' }).boundingBox())!
      return Math.abs(ink.x - tab.x) < 2 && Math.abs(ink.width - tab.width) < 2
    }
    await page.getByRole('tab', { name: '即将超期' }).click()
    await page.getByRole('tab', { name: '全部' }).click()
    expect(await page.getByRole('tab', { name: '全部' }).getAttribute('aria-selected')).toBe('true')
    expect(await underAll()).toBe(true)
    // The list of the tab arrives later and the card may change height: the underline stays put.
    await page.locator('.ant-table').first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await underAll()).toBe(true)
    await screenshot(page, 'console-workqueue-tabs-desktop', { fullPage: false })
    await page.setViewportSize(TABLET)
    expect(await underAll()).toBe(true)
    await expectFits(page, TABLET.width)
    await page.setViewportSize(PHONE)
    await page.getByRole('combobox', { name: '选择队列' }).waitFor()
    await expectFits(page, PHONE.width)
    await expectOneLineHeader(page)
    await screenshot(page, 'console-workqueue-phone-select')
  })
})
