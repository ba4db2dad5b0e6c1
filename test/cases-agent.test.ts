// The village 代办 path (全程代理) end to end: the agent takes in a matter of the guidance catalog
// its station holds the agent right for; the case goes to the unit holding the power for the
// matter it stands for (found from the effective powers); that unit's hall window accepts it as
// its own; the result comes back and the agent hands it over (送达), closing the case at the
// village; the township's stations view counts it; the applicant's tracking shows the whole path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { act, actOk, ALL_MATERIALS, getCase, PERSON, setupCases, submit } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

describe('代办 (全程代理)', () => {
  it('village → township (found from the powers) → back to the village, whose agent delivers and closes it', async () => {
    const town = await h.token(T.town, 'center_admin')
    const count = async () => (await h.http.get(`/api/units/${T.town}/stations`).set(bearer(town)).expect(200))
      .body.stations.find((s: any) => s.unitCode === T.village).casesAsAgent30d
    const before = await count()
    const r = await submit(h, T.village, { matterCode: 'AGENT-ELDER', materials: ALL_MATERIALS }, 'agent')
    expect(r.case).toMatchObject({ channel: 'agent', unitCode: T.village, matterCode: 'AGENT-ELDER' })
    const id = r.case.id
    // No receiver named: the system finds the nearest unit above holding the power for ELDER.
    const fwd = await actOk(h, T.village, 'agent', id, 'forward', { reason: '本站代办，转报有权办理的单位' })
    expect(fwd).toMatchObject({ unitCode: T.town, matterCode: 'ELDER' })
    const there = await getCase(h, T.town, id)
    expect(there).toMatchObject({ unitCode: T.town, intakeUnitCode: T.village, matterCode: 'ELDER', agentMatterCode: 'AGENT-ELDER', channel: 'agent' })
    // The township's hall window accepts it as its own channel (not 两头受理).
    await actOk(h, T.town, 'window_clerk', id, 'accept')
    await actOk(h, T.town, 'reviewer', id, 'review', { opinion: '符合条件' })
    await actOk(h, T.town, 'approver', id, 'decide', { decision: 'approve' })
    await actOk(h, T.town, 'window_clerk', id, 'certify', { certificateNo: 'GL-0001' })
    // The result goes back to the station: the township no longer delivers it, the agent does.
    expect((await getCase(h, T.village, id, 'agent')).unitCode).toBe(T.village)
    expect((await act(h, T.town, 'window_clerk', id, 'deliver', { method: 'pickup' })).status).toBe(403)
    const done = await actOk(h, T.village, 'agent', id, 'deliver', { method: 'pickup' })
    expect(done.status).toBe('delivered')
    const seen = await getCase(h, T.village, id, 'agent')
    expect(seen.events.map((e: any) => e.type)).toEqual(['received', 'forwarded', 'accepted', 'reviewed', 'decided', 'certified', 'returned', 'delivered'])
    expect(await count()).toBe(before + 1)
    // The applicant's tracking shows the whole path, with no person in it.
    const track = await h.http.get(`/api/public/cases/${r.receipt.receiptNo}?queryCode=${r.receipt.queryCode}`)
    expect(track.status).toBe(200)
    expect(track.body.status).toBe('delivered')
    expect(track.body.path.map((p: any) => [p.step, p.unitCode])).toEqual([
      ['received', T.village], ['forwarded', T.village], ['accepted', T.town], ['reviewed', T.town], ['decided', T.town],
      ['certified', T.town], ['returned', T.town], ['delivered', T.village],
    ])
    expect(track.body.path[1]).toMatchObject({ toUnitCode: T.town, toUnitName: '中市街道', unitName: '红街社区' })
    expect(JSON.stringify(track.body)).not.toContain('张三')
  })

  it('a matter the township does not hold goes to the county, whose hall window accepts it', async () => {
    const county = await h.token(T.county, 'center_admin')
    const g = await h.http.post('/api/grants').set(bearer(county)).send({ granteeCode: T.village, matterCode: 'AGENT-NONE', kind: 'entrustment',
      rights: ['accept', 'deliver'], documentNo: '金政〔2026〕9号', legalBasis: '《行政许可法》', validFrom: '2026-11-24' })
    expect(g.status).toBe(201)
    const win = (await h.db.query(`select id from windows where unit_code = $1`, [T.village]))[0].id
    await h.db.query(`insert into window_rights (window_id, matter_code, unit_code, rights) values ($1, 'AGENT-NONE', $2, '{accept,deliver}')`, [win, T.village])
    const r = await submit(h, T.village, { matterCode: 'AGENT-NONE', materials: ALL_MATERIALS }, 'agent')
    const fwd = await actOk(h, T.village, 'agent', r.case.id, 'forward', { reason: '转报' })
    expect(fwd).toMatchObject({ unitCode: T.county, matterCode: 'FOOD' })
    await actOk(h, T.county, 'window_clerk', r.case.id, 'accept')
  })

  it('a village cannot take in what it holds no agent right for, nor what is not an agent matter', async () => {
    const agent = bearer(await h.token(T.village, 'agent'))
    const v2 = bearer(await h.token(T.village2, 'agent'))
    // 村2 holds no grant for AGENT-ELDER: listed in the guidance catalog, but no agent right.
    const none = await h.http.post('/api/cases').set(v2).send({ unitCode: T.village2, matterCode: 'AGENT-ELDER', applicant: PERSON, materials: ALL_MATERIALS })
    expect(none.status).toBe(403)
    expect(none.body.detail).toMatch(/不持有事项“高龄津贴申请代办”的代办权/)
    const [ref] = await h.db.query(`select action, subject_type from refusals where subject_id = $1`, [`${T.village2}:AGENT-ELDER`])
    expect(ref).toMatchObject({ action: 'intake', subject_type: 'Matter' })
    // A county licence is no agent matter at all.
    const food = await h.http.post('/api/cases').set(agent).send({ unitCode: T.village, matterCode: 'FOOD', applicant: PERSON, materials: ALL_MATERIALS })
    expect(food.status).toBe(403)
    expect(food.body.detail).toMatch(/不在红街社区的代办事项目录中/)
    const [n] = await h.db.query(`select count(*)::int as n from cases where intake_unit_code = $1`, [T.village2])
    expect(n.n).toBe(0)
  })
})
