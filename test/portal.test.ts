// The public portal (网上办事大厅) through the app: plain HTML a citizen can use without
// JavaScript, calling the same verbs as the public API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, T } from './helpers/app.js'
import { actOk, PERSON } from './helpers/cases.js'
import { setupPublic } from './helpers/public.js'
import { CSS, CSS_PATH } from '../src/portal/style.js'

let h: Harness
beforeAll(async () => { h = await harness(); await setupPublic(h) })
afterAll(() => h.close())

const page = async (path: string, status = 200) => {
  const r = await h.http.get(path)
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(status)
  expect(r.headers['content-type']).toMatch(/^text\/html/)
  return r
}
// A browser posting from our own page says so (Sec-Fetch-Site; the Origin is checked when present).
const post = (path: string, form: Record<string, string | string[]>) => {
  const req = h.http.post(path).set('sec-fetch-site', 'same-origin').type('form')
  return req.send(new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x]))).toString())
}
// A multipart form with files, as a browser sends the apply and supplement forms.
const upload = (path: string, fields: Record<string, string>, files: Record<string, [Buffer, string, string]> = {}) => {
  let req = h.http.post(path).set('sec-fetch-site', 'same-origin')
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
  for (const [k, [buf, name, type]] of Object.entries(files)) req = req.attach(k, buf, { filename: name, contentType: type })
  return req
}
const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n')
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('finding a matter', () => {
  it('goes from the city down to a village, with the hall’s windows, in Chinese, without scripts', async () => {
    const home = await page('/')
    expect(home.text).toMatch(/^<!doctype html><html lang="zh-CN">/)
    expect(home.text).toContain(`href="/units/${T.city}"`)
    expect(home.text).not.toMatch(/<script/i)
    const city = await page(`/units/${T.city}`)
    expect(city.text).toContain(`href="/units/${T.county}"`)
    const county = await page(`/units/${T.county}`)
    expect(textOf(county.text)).toContain('1 号 综合受理窗口')
    const town = await page(`/units/${T.town}`)
    expect(town.text).toContain(`href="/units/${T.village}"`)
    const village = await page(`/units/${T.village}`)
    expect(textOf(village.text)).toContain('红街社区为民服务工作站')
    const search = await page(`/?q=${encodeURIComponent('红街')}`)
    expect(search.text).toContain(`href="/units/${T.village}"`)
    expect(textOf(search.text)).toContain('六安市 › 金安区 › 中市街道 › 红街社区')
  })

  it('lists a unit’s matters with filters, and what is handled above apart', async () => {
    const list = textOf((await page(`/units/${T.village}/matters`)).text)
    expect(list).toContain('本单位可办理（2 项）')
    expect(list).toContain('本站代办：收件后转报中市街道为民服务中心审批')
    expect(list).toContain('在上级办理')
    expect(list).toMatch(/到 金安区政务服务中心 办理（\d+ 项） [^）]*食品经营许可/)
    const filtered = textOf((await page(`/units/${T.village}/matters?q=${encodeURIComponent('残疾')}&f=agent`)).text)
    expect(filtered).toContain('本单位可办理（1 项）')
    expect(filtered).toContain('残疾人证办理')
    expect(filtered).not.toContain('高龄津贴申领')
    expect(textOf((await page(`/units/${T.county}/matters?f=instant`)).text)).toContain('本单位可办理（0 项）')
  })

  it('shows a guide with every 八公开 element, where to go and in whose name, under 50 KB with its CSS, cached by ETag', async () => {
    const r = await page(`/units/${T.town}/matters/ENTRUST`)
    const t = textOf(r.text)
    for (const s of ['小餐饮登记', '设定依据', '《中华人民共和国食品安全法》第三十五条', '申请条件', '申请材料', '食品经营许可申请书', '办理程序',
      '法定时限', '10 个工作日', '承诺时限', '5 个工作日', '收费', '不收费', '中市街道为民服务中心', '1 号 综合受理窗口',
      '以金安区市场监督管理局的名义', '受金安区市场监督管理局委托', '上级委托', '网上申请']) expect(t).toContain(s)
    expect(r.text).not.toMatch(/<script/i)
    expect(r.text).toContain(`href="${CSS_PATH}"`)
    expect(Buffer.byteLength(r.text) + Buffer.byteLength(CSS)).toBeLessThan(50 * 1024)
    expect(r.headers['cache-control']).toBe('public, no-cache')
    expect((await h.http.get(`/units/${T.town}/matters/ENTRUST`).set('if-none-match', r.headers.etag)).status).toBe(304)
    const css = await h.http.get(CSS_PATH).expect(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.text).toContain('@media print')
    // A village guide of a matter handled above sends the villager to the county's hall.
    const above = textOf((await page(`/units/${T.village}/matters/FOOD`)).text)
    expect(above).toContain('本单位不办理此事项。 请到 金安区政务服务中心 办理')
    expect(above).not.toContain('网上申请')
    expect((await h.http.get(`/units/${T.village}/matters/NOPE`)).status).toBe(404)
  })

  it('shows the entrustment announcement', async () => {
    const t = textOf((await page(`/units/${T.town}/announcements`)).text)
    expect(t).toContain('金安区市场监督管理局 将“小餐饮登记”委托 中市街道为民服务中心 办理（有效）')
    expect(t).toContain('金政〔2026〕22号')
  })
})

