// Monthly statistical reports: filled from the figures plus manual fields, submitted to the
// parent, approved or returned, exported as CSV and as a real XLSX (a zip with the sheet).
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { complain, evaluate } from './helpers/supervision.js'

let h: Harness
beforeAll(async () => {
  h = await harness()
  await complain(h, T.town)
  await complain(h, T.village)
  await evaluate(h, T.town, 'very_satisfied')
  await evaluate(h, T.village, 'very_dissatisfied')
})
afterAll(() => h.close())

const binary = (res: any, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

describe('monthly statistical reports', () => {
  it('fills the figures of the subtree for the month, with the manual fields', async () => {
    const admin = await h.token(T.town, 'center_admin')
    const res = await h.http.post(`/api/units/${T.town}/reports`).set(bearer(admin)).send({ period: '2026-11', manual: { staffOnDuty: 12, note: '本月新增自助终端 2 台' } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ unitCode: T.town, period: '2026-11', status: 'draft', manual: { staffOnDuty: 12 } })
    expect(res.body.figures.total.complaints).toMatchObject({ received: 2, open: 2 })
    expect(res.body.figures.own.complaints).toMatchObject({ received: 1 })
    expect(res.body.figures.total.evaluations).toMatchObject({ total: 2, verySatisfied: 1, veryDissatisfied: 1, negative: 1, satisfactionRate: 50 })
    expect(res.body.figures.total.standards).toMatchObject({ villages: 2, villagesBuilt: 0 })
    const bad = await h.http.post(`/api/units/${T.town}/reports`).set(bearer(admin)).send({ period: '2026-13', manual: {} })
    expect(bad.status).toBe(400)
    // A draft is refreshed in place.
    await complain(h, T.town)
    const again = await h.http.post(`/api/units/${T.town}/reports`).set(bearer(admin)).send({ period: '2026-11', manual: { staffOnDuty: 13 } })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: res.body.id, manual: { staffOnDuty: 13 } })
    expect(again.body.figures.total.complaints.received).toBe(3)
  })

  it('is submitted to the parent, which approves it; then it is frozen', async () => {
    const admin = await h.token(T.town, 'center_admin')
    const county = await h.token(T.county, 'center_admin')
    const [sup, sibling] = [await h.token(T.county, 'supervisor'), await h.token(T.county2, 'center_admin')]
    const id = (await h.http.get(`/api/units/${T.town}/reports?period=2026-11`).set(bearer(admin))).body.items[0].id
    expect((await h.http.post(`/api/reports/${id}/approve`).set(bearer(county)).send({})).status).toBe(409) // not submitted yet
    const sub = await h.http.post(`/api/reports/${id}/submit`).set(bearer(admin)).send({})
    expect(sub.body).toMatchObject({ status: 'submitted', submittedOn: '2026-11-24' })
    const before = await snapshot(h.db)
    expect((await h.http.post(`/api/reports/${id}/approve`).set(bearer(admin)).send({})).status).toBe(403) // not its own
    expect((await h.http.post(`/api/reports/${id}/approve`).set(bearer(sup)).send({})).status).toBe(403)
    expect((await h.http.post(`/api/reports/${id}/approve`).set(bearer(sibling)).send({})).status).toBe(404)
    expect(await snapshot(h.db)).toBe(before)
    const listed = await h.http.get(`/api/units/${T.county}/reports`).set(bearer(county))
    expect(listed.body.items.map((r: any) => [r.unitCode, r.status])).toContainEqual([T.town, 'submitted'])
    // Newest month first, then by unit: walked one report a page, the same rows in the same order.
    const walked: unknown[] = []
    for (let cursor: string | null = '', i = 0; cursor !== null && i < 50; i++) {
      const res: any = await h.http.get(`/api/units/${T.county}/reports?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(county))
      walked.push(...res.body.items)
      cursor = res.body.next
    }
    expect(walked).toEqual(listed.body.items)
    const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')
    const bad = await h.http.get(`/api/units/${T.county}/reports?cursor=${forged}`).set(bearer(county))
    expect([bad.status, bad.body.errors?.map((e: any) => e.field)]).toEqual([400, ['cursor']])
    const ok = await h.http.post(`/api/reports/${id}/approve`).set(bearer(county)).send({ note: '数据核对无误' })
    expect(ok.body).toMatchObject({ status: 'approved', decidedByUnit: T.county, decisionNote: '数据核对无误' })
    expect((await h.http.post(`/api/units/${T.town}/reports`).set(bearer(admin)).send({ period: '2026-11', manual: {} })).status).toBe(409)
    expect((await h.http.post(`/api/reports/${id}/submit`).set(bearer(admin)).send({})).status).toBe(409)
  })

  it('a returned report gives its reasons, is refreshed and submitted again', async () => {
    const admin = await h.token(T.village, 'center_admin')
    const town = await h.token(T.town, 'center_admin')
    const r = await h.http.post(`/api/units/${T.village}/reports`).set(bearer(admin)).send({ period: '2026-10', manual: {} })
    await h.http.post(`/api/reports/${r.body.id}/submit`).set(bearer(admin)).send({}).expect(200)
    expect((await h.http.post(`/api/reports/${r.body.id}/return`).set(bearer(town)).send({})).status).toBe(400)
    const back = await h.http.post(`/api/reports/${r.body.id}/return`).set(bearer(town)).send({ note: '请补充在岗人数' })
    expect(back.body).toMatchObject({ status: 'returned', decisionNote: '请补充在岗人数' })
    const fixed = await h.http.post(`/api/units/${T.village}/reports`).set(bearer(admin)).send({ period: '2026-10', manual: { staffOnDuty: 2 } })
    expect(fixed.body).toMatchObject({ status: 'draft', manual: { staffOnDuty: 2 } })
    expect((await h.http.post(`/api/reports/${r.body.id}/submit`).set(bearer(admin)).send({})).body.status).toBe('submitted')
  })

  it('exports CSV (UTF-8 with BOM) and a real XLSX with the values', async () => {
    const sup = await h.token(T.county, 'supervisor')
    const id = (await h.http.get(`/api/units/${T.town}/reports?period=2026-11`).set(bearer(sup))).body.items[0].id
    const csv = await h.http.get(`/api/reports/${id}.csv`).set(bearer(sup)).buffer(true).parse(binary)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const text = csv.body.toString('utf8')
    expect(text.startsWith('\ufeff')).toBe(true)
    expect(text).toContain('投诉,收到投诉,3,2')
    expect(text).toContain('手工填报,staffOnDuty,13')
    const x = await h.http.get(`/api/reports/${id}.xlsx`).set(bearer(sup)).buffer(true).parse(binary)
    expect(x.status).toBe(200)
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(x.headers['content-disposition']).toMatch(/attachment; filename\*=UTF-8''/)
    const files = unzipSync(new Uint8Array(x.body))
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    expect(sheet).toContain('<t xml:space="preserve">收到投诉</t></is></c><c r="C')
    expect(sheet).toMatch(/收到投诉<\/t><\/is><\/c><c r="C\d+"><v>3<\/v><\/c><c r="D\d+"><v>2<\/v>/)
    expect(sheet).toContain('中市街道（341502001000）')
    expect((await h.http.get(`/api/reports/${id}.pdf`).set(bearer(sup))).status).toBe(400)
    expect((await h.http.get(`/api/reports/${id}.xlsx`).set(bearer(await h.token(T.county2, 'supervisor')))).status).toBe(404)
  })
})
