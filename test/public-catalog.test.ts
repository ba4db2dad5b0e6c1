// Issue 13 §3: a unit's public catalog lists what can be applied for THERE, and a guide agrees
// with itself (where to go, which window, who decides and in whose name, the power source).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harness, type Harness, T } from './helpers/app.js'
import { setupPublic } from './helpers/public.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupPublic(h) })
afterAll(() => h.close())

const catalog = async (code: string, q = '') => (await h.http.get(`/api/public/units/${code}/matters${q}`).expect(200)).body as any[]
const guide = async (code: string, m: string) => (await h.http.get(`/api/public/units/${code}/matters/${m}/guide`).expect(200)).body

describe('a unit’s public catalog', () => {
  it('lists at a township only what it handles by its own power or a valid grant', async () => {
    const list = await catalog(T.town)
    expect(list.map((m) => [m.matterCode, m.availability])).toEqual([['ELDER', 'here'], ['ENTRUST', 'here']])
    expect(list.find((m) => m.matterCode === 'ENTRUST')).toMatchObject({ powerSource: '上级委托', exerciseLevel: 'township', handledHere: true })
  })

  it('lists matters handled only above apart, as 在上级办理 with the place', async () => {
    const list = await catalog(T.town, '?include=above')
    const above = list.filter((m) => m.availability === 'above')
    expect(above.map((m) => [m.matterCode, m.place.code])).toEqual(expect.arrayContaining([['FOOD', T.county], ['CITYM', T.city], ['DISAB', T.county]]))
    expect(above.every((m) => !m.handledHere)).toBe(true)
    // Listed after what can be applied for here.
    expect(list.findIndex((m) => m.availability === 'above')).toBe(2)
  })

  it('marks a village’s agent items 可代办 with the unit that decides, and lists nothing else there', async () => {
    const list = await catalog(T.village)
    expect(list.map((m) => [m.matterCode, m.availability, m.agentService, m.decidedAt?.code])).toEqual([
      ['DISAB', 'agent', true, T.county], ['ELDER', 'agent', true, T.town],
    ])
    // A village with no agent grant takes in nothing (商品房预售许可 is not at a village).
    expect(await catalog(T.village2)).toEqual([])
    expect((await catalog(T.village2, '?include=above')).map((m) => m.availability)).not.toContain('here')
  })
})

describe('a service guide agrees with itself', () => {
  it('at the township an entrusted matter is decided in the entrusting organ’s name at the township’s window', async () => {
    const g = await guide(T.town, 'ENTRUST')
    expect(g.handling).toMatchObject({
      availability: 'here', accepts: true, place: { code: T.town, servicePointName: '中市街道为民服务中心' },
      windows: [{ number: '1', name: '综合受理窗口' }], hall: { inHall: true, place: '中市街道为民服务中心' },
      decision: { inNameOf: '金安区市场监督管理局', basis: '受金安区市场监督管理局委托' },
      decidedAt: { code: T.town, decision: { inNameOf: '金安区市场监督管理局' } },
      power: { source: '上级委托', exerciseLevel: 'township', grantor: { code: T.county, name: '金安区' }, documentNo: '金政〔2026〕22号' },
    })
    expect(g.powerSource).toBe('上级委托')
  })

  it('at a village an agent item names the village as the place and the township as the one that decides', async () => {
    const g = await guide(T.village, 'ELDER')
    expect(g.handling).toMatchObject({
      availability: 'agent', accepts: true, agentOnly: true, decision: null,
      place: { code: T.village }, hall: { inHall: true, place: '红街社区为民服务工作站' },
      decidedAt: { code: T.town, name: '中市街道', decision: { by: '中市街道为民服务中心', inNameOf: '中市街道', basis: '上级下放（金安区）' } },
    })
    expect(g.handling.windows.length).toBe(1)
  })

  it('at a village a matter handled above sends the citizen to the county’s hall and window, not the station', async () => {
    const g = await guide(T.village, 'FOOD')
    expect(g.handling).toMatchObject({
      availability: 'above', availabilityName: '在上级办理', accepts: false, decision: null,
      place: { code: T.county, servicePointName: '金安区政务服务中心' }, hall: { inHall: true, place: '金安区政务服务中心' },
      windows: [{ number: '1', name: '综合受理窗口' }],
      decidedAt: { code: T.county, decision: { by: '金安区政务服务中心', inNameOf: '金安区市场监督管理局', basis: '法定本级行使' } },
    })
    expect(JSON.stringify(g.handling)).not.toContain('红街社区为民服务工作站')
  })

  it('gives a delegated matter’s power source (上级下放) and exercise level at the grantee', async () => {
    const g = await guide(T.town2, 'FOOD')
    expect(g).toMatchObject({ powerSource: '上级下放', exerciseLevel: 'township' })
    expect(g.handling.power).toMatchObject({ source: '上级下放', exerciseLevel: 'township', grantor: { code: T.county }, documentNo: '金政〔2026〕23号', validFrom: '2026-11-24' })
    expect(g.handling.decision).toMatchObject({ inNameOf: '东市街道', basis: '上级下放（金安区）' })
    // The county, where it is statutory, says so.
    expect(await guide(T.county, 'FOOD')).toMatchObject({ powerSource: '法定本级行使', exerciseLevel: 'county' })
  })
})