describe('applying, tracking and evaluating', () => {
  let receiptNo = '', queryCode = ''
  const applyUrl = `/units/${T.county}/matters/FOOD/apply`
  const good = { kind: 'person', 'applicant.name': PERSON.name, 'applicant.idNumber': PERSON.idNumber, 'applicant.phone': PERSON.phone, consent: 'yes' }

  it('refuses bad input with the form again and Chinese errors at the field (4xx, nothing written)', async () => {
    expect((await page(applyUrl)).text).toContain('本人承诺所填信息和所交材料真实')
    const bad = await upload(applyUrl, { ...good, 'applicant.idNumber': '341502199003071234', consent: '' }, { 'file-0': [PDF, '申请书.pdf', 'application/pdf'] })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('公民身份号码不正确（18 位，校验码不符或出生日期无效）')
    expect(bad.text).toContain('请阅读并勾选承诺，才能提交申请')
    expect(bad.text).toMatch(/id="f-applicant-idNumber"[^>]*aria-invalid="true"/)
    expect(bad.text).toContain(`value="${PERSON.name}"`) // what was typed stays
    const notPdf = await upload(applyUrl, good, { 'file-0': [Buffer.from('<html>hi</html>'), '申请书.pdf', 'application/pdf'] })
    expect(notPdf.status).toBe(400)
    expect(notPdf.text).toMatch(/id="f-file-0-error">“申请书.pdf”：只接受 JPEG、PNG 图片或 PDF 文件/)
    for (const t of ['cases', 'case_uploads']) expect((await h.db.query(`select count(*)::int as n from ${t}`))[0].n).toBe(0)
  })

  it('refuses a form posted from another site', async () => {
    const r = await h.http.post(applyUrl).set('origin', 'https://evil.example').type('form').send(new URLSearchParams(good as any).toString())
    expect(r.status).toBe(403)
    expect(r.text).toContain('跨站请求已被拒绝')
    expect((await h.http.post(applyUrl).type('form').send('kind=person')).status).toBe(403)
  })

  it('applies online with a file and shows the receipt number, the query code and the one-time notice', async () => {
    const r = await upload(applyUrl, good, { 'file-0': [PDF, '申请书.pdf', 'application/pdf'] })
    expect(r.status, r.text.slice(0, 500)).toBe(201)
    expect(r.headers['cache-control']).toBe('no-store')
    receiptNo = /(\d{12}-\d{8}-\d{5})/.exec(r.text)![1]
    queryCode = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(r.text)![1]
    expect(textOf(r.text)).toContain('一次性告知：还需补交以下材料 营业执照')
    const [m] = await h.db.query(`select m.files from case_materials m join cases c on c.id = m.case_id where c.receipt_no = $1 and m.name = '食品经营许可申请书'`, [receiptNo])
    expect(m.files.length).toBe(1)
  })

  it('tracks the case with the code; a wrong code shows nothing about it', async () => {
    const r = await post('/track', { receiptNo, queryCode })
    expect(r.status).toBe(200)
    const t = textOf(r.text)
    expect(t).toContain('食品经营许可')
    expect(t).toContain('还缺的材料（一次性告知）')
    expect(t).not.toContain(PERSON.name)
    const wrong = await post('/track', { receiptNo, queryCode: 'ZZZZZZZZ' })
    expect(wrong.status).toBe(404)
    expect(textOf(wrong.text)).toContain('未找到该办件：受理编号或查询码不正确')
    expect(wrong.text).not.toContain('食品经营许可')
    expect(wrong.text).not.toContain('营业执照')
    const malformed = await post('/track', { receiptNo: '12-3', queryCode: '' })
    expect(malformed.status).toBe(400)
    expect(malformed.text).toContain('受理编号格式不正确')
  })

  it('shows the real receipt time and, after hours or on a rest day, the day the clock starts', async () => {
    // Received on a working day in hours (10:00 Beijing time): the real minute, no counting note.
    const inHours = textOf((await post('/track', { receiptNo, queryCode })).text)
    expect(inHours).toContain('收件：2026-11-24 10:00')
    expect(inHours).not.toContain('起算')
    // Received on Saturday 28 November at 18:30 Beijing time: counting starts Monday 30 November.
    h.clock.set('2026-11-28T10:30:00Z')
    try {
      const r = await upload(applyUrl, good, { 'file-0': [PDF, '申请书.pdf', 'application/pdf'] })
      expect(r.status, r.text.slice(0, 500)).toBe(201)
      const no = /(\d{12}-\d{8}-\d{5})/.exec(r.text)![1]
      const code = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(r.text)![1]
      expect(textOf((await post('/track', { receiptNo: no, queryCode: code })).text)).toContain('收件：2026-11-28 18:30（自 11月30日 起算）')
      // The public JSON keeps receivedOn as the counting day and adds the real moment.
      const j = await h.http.get(`/api/public/cases/${no}`).query({ queryCode: code })
      expect(j.status, j.text.slice(0, 300)).toBe(200)
      expect(j.body).toMatchObject({ receivedOn: '2026-11-30', receivedAt: '2026-11-28T10:30:00.000Z', acceptedAt: null })
    } finally { h.clock.set('2026-11-24T02:00:00Z') }
  })

  it('uploads what the one-time notice asks for, and evaluates once after the staff finish', async () => {
    const none = await upload('/track/supplement', { receiptNo, queryCode })
    expect(none.status).toBe(400)
    expect(none.text).toContain('请至少为一项材料选择要上传的文件')
    const ok = await upload('/track/supplement', { receiptNo, queryCode }, { 'file-0': [PDF, '营业执照.pdf', 'application/pdf'] })
    expect(ok.status, ok.text.slice(0, 400)).toBe(200)
    expect(ok.text).toContain('补正材料已提交')
    expect(textOf(ok.text)).toContain('待受理')
    const clerk = await h.token(T.county, 'window_clerk')
    const list = await h.http.get('/api/cases').set(bearer(clerk))
    const id = list.body.items.find((x: any) => x.receiptNo === receiptNo).id
    await actOk(h, T.county, 'window_clerk', id, 'accept')
    await actOk(h, T.county, 'reviewer', id, 'review', { opinion: '材料齐全' })
    await actOk(h, T.county, 'approver', id, 'decide', { decision: 'approve' })
    await actOk(h, T.county, 'window_clerk', id, 'certify', { certificateNo: 'JY13415020000001' })
    await actOk(h, T.county, 'window_clerk', id, 'deliver', { method: 'pickup' })
    const done = await post('/track', { receiptNo, queryCode })
    expect(textOf(done.text)).toContain('评价本次服务（好差评）')
    for (const l of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) expect(done.text).toContain(`>${l}</label>`)
    const missing = await post('/track/evaluate', { receiptNo, queryCode })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('请选择一个评价等级')
    // The national indicators (网上办事: 办事效率, 办事指南精确度, 办事便捷度, 平台操作性), each optional.
    for (const n of ['办事效率', '办事指南精确度', '办事便捷度', '平台操作性']) expect(done.text).toContain(`>${n}</label>`)
    const badIndicator = await post('/track/evaluate', { receiptNo, queryCode, level: 'satisfied', 'ind-efficiency': 'great' })
    expect(badIndicator.status).toBe(400)
    expect(badIndicator.text).toMatch(/id="f-ind-efficiency-error">请选择五级评价中的一项/)
    expect((await h.db.query(`select count(*)::int as n from evaluations`))[0].n).toBe(0)
    const rated = await post('/track/evaluate', { receiptNo, queryCode, level: 'dissatisfied', comment: '等得久', 'ind-efficiency': 'dissatisfied', 'ind-guideAccuracy': 'satisfied' })
    expect(rated.status).toBe(201)
    expect(rated.text).toContain('15 个工作日内整改并回访')
    const [ev] = await h.db.query(`select id, indicators from evaluations`)
    expect(ev.indicators).toEqual({ efficiency: 'dissatisfied', guideAccuracy: 'satisfied' })
    const again = await post('/track/evaluate', { receiptNo, queryCode, level: 'satisfied' })
    expect(again.status).toBe(409)
    expect(again.text).toContain('该办件已评价过')
    // The 差评 path, visible to the citizen: rectification due, then the unit's answer.
    const pending = textOf((await post('/track', { receiptNo, queryCode })).text)
    expect(pending).toContain('您的评价 评价 不满意（2026-11-24）')
    expect(pending).toMatch(/整改中：办理单位须在 2026-12-\d\d 前整改并回访您/)
    expect(pending).not.toContain('评价本次服务（好差评）')
    const admin = await h.token(T.county, 'center_admin')
    await h.http.post(`/api/evaluations/${ev.id}/rectification`).set(bearer(admin)).send({ answer: '已增加午间窗口，并电话回访申请人。' }).expect(200)
    const answered = textOf((await post('/track', { receiptNo, queryCode })).text)
    expect(answered).toContain('已整改并答复（2026-11-24）')
    expect(answered).toContain('已增加午间窗口，并电话回访申请人。')
    // The unit's public figures as the national system defines them (page and API say the same).
    const figs = textOf((await page(`/units/${T.county}/evaluations`)).text)
    for (const s of ['评价总数 1', '好评率 0.0%', '差评 1 件（100.0%）', '差评整改率 100.0%（已整改 1 件，其中按期 1 件；超期未整改 0 件）',
      '不满意 1', '办事效率 1 0.0%', '办事指南精确度 1 100.0%', '平台操作性 0 —', '服务态度 0 —']) expect(figs).toContain(s)
    const api = await h.http.get(`/api/public/units/${T.county}/evaluations/figures`).expect(200)
    expect(api.body).toMatchObject({ year: 2026, evaluations: 1, negative: 1, rectified: 1, rectifiedShare: 1, goodShare: 0 })
    expect((await h.http.get(`/api/public/units/${T.county}/evaluations/figures?year=abc`)).status).toBe(400)
    expect(textOf((await page(`/units/${T.town}/evaluations`)).text)).toContain('评价总数 0')
  })
})

