// Applicants' files (网上申请、网上补正): uploaded without login to the unit applied to, typed by
// their bytes, at most 10 MiB; an online application names them in its materials, and what it
// lacks goes straight into the one-time notice; the online supplement hands in the missing files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harness, type Harness, T } from './helpers/app.js'
import { actOk, PERSON, PNG, setupCases, upload, withFiles } from './helpers/cases.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupCases(h) })
afterAll(() => h.close())

const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n')

describe('public uploads', () => {
  it('stores a JPEG, PNG or PDF and answers its id, type, size and digest; the bytes are in the storage', async () => {
    const r = await h.http.post(`/api/public/units/${T.county}/uploads?filename=${encodeURIComponent('营业执照.pdf')}`)
      .set('content-type', 'application/pdf').send(Buffer.from(PDF))
    expect(r.status).toBe(201)
    expect(r.body).toEqual({ fileId: expect.any(String), contentType: 'application/pdf', size: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(r.headers['cache-control']).toBe('no-store')
    const [row] = await h.db.query(`select unit_code, storage_key, uploaded_by from case_uploads where id = $1`, [r.body.fileId])
    expect(row).toMatchObject({ unit_code: T.county, uploaded_by: null })
    expect((await h.storage.get(row.storage_key))?.bytes.length).toBe(PDF.length)
  })

  it('refuses other types, a type that lies, an empty body, more than 10 MiB and an unknown unit', async () => {
    const url = `/api/public/units/${T.county}/uploads`
    expect((await h.http.post(url).set('content-type', 'image/png').send(Buffer.from('<html>hi</html>'))).status).toBe(415)
    expect((await h.http.post(url).set('content-type', 'image/jpeg').send(Buffer.from(PNG))).status).toBe(415)
    expect((await h.http.post(url).set('content-type', 'image/png').send(Buffer.alloc(0))).status).toBe(400)
    const big = Buffer.alloc(10 * 1024 * 1024 + 1); big.set(PNG)
    expect((await h.http.post(url).set('content-type', 'image/png').send(big)).status).toBe(413)
    expect((await h.http.post('/api/public/units/349999000000/uploads').set('content-type', 'image/png').send(Buffer.from(PNG))).status).toBe(404)
    const [n] = await h.db.query(`select count(*)::int as n from case_uploads where unit_code = '349999000000'`)
    expect(n.n).toBe(0)
  })
})

describe('online application and supplement with files', () => {
  it('an application with every required file is received as it is, its files kept on the materials', async () => {
    const materials = await withFiles(h, T.county)
    const r = await h.http.post('/api/public/cases').send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON, materials })
    expect(r.status).toBe(201)
    expect(r.body.case.status).toBe('submitted')
    expect(r.body.notice).toBeUndefined()
    const rows = await h.db.query(`select name, provided, files from case_materials where case_id = $1 and required order by name`, [r.body.case.id])
    expect(rows.length).toBe(2)
    expect(rows.every((m: any) => m.provided && m.files.length === 1)).toBe(true)
  })

  it('no bare 201: missing files go at once into the one-time notice, and the applicant supplements them online', async () => {
    const r = await h.http.post('/api/public/cases').send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON,
      materials: [{ name: '食品经营许可申请书', files: [await upload(h, T.county)] }, { name: '营业执照' }] })
    expect(r.status).toBe(201)
    expect(r.body.case.status).toBe('supplement_requested')
    expect(r.body.notice).toMatchObject({ title: '一次性告知书', items: [{ name: '营业执照', reason: '网上申请未上传该材料' }] })
    expect(r.body.missingMaterials).toEqual(['营业执照'])
    const { receiptNo, queryCode } = r.body.receipt
    const [msg] = await h.db.query(`select kind from outbox where case_id = $1 and kind = 'supplement_needed'`, [r.body.case.id])
    expect(msg).toBeTruthy()
    const bare = await h.http.post('/api/public/cases').send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON, materials: [] })
    expect(bare.body.case.status).toBe('supplement_requested')
    expect(bare.body.notice.items.map((i: any) => i.name)).toEqual(['食品经营许可申请书', '营业执照'])

    const url = `/api/public/cases/${receiptNo}/supplement`
    // A file of another unit is refused like a missing one; nothing changes.
    const foreign = await upload(h, T.county2)
    const wrong = await h.http.post(url).send({ queryCode, materials: [{ name: '营业执照', files: [foreign] }] })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors?.[0]?.field ?? JSON.stringify(wrong.body)).toContain('materials[0].files')
    const file = await upload(h, T.county)
    const ok = await h.http.post(url).send({ queryCode, materials: [{ name: '营业执照', files: [file] }] })
    expect(ok.status).toBe(200)
    const [m] = await h.db.query(`select provided, files from case_materials where case_id = $1 and name = '营业执照'`, [r.body.case.id])
    expect(m).toEqual({ provided: true, files: [file] })
    await actOk(h, T.county, 'window_clerk', r.body.case.id, 'accept')
  })

  it('an application naming a file that does not exist or belongs to another unit is refused, nothing written', async () => {
    const [before] = await h.db.query(`select count(*)::int as n from cases`)
    const r = await h.http.post('/api/public/cases').send({ unitCode: T.county, matterCode: 'FOOD', applicant: PERSON,
      materials: [{ name: '营业执照', files: [await upload(h, T.town)] }, { name: '食品经营许可申请书', files: ['00000000-0000-4000-8000-000000000000'] }] })
    expect(r.status).toBe(400)
    const [after] = await h.db.query(`select count(*)::int as n from cases`)
    expect(after.n).toBe(before.n)
  })
})
