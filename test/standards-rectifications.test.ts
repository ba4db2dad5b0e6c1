// Rectification (整改): each failed item of an inspection opens a task due in working days on
// the station's calendar; the station reports the fix with evidence; the inspecting side
// verifies or reopens it; overdue tasks are listed for the parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_SCOPE } from '../src/platform/scope.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { effective, publishLuan, results, upload } from './helpers/standards.js'

let h: Harness
let tpl: { items: any[] }
const sign = (name: string) => `${name}为民服务工作站`
const act = (token: string, id: string, action: string, body: object) => h.http.post(`/api/rectifications/${id}/${action}`).set(bearer(token)).send(body)
const tasks = async (token: string, code: string, q = '') => h.http.get(`/api/units/${code}/rectifications${q}`).set(bearer(token))

beforeAll(async () => {
  h = await harness()
  await publishLuan(h)
  tpl = await effective(h, await h.token(T.town, 'inspector'), T.village, 'village')
})
afterAll(() => h.close())

async function inspectVillage(code: string, name: string, over: Record<string, unknown>, inspector = h.token(T.town, 'inspector')) {
  const token = await inspector
  const ev = [await upload(h, token, code), await upload(h, token, code)]
  const res = await h.http.post(`/api/units/${code}/inspections`).set(bearer(token)).send({ results: results(tpl, sign(name), ev, over) })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body
}

