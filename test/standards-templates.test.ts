// Checklist templates per tier: the city sets them, a county (or a township for its villages)
// adds items or raises the bar, never removes or lowers; drafts → immutable published versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scopeOf } from '../src/platform/scope.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { effective, LUAN, publishLuan, publishTemplate } from './helpers/standards.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

const url = (code: string, tier: string) => `/api/units/${code}/standards/templates/${tier}`
const village = LUAN.templates.village
const item = (key: string) => village.items.find((i: any) => i.key === key)

describe('checklist templates', () => {
  it('the city publishes both tiers; every unit below reads the checklist in force, not the city\'s draft', async () => {
    const city = await h.token(T.city, 'center_admin')
    expect((await h.http.get(url(T.village, 'village')).set(bearer(city))).body.effective).toBeNull()
    await publishLuan(h)
    const clerk = await h.token(T.village, 'window_clerk')
    const v = await h.http.get(url(T.village, 'village')).set(bearer(clerk))
    expect(v.status).toBe(200)
    expect(v.body.effective.items.map((i: any) => i.key)).toEqual(village.items.map((i: any) => i.key))
    expect(v.body.effective).toMatchObject({ grading: { demonstration: 90, standard: 75, simple: 60 }, targets: { builtRate: 80 },
      sources: [{ unitCode: T.city, version: 1 }] })
    // The city's page, seen from below: the published version, never the working copy.
    await h.http.put(url(T.city, 'village')).set(bearer(city)).send({ ...village, items: village.items.slice(0, -1) }).expect(200)
    const fromBelow = await h.http.get(url(T.city, 'village')).set(bearer(await h.token(T.town, 'center_admin')))
    expect(fromBelow.status).toBe(200)
    expect(fromBelow.body.draft).toBeNull()
    expect(fromBelow.body.published).toMatchObject({ version: 1, unitCode: T.city })
    const own = await h.http.get(url(T.city, 'village')).set(bearer(city))
    expect(own.body.draft.items).toHaveLength(village.items.length - 1)
    // A draft changes nothing until it is published.
    expect((await effective(h, clerk, T.village, 'village')).items).toHaveLength(village.items.length)
    await h.http.put(url(T.city, 'village')).set(bearer(city)).send(village).expect(200)
  })

  it('a village has no township checklist; a village station cannot set one', async () => {
    const admin = await h.token(T.village, 'center_admin')
    expect((await h.http.get(url(T.village, 'township')).set(bearer(admin))).status).toBe(400)
    const put = await h.http.put(url(T.village, 'village')).set(bearer(admin)).send({ items: [] })
    expect(put.status).toBe(400)
    expect(put.body.detail).toMatch(/村/)
  })

  it('published versions are immutable: numbered, unchanged by later drafts, not even updatable by the app role', async () => {
    const city = await h.token(T.city, 'center_admin')
    const again = await h.http.post(`${url(T.city, 'village')}/publish`).set(bearer(city)).send({})
    expect(again.status).toBe(409)
    const v2 = await publishTemplate(h, city, T.city, 'village', { ...village, rectificationDays: 15 })
    expect(v2.version).toBe(2)
    const [v1] = await h.db.query(`select body from standard_template_versions where unit_code = $1 and tier = 'village' and version = 1`, [T.city])
    expect(v1.body.rectificationDays).toBe(20)
    await expect(h.db.scoped(scopeOf(T.city), (db) => db.updateTable('standard_template_versions')
      .set({ note: '改' }).where('unit_code', '=', T.city).execute())).rejects.toThrow(/permission denied/)
    await expect(h.db.scoped(scopeOf(T.city), (db) => db.deleteFrom('standard_template_versions')
      .where('unit_code', '=', T.city).execute())).rejects.toThrow(/permission denied/)
    await publishTemplate(h, city, T.city, 'village', village) // back to the pack's content (version 3)
  })

  it('a county adds items and raises thresholds for its own subtree only', async () => {
    const county = await h.token(T.county, 'center_admin')
    await publishTemplate(h, county, T.county, 'village', {
      items: [
        { ...item('hall_area'), min: 60 },
        { key: 'party_service', label: '有党群服务功能室', kind: 'boolean', weight: 5 },
      ],
      targets: { builtRate: 85 },
    })
    const t = await effective(h, county, T.village, 'village')
    expect(t.items.find((i: any) => i.key === 'hall_area')).toMatchObject({ min: 60, label: item('hall_area').label, source: T.city })
    expect(t.items.find((i: any) => i.key === 'party_service')).toMatchObject({ source: T.county })
    // Leaving the city's items out of the county's version removes nothing.
    expect(t.items).toHaveLength(village.items.length + 1)
    expect(t.targets.builtRate).toBe(85)
    expect(t.sources.map((s: any) => s.unitCode)).toEqual([T.city, T.county])
    const sibling = await effective(h, await h.token(T.villageB, 'center_admin'), T.villageB, 'village')
    expect(sibling.items.find((i: any) => i.key === 'hall_area').min).toBe(40)
    expect(sibling.items.some((i: any) => i.key === 'party_service')).toBe(false)
  })

  it('a county never removes or lowers the city\'s bar (400 listing every field, nothing written)', async () => {
    const county = await h.token(T.county, 'center_admin')
    const before = await snapshot(h.db)
    const res = await h.http.put(url(T.county, 'village')).set(bearer(county)).send({
      items: [
        { ...item('hall_area'), min: 30, critical: false },
        { ...item('service_guide'), weight: 1 },
        { ...item('signboard'), kind: 'boolean', match: undefined },
        { ...item('station_photos'), minFiles: 1 },
      ],
      grading: { demonstration: 95, standard: 70, simple: 60 },
      targets: { builtRate: 70 },
      rectificationDays: 30,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual([
      'grading.standard', 'items[0].critical', 'items[0].min', 'items[1].weight', 'items[2].kind', 'items[3].minFiles',
      'rectificationDays', 'targets.builtRate',
    ])
    expect(res.body.errors.find((e: any) => e.field === 'items[0].min').message).toMatch(/不能低于上级设定的 40/)
    expect(await snapshot(h.db)).toBe(before)
  })

  it('a later raise by the city is not masked by the county\'s older copy; a stale county draft is refused at publish', async () => {
    const city = await h.token(T.city, 'center_admin')
    const county = await h.token(T.county, 'center_admin')
    await h.http.put(url(T.county, 'village')).set(bearer(county))
      .send({ items: [{ ...item('hall_area'), min: 60 }, { key: 'party_service', label: '有党群服务功能室', kind: 'boolean', weight: 5 }] }).expect(200)
    const raised = village.items.map((i: any) => (i.key === 'hall_area' ? { ...i, min: 80 } : i))
    await publishTemplate(h, city, T.city, 'village', { ...village, items: raised })
    const t = await effective(h, county, T.village, 'village')
    expect(t.items.find((i: any) => i.key === 'hall_area').min).toBe(80)
    const stale = await h.http.post(`${url(T.county, 'village')}/publish`).set(bearer(county)).send({})
    expect(stale.status).toBe(400)
    expect(stale.body.errors[0]).toMatchObject({ field: 'items[0].min' })
    await publishTemplate(h, city, T.city, 'village', village)
  })

  it('a township adds items for its own village stations', async () => {
    const town = await h.token(T.town, 'center_admin')
    await publishTemplate(h, town, T.town, 'village', { items: [{ key: 'agent_board', label: '有代办员公示牌', kind: 'boolean', weight: 3 }] })
    const keys = (await effective(h, town, T.village, 'village')).items.map((i: any) => i.key)
    expect(keys).toContain('agent_board')
    const other = await effective(h, await h.token(T.town2, 'center_admin'), '341502002000', 'village')
    expect(other.items.map((i: any) => i.key)).not.toContain('agent_board')
  })

  it('who may: only center admins of the unit or above; not a township for its county; 404 across subtrees', async () => {
    const clerk = await h.token(T.county, 'window_clerk')
    const res = await h.http.put(url(T.county, 'township')).set(bearer(clerk)).send({ items: [] })
    expect(res.status).toBe(403)
    const [refusal] = await h.db.query(`select action, subject_type from refusals where subject_id = $1`, [`${T.county}:township`])
    expect(refusal).toEqual({ action: 'editStandards', subject_type: 'StandardTemplate' })
    const town = await h.token(T.town, 'center_admin')
    expect((await h.http.put(url(T.county, 'township')).set(bearer(town)).send({ items: [] })).status).toBe(403)
    expect((await h.http.post(`${url(T.city, 'village')}/publish`).set(bearer(town)).send({})).status).toBe(403)
    const sibling = await h.token(T.county2, 'center_admin')
    expect((await h.http.put(url(T.county, 'township')).set(bearer(sibling)).send({ items: [] })).status).toBe(404)
    expect((await h.http.get(url(T.town, 'village')).set(bearer(sibling))).status).toBe(404)
  })

  it('the city\'s base must grade, cover the four basics and be well-formed', async () => {
    const city = await h.token(T.city, 'center_admin')
    const res = await h.http.put(url(T.city, 'township')).set(bearer(city)).send({
      items: [
        { key: 'area', label: '面积', kind: 'number', weight: 10 },
        { key: 'area', label: '面积', kind: 'boolean', weight: 10, min: 3 },
        { key: 'sign', label: '牌子', kind: 'boolean', weight: 10, basic: 'signboard', match: 'signboard' },
      ],
      grading: { demonstration: 60, standard: 75, simple: 50 },
    })
    expect(res.status).toBe(400)
    const fields = res.body.errors.map((e: any) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['items[0].min', 'items[1].key', 'items[1].min', 'items[2].match', 'grading', 'items']))
    expect(JSON.stringify(res.body.errors)).toMatch(/四项基本条件/)
    const noGrading = await h.http.put(url(T.city, 'township')).set(bearer(city)).send({ items: LUAN.templates.township.items })
    expect(noGrading.status).toBe(400)
    expect(noGrading.body.errors[0].field).toBe('grading')
    const bad = await h.http.put(url(T.city, 'township')).set(bearer(city)).send({ items: [{ key: 'X-1', label: '', kind: 'maybe', weight: -1 }] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['items.0.key', 'items.0.label', 'items.0.kind', 'items.0.weight']))
  })
})
