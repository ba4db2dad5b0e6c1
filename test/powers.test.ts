// Powers flowing down: delegation (下放) and entrustment (委托), the law's limits on them,
// effective powers, windows, and the public announcement of entrustments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { sampleMatter } from './helpers/matters.js'

let h: Harness
let county: string, town: string
const grant = (token: string, body: object) => h.http.post('/api/grants').set(bearer(token)).send({
  kind: 'delegation', rights: ['accept', 'review', 'decide'], documentNo: '金政〔2026〕12号',
  legalBasis: '《中华人民共和国行政许可法》', validFrom: '2026-11-24', ...body,
})
const powers = async (token: string, unit: string) =>
  (await h.http.get(`/api/units/${unit}/powers?limit=200`).set(bearer(token))).body.items as any[]

beforeAll(async () => {
  h = await harness()
  county = await h.token(T.county, 'center_admin')
  town = await h.token(T.town, 'center_admin')
  const put = (code: string, m: object) => h.http.put(`/api/units/${T.county}/matters/${code}`).set(bearer(county)).send(m).expect(200)
  // County-level licence (statutory), a township catalog item, a reserved one, a village agent item.
  await put('FOOD', sampleMatter())
  await put('ELDER', sampleMatter({ name: '高龄津贴申领', type: '行政给付', legalBasis: '', exerciseLevel: 'township', powerSource: '上级下放', department: '金安区民政局' }))
  await put('FELL', sampleMatter({ name: '林木采伐许可', department: '金安区林业局', legalBasis: '《中华人民共和国森林法》第五十六条', reserved: true }))
  await put('DISAB', sampleMatter({ name: '残疾人证办理', type: '行政确认', department: '金安区残疾人联合会', legalBasis: '《残疾人证管理办法》', exerciseLevel: 'village', powerSource: '上级委托', agentService: true }))
  await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(county)).send({}).expect(201)
})
afterAll(() => h.close())