describe('rectification', () => {
  let taskId: string

  it('opens one task per failed item, due in working days over holidays, make-up days and local holidays', async () => {
    h.clock.set('2026-09-18T02:00:00Z') // a Friday; 中秋 09-25..27 and 国庆 10-01..07 ahead, 09-20 and 10-10 worked
    const insp = await inspectVillage(T.village, '红街社区', { it_equipment: false, service_flow: false })
    expect(insp.rectifications.map((r: any) => [r.itemKey, r.dueOn])).toEqual([['it_equipment', '2026-10-22'], ['service_flow', '2026-10-22']])
    taskId = insp.rectifications[0].id
    // 金安区 declares a local holiday on 2026-10-12: its stations get a day more, 裕安区's do not.
    await h.db.scoped(SYSTEM_SCOPE, (db) => db.insertInto('calendar_overrides')
      .values({ unit_code: T.county, day: '2026-10-12', kind: 'holiday', name: '金安区防汛', created_by: null }).execute())
    const local = await inspectVillage(T.village2, '南门社区', { convenience: false })
    expect(local.rectifications[0].dueOn).toBe('2026-10-23')
    const other = await inspectVillage(T.villageB, '鼓楼社区', { convenience: false }, h.token(T.townB, 'inspector'))
    expect(other.rectifications[0].dueOn).toBe('2026-10-22')
    const list = await tasks(await h.token(T.village, 'center_admin'), T.village)
    // Both opened by one inspection, due the same day: their order between them is the keyset's last column (id).
    expect(list.body.items.map((t: any) => [t.itemKey, t.status, t.openedOn, t.inspectorUnitCode]).sort()).toEqual([
      ['it_equipment', 'open', '2026-09-18', T.town], ['service_flow', 'open', '2026-09-18', T.town]])
    expect(list.body.items.find((t: any) => t.itemKey === 'it_equipment').title).toMatch(/信息化办公设备/)
  })

  it('a re-inspection still failing the item keeps the one unfinished task', async () => {
    h.clock.set('2026-09-21T02:00:00Z')
    const again = await inspectVillage(T.village, '红街社区', { it_equipment: false })
    expect(again.rectifications).toEqual([{ id: taskId, itemKey: 'it_equipment', dueOn: '2026-10-22', existing: true }])
    const [n] = await h.db.query(`select count(*)::int as n from standard_rectifications where unit_code = $1 and item_key = 'it_equipment'`, [T.village])
    expect(n.n).toBe(1)
    const list = await tasks(await h.token(T.town, 'inspector'), T.village)
    expect(list.body.items.find((t: any) => t.id === taskId).history.map((e: any) => e.action)).toEqual(['opened', 'still_failing'])
  })

  it('the station reports the fix with its evidence; only the inspecting side verifies or reopens', async () => {
    const station = await h.token(T.village, 'center_admin')
    const inspector = await h.token(T.town, 'inspector')
    const photo = await upload(h, station, T.village)
    const foreign = await upload(h, inspector, T.village2)
    const [clerk, sibling] = [await h.token(T.village, 'window_clerk'), await h.token(T.townB, 'center_admin')]
    const before = await snapshot(h.db)
    expect((await act(station, taskId, 'report', { note: ' ', evidence: [photo] })).status).toBe(400) // what was done is required
    const wrong = await act(station, taskId, 'report', { note: '已配电脑', evidence: [foreign] })
    expect(wrong.status).toBe(400)
    expect((await act(clerk, taskId, 'report', { note: 'x', evidence: [photo] })).status).toBe(403)
    expect((await act(sibling, taskId, 'report', { note: 'x', evidence: [photo] })).status).toBe(404)
    expect((await act(inspector, taskId, 'reopen', { note: '未上报' })).status).toBe(409)
    expect(await snapshot(h.db)).toBe(before)

    h.clock.set('2026-09-24T02:00:00Z')
    const reported = await act(station, taskId, 'report', { note: '已配电脑和打印机', evidence: [photo] })
    expect(reported.status).toBe(200)
    expect(reported.body).toMatchObject({ status: 'reported', reportedOn: '2026-09-24' })
    expect((await act(station, taskId, 'report', { note: '再报', evidence: [photo] })).status).toBe(409)
    // The station may not verify its own fix, nor may a supervisor.
    expect((await act(station, taskId, 'verify', { note: '自己核验' })).status).toBe(403)
    expect((await act(await h.token(T.town, 'supervisor'), taskId, 'verify', {})).status).toBe(403)

    const reopened = await act(inspector, taskId, 'reopen', { note: '打印机未联网', dueInWorkingDays: 5 })
    expect(reopened.status).toBe(200)
    // Five working days from Thursday 09-24: 25..27 中秋, 28, 29, 30, 10-01..07 国庆, 08, 09.
    expect(reopened.body).toMatchObject({ status: 'open', reopened: 1, reportedOn: null, dueOn: '2026-10-09' })
    await act(station, taskId, 'report', { note: '已联网', evidence: [photo] }).expect(200)
    h.clock.set('2026-09-28T02:00:00Z')
    const verified = await act(inspector, taskId, 'verify', { note: '核验通过' })
    expect(verified.body).toMatchObject({ status: 'verified', verifiedOn: '2026-09-28' })
    expect(verified.body.history.map((e: any) => e.action)).toEqual(['opened', 'still_failing', 'reported', 'reopened', 'reported', 'verified'])
    expect(verified.body.history[2]).toMatchObject({ note: '已配电脑和打印机', evidence: [photo] })
    expect((await act(inspector, taskId, 'reopen', { note: '晚了' })).status).toBe(409)
    // Verified: a new failure of the same item opens a new task.
    const next = await inspectVillage(T.village, '红街社区', { it_equipment: false })
    expect(next.rectifications[0]).toMatchObject({ itemKey: 'it_equipment', existing: false })
    expect(next.rectifications[0].id).not.toBe(taskId)
  })

  it('verifying an open task on a follow-up visit needs a note saying so', async () => {
    const inspector = await h.token(T.town, 'inspector')
    const open = (await tasks(inspector, T.village, '?status=open&subtree=false')).body.items.find((t: any) => t.itemKey === 'service_flow')
    expect((await act(inspector, open.id, 'verify', {})).status).toBe(400)
    const ok = await act(inspector, open.id, 'verify', { note: '现场复核：流程图已上墙' })
    expect(ok.body).toMatchObject({ status: 'verified', reportedOn: null })
  })

  it('lists overdue tasks for the parent (reported ones wait on the inspector and are not overdue)', async () => {
    const station2 = await h.token(T.village2, 'center_admin')
    const t2 = (await tasks(station2, T.village2)).body.items[0]
    const town = await h.token(T.town, 'center_admin')
    // 红街社区's new task opened 09-28 is due 11-02 (20 working days, 金安区's 10-12 off); 南门社区's 10-23.
    h.clock.set('2026-11-02T02:00:00Z')
    expect((await tasks(town, T.town, '?overdue=true')).body.items.map((t: any) => t.unitCode)).toEqual([T.village2])
    h.clock.set('2026-11-03T02:00:00Z')
    const overdue = await tasks(town, T.town, '?overdue=true')
    expect(overdue.status).toBe(200)
    expect(overdue.body.items.map((t: any) => [t.unitCode, t.itemKey, t.dueOn, t.overdue])).toEqual([
      [T.village2, 'convenience', '2026-10-23', true], [T.village, 'it_equipment', '2026-11-02', true]])
    // One task a page: the same two, in the same order, the second page ending the list.
    const first = await tasks(town, T.town, '?overdue=true&limit=1')
    expect([first.body.items.map((t: any) => t.unitCode), typeof first.body.next]).toEqual([[T.village2], 'string'])
    const second = await tasks(town, T.town, `?overdue=true&limit=1&cursor=${first.body.next}`)
    expect([second.body.items.map((t: any) => t.unitCode), second.body.next]).toEqual([[T.village], null])
    // Once reported, a task waits on the inspector: it is no longer the station's overdue work.
    await act(station2, t2.id, 'report', { note: '已补', evidence: [await upload(h, station2, T.village2)] }).expect(200)
    const after = await tasks(town, T.town, '?overdue=true')
    expect(after.body.items.map((t: any) => t.unitCode)).toEqual([T.village])
    // The county sees its whole subtree; a sibling county sees none of it.
    const county = await tasks(await h.token(T.county, 'supervisor'), T.county, '?overdue=true')
    expect(county.body.items.map((t: any) => t.unitCode)).toEqual([T.village])
    expect((await tasks(await h.token(T.county2, 'center_admin'), T.town, '?overdue=true')).status).toBe(404)
    const villageB = await tasks(await h.token(T.townB, 'inspector'), T.townB, '?overdue=true')
    expect(villageB.body.items.map((t: any) => t.unitCode)).toEqual([T.villageB])
    // An ancestor's list is not the station's to read.
    expect((await tasks(station2, T.town)).status).toBe(403)
  })

  it('a unit above opens a task by hand (e.g. after a spot check), due in working days from today', async () => {
    h.clock.set('2026-11-24T02:00:00Z')
    const county = await h.token(T.county, 'inspector')
    const res = await h.http.post(`/api/units/${T.town}/rectifications`).set(bearer(county)).send({ title: '暗访发现窗口无人值守', dueInWorkingDays: 5 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ unitCode: T.town, inspectorUnitCode: T.county, itemKey: null, status: 'open', openedOn: '2026-11-24', dueOn: '2026-12-01' })
    const own = await h.token(T.town, 'center_admin')
    expect((await h.http.post(`/api/units/${T.town}/rectifications`).set(bearer(own)).send({ title: '自己给自己', dueInWorkingDays: 5 })).status).toBe(403)
    expect((await h.http.post(`/api/units/${T.village}/rectifications`).set(bearer(await h.token(T.town, 'window_clerk')))
      .send({ title: 'x', dueInWorkingDays: 5 })).status).toBe(403)
    // The township verifies its village's tasks, not the county's task on itself.
    expect((await act(await h.token(T.town, 'inspector'), res.body.id, 'verify', { note: '自查' })).status).toBe(403)
  })

  it("the village's task is answered by the township above it or the station: what was done, the day, photos optional; the inspector accepts or returns it", async () => {
    h.clock.set('2026-11-24T02:00:00Z')
    const county = await h.token(T.county, 'inspector')
    const opened = await h.http.post(`/api/units/${T.village2}/rectifications`).set(bearer(county)).send({ title: '暗访发现未公示办事指南', dueInWorkingDays: 5 })
    expect(opened.status).toBe(201)
    const id = opened.body.id
    h.clock.set('2026-11-26T02:00:00Z')
    const township = await h.token(T.town, 'center_admin')
    // The day it was done: not after today, not before the task was given; said at the field.
    const future = await act(township, id, 'report', { note: '已在大厅张贴办事指南', fixedOn: '2026-11-27' })
    expect(future.status).toBe(400)
    expect(future.body.errors).toEqual([{ field: 'fixedOn', message: '整改完成日期：不能晚于今天（2026-11-26）' }])
    const early = await act(township, id, 'report', { note: '已在大厅张贴办事指南', fixedOn: '2026-11-20' })
    expect(early.status).toBe(400)
    expect(early.body.errors).toEqual([{ field: 'fixedOn', message: '整改完成日期：不能早于任务下达日（2026-11-24）' }])
    expect((await act(township, id, 'report', { note: '已张贴', fixedOn: '2026-11-31' })).body.errors).toEqual([{ field: 'fixedOn', message: '整改完成日期：日期格式应为 YYYY-MM-DD' }])
    // The issuing unit's own admin does not answer for the station: it accepts or returns.
    const issuer = await act(await h.token(T.county, 'center_admin'), id, 'report', { note: '代为上报' })
    expect(issuer.status).toBe(403)
    expect(issuer.body.detail).toMatch(/下达任务的单位只核验或退回/)
    // No photo: still an answer.
    const reported = await act(township, id, 'report', { note: '已在大厅张贴办事指南', fixedOn: '2026-11-25' })
    expect(reported.status).toBe(200)
    expect(reported.body).toMatchObject({ status: 'reported', reportedOn: '2026-11-26', fixedOn: '2026-11-25' })
    expect(reported.body.history.at(-1)).toMatchObject({ action: 'reported', note: '已在大厅张贴办事指南', evidence: [], fixedOn: '2026-11-25' })
    // The issuing side returns it: the day is cleared with the report; the station answers again (default: today).
    const back = await act(county, id, 'reopen', { note: '指南版本过期' })
    expect(back.body).toMatchObject({ status: 'open', fixedOn: null, reportedOn: null, reopened: 1 })
    const station = await h.token(T.village2, 'center_admin')
    const again = await act(station, id, 'report', { note: '已换为最新版本', evidence: [await upload(h, station, T.village2)] })
    expect(again.body).toMatchObject({ status: 'reported', fixedOn: '2026-11-26' })
    const accepted = await act(county, id, 'verify', { note: '核验通过' })
    expect(accepted.body).toMatchObject({ status: 'verified', verifiedOn: '2026-11-26', fixedOn: '2026-11-26' })
    expect(accepted.body.history.map((e: any) => [e.action, e.fixedOn])).toEqual([['opened', null], ['reported', '2026-11-25'], ['reopened', null], ['reported', '2026-11-26'], ['verified', null]])
  })
})
