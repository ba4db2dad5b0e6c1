// Supervision roll-ups: built and standardisation rates over a subtree by the latest
// inspection, against the city's targets, children ranked by how far they lag; the counts add
// up exactly across levels. The township's view of its village stations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { effective, publishLuan, publishTemplate, results, upload } from './helpers/standards.js'

let h: Harness
let city: string
const templates: Record<string, { items: any[] }> = {}
const NEW = { town2v1: '341502002001', town2v2: '341502002002', town2v3: '341502002003', town2off: '341502002009',
  townBv2: '341503001002', townC: '341503002000', townCv1: '341503002001' }
const NAMES: Record<string, string> = { [T.town]: '中市街道', [T.town2]: '东市街道', [T.townB]: '西市街道', [NEW.townC]: '新桥镇',
  [T.village]: '红街社区', [T.village2]: '南门社区', [NEW.town2v1]: '东一村', [NEW.town2v2]: '东二村', [NEW.town2v3]: '东三村',
  [NEW.town2off]: '撤并村', [T.villageB]: '鼓楼社区', [NEW.townBv2]: '西二村', [NEW.townCv1]: '新桥村' }

async function inspect(code: string, over: Record<string, unknown> = {}, inspectedOn?: string, kind = 'inspections') {
  const tier = code.endsWith('000') ? 'township' : 'village'
  const token = await h.token(T.city, 'inspector')
  const ev = [await upload(h, token, code), await upload(h, token, code)]
  const sign = `${NAMES[code]}${tier === 'township' ? '为民服务中心' : '为民服务工作站'}`
  const asToken = kind === 'self-reports' ? await h.token(code, 'center_admin') : token
  const res = await h.http.post(`/api/units/${code}/${kind}`).set(bearer(asToken))
    .send({ inspectedOn, results: results(templates[tier], sign, ev, over) })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body
}
const summary = async (code: string, token = city) => {
  const res = await h.http.get(`/api/units/${code}/standards/summary`).set(bearer(token))
  if (res.status !== 200) throw new Error(`${code}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}
const NONE = { hall_area: 0, staff_count: 0, it_equipment: false } // the signboard alone: 一有三无
const CRITICAL = { hall_area: 10 } // built, but below the critical minimum: 不达标

beforeAll(async () => {
  h = await harness()
  city = await h.token(T.city, 'center_admin')
  await publishLuan(h)
  for (const code of Object.values(NEW)) await h.http.post('/api/units').set(bearer(city)).send({ code, name: NAMES[code] }).expect(201)
  templates.township = await effective(h, city, T.town, 'township')
  templates.village = await effective(h, city, T.village, 'village')
  // Township centers: 中市 standardised; 东市 built, 不达标; 西市 never inspected; 新桥 一有三无.
  await inspect(T.town)
  await inspect(T.town2, CRITICAL)
  await inspect(NEW.townC, NONE)
  // Village stations of 金安区: 红街 fine; 南门 failed on 11-20 (a backdated 11-10 pass does not
  // replace it); 东一 一有三无; 东二 built, 不达标; 东三 never inspected; 撤并村 deactivated.
  await inspect(T.village)
  await inspect(T.village2, CRITICAL, '2026-11-20')
  await inspect(T.village2, {}, '2026-11-10')
  await inspect(NEW.town2v1, NONE)
  await inspect(NEW.town2v2, CRITICAL)
  await inspect(NEW.town2off)
  await h.http.patch(`/api/units/${NEW.town2off}`).set(bearer(city)).send({ active: false }).expect(200)
  // 裕安区: 鼓楼 fine; 西二 only self-reported (a claim, not counted); 新桥村 fine.
  await inspect(T.villageB)
  await inspect(NEW.townBv2, {}, undefined, 'self-reports')
  await inspect(NEW.townCv1)
})
afterAll(() => h.close())

const COUNT_FIELDS = ['total', 'inspected', 'uninspected', 'built', 'standardised', 'yiYouSanWu'] as const
const counts = (f: any) => ({ ...Object.fromEntries(COUNT_FIELDS.map((k) => [k, f[k]])), grades: f.grades })
const sum = (xs: any[]) => xs.reduce((a, b) => ({
  ...Object.fromEntries(COUNT_FIELDS.map((k) => [k, a[k] + b[k]])),
  grades: Object.fromEntries(Object.keys(a.grades).map((g) => [g, a.grades[g] + b.grades[g]])),
}))

describe('standards summary', () => {
  it('counts a county\'s centers and stations by their latest inspection, with rates against targets', async () => {
    const s = await summary(T.county)
    expect(s.targets).toEqual({ township: { standardisedRate: 90 }, village: { builtRate: 80 } })
    expect(s.townships).toMatchObject({ total: 2, inspected: 2, built: 2, standardised: 1, yiYouSanWu: 0,
      builtRate: 100, standardisedRate: 50, meetsTargets: { standardisedRate: false, builtRate: null } })
    expect(s.villages).toMatchObject({ total: 5, inspected: 4, uninspected: 1, built: 3, standardised: 1, yiYouSanWu: 1,
      grades: { demonstration: 1, standard: 0, simple: 0, substandard: 3 }, builtRate: 60, standardisedRate: 20,
      meetsTargets: { builtRate: false, standardisedRate: null } })
  })

  it('the counts add up exactly across levels: a county is the sum of its townships, the city of its counties', async () => {
    const c = await summary(T.city)
    expect(c.townships.total).toBe(4)
    expect(c.villages.total).toBe(8)
    for (const county of [T.county, T.county2]) {
      const s = await summary(county)
      const kids = await Promise.all(s.children.map((k: any) => summary(k.unitCode)))
      expect(kids.length).toBeGreaterThan(1)
      for (const tier of ['townships', 'villages']) {
        expect(counts(s[tier]), `${county} ${tier}`).toEqual(sum(kids.map((k) => counts(k[tier]))))
        // The child entries of the county's own answer are those same figures.
        for (const k of kids) expect(counts(s.children.find((x: any) => x.unitCode === k.unitCode)[tier])).toEqual(counts(k[tier]))
      }
      const inCity = c.children.find((x: any) => x.unitCode === county)
      expect(counts(inCity.villages)).toEqual(counts(s.villages))
      expect(counts(inCity.townships)).toEqual(counts(s.townships))
    }
    for (const tier of ['townships', 'villages']) {
      expect(counts(c[tier])).toEqual(sum(c.children.map((k: any) => counts(k[tier]))))
    }
  })

  it('ranks the children by how far they lag behind the targets', async () => {
    const c = await summary(T.city)
    // 裕安区: townships 0 of 2 standardised (90 points short), villages 2 of 3 built (13.3 short).
    // 金安区: townships 1 of 2 (40 short), villages 3 of 5 built (20 short).
    expect(c.children.map((k: any) => [k.unitCode, k.lag])).toEqual([[T.county2, 103.3], [T.county, 60]])
    const county = await summary(T.county)
    expect(county.children.map((k: any) => k.unitCode)).toEqual([T.town2, T.town])
    expect(county.children[0]).toMatchObject({ name: '东市街道', townships: { standardised: 0 }, villages: { total: 3, built: 1 } })
  })

  it('a county raising its target sees its own figures against it; the city still uses its own', async () => {
    const county2 = await h.token(T.county2, 'center_admin')
    await publishTemplate(h, county2, T.county2, 'village', { items: [], targets: { builtRate: 90, standardisedRate: 50 } })
    expect((await summary(T.county2, county2)).targets.village).toEqual({ builtRate: 90, standardisedRate: 50 })
    expect((await summary(T.city)).targets.village).toEqual({ builtRate: 80 })
  })

  it('only the own subtree: an ancestor\'s figures are 403, a sibling\'s 404', async () => {
    const town = await h.token(T.town, 'center_admin')
    expect((await h.http.get(`/api/units/${T.county}/standards/summary`).set(bearer(town))).status).toBe(403)
    expect((await h.http.get(`/api/units/${T.townB}/standards/summary`).set(bearer(town))).status).toBe(404)
    const own = await summary(T.town, town)
    expect(own.townships.total).toBe(1)
    expect(own.villages.total).toBe(2)
  })
})

describe('stations view', () => {
  it('the township sees each village station: latest grade, open and overdue tasks, staff', async () => {
    for (const role of ['center_admin', 'window_clerk', 'agent'] as const) await h.token(NEW.town2v2, role)
    h.clock.set('2027-06-01T02:00:00Z') // long after every deadline
    const town2 = await h.token(T.town2, 'center_admin')
    const res = await h.http.get(`/api/units/${T.town2}/stations`).set(bearer(town2))
    expect(res.status).toBe(200)
    const by = Object.fromEntries(res.body.stations.map((s: any) => [s.unitCode, s]))
    expect(Object.keys(by)).toEqual([NEW.town2v1, NEW.town2v2, NEW.town2v3]) // the deactivated station is not listed
    expect(by[NEW.town2v1]).toMatchObject({ name: '东一村', servicePointName: '东一村为民服务工作站',
      latest: { grade: 'substandard', gradeName: '不达标', built: false, flags: ['一有三无'] },
      rectifications: { open: 3, overdue: 3 }, casesAsAgent30d: 0 })
    expect(by[NEW.town2v2]).toMatchObject({ latest: { built: true, standardised: false, score: 85 }, rectifications: { open: 1, overdue: 1 } })
    expect(by[NEW.town2v2].staff).toBe(3) // the admin (站长), the clerk and the agent (代办员)
    expect(by[NEW.town2v3]).toMatchObject({ latest: null, rectifications: { open: 0, overdue: 0 }, lastSelfReportOn: null })
    const county = await h.http.get(`/api/units/${T.county2}/stations`).set(bearer(await h.token(T.county2, 'supervisor')))
    expect(county.body.stations.map((s: any) => [s.unitCode, s.latest?.flags ?? null])).toEqual([[T.townB, null], [NEW.townC, ['一有三无']]])
    const townB = await h.http.get(`/api/units/${T.townB}/stations`).set(bearer(await h.token(T.townB, 'inspector')))
    expect(townB.body.stations.find((s: any) => s.unitCode === NEW.townBv2)).toMatchObject({ latest: null, lastSelfReportOn: '2026-11-24' })
    expect((await h.http.get(`/api/units/${T.city}/stations`).set(bearer(city))).status).toBe(400)
    expect((await h.http.get(`/api/units/${T.village}/stations`).set(bearer(city))).status).toBe(400)
    h.clock.set('2026-11-24T02:00:00Z')
  })
})