describe('evaluating a window visit (好差评 without an online case)', () => {
  it('takes the ticket number from the QR link, five levels and the hall indicators, once per ticket', async () => {
    const v = await h.http.post(`/api/units/${T.town}/visits`).set(bearer(await h.token(T.town, 'window_clerk'))).send({})
    expect(v.status, v.text).toBe(201)
    const { visitNo, evaluationCode } = v.body
    const form = await page(`/evaluate?visit=${visitNo}`)
    expect(form.text).toContain(`value="${visitNo}"`)
    const t = textOf(form.text)
    for (const s of ['非常满意', '非常不满意', '服务效率', '服务水平', '服务态度']) expect(t).toContain(s)
    expect(form.text).not.toContain('<script')
    const noLevel = await post('/evaluate', { visitNo, evaluationCode })
    expect(noLevel.status).toBe(400)
    expect(textOf(noLevel.text)).toContain('请选择一个评价等级')
    const badNo = await post('/evaluate', { visitNo: 'FW12', evaluationCode, level: 'satisfied' })
    expect(badNo.status).toBe(400)
    expect(textOf(badNo.text)).toContain('办事凭条编号格式不正确')
    const wrong = await post('/evaluate', { visitNo, evaluationCode: evaluationCode === '000000' ? '111111' : '000000', level: 'satisfied' })
    expect(wrong.status).toBe(404)
    expect(textOf(wrong.text)).toContain('评价码不正确')
    const ok = await post('/evaluate', { visitNo, evaluationCode, level: 'very_dissatisfied', 'ind-attitude': 'dissatisfied', comment: '窗口无人' })
    expect(ok.status, ok.text.slice(0, 500)).toBe(201)
    expect(textOf(ok.text)).toContain('已评价：非常不满意。我们已收到您的差评')
    const [row] = await h.db.query(`select e.level, e.indicators from evaluations e join visits v on v.id = e.visit_id where v.visit_no = $1`, [visitNo])
    expect(row).toMatchObject({ level: 'very_dissatisfied', indicators: { attitude: 'dissatisfied' } })
    const again = await post('/evaluate', { visitNo, evaluationCode, level: 'satisfied' })
    expect(again.status).toBe(409)
    expect(textOf(again.text)).toContain('每张凭条只能评价一次')
  })
})