describe('grants', () => {
  it('the county holds its statutory matters; a delegation gives the township its rights', async () => {
    expect((await powers(county, T.county)).map((p) => [p.matterCode, p.source])).toEqual(
      expect.arrayContaining([['FOOD', 'statutory'], ['ELDER', 'statutory'], ['FELL', 'statutory']]))
    const res = await grant(county, { granteeCode: T.town, matterCode: 'ELDER' })
    expect(res.status).toBe(201)
    const held = await powers(town, T.town)
    expect(held).toEqual([expect.objectContaining({ matterCode: 'ELDER', source: 'delegation', grantor: T.county, rights: ['accept', 'review', 'decide'], name: '高龄津贴申领' })])
    const again = await grant(county, { granteeCode: T.town, matterCode: 'ELDER' })
    expect(again.status).toBe(409) // a retry duplicates nothing
  })

  it('only a holder grants, and only into its own subtree', async () => {
    const clerk = await h.token(T.county, 'window_clerk')
    const before = await snapshot(h.db)
    // The township does not hold FOOD.
    const notHolder = await grant(town, { granteeCode: T.village, matterCode: 'FOOD', rights: ['accept'] })
    expect(notHolder.status).toBe(400)
    expect(notHolder.body.detail).toMatch(/不持有/)
    // Rights beyond the grantor's: the township holds ELDER without certify.
    expect((await grant(town, { granteeCode: T.village, matterCode: 'ELDER', rights: ['certify'] })).status).toBe(400)
    // Into another subtree: 404 (invisible), not even 403.
    expect((await grant(county, { granteeCode: T.townB, matterCode: 'FOOD' })).status).toBe(404)
    // Sideways or upwards within view: refused.
    expect((await grant(town, { granteeCode: T.county, matterCode: 'ELDER', rights: ['accept'] })).status).toBe(400)
    // A window clerk cannot grant at all.
    expect((await grant(clerk, { granteeCode: T.town, matterCode: 'FOOD' })).status).toBe(403)
    expect(await snapshot(h.db)).toBe(before)
    const refusals = await h.db.query(`select count(*)::int as n from refusals where action = 'grant'`)
    expect(refusals[0].n).toBeGreaterThanOrEqual(5)
  })

  it('an entrusted power may not be entrusted or delegated further (行政许可法 art. 24)', async () => {
    expect((await grant(county, { granteeCode: T.town2, matterCode: 'FOOD', kind: 'entrustment', rights: ['accept', 'decide'] })).status).toBe(201)
    const t2 = await h.token(T.town2, 'center_admin')
    await h.http.post('/api/units').set(bearer(t2)).send({ code: '341502002001', name: '东门社区' }).expect(201)
    for (const kind of ['entrustment', 'delegation']) {
      const res = await grant(t2, { granteeCode: '341502002001', matterCode: 'FOOD', kind, rights: ['accept'] })
      expect(res.status, kind).toBe(400)
      expect(res.body.detail).toMatch(/第二十四条/)
    }
  })

  it('a village station receives only agent rights (take in, pass on), never decide', async () => {
    const decide = await grant(county, { granteeCode: T.village, matterCode: 'DISAB', rights: ['accept', 'decide'] })
    expect(decide.status).toBe(400)
    expect(decide.body.detail).toMatch(/审批决定/)
    const agent = await grant(county, { granteeCode: T.village, matterCode: 'DISAB', rights: ['accept', 'deliver'] })
    expect(agent.status).toBe(201)
  })

  it('reserved matters go down only to expanded-power pilot towns (扩权强镇)', async () => {
    const refused = await grant(county, { granteeCode: T.town, matterCode: 'FELL' })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatch(/扩权强镇/)
    await h.http.patch(`/api/units/${T.town}`).set(bearer(county)).send({ expandedPowerPilot: true }).expect(200)
    expect((await grant(county, { granteeCode: T.town, matterCode: 'FELL' })).status).toBe(201)
  })

  it('revoked grants stop counting at once, with the grants built on them', async () => {
    // The township delegates its ELDER accept right to a village; the county then revokes ELDER.
    const sub = await grant(town, { granteeCode: T.village2, matterCode: 'ELDER', rights: ['accept'] })
    expect(sub.status).toBe(201)
    const village2 = await h.token(T.village2, 'center_admin')
    expect((await powers(village2, T.village2)).map((p) => p.matterCode)).toEqual(['ELDER'])
    const list = await h.http.get(`/api/units/${T.town}/grants?direction=received`).set(bearer(town))
    const elder = list.body.items.find((g: any) => g.matterCode === 'ELDER')
    expect((await h.http.post(`/api/grants/${elder.id}/revoke`).set(bearer(town)).send({ reason: '越权' })).status).toBe(403)
    const revoke = await h.http.post(`/api/grants/${elder.id}/revoke`).set(bearer(county)).send({ reason: '调整乡镇权力清单' })
    expect(revoke.status).toBe(200)
    expect((await powers(town, T.town)).map((p) => p.matterCode)).not.toContain('ELDER')
    expect(await powers(village2, T.village2)).toEqual([])
    expect((await h.http.post(`/api/grants/${elder.id}/revoke`).set(bearer(county)).send({ reason: 'x' })).status).toBe(409)
  })

  it('expired grants stop counting on the day after they end', async () => {
    await grant(county, { granteeCode: T.town2, matterCode: 'ELDER', validUntil: '2026-11-30' }).expect(201)
    const t2 = await h.token(T.town2, 'center_admin')
    const on = async (d: string) => (await h.http.get(`/api/units/${T.town2}/powers?at=${d}`).set(bearer(t2))).body.items.map((p: any) => p.matterCode)
    expect(await on('2026-11-30')).toContain('ELDER')
    expect(await on('2026-12-01')).not.toContain('ELDER')
    h.clock.set('2026-12-01T01:00:00Z')
    expect((await powers(t2, T.town2)).map((p) => p.matterCode)).not.toContain('ELDER')
    h.clock.set('2026-11-24T02:00:00Z')
  })

  it('a grant takes effect on the day it is made or later: a backdated validFrom is refused, nothing written', async () => {
    const [before] = await h.db.query(`select count(*)::int as n from grants`)
    const back = await grant(county, { granteeCode: T.town2, matterCode: 'FOOD', validFrom: '2026-11-23' })
    expect(back.status).toBe(400)
    expect(back.body.errors).toEqual([expect.objectContaining({ field: 'validFrom', message: '不早于今天（2026-11-24）' })])
    const [after] = await h.db.query(`select count(*)::int as n from grants`)
    expect(after.n).toBe(before.n)
    await grant(county, { granteeCode: T.town2, matterCode: 'FOOD', validFrom: '2026-12-01' }).expect(201)
  })

  it('a sibling never sees the grants of another subtree', async () => {
    const other = await h.token(T.townB, 'center_admin')
    expect((await h.http.get(`/api/units/${T.town}/grants`).set(bearer(other))).status).toBe(404)
    // Seen from the sibling township of the same county: the county's grants to others are hidden.
    const t2 = await h.token(T.town2, 'center_admin')
    const seen = await h.http.get(`/api/units/${T.county}/grants`).set(bearer(t2))
    expect(seen.body.items.every((g: any) => g.granteeCode.startsWith('341502002'))).toBe(true)
  })
})

