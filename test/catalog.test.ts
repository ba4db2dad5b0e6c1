// Matter catalogs per tier: validation, tightening only, drafts vs published versions,
// reading by date, falling back up the tree, hall entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { sampleMatter } from './helpers/matters.js'

let h: Harness
let city: string, county: string, town: string
beforeAll(async () => {
  h = await harness()
  city = await h.token(T.city, 'center_admin')
  county = await h.token(T.county, 'center_admin')
  town = await h.token(T.town, 'center_admin')
})
afterAll(() => h.close())

const put = (token: string, unit: string, code: string, body: object) =>
  h.http.put(`/api/units/${unit}/matters/${code}`).set(bearer(token)).send(body)
const publish = (token: string, unit: string, body: object = {}) =>
  h.http.post(`/api/units/${unit}/catalog/publish`).set(bearer(token)).send(body)
const fields = (res: any) => res.body.errors.map((e: any) => e.field)

describe('a matter on its own', () => {
  it('refuses inconsistent 八公开 elements with every offending field', async () => {
    const before = await snapshot(h.db)
    const cases: [object, string][] = [
      [{ promisedLimit: { days: 15, unit: 'working' } }, 'promisedLimit.days'],
      [{ instant: true }, 'promisedLimit'],
      [{ legalBasis: '' }, 'legalBasis'],
      [{ materials: [{ name: '身份证', required: true, form: 'copy', copies: 1 }, { name: '身份证', required: false, form: 'copy', copies: 1 }] }, 'materials[1].name'],
      [{ free: true, fees: [{ name: '工本费', basis: '皖价费〔2020〕1号', amount: 10 }] }, 'fees'],
      [{ free: false, fees: [] }, 'fees'],
      [{ promisedLimit: { days: 5, unit: 'natural' } }, 'promisedLimit.unit'],
    ]
    for (const [over, field] of cases) {
      const res = await put(city, T.city, '3415-TEST-0001', sampleMatter(over as any))
      expect(res.status, JSON.stringify(over)).toBe(400)
      expect(fields(res), JSON.stringify(over)).toContain(field)
    }
    const neg = await put(city, T.city, '3415-TEST-0001', sampleMatter({ free: false, fees: [{ name: '工本费', basis: 'x', amount: -1 }] }))
    expect(neg.status).toBe(400)
    expect(fields(neg)).toContain('fees.0.amount')
    const instant = await put(city, T.city, '3415-TEST-0002', sampleMatter({ type: '行政确认', instant: true, promisedLimit: null, legalBasis: '' }))
    expect(instant.status).toBe(200)
    await h.http.delete(`/api/units/${T.city}/matters/3415-TEST-0002`).set(bearer(city)).expect(204)
    expect(await snapshot(h.db)).toBe(before)
  })
})

