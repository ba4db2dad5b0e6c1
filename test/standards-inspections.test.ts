// Self-reports and inspections: the checklist in force filled item by item, scored and graded;
// built / standardised derived; "一有三无" flagged; only a unit above inspects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluate } from '../src/modules/standards/grading.js'
import { mergeChain } from '../src/modules/standards/template-rules.js'
import { scopeOf } from '../src/platform/scope.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { effective, JPEG, PNG, publishLuan, publishTemplate, results, upload } from './helpers/standards.js'

let h: Harness
let tpl: { items: any[] }
let photos: string[]
const SIGN = '红街社区为民服务工作站'
const inspect = async (token: string, code: string, body: object) => h.http.post(`/api/units/${code}/inspections`).set(bearer(token)).send(body)

beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

describe('inspections', () => {
  it('answers 409 while no checklist is published', async () => {
    const town = await h.token(T.town, 'inspector')
    const res = await inspect(town, T.village, { results: [{ key: 'signboard', value: SIGN }] })
    expect(res.status).toBe(409)
    expect(res.body.detail).toMatch(/尚未发布/)
    await publishLuan(h)
    tpl = await effective(h, town, T.village, 'village')
    photos = [await upload(h, town, T.village), await upload(h, town, T.village, JPEG, 'image/jpeg')]
  })

  it('the township inspects its village station: every item recorded, scored 100, 示范型, built and standardised', async () => {
    const town = await h.token(T.town, 'inspector')
    const filled = results(tpl, SIGN, photos)
    filled[0] = { ...filled[0], note: '牌子规范' } as any
    const res = await inspect(town, T.village, { results: filled, note: '例行检查' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      unitCode: T.village, tier: 'village', kind: 'inspection', inspectedOn: '2026-11-24', score: 100,
      grade: 'demonstration', gradeName: '示范型', built: true, standardised: true, yiYouSanWu: false, flags: [],
      inspector: { unitCode: T.town, userId: await h.userId(T.town, 'inspector') }, note: '例行检查', rectifications: [],
      template: { sources: [{ unitCode: T.city, version: 1 }] },
    })
    expect(res.body.items).toHaveLength(tpl.items.length)
    expect(res.body.items[0]).toMatchObject({ key: 'signboard', value: SIGN, expected: SIGN, passed: true, note: '牌子规范' })
    expect(res.body.items.find((i: any) => i.key === 'station_photos')).toMatchObject({ evidence: photos, passed: true })
    // The station sees its own record; the township lists its subtree.
    const own = await h.http.get(`/api/units/${T.village}/inspections`).set(bearer(await h.token(T.village, 'window_clerk')))
    expect(own.body.items.map((i: any) => i.id)).toEqual([res.body.id])
    const subtree = await h.http.get(`/api/units/${T.town}/inspections?subtree=true`).set(bearer(town))
    expect(subtree.body.items.map((i: any) => i.id)).toContain(res.body.id)
    const fromB = await h.http.get(`/api/units/${T.village}/inspections`).set(bearer(await h.token(T.townB, 'inspector')))
    expect(fromB.status).toBe(404)
  })

  it('weights and cut-offs give the grade; a failed critical item makes it 不达标 whatever the score', async () => {
    const town = await h.token(T.town, 'inspector')
    const grade = async (over: Record<string, unknown>) => {
      const res = await inspect(town, T.village, { inspectedOn: '2026-11-20', results: results(tpl, SIGN, photos, over) })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return [res.body.score, res.body.grade, res.body.built, res.body.standardised]
    }
    expect(await grade({ work_rules: false })).toEqual([94, 'demonstration', true, true])
    expect(await grade({ service_guide: false, service_items: false, work_rules: false })).toEqual([78, 'standard', true, true])
    expect(await grade({ service_guide: false, service_items: false, work_rules: false, service_counter: false, convenience: false })).toEqual([67, 'simple', true, true])
    expect(await grade({ service_guide: false, service_items: false, work_rules: false, service_counter: false, convenience: false, service_flow: false, service_window: false }))
      .toEqual([57, 'substandard', true, false])
    // 39.9 m²: a site exists (built), but below the critical 40 m² the station is 不达标 at 85 points.
    expect(await grade({ hall_area: 39.9 })).toEqual([85, 'substandard', true, false])
    expect(await grade({ hall_area: 40 })).toEqual([100, 'demonstration', true, true])
  })

  it('the signboard must read exactly "<name>为民服务工作站" (committee names shortened to the village)', async () => {
    const town = await h.token(T.town, 'inspector')
    const res = await inspect(town, T.village, { results: results(tpl, '红街社区为民服务站', photos) })
    expect(res.body.items[0]).toMatchObject({ passed: false, expected: SIGN })
    expect(res.body.score).toBe(90)
    const admin = await h.token(T.town, 'center_admin')
    await h.http.post('/api/units').set(bearer(admin)).send({ code: '341502001031', name: '大桥村委会' }).expect(201)
    const ev = [await upload(h, town, '341502001031'), await upload(h, town, '341502001031')]
    const ok = await inspect(town, '341502001031', { results: results(tpl, '大桥村为民服务工作站', ev) })
    expect(ok.body.items[0]).toMatchObject({ passed: true, expected: '大桥村为民服务工作站' })
  })

  it('the signboard may also read the service-point name the system holds for the station (迎宾居委会为民服务工作站)', async () => {
    const town = await h.token(T.town, 'inspector')
    const admin = await h.token(T.town, 'center_admin')
    await h.http.post('/api/units').set(bearer(admin)).send({ code: '341502001032', name: '迎宾居委会' }).expect(201)
    const [u] = await h.db.query(`select service_point_name from units where code = '341502001032'`)
    expect(u.service_point_name).toBe('迎宾居委会为民服务工作站')
    const ev = [await upload(h, town, '341502001032'), await upload(h, town, '341502001032')]
    const own = await inspect(town, '341502001032', { results: results(tpl, '迎宾居委会为民服务工作站', ev) })
    expect(own.body.items[0]).toMatchObject({ passed: true, expected: '迎宾居委会为民服务工作站' })
    const pattern = await inspect(town, '341502001032', { results: results(tpl, '迎宾社区为民服务工作站', ev) })
    expect(pattern.body.items[0]).toMatchObject({ passed: true })
    const wrong = await inspect(town, '341502001032', { results: results(tpl, '迎宾为民服务站', ev) })
    expect(wrong.body.items[0]).toMatchObject({ passed: false, expected: '迎宾社区为民服务工作站' })
  })

  it('evidence items need enough files, of this station', async () => {
    const town = await h.token(T.town, 'inspector')
    const one = await inspect(town, T.village, { results: results(tpl, SIGN, photos, { station_photos: [photos[0]] }) })
    expect(one.body.items.find((i: any) => i.key === 'station_photos')).toMatchObject({ passed: false, expected: 2 })
    const before = await snapshot(h.db)
    const elsewhere = await upload(h, town, T.village2, PNG)
    const mid = await snapshot(h.db)
    const foreign = await inspect(town, T.village, { results: results(tpl, SIGN, [photos[0], elsewhere]) })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0].message).toMatch(/不属于该单位/)
    expect(await snapshot(h.db)).toBe(mid)
    expect(mid).not.toBe(before)
  })

  it('flags "一有三无" (a signboard but no site, equipment or staff) as not built, whatever else it claims', async () => {
    const town = await h.token(T.town, 'inspector')
    const res = await inspect(town, T.village2, {
      results: results(tpl, '南门社区为民服务工作站', [], { hall_area: 0, staff_count: 0, it_equipment: false }) })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ yiYouSanWu: true, flags: ['一有三无'], built: false, standardised: false, grade: 'substandard',
      basics: { signboard: true, site: false, equipment: false, staff: false } })
    // A station with staff but no site and no equipment is not built either, but is not "一有三无".
    const staffed = await inspect(town, T.village2, {
      results: results(tpl, '南门社区为民服务工作站', [], { hall_area: 0, it_equipment: false }) })
    expect(staffed.body).toMatchObject({ yiYouSanWu: false, flags: [], built: false })
  })

  it('"一有三无" overrides the score even where no basic item is critical (grading rules alone)', () => {
    const body = { grading: { demonstration: 90, standard: 75, simple: 60 }, items: [
      { key: 'sign', label: '牌子', kind: 'boolean', weight: 10, critical: false, basic: 'signboard' },
      { key: 'site', label: '场所', kind: 'boolean', weight: 10, critical: false, basic: 'site' },
      { key: 'it', label: '设备', kind: 'boolean', weight: 10, critical: false, basic: 'equipment' },
      { key: 'staff', label: '人员', kind: 'boolean', weight: 10, critical: false, basic: 'staff' },
      { key: 'guide', label: '服务指南', kind: 'boolean', weight: 60, critical: false },
    ] } as any
    const t = mergeChain([{ unitCode: T.city, version: 1, body }])!
    const claims = new Map(['sign', 'site', 'it', 'staff', 'guide'].map((k) => [k, { key: k, value: k === 'sign' || k === 'guide' }]))
    const e = evaluate(t, { level: 'village', name: '红街社区' }, claims)
    expect(e.score).toBe(70)
    expect(e).toMatchObject({ yiYouSanWu: true, built: false, grade: 'substandard' })
  })

  it('items added below can only lower a score, never raise it', async () => {
    const county2 = await h.token(T.county2, 'center_admin')
    // 裕安区 adds an easy item weighing as much as half the city's checklist.
    await publishTemplate(h, county2, T.county2, 'village', { items: [{ key: 'flag', label: '悬挂国旗', kind: 'boolean', weight: 50 }] })
    const townB = await h.token(T.townB, 'inspector')
    const t = await effective(h, townB, T.villageB, 'village')
    const ev = [await upload(h, townB, T.villageB), await upload(h, townB, T.villageB)]
    const weak = { service_guide: false, service_items: false, work_rules: false, service_counter: false, convenience: false, service_flow: false, service_window: false }
    const res = await inspect(townB, T.villageB, { results: results(t, '鼓楼社区为民服务工作站', ev, weak) })
    // City items alone: 57; with the county's easy item it would be (57 + 50) / 150 = 71.3 (简易型).
    expect(res.body).toMatchObject({ score: 57, grade: 'substandard' })
    const failsAdded = await inspect(townB, T.villageB, { results: results(t, '鼓楼社区为民服务工作站', ev, { flag: false }) })
    expect(failsAdded.body.score).toBe(66.7) // 100 on the city's items, 100/150 with the county's
  })

  it('only a unit above inspects: not the station itself, not a sibling, not a supervisor or clerk', async () => {
    const filled = results(tpl, SIGN, photos)
    const [station, town, supervisor, clerk, siblingB, sibling] = [await h.token(T.village, 'center_admin'), await h.token(T.town, 'inspector'),
      await h.token(T.town, 'supervisor'), await h.token(T.town, 'window_clerk'), await h.token(T.townB, 'inspector'), await h.token(T.town2, 'inspector')]
    const before = await snapshot(h.db)
    expect((await inspect(station, T.village, { results: filled })).status).toBe(403)
    expect((await inspect(town, T.town, { results: filled })).status).toBe(403)
    expect((await inspect(supervisor, T.village, { results: filled })).status).toBe(403)
    expect((await inspect(clerk, T.village, { results: filled })).status).toBe(403)
    expect((await inspect(siblingB, T.village, { results: filled })).status).toBe(404)
    expect((await inspect(sibling, T.village, { results: filled })).status).toBe(404)
    expect((await inspect(station, T.town, { results: filled })).status).toBe(403)
    expect(await snapshot(h.db)).toBe(before)
    // Every refusal is recorded: 403s on the inspection, 404s as attempts on a unit out of reach.
    const refusals = await h.db.query(`select subject_type, count(*)::int as n from refusals where action = 'inspect' group by 1 order by 1`)
    expect(refusals).toEqual([{ subject_type: 'Inspection', n: 5 }, { subject_type: 'Unit', n: 2 }])
    // The county inspects its township center, and may spot-check a village.
    const countyInspector = await h.token(T.county, 'inspector')
    const center = await effective(h, countyInspector, T.town, 'township')
    const ev = [await upload(h, countyInspector, T.town), await upload(h, countyInspector, T.town)]
    expect((await inspect(countyInspector, T.town, { results: results(center, '中市街道为民服务中心', ev) })).status).toBe(201)
    expect((await inspect(countyInspector, T.village, { results: filled })).status).toBe(201)
    // The county is no station: nothing to inspect there.
    expect((await inspect(await h.token(T.city, 'inspector'), T.county, { results: filled })).status).toBe(400)
  })

  it('checks the filled checklist: every item once, values of the right kind, no future dates', async () => {
    const town = await h.token(T.town, 'inspector')
    const before = await snapshot(h.db)
    const filled = results(tpl, SIGN, photos)
    const bad = [...filled.slice(1), { key: 'hall_area', value: '四十' }, { key: 'nonsense', value: true }]
    const res = await inspect(town, T.village, { results: bad })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'results', message: expect.stringMatching(/signboard/) }),
      expect.objectContaining({ field: `results[${filled.length - 1}].key`, message: expect.stringMatching(/重复/) }),
      expect.objectContaining({ field: `results[${filled.length}].key`, message: expect.stringMatching(/nonsense/) }),
    ]))
    const future = await inspect(town, T.village, { inspectedOn: '2026-11-25', results: filled })
    expect(future.status).toBe(400)
    expect(future.body.errors[0].field).toBe('inspectedOn')
    expect(await snapshot(h.db)).toBe(before)
  })

  it('a self-report is the station\'s own claim: scored, but it opens no tasks', async () => {
    const admin = await h.token(T.village, 'center_admin')
    const res = await h.http.post(`/api/units/${T.village}/self-reports`).set(bearer(admin))
      .send({ results: results(tpl, SIGN, photos, { convenience: false }) })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ kind: 'self_report', score: 95, inspector: { unitCode: T.village }, rectifications: [] })
    const clerk = await h.token(T.village, 'window_clerk')
    expect((await h.http.post(`/api/units/${T.village}/self-reports`).set(bearer(clerk)).send({ results: results(tpl, SIGN, photos) })).status).toBe(403)
    const list = await h.http.get(`/api/units/${T.village}/inspections?kind=self_report`).set(bearer(clerk))
    expect(list.body.items.map((i: any) => i.id)).toEqual([res.body.id])
  })

  it('RLS alone: a query without WHERE sees its subtree\'s records and its ancestors\' published checklists only', async () => {
    const seen = await h.db.scoped(scopeOf(T.townB), async (db) => ({
      inspections: await db.selectFrom('standard_inspections').select('unit_code').execute(),
      evidence: await db.selectFrom('standard_evidence').select('unit_code').execute(),
      tasks: await db.selectFrom('standard_rectifications').select('unit_code').execute(),
      versions: await db.selectFrom('standard_template_versions').select('unit_code').execute(),
      drafts: await db.selectFrom('standard_template_drafts').select('unit_code').execute(),
    }))
    for (const rows of [seen.inspections, seen.evidence, seen.tasks]) {
      expect(rows.length).toBeGreaterThan(0)
      expect(rows.every((r) => r.unit_code.startsWith('341503001'))).toBe(true)
    }
    expect(new Set(seen.versions.map((r) => r.unit_code))).toEqual(new Set([T.city, T.county2]))
    expect(seen.drafts).toEqual([]) // not even the city's or the county's working copies
    const tables = await h.db.query(`select c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) as owner
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and (c.relname like 'standard_%' or c.relname = 'calendar_overrides')`)
    expect(tables).toHaveLength(7)
    for (const t of tables) expect(t, t.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true })
    expect(tables.every((t) => t.owner !== 'gov_app')).toBe(true)
  })

  it('inspections are records: the app role cannot change them', async () => {
    await expect(h.db.scoped(scopeOf(T.town), (db) => db.updateTable('standard_inspections').set({ score: 100 }).execute()))
      .rejects.toThrow(/permission denied/)
  })

  it('a deactivated station is not inspected', async () => {
    const county = await h.token(T.county, 'center_admin')
    await h.http.post('/api/units').set(bearer(county)).send({ code: '341502001040', name: '停用村' }).expect(201)
    await h.http.patch('/api/units/341502001040').set(bearer(county)).send({ active: false }).expect(200)
    const res = await inspect(await h.token(T.town, 'inspector'), '341502001040', { results: results(tpl, '停用村为民服务工作站', []) })
    expect(res.status).toBe(409)
  })
})

