// The hall display page (大厅叫号显示屏, /halls/{code}/{hallId}/display): rendered with the latest
// calls, names masked, following the public SSE stream with an inline script (no foreign asset),
// speech synthesis only when the browser has it; another unit's hall or an unknown hall is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { setupCases } from './helpers/cases.js'

let h: Harness
let hall: string
beforeAll(async () => {
  h = await harness()
  await setupCases(h)
  const admin = await h.token(T.town, 'center_admin')
  hall = (await h.http.get(`/api/units/${T.town}/halls`).set(bearer(admin))).body.items[0].id
  const group = (await h.http.post(`/api/units/${T.town}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'A', name: '综合受理' }).expect(201)).body.id
  const win = (await h.http.get(`/api/units/${T.town}/windows`).set(bearer(admin))).body.items[0].id
  await h.http.put(`/api/units/${T.town}/windows/${win}/groups`).set(bearer(admin)).send({ groupIds: [group] }).expect(200)
  await h.http.post(`/api/public/units/${T.town}/halls/${hall}/tickets`).send({ groupId: group, channel: 'kiosk', name: '张三丰' }).expect(201)
  await h.http.post(`/api/units/${T.town}/windows/${win}/call-next`).set(bearer(admin)).send({}).expect(200)
})
afterAll(() => h.close())

describe('hall display page', () => {
  it('shows the latest call with the name masked and follows the hall stream', async () => {
    const r = await h.http.get(`/halls/${T.town}/${hall}/display`).expect(200)
    expect(r.headers['content-type']).toMatch(/text\/html/)
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.text).toContain('A001')
    expect(r.text).toContain('请到 1 号窗口')
    expect(r.text).toContain('张**')
    expect(r.text).not.toContain('张三丰')
    expect(r.text).toContain(`data-stream="/api/public/units/${T.town}/halls/${hall}/display"`)
    expect(r.text).toContain('speechSynthesis')
    // Nothing from another host: no external src/href.
    expect(r.text).not.toMatch(/(src|href)="(https?:)?\/\//)
  })

  it('another unit\'s hall, an unknown hall or a malformed id is 404', async () => {
    await h.http.get(`/halls/${T.townB}/${hall}/display`).expect(404)
    await h.http.get(`/halls/${T.town}/00000000-0000-4000-8000-000000000000/display`).expect(404)
    await h.http.get(`/halls/${T.town}/nope/display`).expect(404)
    await h.http.get(`/halls/123/${hall}/display`).expect(404)
  })
})