describe('catalogs per tier', () => {
  it('keeps changes as drafts until published; versions are numbered, dated and immutable', async () => {
    expect((await put(city, T.city, '3415-SCJG-XK-0001', sampleMatter({ exerciseLevel: 'county' }))).status).toBe(200)
    // Not yet published: the county and the public do not see it.
    expect((await h.http.get(`/api/units/${T.county}/matters`).set(bearer(county))).body).toEqual({ items: [], next: null })
    expect((await h.http.get(`/api/public/units/${T.county}/matters`)).body).toEqual([])
    const v1 = await publish(city, T.city, { note: '基本目录' })
    expect(v1.status).toBe(201)
    expect(v1.body).toMatchObject({ version: 1, effectiveFrom: '2026-11-24', matters: 1 })
    expect((await publish(city, T.city)).status).toBe(409) // unchanged
    const list = await h.http.get(`/api/units/${T.county}/matters`).set(bearer(county))
    expect(list.body.items.map((m: any) => [m.matterCode, m.source.unitCode])).toEqual([['3415-SCJG-XK-0001', T.city]])
    // The app role cannot change a published version, not even its own unit's.
    const { sql } = await import('kysely')
    const { scopeOf } = await import('../src/platform/scope.js')
    await expect(h.db.scoped(scopeOf(T.city), (db) => sql`update catalog_version_items set data = '{}'`.execute(db))).rejects.toThrow(/permission denied/)
    await expect(h.db.scoped(scopeOf(T.city), (db) => sql`delete from catalog_versions`.execute(db))).rejects.toThrow(/permission denied/)
  })

  it('refuses a past effective date and answers what the catalog was on a given day', async () => {
    const old = await h.http.get(`/api/units/${T.city}/catalog/versions`).set(bearer(city))
    expect((await publish(city, T.city, { effectiveFrom: '2026-01-01' })).status).toBe(400)
    await put(city, T.city, '3415-SCJG-XK-0001', sampleMatter({ exerciseLevel: 'county', promisedLimit: { days: 3, unit: 'working' } }))
    expect((await publish(city, T.city, { effectiveFrom: '2026-12-01' })).body.version).toBe(2)
    const at = (d: string) => h.http.get(`/api/units/${T.county}/matters/3415-SCJG-XK-0001?at=${d}`).set(bearer(county))
    expect((await at('2026-11-30')).body.published.promisedLimit.days).toBe(5)
    expect((await at('2026-12-01')).body.published.promisedLimit.days).toBe(3)
    expect((await at('2026-11-01')).status).toBe(404) // nothing was in force then
    expect(old.body.items).toHaveLength(1)
    const versions = await h.http.get(`/api/units/${T.city}/catalog/versions`).set(bearer(city))
    expect(versions.body.items.map((v: any) => [v.version, v.effectiveFrom])).toEqual([[2, '2026-12-01'], [1, '2026-11-24']])
    // Newest first, one version a page: the cursor leads to the older one, then the end.
    const first = await h.http.get(`/api/units/${T.city}/catalog/versions?limit=1`).set(bearer(city))
    const second = await h.http.get(`/api/units/${T.city}/catalog/versions?limit=1&cursor=${first.body.next}`).set(bearer(city))
    expect([first.body.items[0].version, second.body.items[0].version, second.body.next]).toEqual([2, 1, null])
    expect((await h.http.get(`/api/units/${T.county}/matters?at=2026-13-01`).set(bearer(county))).status).toBe(400)
  })

  it('lets the county tighten the city matter but never loosen it', async () => {
    const code = '3415-SCJG-XK-0001'
    const loosen: [object, string][] = [
      [{ promisedLimit: { days: 8, unit: 'working' } }, 'promisedLimit.days'],
      [{ statutoryLimit: { days: 20, unit: 'working' }, promisedLimit: { days: 3, unit: 'working' } }, 'statutoryLimit'],
      [{ materials: [...sampleMatter().materials, { name: '房产证明', required: true, form: 'copy', copies: 1 }] }, 'materials[3].name'],
      [{ materials: sampleMatter().materials.map((m) => ({ ...m, required: true })) }, 'materials[2].required'],
      [{ visits: 2 }, 'visits'],
      [{ name: '食品经营许可（新）' }, 'name'],
    ]
    for (const [over, field] of loosen) {
      const res = await put(county, T.county, code, sampleMatter({ exerciseLevel: 'county', ...over } as any))
      expect(res.status, JSON.stringify(over)).toBe(400)
      expect(fields(res), JSON.stringify(over)).toContain(field)
      expect(res.body.errors.find((e: any) => e.field === field).message).toMatch(/六安市/)
    }
    const tight = await put(county, T.county, code, sampleMatter({
      exerciseLevel: 'county', promisedLimit: { days: 2, unit: 'working' }, visits: 0, materials: sampleMatter().materials.slice(0, 2),
    }))
    expect(tight.status).toBe(200)
    expect((await publish(county, T.county)).status).toBe(201)
  })

  it('refuses higher fees below', async () => {
    await put(city, T.city, '3415-GA-QT-0009', sampleMatter({ type: '公共服务', legalBasis: '', free: false, fees: [{ name: '工本费', basis: '皖价服〔2019〕1号', amount: 10 }], exerciseLevel: 'county' }))
    await publish(city, T.city, { effectiveFrom: '2026-12-01' })
    const higher = await put(county, T.county, '3415-GA-QT-0009', sampleMatter({ type: '公共服务', legalBasis: '', free: false, fees: [{ name: '工本费', basis: '皖价服〔2019〕1号', amount: 20 }], exerciseLevel: 'county' }))
    expect(fields(higher)).toContain('fees[0].amount')
    const lower = await put(county, T.county, '3415-GA-QT-0009', sampleMatter({ type: '公共服务', legalBasis: '', free: false, fees: [{ name: '工本费', basis: '皖价服〔2019〕1号', amount: 5 }], exerciseLevel: 'county' }))
    expect(lower.status).toBe(200)
  })

  it('reads the most specific published version first, falling back up the tree', async () => {
    // 金安区 implemented it (2 days); 裕安区 did not: it falls back to the city's.
    const jinan = await h.http.get(`/api/units/${T.town}/matters/3415-SCJG-XK-0001`).set(bearer(town))
    expect(jinan.body.published).toMatchObject({ source: { unitCode: T.county }, promisedLimit: { days: 2 } })
    const yuan = await h.token(T.county2, 'center_admin')
    const other = await h.http.get(`/api/units/${T.county2}/matters/3415-SCJG-XK-0001`).set(bearer(yuan))
    expect(other.body.published.source.unitCode).toBe(T.city)
    // The county's township catalog (乡镇为民服务事项目录); where one township differs, its own version wins.
    const townMatter = { exerciseLevel: 'township' as const, powerSource: '上级下放' as const, promisedLimit: { days: 3, unit: 'working' as const } }
    expect((await put(county, T.county, '341502-MZ-0001', sampleMatter({ name: '高龄津贴申领', type: '行政给付', ...townMatter }))).status).toBe(200)
    await publish(county, T.county)
    const fromCounty = await h.http.get(`/api/units/${T.town2}/matters/341502-MZ-0001`).set(bearer(county))
    expect(fromCounty.body.published).toMatchObject({ source: { unitCode: T.county }, promisedLimit: { days: 3 } })
    const differs = await put(county, T.town, '341502-MZ-0001', sampleMatter({ name: '高龄津贴申领', type: '行政给付', ...townMatter, promisedLimit: { days: 1, unit: 'working' } }))
    expect(differs.status).toBe(200)
    await publish(county, T.town)
    const own = await h.http.get(`/api/units/${T.town}/matters/341502-MZ-0001`).set(bearer(town))
    expect(own.body.published).toMatchObject({ source: { unitCode: T.town }, promisedLimit: { days: 1 } })
    const sibling = await h.http.get(`/api/units/${T.town2}/matters/341502-MZ-0001`).set(bearer(county))
    expect(sibling.body.published.promisedLimit.days).toBe(3)
    // A township cannot take a matter up to a level above its own.
    expect(fields(await put(county, T.town, '341502-MZ-0002', sampleMatter({ exerciseLevel: 'county' })))).toContain('exerciseLevel')
  })

  it('never shows a sibling its drafts; a township sees its ancestors published catalogs only', async () => {
    await put(county, T.county, '341502-LOCAL-0001', sampleMatter({ name: '金安区本地事项', type: '公共服务', legalBasis: '' }))
    const other = await h.token(T.county2, 'center_admin')
    expect((await h.http.get(`/api/units/${T.county}/catalog/draft`).set(bearer(other))).status).toBe(404)
    expect((await h.http.get(`/api/units/${T.county}/matters/341502-LOCAL-0001`).set(bearer(other))).status).toBe(404)
    // The township sees the county's published catalog but not its draft.
    expect((await h.http.get(`/api/units/${T.county}/catalog/draft`).set(bearer(town))).status).toBe(403)
    const seen = await h.http.get(`/api/units/${T.county}/matters/341502-LOCAL-0001`).set(bearer(town))
    expect(seen.status).toBe(404)
    const clerk = await h.token(T.town, 'window_clerk')
    expect((await put(clerk, T.town, '341502-X-1', sampleMatter())).status).toBe(403)
  })

  it('records hall entry: out of the hall only with the county center admin approval, published in the guide', async () => {
    const code = '3415-SCJG-XK-0001'
    const missing = await h.http.put(`/api/units/${T.county}/matters/${code}/hall`).set(bearer(county)).send({ inHall: false })
    expect(missing.status).toBe(400)
    expect(fields(missing)).toEqual(['office', 'address', 'phone', 'approvalDocument'])
    const out = { inHall: false, office: '金安区市场监督管理局登记科', address: '六安市金安区梅山南路 1 号', phone: '0564-3379000', approvalDocument: '金政办〔2026〕8号' }
    expect((await h.http.put(`/api/units/${T.town}/matters/${code}/hall`).set(bearer(town)).send(out)).status).toBe(403)
    const ok = await h.http.put(`/api/units/${T.county}/matters/${code}/hall`).set(bearer(county)).send(out)
    expect(ok.status).toBe(200)
    expect(ok.body.approvedBy).toBe(await h.userId(T.county, 'center_admin'))
    const guide = await h.http.get(`/api/public/units/${T.county}/matters/${code}/guide`)
    expect(guide.body.handling.hall).toMatchObject({ inHall: false, office: out.office, phone: out.phone })
  })

  it('lists the hall entries and the approved exemptions (filtered in SQL; out of scope 404; bad filter 400)', async () => {
    const code = '3415-SCJG-XK-0001'
    const list = async (q: string, token = county) => h.http.get(`/api/units/${T.county}/hall-entries${q}`).set(bearer(token))
    const exempt = await list('?inHall=false')
    expect(exempt.status).toBe(200)
    expect(exempt.body).toMatchObject({ next: null, items: [{ matterCode: code, inHall: false, approvalDocument: '金政办〔2026〕8号', approvedByName: expect.any(String) }] })
    expect((await list('?inHall=true')).body.items).toEqual([])
    await h.http.put(`/api/units/${T.county}/matters/${code}/hall`).set(bearer(county)).send({ inHall: true }).expect(200)
    expect((await list('?inHall=false')).body.items).toEqual([])
    expect((await list('?inHall=true')).body.items).toEqual([expect.objectContaining({ matterCode: code, inHall: true, office: null })])
    expect((await list('?inHall=maybe')).status).toBe(400)
    expect((await list('', await h.token(T.county2, 'center_admin'))).status).toBe(404)
  })
})