describe('the rest of the site', () => {
  it('leaves the API, its errors and /healthz as they were', async () => {
    expect((await h.http.get('/healthz')).status).toBe(200)
    const nope = await h.http.get('/api/nope')
    expect(nope.status).toBe(404)
    expect(nope.headers['content-type']).toMatch(/^application\/problem\+json/)
    // An API write is not subject to the portal's form rule (no Origin needed with a bearer token).
    const r = await h.http.post('/api/public/complaints').send({ unitCode: T.town, subject: '测试', body: '内容', contactPhone: '13812345678' })
    expect(r.status).toBe(201)
    expect((await h.http.get('/units/12')).status).toBe(404)
  })
})

describe('complaints', () => {
  it('files one, gives the tracking number, follows it and rates the answer', async () => {
    expect((await page(`/complaints/new?unit=${T.town}`)).text).toContain('投诉中市街道为民服务中心')
    const bad = await post('/complaints/new', { unitCode: T.town, subject: '', body: '窗口无人', contactPhone: '123' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('投诉事由不能为空')
    expect(bad.text).toContain('请填写有效的手机号或固定电话')
    const r = await post('/complaints/new', { unitCode: T.town, subject: '窗口无人', body: '上午十点窗口无人值守', contactPhone: '13812345678' })
    expect(r.status).toBe(201)
    const trackingNo = /(TS\d{20})/.exec(r.text)![1]
    const code = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(r.text)![1]
    const f = await post('/complaints/follow', { trackingNo, queryCode: code })
    expect(f.status).toBe(200)
    expect(textOf(f.text)).toContain('办理中')
    expect((await post('/complaints/follow', { trackingNo, queryCode: 'AAAAAAAA' })).status).toBe(404)
    const admin = await h.token(T.town, 'center_admin')
    const list = await h.http.get(`/api/units/${T.town}/complaints`).set(bearer(admin))
    const id = list.body.items.find((x: any) => x.trackingNo === trackingNo).id
    await h.http.post(`/api/complaints/${id}/answer`).set(bearer(admin)).send({ answer: '已安排专人值守' }).expect(200)
    const answered = await post('/complaints/follow', { trackingNo, queryCode: code })
    expect(textOf(answered.text)).toContain('已安排专人值守')
    const rate = await post('/complaints/rate', { trackingNo, queryCode: code, level: 'satisfied' })
    expect(rate.status).toBe(200)
    expect(textOf(rate.text)).toContain('您的评价 满意')
  })
})