describe('windows and the public', () => {
  it('window rights stay within the unit rights; a user acts only through a window holding the right', async () => {
    const win = await h.http.post(`/api/units/${T.town}/windows`).set(bearer(town)).send({ number: '1', name: '综合受理窗口', departments: ['金安区林业局'] })
    expect(win.status).toBe(201)
    const tooMuch = await h.http.put(`/api/units/${T.town}/windows/${win.body.id}/rights`).set(bearer(town)).send({ rights: [{ matterCode: 'FELL', rights: ['accept', 'certify'] }] })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.body.errors[0].message).toMatch(/制证/)
    await h.http.put(`/api/units/${T.town}/windows/${win.body.id}/rights`).set(bearer(town)).send({ rights: [{ matterCode: 'FELL', rights: ['accept'] }] }).expect(200)
    const clerk = await h.userId(T.town, 'window_clerk')
    const outsider = await h.userId(T.county, 'window_clerk')
    expect((await h.http.put(`/api/units/${T.town}/windows/${win.body.id}/staff`).set(bearer(town)).send({ userIds: [outsider] })).status).toBe(400)
    await h.http.put(`/api/units/${T.town}/windows/${win.body.id}/staff`).set(bearer(town)).send({ userIds: [clerk] }).expect(200)
    const { userMatterRights } = await import('../src/modules/powers/windows.js')
    const { scopeOf } = await import('../src/platform/scope.js')
    const rights = await h.db.scoped(scopeOf(T.town), (db) => userMatterRights(db, clerk, T.town, 'FELL', '2026-11-24'))
    expect([...rights]).toEqual(['accept'])
    const none = await h.db.scoped(scopeOf(T.town), (db) => userMatterRights(db, clerk, T.town, 'ELDER', '2026-11-24'))
    expect([...none]).toEqual([])
    // The same rule as the clerk's CASL ability.
    const clerkToken = await h.token(T.town, 'window_clerk')
    const mine = await h.http.get(`/api/units/${T.town}/powers/mine`).set(bearer(clerkToken))
    expect(mine.body).toEqual({ items: [{ matterCode: 'FELL', rights: ['accept'] }], next: null })
    const { matterAbility, requireMatterRight } = await import('../src/modules/powers/matter-ability.js')
    const { defineAbilityFor } = await import('../src/platform/abilities.js')
    const actor = { id: clerk, username: 'c', displayName: 'c', unitCode: T.town, roles: ['window_clerk' as const] }
    await h.db.scoped(scopeOf(T.town), async (db) => {
      const ctx = { actor, scope: scopeOf(T.town), ability: defineAbilityFor(actor, []), db, now: h.clock.now(), authChanged: () => {} }
      const ability = await matterAbility(ctx)
      expect(() => requireMatterRight(ability, T.town, 'FELL', 'accept')).not.toThrow()
      expect(() => requireMatterRight(ability, T.town, 'FELL', 'decide')).toThrow(/审批决定/)
      expect(() => requireMatterRight(ability, T.town, 'ELDER', 'accept')).toThrow()
    })
  })

  it('publishes entrustments and says in whose name the entrusted township decides', async () => {
    const list = await h.http.get(`/api/public/units/${T.town2}/entrustments`)
    expect(list.status).toBe(200)
    expect(list.body.items).toEqual([expect.objectContaining({
      matterCode: 'FOOD', entrustingOrgan: '金安区市场监督管理局', grantee: expect.objectContaining({ code: T.town2 }), validFrom: '2026-11-24',
    })])
    expect(list.body.next).toBeNull()
    const guide = await h.http.get(`/api/public/units/${T.town2}/matters/FOOD/guide`)
    expect(guide.body.handling.decision).toMatchObject({ inNameOf: '金安区市场监督管理局', basis: '受金安区市场监督管理局委托' })
    expect(guide.headers.etag).toBeTruthy()
    const cached = await h.http.get(`/api/public/units/${T.town2}/matters/FOOD/guide`).set('if-none-match', guide.headers.etag)
    expect(cached.status).toBe(304)
    // The village station only takes in and passes on.
    const agent = await h.http.get(`/api/public/units/${T.village}/matters/DISAB/guide`)
    expect(agent.body.handling).toMatchObject({ accepts: true, agentOnly: true, decision: null })
  })

  it('shows the public nothing unpublished and nothing of unknown units', async () => {
    await h.http.put(`/api/units/${T.county}/matters/DRAFT-ONLY`).set(bearer(county)).send(sampleMatter({ name: '草稿事项' })).expect(200)
    const list = await h.http.get(`/api/public/units/${T.county}/matters`)
    expect(list.body.map((m: any) => m.matterCode)).not.toContain('DRAFT-ONLY')
    expect((await h.http.get(`/api/public/units/${T.county}/matters/DRAFT-ONLY/guide`)).status).toBe(404)
    expect((await h.http.get('/api/public/units/341599000000/matters')).status).toBe(404)
    const kids = await h.http.get(`/api/public/units?parent=${T.county}`)
    expect(kids.body.map((u: any) => u.code)).toEqual([T.town, T.town2])
  })
})
