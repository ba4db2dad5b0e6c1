// The portal's hall-service pages (issue 18's public side): the unit's halls and branch halls,
// booking with lookup, cancel and check-in, queue tickets from a phone and the kiosk, online
// consultation, results publicity. Plain HTML without scripts, Chinese field errors, nothing
// written on bad input, a wrong code shows nothing, another unit's records are 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { setupPublic } from './helpers/public.js'

let h: Harness
let admin: string, hall: string, branch: string, group: string, windowId: string

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const idOf = (seq: number) => {
  const base = `341502199003${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + seq).slice(-3)}`
  return base + '10X98765432'[W.reduce((s, w, i) => s + w * Number(base[i]), 0) % 11]
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const page = async (path: string, status = 200) => {
  const r = await h.http.get(path)
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(status)
  expect(r.headers['content-type']).toMatch(/^text\/html/)
  expect(r.text).not.toMatch(/<script/i)
  return r
}
const post = (path: string, form: Record<string, string>) =>
  h.http.post(path).set('sec-fetch-site', 'same-origin').type('form').send(new URLSearchParams(form).toString())
const count = async (table: string) => (await h.db.query(`select count(*)::int as n from ${table}`))[0].n as number

beforeAll(async () => {
  h = await harness()
  await setupPublic(h)
  admin = await h.token(T.town, 'center_admin')
  // Every unit has its main hall (migration 016); the centre fills in where and when.
  hall = (await h.http.get(`/api/units/${T.town}/halls`).set(bearer(admin)).expect(200)).body.items.find((x: any) => x.kind === 'main').id
  await h.http.patch(`/api/units/${T.town}/halls/${hall}`).set(bearer(admin))
    .send({ name: '中市街道便民服务中心', address: '金安区中市街道人民路 1 号', hours: '工作日 9:00–12:00 13:30–17:00', phone: '0564-3311234' }).expect(200)
  branch = (await h.http.post(`/api/units/${T.town}/halls`).set(bearer(admin))
    .send({ kind: 'branch', name: '中市税务分中心', address: '金安区梅山路 8 号', hours: '工作日 8:30–17:30', phone: '0564-3319999' }).expect(201)).body.id
  windowId = (await h.db.query(`select id from windows where unit_code = $1`, [T.town]))[0].id
  await h.http.put(`/api/units/${T.town}/windows/${windowId}/hall`).set(bearer(admin)).send({ hallId: hall }).expect(200)
  group = (await h.http.post(`/api/units/${T.town}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'A', name: '综合业务' }).expect(201)).body.id
  await h.http.put(`/api/units/${T.town}/windows/${windowId}/groups`).set(bearer(admin)).send({ groupIds: [group] }).expect(200)
  await h.http.post(`/api/units/${T.town}/halls/${hall}/slots`).set(bearer(admin))
    .send({ groupId: group, from: '2026-11-24', to: '2026-11-30', times: [{ starts: '14:00', ends: '15:00', capacity: 2 }] }).expect(201)
})
afterAll(() => h.close())

describe('the unit’s halls', () => {
  it('shows the main hall and the branch hall with address, hours, phone and their windows', async () => {
    const t = textOf((await page(`/units/${T.town}`)).text)
    for (const s of ['中市街道便民服务中心', '主大厅', '金安区中市街道人民路 1 号', '工作日 9:00–12:00 13:30–17:00', '0564-3311234',
      '中市税务分中心', '分中心', '金安区梅山路 8 号', '0564-3319999', '1 号 综合受理窗口']) expect(t).toContain(s)
    // The window sits under its own hall, before the branch hall.
    expect(t.indexOf('1 号 综合受理窗口')).toBeLessThan(t.indexOf('中市税务分中心'))
    expect((await page(`/units/${T.town}`)).text).toContain(`href="/units/${T.town}/book?hall=${hall}"`)
    expect(textOf((await page(`/units/${T.town}/book?hall=${branch}`)).text)).toContain('该大厅尚未设置业务分组')
  })
})

describe('booking', () => {
  let bookingNo = '', queryCode = ''
  it('offers free slots on working days only and books with name and ID number', async () => {
    const r = await page(`/units/${T.town}/book?hall=${hall}&group=${group}`)
    const t = textOf(r.text)
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']) expect(t).toContain(d)
    for (const d of ['2026-11-28', '2026-11-29']) expect(t).not.toContain(d) // the weekend
    expect(t).toContain('14:00–15:00（余 2）')
    const slot = /name="slotId" value="([0-9a-f-]{36})"/.exec(r.text)![1]
    const before = await snapshot(h.db)
    const bad = await post(`/units/${T.town}/book`, { hall, group, slotId: slot, name: '', idNumber: '341502199003071234', phone: '12' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('请填写姓名')
    expect(bad.text).toContain('手机号格式不正确')
    const badId = await post(`/units/${T.town}/book`, { hall, group, slotId: slot, name: '王小明', idNumber: '341502199003071234', phone: '13812341234' })
    expect(badId.status).toBe(400)
    expect(badId.text).toMatch(/id="f-idNumber-error">身份证号不正确（GB 11643 校验未通过）/)
    expect(badId.text).toContain('value="王小明"')
    const noSlot = await post(`/units/${T.town}/book`, { hall, group, name: '王小明', idNumber: idOf(1), phone: '13812341234' })
    expect(noSlot.status).toBe(400)
    expect(noSlot.text).toContain('请选择一个预约时段')
    expect(await snapshot(h.db)).toBe(before)
    const ok = await post(`/units/${T.town}/book`, { hall, group, slotId: slot, name: '王小明', idNumber: idOf(1), phone: '13812341234' })
    expect(ok.status, ok.text.slice(0, 400)).toBe(201)
    expect(ok.headers['cache-control']).toBe('no-store')
    bookingNo = /<dt>预约号<\/dt><dd class="big">([0-9A-Z-]+)</.exec(ok.text)![1]
    queryCode = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(ok.text)![1]
    expect(bookingNo).toBe(`${T.town}-20261124-Y0001`)
    expect(ok.text).not.toContain(idOf(1))
    expect(textOf(ok.text)).toContain(`王**（341502********${idOf(1).slice(-4)}）`)
  })

  it('looks the booking up by number and code; a wrong code shows nothing', async () => {
    const wrong = await post('/appointments', { bookingNo, queryCode: 'ZZZZ2222' })
    expect(wrong.status).toBe(404)
    expect(textOf(wrong.text)).toContain('未找到该预约：预约号或查询码不正确')
    expect(wrong.text).not.toContain('王**')
    expect(wrong.text).not.toContain('14:00')
    const bad = await post('/appointments', { bookingNo: 'x', queryCode: '' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('预约号格式不正确')
    const r = await post('/appointments', { bookingNo, queryCode })
    expect(r.status).toBe(200)
    const t = textOf(r.text)
    expect(t).toContain('已预约')
    expect(t).toContain('2026-11-24 14:00–15:00')
    expect(r.text).toContain('我已到大厅，签到取号') // today's booking
  })

  it('checks in on the day: a priority ticket (绿色通道) ahead of the ordinary ones', async () => {
    await post(`/units/${T.town}/halls/${hall}/ticket`, { groupId: group, priority: '' }).expect(201)
    const r = await post('/appointments/check-in', { bookingNo, queryCode })
    expect(r.status, r.text.slice(0, 400)).toBe(201)
    const t = textOf(r.text)
    expect(t).toContain('签到成功')
    expect(t).toContain('绿色通道（优先叫号）')
    expect(t).toContain('前面还有 0 人')
    expect((await post('/appointments/check-in', { bookingNo, queryCode })).status).toBe(409)
    expect(textOf((await post('/appointments', { bookingNo, queryCode })).text)).toContain('已签到取号')
  })

  it('cancels another booking, and explains the no-show block when it applies', async () => {
    const r = await page(`/units/${T.town}/book?hall=${hall}&group=${group}`)
    const slots = [...r.text.matchAll(/name="slotId" value="([0-9a-f-]{36})"/g)].map((m) => m[1])
    const ok = await post(`/units/${T.town}/book`, { hall, group, slotId: slots[1], name: '李四', idNumber: idOf(2), phone: '13912341234' }).expect(201)
    const no = /<dt>预约号<\/dt><dd class="big">([0-9A-Z-]+)</.exec(ok.text)![1]
    const code = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(ok.text)![1]
    expect((await post('/appointments/cancel', { bookingNo: no, queryCode: 'ZZZZ2222' })).status).toBe(404)
    const c = await post('/appointments/cancel', { bookingNo: no, queryCode: code })
    expect(c.status).toBe(200)
    expect(textOf(c.text)).toContain('预约已取消')
    expect((await post('/appointments/cancel', { bookingNo: no, queryCode: code })).status).toBe(409)
    // One no-show is enough here: a booking for today, never checked in, and the day passes.
    await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ noShowLimit: 1 }).expect(200)
    const today = /name="slotId" value="([0-9a-f-]{36})"/.exec(r.text)![1]
    await post(`/units/${T.town}/book`, { hall, group, slotId: today, name: '赵六', idNumber: idOf(3), phone: '13712341234' }).expect(201)
    h.clock.set('2026-11-25T01:00:00Z')
    try {
      const next = await page(`/units/${T.town}/book?hall=${hall}&group=${group}`)
      const slot = /name="slotId" value="([0-9a-f-]{36})"/.exec(next.text)![1]
      const before = await count('appointments')
      const blocked = await post(`/units/${T.town}/book`, { hall, group, slotId: slot, name: '赵六', idNumber: idOf(3), phone: '13712341234' })
      expect(blocked.status).toBe(422)
      expect(textOf(blocked.text)).toMatch(/30 天内爽约 1 次，2026-12-24 前暂停预约。暂停期间不能网上预约，仍可到大厅现场取号办理/)
      expect(await count('appointments')).toBe(before)
    } finally {
      h.clock.set('2026-11-24T02:00:00Z')
      await h.http.put(`/api/units/${T.town}/hall-settings`).set(bearer(admin)).send({ noShowLimit: 3 }).expect(200)
    }
  })
})

describe('queue tickets', () => {
  it('takes a ticket from a phone with the priority lane and shows how many are ahead', async () => {
    // The page offers what the public API answers for the hall's groups.
    const api = await h.http.get(`/api/public/units/${T.town}/halls/${hall}/groups`).expect(200)
    expect(api.body).toEqual([{ id: group, hallId: hall, prefix: 'A', name: '综合业务' }])
    expect((await h.http.get(`/api/public/units/${T.town2}/halls/${hall}/groups`)).status).toBe(404)
    const form = await page(`/units/${T.town}/halls/${hall}/ticket`)
    expect(form.text).toContain(`name="groupId" value="${group}"`)
    const before = await count('queue_tickets')
    const bad = await post(`/units/${T.town}/halls/${hall}/ticket`, { groupId: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('请选择要办的业务')
    const badLane = await post(`/units/${T.town}/halls/${hall}/ticket`, { groupId: group, priority: 'vip' })
    expect(badLane.status).toBe(400)
    expect(badLane.text).toContain('绿色通道应为 elderly（老年人）或 disabled（残疾人）')
    expect(await count('queue_tickets')).toBe(before)
    const plain = await post(`/units/${T.town}/halls/${hall}/ticket`, { groupId: group, priority: '' }).expect(201)
    expect(textOf(plain.text)).toMatch(/A\d{3}/)
    const ahead = Number(/前面还有 (\d+) 人/.exec(textOf(plain.text))![1])
    const elderly = await post(`/units/${T.town}/halls/${hall}/ticket`, { groupId: group, priority: 'elderly' }).expect(201)
    expect(textOf(elderly.text)).toContain('绿色通道（优先叫号）')
    const id = /href="\/units\/\d{12}\/halls\/[0-9a-f-]{36}\/tickets\/([0-9a-f-]{36})"/.exec(plain.text)![1]
    // The elderly ticket (priority lane) is called before the ordinary one taken earlier.
    const again = await page(`/units/${T.town}/halls/${hall}/tickets/${id}`)
    expect(again.headers['cache-control']).toBe('no-store')
    expect(textOf(again.text)).toContain(`前面还有 ${ahead + 1} 人`)
  })

  it('has a kiosk layout of the same page: big buttons, appointment check-in', async () => {
    const k = await page(`/units/${T.town}/halls/${hall}/kiosk`)
    expect(k.text).toMatch(/<body class="kiosk">/)
    expect(k.text).toContain('action="/appointments/check-in?kiosk=1"')
    const r = await post(`/units/${T.town}/halls/${hall}/kiosk`, { groupId: group, priority: 'disabled' })
    expect(r.status).toBe(201)
    expect(r.text).toContain(`href="/units/${T.town}/halls/${hall}/kiosk"`)
    const [t] = await h.db.query(`select channel, priority_reason from queue_tickets order by seq desc limit 1`)
    expect(t).toEqual({ channel: 'kiosk', priority_reason: 'disabled' })
  })

  it('answers 404 for a hall or ticket of another unit, and refuses a form from another site', async () => {
    await page(`/units/${T.town2}/halls/${hall}/ticket`, 404)
    await page(`/units/${T.town2}/book?hall=${hall}`, 404)
    const before = await count('queue_tickets')
    expect((await post(`/units/${T.town2}/halls/${hall}/ticket`, { groupId: group })).status).toBe(404)
    const foreign = await h.http.post(`/units/${T.town}/halls/${hall}/ticket`).set('origin', 'https://evil.example').type('form').send(`groupId=${group}`)
    expect(foreign.status).toBe(403)
    expect(await count('queue_tickets')).toBe(before)
  })
})

describe('online consultation', () => {
  let no = '', code = ''
  it('asks about a matter; bad input is refused at the field with nothing written', async () => {
    const f = await page(`/units/${T.town}/ask?matter=ENTRUST`)
    expect(f.text).toMatch(/<option value="ENTRUST" selected="">小餐饮登记<\/option>/)
    const bad = await post(`/units/${T.town}/ask`, { matterCode: '', question: '问', name: '' })
    expect(bad.status).toBe(400)
    for (const s of ['请选择咨询的事项', '咨询内容至少 5 个字', '请填写姓名']) expect(bad.text).toContain(s)
    const unknown = await post(`/units/${T.town}/ask`, { matterCode: 'NOPE', question: '这个怎么办理？', name: '张三' })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('该单位的事项目录中没有这个事项')
    expect(await count('consultations')).toBe(0)
    const ok = await post(`/units/${T.town}/ask`, { matterCode: 'ENTRUST', question: '小餐饮登记需要健康证吗？', name: '张三' })
    expect(ok.status).toBe(201)
    no = /<dt>咨询编号<\/dt><dd class="big">([0-9A-Z-]+)</.exec(ok.text)![1]
    code = /<dt>查询码<\/dt><dd class="big">([0-9A-Z]{8})</.exec(ok.text)![1]
    expect(textOf(ok.text)).toContain('1号窗口（综合受理窗口）')
  })

  it('shows the reply by number and code (a wrong code shows nothing), rates it once, and a published answer shows in the guide', async () => {
    const wrong = await post('/consultations', { questionNo: no, queryCode: 'ZZZZ2222' })
    expect(wrong.status).toBe(404)
    expect(wrong.text).not.toContain('健康证')
    expect(textOf((await post('/consultations', { questionNo: no, queryCode: code })).text)).toContain('待答复')
    const clerk = await h.token(T.town, 'window_clerk')
    const [row] = await h.db.query(`select id from consultations where question_no = $1`, [no])
    await h.http.post(`/api/units/${T.town}/consultations/${row.id}/answer`).set(bearer(clerk)).send({ answer: '需要从业人员健康证明。' }).expect(200)
    const r = await post('/consultations', { questionNo: no, queryCode: code })
    expect(textOf(r.text)).toContain('需要从业人员健康证明。')
    expect(r.text).toContain('action="/consultations/rate"')
    const noRating = await post('/consultations/rate', { questionNo: no, queryCode: code })
    expect(noRating.status).toBe(400)
    expect(noRating.text).toContain('请选择 1–5 分中的一项')
    const rated = await post('/consultations/rate', { questionNo: no, queryCode: code, rating: '4' })
    expect(rated.status).toBe(200)
    expect(textOf(rated.text)).toContain('4 分 满意')
    expect((await post('/consultations/rate', { questionNo: no, queryCode: code, rating: '5' })).status).toBe(409)
    expect((await h.db.query(`select rating from consultations where id = $1`, [row.id]))[0].rating).toBe(4)
    expect(textOf((await page(`/units/${T.town}/matters/ENTRUST`)).text)).not.toContain('需要从业人员健康证明')
    await h.http.post(`/api/units/${T.town}/consultations/${row.id}/publish`).set(bearer(admin)).send({ question: '小餐饮登记需要健康证吗？' }).expect(200)
    expect(textOf((await page(`/units/${T.town}/matters/ENTRUST`)).text)).toContain('问：小餐饮登记需要健康证吗？ 答：需要从业人员健康证明。')
  })
})

describe('results publicity', () => {
  const RAW = { name: '王大明', idNumber: '341502199003071238', phone: '13812345678', items: { 村组: '红街一组', 备注: '联系 13998765432' } }
  let open = '', withdrawn = '', archived = ''
  const publish = async (title: string, endAction: 'withdraw' | 'archive', periodDays = 3) =>
    (await h.http.post(`/api/units/${T.town}/publicity`).set(bearer(admin))
      .send({ type: '低保', title, basis: '《社会救助暂行办法》', periodDays, endAction, rows: [RAW, { name: '李小红', items: { 村组: '红街二组' } }] }).expect(201)).body.id as string
  const noRaw = (html: string) => {
    for (const v of [RAW.name, RAW.idNumber, RAW.phone, '13998765432', '李小红']) expect(html).not.toContain(v)
  }

  beforeAll(async () => {
    open = await publish('2026 年 11 月低保名单', 'withdraw')
    withdrawn = await publish('临时救助名单', 'withdraw', 1)
    archived = await publish('征地补偿名单', 'archive', 1)
  })

  it('lists the unit’s publicity and shows masked rows only, with the period', async () => {
    const list = await page(`/units/${T.town}/publicity`)
    expect(textOf(list.text)).toContain('2026 年 11 月低保名单')
    expect(textOf(list.text)).toContain('公示期 2026-11-24 至 2026-11-26（3 个工作日）')
    noRaw(list.text)
    const d = await page(`/units/${T.town}/publicity/${open}`)
    const t = textOf(d.text)
    for (const s of ['王**', '341502********1238', '138****5678', '联系 139****5432', '李**', '红街一组', '公示中（可提出异议）']) expect(t).toContain(s)
    noRaw(d.text)
  })

  it('takes an objection in the period (bad input refused, nothing written) and shows its answer', async () => {
    const url = `/units/${T.town}/publicity/${open}/objections`
    const bad = await post(url, { text: '不对', name: '', phone: '123', rowOrd: 'x' })
    expect(bad.status).toBe(400)
    for (const s of ['异议内容至少 5 个字', '请填写姓名', '电话格式不正确', '请填写名单中的序号']) expect(bad.text).toContain(s)
    expect(await count('publicity_objections')).toBe(0)
    const ok = await post(url, { text: '第一条家庭有车辆，不符合条件。', name: '刘七', phone: '13612345678', rowOrd: '1' })
    expect(ok.status).toBe(201)
    expect(textOf(ok.text)).toContain('异议已受理')
    noRaw(ok.text)
    expect(ok.text).not.toContain('13612345678')
    const [o] = await h.db.query(`select id from publicity_objections`)
    await h.http.post(`/api/units/${T.town}/publicity/${open}/objections/${o.id}/answer`).set(bearer(admin)).send({ answer: '经核查，车辆已于 2025 年转让。' }).expect(200)
    const d = await page(`/units/${T.town}/publicity/${open}`)
    expect(textOf(d.text)).toContain('异议（第 1 条）： 第一条家庭有车辆，不符合条件。 答复： 经核查，车辆已于 2025 年转让。')
    expect(d.text).not.toContain('刘七')
    noRaw(d.text)
  })

  it('withdraws or archives at the end of the period; another unit’s list is 404', async () => {
    await page(`/units/${T.town2}/publicity/${open}`, 404)
    expect((await post(`/units/${T.town2}/publicity/${open}/objections`, { text: '跨单位的异议内容', name: '刘七', phone: '13612345678' })).status).toBe(404)
    h.clock.set('2026-11-25T02:00:00Z')
    try {
      await page(`/units/${T.town}/publicity/${withdrawn}`, 404)
      const a = await page(`/units/${T.town}/publicity/${archived}`)
      expect(textOf(a.text)).toContain('公示期满，存档备查')
      expect(a.text).not.toContain('/objections"')
      expect((await post(`/units/${T.town}/publicity/${archived}/objections`, { text: '期满后的异议内容', name: '刘七', phone: '13612345678' })).status).toBe(409)
      const list = textOf((await page(`/units/${T.town}/publicity`)).text)
      expect(list).toContain('征地补偿名单')
      expect(list).not.toContain('临时救助名单')
    } finally { h.clock.set('2026-11-24T02:00:00Z') }
  })
})
