// Issue 13 §3: after a grant is revoked every guide and public list changes at once (ETag, no
// stale copy), and the entrustment announcement keeps the revoked entrustment with the date
// and the reason (撤销公告).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { setupPublic } from './helpers/public.js'

let h: Harness
let ids: Awaited<ReturnType<typeof setupPublic>>
beforeAll(async () => { h = await harness(); ids = await setupPublic(h) })
afterAll(() => h.close())

it('changes the township’s list and guide at once, and keeps a revoked entrustment in the announcement', async () => {
  const listUrl = `/api/public/units/${T.town}/matters`
  const guideUrl = `/api/public/units/${T.town}/matters/ENTRUST/guide`
  const list0 = await h.http.get(listUrl).expect(200)
  const guide0 = await h.http.get(guideUrl).expect(200)
  // Cached copies are revalidated every time: nothing stale survives a revocation.
  expect(guide0.headers['cache-control']).toBe('public, no-cache')
  expect((await h.http.get(guideUrl).set('if-none-match', guide0.headers.etag)).status).toBe(304)
  const before = await h.http.get(`/api/public/units/${T.town}/entrustments`).expect(200)
  expect(before.body.items).toEqual([expect.objectContaining({ matterCode: 'ENTRUST', status: 'in_force', statusName: '有效', revocation: null })])

  h.clock.set('2026-11-26T03:00:00Z')
  const county = await h.token(T.county, 'center_admin')
  await h.http.post(`/api/grants/${ids.entrust}/revoke`).set(bearer(county)).send({ reason: '受托单位不具备审查条件' }).expect(200)

  const list1 = await h.http.get(listUrl).set('if-none-match', list0.headers.etag)
  expect(list1.status).toBe(200)
  expect(list1.body.map((m: any) => m.matterCode)).toEqual(['ELDER'])
  const guide1 = await h.http.get(guideUrl).set('if-none-match', guide0.headers.etag)
  expect(guide1.status).toBe(200)
  expect(guide1.body.handling).toMatchObject({ availability: 'above', accepts: false, decision: null, place: { code: T.county } })
  // The county's own guide and the announcement (at both ends) change too.
  for (const code of [T.town, T.county]) {
    const a = await h.http.get(`/api/public/units/${code}/entrustments`).expect(200)
    expect(a.body.items).toEqual([expect.objectContaining({
      matterCode: 'ENTRUST', matterName: '小餐饮登记', documentNo: '金政〔2026〕22号', status: 'revoked', statusName: '已撤销',
      revocation: { revokedOn: '2026-11-26', reason: '受托单位不具备审查条件' },
    })])
  }
})

it('a revoked delegation takes the village’s agent item with it', async () => {
  const county = await h.token(T.county, 'center_admin')
  expect((await h.http.get(`/api/public/units/${T.village}/matters`).expect(200)).body.map((m: any) => m.matterCode)).toEqual(['DISAB', 'ELDER'])
  await h.http.post(`/api/grants/${ids.elder}/revoke`).set(bearer(county)).send({ reason: '调整下放事项' }).expect(200)
  // The township's grant to the village fell with it (grants.ts); the village lists only DISAB now.
  expect((await h.http.get(`/api/public/units/${T.village}/matters`).expect(200)).body.map((m: any) => m.matterCode)).toEqual(['DISAB'])
  const g = await h.http.get(`/api/public/units/${T.village}/matters/ELDER/guide`).expect(200)
  expect(g.body.handling).toMatchObject({ availability: 'above', place: { code: T.county } })
})
