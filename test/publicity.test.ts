// Results publicity (结果公示): period in working days, masks by rule, raw values never in any
// public response, objections in the period answered in public, withdrawn or archived at the end
// as the unit chose (from the clock), public API by unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'

let h: Harness
let admin: string
const RAW = { name: '张三丰', idNumber: '341502199003071235', phone: '13812341234', other: '13955556666', otherId: '34150219800101001X' }
const rows = [
  { name: RAW.name, idNumber: RAW.idNumber, phone: RAW.phone, items: { 村组: '红街一组', 金额: '580 元/月', 备注: `联系人电话 ${RAW.other}，代领人 ${RAW.otherId}` } },
  { name: '欧阳娜娜', idNumber: '341502198001010018', items: { 村组: '红街二组', 金额: '620 元/月' } },
]
const publish = (over: object = {}) => h.http.post(`/api/units/${T.village}/publicity`).set(bearer(admin))
  .send({ type: '低保', title: '红街社区 2026 年 11 月城乡低保拟保对象公示', basis: '《社会救助暂行办法》第十一条', endAction: 'withdraw', rows, ...over })
const pub = (path: string) => h.http.get(`/api/public/units/${T.village}${path}`)

beforeAll(async () => {
  h = await harness()
  admin = await h.token(T.village, 'center_admin')
})
afterAll(() => h.close())

describe('publicity', () => {
  let withdraw: string, archive: string
  it('a list runs for its period in working days; rows are masked by rule', async () => {
    const res = await publish().expect(201)
    withdraw = res.body.id
    expect(res.body).toMatchObject({ periodDays: 7, startsOn: '2026-11-24', endsOn: '2026-12-02', status: 'open', rows: 2 })
    expect(res.body.items[0]).toMatchObject({ name: '张**', idNumber: '341502********1235', phone: '138****1234' })
    expect(res.body.items[0].raw.name).toBe(RAW.name) // staff of the unit see the raw row
    expect(res.body.items[1].name).toBe('欧***')
    archive = (await publish({ endAction: 'archive', title: '征地补偿公示', type: '征地补偿', periodDays: 3 }).expect(201)).body.id
  })

  it('bad input: Chinese problem+json, nothing written', async () => {
    const before = await snapshot(h.db)
    const res = await publish({ periodDays: 0, endAction: 'keep', rows: [{ name: '', idNumber: '123' }] })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['endAction', 'periodDays', 'rows.0.idNumber', 'rows.0.name'])
    expect(res.body.errors.find((e: any) => e.field === 'periodDays').message).toBe('公示期至少 1 个工作日')
    expect((await publish({ startsOn: '2026-11-01' })).status).toBe(400)
    expect(await snapshot(h.db)).toBe(before)
    // A clerk does not publish; the sibling county does not even see the unit.
    expect((await h.http.post(`/api/units/${T.village}/publicity`).set(bearer(await h.token(T.village, 'window_clerk'))).send({})).status).toBe(400)
    const clerkPublish = await h.http.post(`/api/units/${T.village}/publicity`).set(bearer(await h.token(T.village, 'window_clerk')))
      .send({ type: '低保', title: 't', basis: 'b', endAction: 'archive', rows })
    expect(clerkPublish.status).toBe(403)
  })

  it('objections are lodged in the period and answered in public, without the objector', async () => {
    const o = await h.http.post(`/api/public/units/${T.village}/publicity/${withdraw}/objections`)
      .send({ text: '第 1 行家中有经营性车辆，不符合条件', name: '李四', phone: '13700001111', rowOrd: 1 }).expect(201)
    expect((await h.http.post(`/api/public/units/${T.village}/publicity/${withdraw}/objections`).send({ text: '第 9 行不对不对', name: '李四', phone: '13700001111', rowOrd: 9 })).status).toBe(400)
    expect((await pub(`/publicity/${withdraw}`)).body.objections).toEqual([]) // unanswered: not shown
    const county = await h.token(T.county, 'center_admin')
    expect((await h.http.post(`/api/units/${T.village}/publicity/${withdraw}/objections/${o.body.id}/answer`).set(bearer(county)).send({ answer: '经核实' })).status).toBe(403)
    const clerk = await h.token(T.village, 'window_clerk')
    const ans = await h.http.post(`/api/units/${T.village}/publicity/${withdraw}/objections/${o.body.id}/answer`).set(bearer(clerk))
      .send({ answer: '经入户核实，该车辆已于 2025 年转让，符合条件。' }).expect(200)
    expect(ans.body.objections[0]).toMatchObject({ contactName: '李四', contactPhone: '13700001111' })
    expect((await h.http.post(`/api/units/${T.village}/publicity/${withdraw}/objections/${o.body.id}/answer`).set(bearer(clerk)).send({ answer: '再答' })).status).toBe(409)
    const shown = (await pub(`/publicity/${withdraw}`).expect(200)).body.objections
    expect(shown).toEqual([expect.objectContaining({ rowOrd: 1, answer: '经入户核实，该车辆已于 2025 年转让，符合条件。' })])
    expect(JSON.stringify(shown)).not.toMatch(/李四|13700001111/)
  })

  it('the unmasked values never leave the server through any public route', async () => {
    const bodies = [
      (await pub('/publicity').expect(200)).text,
      (await pub(`/publicity/${withdraw}`).expect(200)).text,
      (await pub(`/publicity/${archive}`).expect(200)).text,
      (await h.http.post(`/api/public/units/${T.village}/publicity/${archive}/objections`).send({ text: '对第二行有异议需要核实', name: RAW.name, phone: RAW.phone }).expect(201)).text,
    ]
    for (const text of bodies) for (const raw of Object.values(RAW)) expect(text).not.toContain(raw)
    const detail = JSON.parse(bodies[1])
    expect(detail.items[0].items.备注).toBe('联系人电话 139****6666，代领人 341502********001X')
    expect(detail.items[0]).not.toHaveProperty('raw')
  })

  it('at the end of the period: withdrawn or archived as the unit chose; objections closed', async () => {
    h.clock.set('2026-12-03T02:00:00Z')
    try {
      expect((await pub(`/publicity/${withdraw}`)).status).toBe(404)
      const arch = await pub(`/publicity/${archive}`).expect(200)
      expect(arch.body.status).toBe('archived')
      expect((await pub('/publicity')).body.items.map((l: any) => l.id)).toEqual([archive])
      const late = await h.http.post(`/api/public/units/${T.village}/publicity/${archive}/objections`).send({ text: '期满后的异议内容', name: '王五', phone: '13700002222' })
      expect(late.status).toBe(409)
      // Staff still read both.
      const staff = await h.http.get(`/api/units/${T.village}/publicity`).set(bearer(admin)).expect(200)
      expect(staff.body.items.map((l: any) => l.status).sort()).toEqual(['archived', 'withdrawn'])
    } finally { h.clock.set('2026-11-24T02:00:00Z') }
  })
})
