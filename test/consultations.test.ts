// Online consultation (在线咨询): routed to the window holding the matter (else its department),
// reply limits in working days (configurable), forwarding, the overdue list for supervision,
// publishing into the guide's common questions, rating, lookup by number + code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { setupCases } from './helpers/cases.js'

let h: Harness
let clerk: string
const ask = (body: object, code: string = T.town) => h.http.post(`/api/public/units/${code}/consultations`).send(body)
const staff = (id: string, action: string, body: object, token = clerk) => h.http.post(`/api/units/${T.town}/consultations/${id}/${action}`).set(bearer(token)).send(body)
const idOf = async (no: string) => (await h.db.query<{ id: string }>('select id from consultations where question_no = $1', [no]))[0].id

beforeAll(async () => {
  h = await harness()
  await setupCases(h) // the township's window 1 holds ELDER and ENTRUST
  clerk = await h.token(T.town, 'window_clerk')
})
afterAll(() => h.close())

describe('asking and routing', () => {
  let win: any, dept: any
  it('a question about a matter held at a window goes there (2 working days); otherwise to the department (3)', async () => {
    win = (await ask({ matterCode: 'ELDER', question: '高龄津贴需要带哪些材料？', name: '张三' }).expect(201)).body
    expect(win).toMatchObject({ questionNo: `${T.town}-20261124-Z0001`, dueDate: '2026-11-26', routedTo: '1号窗口（综合受理窗口）' })
    expect(win.queryCode).toMatch(/^[2-9A-Z]{8}$/)
    dept = (await ask({ matterCode: 'FOOD', question: '小卖部要办食品经营许可吗？', name: '李四' }).expect(201)).body
    expect(dept).toMatchObject({ dueDate: '2026-11-27', routedTo: '金安区市场监督管理局' })
    const unknownMatter = await ask({ matterCode: 'NOPE', question: '随便问问看看', name: '王五' })
    expect([unknownMatter.status, unknownMatter.body.errors[0].field]).toEqual([400, 'matterCode'])
    const bad = await ask({ matterCode: '', question: '短', name: '' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.find((e: any) => e.field === 'question').message).toBe('咨询内容至少 5 个字')
  })

  it('the limits are configurable', async () => {
    const admin = await h.token(T.town, 'center_admin')
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ replyDaysWindow: 5 }).expect(200)
    expect((await ask({ matterCode: 'ELDER', question: '外地户口能申领吗？', name: '赵六' })).body.dueDate).toBe('2026-12-01')
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ replyDaysWindow: 2 }).expect(200)
  })

  it('lookup by number + query code; a wrong code answers like an unknown number; no personal data', async () => {
    const ok = await h.http.get(`/api/public/consultations/${win.questionNo}?queryCode=${win.queryCode.toLowerCase()}`).expect(200)
    expect(ok.body).toMatchObject({ status: 'open', matterName: '高龄津贴申领', answer: null })
    expect(JSON.stringify(ok.body)).not.toContain('张')
    const wrong = await h.http.get(`/api/public/consultations/${win.questionNo}?queryCode=AAAAAAAA`)
    const unknown = await h.http.get(`/api/public/consultations/${T.town}-20261124-Z0999?queryCode=AAAAAAAA`)
    expect(wrong.status).toBe(404)
    expect(wrong.body).toEqual(unknown.body)
  })

  it('overdue questions are listed for supervision, from the unit above too', async () => {
    h.clock.set('2026-11-27T02:00:00Z')
    const sup = await h.token(T.county, 'supervisor')
    const list = await h.http.get(`/api/units/${T.county}/consultations?overdue=true`).set(bearer(sup)).expect(200)
    expect(list.body.items.map((c: any) => c.questionNo)).toEqual([win.questionNo])
    expect(list.body.items[0]).toMatchObject({ overdue: true, asker: '张*' })
    const all = await h.http.get(`/api/units/${T.town}/consultations?limit=2`).set(bearer(clerk)).expect(200)
    expect(all.body.items).toHaveLength(2)
    expect(all.body.next).toEqual(expect.any(String))
    const rest = await h.http.get(`/api/units/${T.town}/consultations?limit=2&cursor=${all.body.next}`).set(bearer(clerk)).expect(200)
    expect(rest.body.items).toHaveLength(1)
    h.clock.set('2026-11-24T02:00:00Z')
  })

  it('forwarding a misrouted question: new route and limit, the trail kept', async () => {
    const admin = await h.token(T.town, 'center_admin')
    const w2 = (await h.http.post(`/api/units/${T.town}/windows`).set(bearer(admin)).send({ number: '2', name: '市场监管窗口', departments: [] })).body
    const both = await staff(await idOf(dept.questionNo), 'forward', { windowId: w2.id, department: 'x', reason: '转' })
    expect(both.status).toBe(400)
    const f = await staff(await idOf(dept.questionNo), 'forward', { windowId: w2.id, reason: '属市场监管窗口办理' }).expect(200)
    expect(f.body).toMatchObject({ route: 'window', windowId: w2.id, dueDate: '2026-11-26' })
    expect(f.body.forwards).toEqual([expect.objectContaining({ from: '金安区市场监督管理局', to: '2号窗口（市场监管窗口）', reason: '属市场监管窗口办理' })])
    // The unit above reads but does not answer for the township.
    const county = await h.token(T.county, 'center_admin')
    expect((await staff(await idOf(dept.questionNo), 'answer', { answer: '需要办理' }, county)).status).toBe(403)
  })

  it('answer, publish into the common questions, rate once', async () => {
    const id = await idOf(win.questionNo)
    expect((await staff(id, 'publish', {})).status).toBe(409) // not answered yet
    await staff(id, 'answer', { answer: '身份证、户口簿、银行卡。' }).expect(200)
    expect((await staff(id, 'answer', { answer: '再答一次' })).status).toBe(409)
    await staff(id, 'publish', { question: '申领高龄津贴需要带哪些材料？' }).expect(200)
    const faq = await h.http.get(`/api/public/units/${T.town}/matters/ELDER/questions`).expect(200)
    expect(faq.body).toEqual({ items: [{ question: '申领高龄津贴需要带哪些材料？', answer: '身份证、户口簿、银行卡。', publishedAt: expect.any(String) }], next: null })
    expect((await h.http.get(`/api/public/units/${T.town}/matters/FOOD/questions`)).body.items).toEqual([])
    const before = await snapshot(h.db)
    expect((await h.http.post(`/api/public/consultations/${win.questionNo}/rating`).send({ queryCode: 'AAAAAAAA', rating: 5 })).status).toBe(404)
    expect((await h.http.post(`/api/public/consultations/${win.questionNo}/rating`).send({ queryCode: win.queryCode, rating: 6 })).status).toBe(400)
    expect(await snapshot(h.db)).toBe(before)
    const rated = await h.http.post(`/api/public/consultations/${win.questionNo}/rating`).send({ queryCode: win.queryCode, rating: 5 }).expect(200)
    expect(rated.body).toMatchObject({ status: 'answered', rating: 5 })
    expect((await h.http.post(`/api/public/consultations/${win.questionNo}/rating`).send({ queryCode: win.queryCode, rating: 1 })).status).toBe(409)
  })

  it("the list says how many working days are left on the unit's calendar (a local holiday counts), null once answered", async () => {
    h.clock.set('2026-11-27T02:00:00Z') // Friday
    const list = async () => (await h.http.get(`/api/units/${T.town}/consultations?limit=200`).set(bearer(clerk)).expect(200)).body.items as any[]
    const items = await list()
    expect(items.find((c) => c.questionNo === win.questionNo).workingDaysLeft).toBeNull() // answered above
    // Friday 11-27: the 26th was yesterday, today is 0, Monday 1, Tuesday 2, Wednesday 3.
    const weekdays: Record<string, number> = { '2026-11-26': -1, '2026-11-27': 0, '2026-11-30': 1, '2026-12-01': 2, '2026-12-02': 3 }
    const open = items.filter((c) => c.status === 'open' && c.dueDate in weekdays)
    expect(open.length).toBeGreaterThan(0)
    for (const c of open) expect([c.dueDate, c.workingDaysLeft]).toEqual([c.dueDate, weekdays[c.dueDate]])
    const later = open.filter((c) => c.dueDate >= '2026-12-01')
    expect(later.length).toBeGreaterThan(0)
    const admin = await h.token(T.county, 'center_admin')
    await h.http.put(`/api/units/${T.county}/calendar/overrides/2026-11-30`).set(bearer(admin)).send({ kind: 'holiday', name: '地方假日' }).expect(200)
    const after = await list()
    for (const c of later) expect(after.find((x) => x.id === c.id).workingDaysLeft).toBe(weekdays[c.dueDate] - 1) // Monday off in the county
    h.clock.set('2026-11-24T02:00:00Z')
  })
})
