// 好差评 for hall visits: a visit ticket from the window, one evaluation per visit, 差评 opening
// a rectification due in working days, appeals decided by the unit above; the case extension point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wireExtensions } from '../src/wiring.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { evaluate, latestEvaluationId, visit } from './helpers/supervision.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

const post = (body: object) => h.http.post('/api/public/evaluations').send(body)

describe('evaluations (好差评)', () => {
  it('a window clerk issues a visit ticket; the visitor evaluates it once', async () => {
    const clerk = await h.token(T.town, 'window_clerk')
    const v = await visit(h, T.town, clerk)
    expect(v.visitNo).toMatch(/^FW34150200100020261124[0-9]{6}$/)
    expect(v.evaluationCode).toMatch(/^[0-9]{6}$/)
    const ok = await post({ kind: 'visit', unitCode: T.town, visitNo: v.visitNo, evaluationCode: v.evaluationCode, level: 'very_satisfied', comment: '很快' })
    expect(ok.status).toBe(201)
    expect(ok.body).toEqual({ received: true, level: 'very_satisfied', levelName: '非常满意', negative: false })
    const again = await post({ kind: 'visit', unitCode: T.town, visitNo: v.visitNo, evaluationCode: v.evaluationCode, level: 'very_dissatisfied' })
    expect(again.status).toBe(409)
    const list = await h.http.get(`/api/units/${T.town}/evaluations`).set(bearer(await h.token(T.town, 'center_admin')))
    expect(list.body.items[0]).toMatchObject({ staffId: await h.userId(T.town, 'window_clerk'), level: 'very_satisfied', rectification: null, counted: true })
  })

  it('needs the right evaluation code and the unit the ticket belongs to; a clerk issues tickets only at its own unit', async () => {
    const v = await visit(h, T.town)
    const wrongCode = await post({ kind: 'visit', unitCode: T.town, visitNo: v.visitNo, evaluationCode: v.evaluationCode === '000000' ? '111111' : '000000', level: 'satisfied' })
    expect(wrongCode.status).toBe(404)
    const wrongUnit = await post({ kind: 'visit', unitCode: T.town2, visitNo: v.visitNo, evaluationCode: v.evaluationCode, level: 'satisfied' })
    expect(wrongUnit.status).toBe(404)
    const badLevel = await post({ kind: 'visit', unitCode: T.town, visitNo: v.visitNo, evaluationCode: v.evaluationCode, level: 'great' })
    expect(badLevel.status).toBe(400)
    expect(badLevel.body.errors[0].field).toBe('level')
    expect((await h.http.post(`/api/units/${T.village}/visits`).set(bearer(await h.token(T.town, 'window_clerk'))).send({})).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.town}/visits`).set(bearer(await h.token(T.county, 'supervisor'))).send({})).status).toBe(403)
  })

  it('a 差评 opens a rectification due in 15 working days that the unit answers', async () => {
    await evaluate(h, T.village, 'dissatisfied', '等了两个小时')
    const id = await latestEvaluationId(h, T.village)
    const admin = await h.token(T.village, 'center_admin')
    const list = await h.http.get(`/api/units/${T.village}/evaluations?negative=true`).set(bearer(admin))
    // 2026-11-24 + 15 working days = 2026-12-15.
    expect(list.body.items[0]).toMatchObject({ id, negative: true, levelName: '不满意', rectification: { status: 'open', dueOn: '2026-12-15', overdue: false } })
    expect((await h.http.post(`/api/evaluations/${id}/rectification`).set(bearer(await h.token(T.county, 'supervisor'))).send({ answer: 'x' })).status).toBe(403)
    const ans = await h.http.post(`/api/evaluations/${id}/rectification`).set(bearer(admin)).send({ answer: '已增设叫号窗口' })
    expect(ans.status).toBe(200)
    expect(ans.body.rectification).toMatchObject({ status: 'answered', answer: '已增设叫号窗口', answeredOn: '2026-11-24' })
    expect((await h.http.post(`/api/evaluations/${id}/rectification`).set(bearer(admin)).send({ answer: '再答' })).status).toBe(409)
    await evaluate(h, T.village, 'satisfied')
    const good = await latestEvaluationId(h, T.village)
    expect((await h.http.post(`/api/evaluations/${good}/rectification`).set(bearer(admin)).send({ answer: 'x' })).status).toBe(400)
  })

  it('the rectification limit is configurable', async () => {
    await h.http.put(`/api/units/${T.county}/supervision/settings`).set(bearer(await h.token(T.county, 'center_admin'))).send({ negativeRectificationDays: 3 }).expect(200)
    await evaluate(h, T.town2, 'very_dissatisfied')
    const list = await h.http.get(`/api/units/${T.town2}/evaluations`).set(bearer(await h.token(T.town2, 'center_admin')))
    expect(list.body.items[0].rectification.dueOn).toBe('2026-11-27')
    await h.http.put(`/api/units/${T.county}/supervision/settings`).set(bearer(await h.token(T.county, 'center_admin'))).send({ negativeRectificationDays: null }).expect(200)
  })

  it('the unit appeals a 差评 with reasons; only the unit above decides; upheld takes it out of the figures', async () => {
    await evaluate(h, T.town, 'very_dissatisfied', '恶意')
    const id = await latestEvaluationId(h, T.town)
    const town = await h.token(T.town, 'center_admin')
    const figures = async () => (await h.http.get(`/api/units/${T.town}/supervision/figures`).set(bearer(town))).body.own.evaluations
    expect(await figures()).toMatchObject({ veryDissatisfied: 1, negative: 1 })
    const appeal = await h.http.post(`/api/evaluations/${id}/appeal`).set(bearer(town)).send({ reason: '评价人当天未到大厅办事' })
    expect(appeal.status).toBe(200)
    expect(appeal.body.appeal).toMatchObject({ status: 'pending', reason: '评价人当天未到大厅办事' })
    expect((await h.http.post(`/api/evaluations/${id}/appeal`).set(bearer(town)).send({ reason: '再次' })).status).toBe(409)
    // The unit itself does not decide its own appeal, nor a supervisor above; a sibling does not see it.
    const [sup, sibling, county] = [await h.token(T.county, 'supervisor'), await h.token(T.county2, 'center_admin'), await h.token(T.county, 'center_admin')]
    const before = await snapshot(h.db)
    expect((await h.http.post(`/api/evaluations/${id}/appeal/decide`).set(bearer(town)).send({ upheld: true, note: 'x' })).status).toBe(403)
    expect((await h.http.post(`/api/evaluations/${id}/appeal/decide`).set(bearer(sup)).send({ upheld: true, note: 'x' })).status).toBe(403)
    expect((await h.http.post(`/api/evaluations/${id}/appeal/decide`).set(bearer(sibling)).send({ upheld: true, note: 'x' })).status).toBe(404)
    expect(await snapshot(h.db)).toBe(before)
    const decided = await h.http.post(`/api/evaluations/${id}/appeal/decide`).set(bearer(county)).send({ upheld: true, note: '经调取录像核实' })
    expect(decided.status).toBe(200)
    expect(decided.body).toMatchObject({ counted: false, rectification: null, appeal: { status: 'upheld', decidedByUnit: T.county } })
    expect(await figures()).toMatchObject({ veryDissatisfied: 0, negative: 0, appealsUpheld: 1 })
    expect((await h.http.post(`/api/evaluations/${id}/appeal/decide`).set(bearer(county)).send({ upheld: false, note: 'x' })).status).toBe(409)
    // Only 差评 can be appealed.
    await evaluate(h, T.town, 'satisfied')
    expect((await h.http.post(`/api/evaluations/${await latestEvaluationId(h, T.town)}/appeal`).set(bearer(town)).send({ reason: 'x' })).status).toBe(409)
  })

  it("kind 'case' finds its case through the resolver createApp is given (SupervisionExtensions.caseEvaluation)", async () => {
    const body = { kind: 'case', receiptNo: `SL${T.town}0001`, queryCode: '123456', level: 'satisfied' }
    // The app as wired (src/wiring.ts): case handling's resolver knows no such receipt number.
    expect((await post(body)).status).toBe(404)
    const wired = wireExtensions()
    const other = await harness({ extensions: { ...wired, supervision: { ...wired.supervision, caseEvaluation: {
      unitOf: (no) => no.slice(2, 14),
      find: async (_db, no, code) => (code === '123456' ? { unitCode: no.slice(2, 14), caseRef: no } : null),
    } } } })
    try {
      const send = (b: object) => other.http.post('/api/public/evaluations').send(b)
      expect((await send({ ...body, queryCode: '000000' })).status).toBe(404)
      expect((await send(body)).status).toBe(201)
      expect((await send(body)).status).toBe(409)
    } finally {
      await other.close()
    }
  })
})
