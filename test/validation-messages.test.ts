// Validation messages a person can read: every field error names the field in Chinese and says
// what is wanted; enumerations list their Chinese labels; no validator text ("无效输入：期望
// string，实际接收 undefined", "期望 object，实际接收 数组") reaches anyone, on any route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GROUND_NAMES } from '../src/modules/cases/steps.js'
import { RIGHT_NAMES } from '../src/modules/powers/holdings.js'
import { LEVEL_NAMES } from '../src/modules/supervision/schemas.js'
import { ROLE_NAMES } from '../src/modules/users/roles.js'
import { fieldLabel, VALUE_LABELS } from '../src/platform/labels.js'
import { bearer, harness, type Harness, T } from './helpers/app.js'

let h: Harness
beforeAll(async () => { h = await harness() })
afterAll(() => h.close())

// What zod's own locale says; none of it may appear.
const VALIDATOR_TEXT = /无效输入|期望|实际接收|数值过小|数值过大|Invalid input|\bexpected\b|\breceived\b|\bundefined\b/i
const UUID = '00000000-0000-4000-8000-000000000000'

describe('field errors', () => {
  it('name the field and what is wanted (the cases from the issue)', async () => {
    const track = await h.http.get(`/api/public/cases/${T.county}-20261124-00001`)
    expect(track.status).toBe(400)
    expect(track.body.errors).toEqual([{ field: 'queryCode', message: '查询码：必填' }])
    expect(track.body.detail).toBe('查询参数有 1 处错误：查询码：必填')

    const complaint = await h.http.post('/api/public/complaints').send({ unitCode: T.town, subject: '态度差', body: '态度恶劣' })
    expect(complaint.body.errors).toEqual([{ field: 'contactPhone', message: '联系电话：必填' }])

    const token = await h.token(T.county, 'center_admin')
    const reject = await h.http.post(`/api/cases/${UUID}/reject`).set(bearer(token)).send({ reason: '不属于本机关职权' })
    expect(reject.body.errors).toEqual([{ field: 'remedy', message: '救济途径告知：必填' }])
    const revoke = await h.http.post(`/api/grants/${UUID}/revoke`).set(bearer(token)).send({})
    expect(revoke.body.errors).toEqual([{ field: 'reason', message: '理由：必填' }])
    const arr = await h.http.post(`/api/grants/${UUID}/revoke`).set(bearer(token)).send([])
    expect(arr.body.errors).toEqual([{ field: '', message: '请求内容：应为对象（{ … }），不能是数组（[ … ]）' }])
    const small = await h.http.post(`/api/units/${T.town}/rectifications`).set(bearer(token)).send({ title: '整改', dueInWorkingDays: 0 })
    expect(small.body.errors[0]).toEqual({ field: 'dueInWorkingDays', message: expect.stringMatching(/^整改期限（工作日）：/) })
    expect(small.body.errors[0].message).not.toMatch(VALIDATOR_TEXT)
  })

  it('list enumerations with their Chinese labels', async () => {
    const token = await h.token(T.county, 'center_admin')
    const res = await h.http.post(`/api/units/${T.town}/users`).set(bearer(token))
      .send({ username: 'x.y', displayName: '某', password: 'long-enough-1', roles: ['boss'] })
    expect(res.status).toBe(400)
    const msg = res.body.errors[0].message as string
    expect(msg).toMatch(/^角色第 1 项：应为以下之一：/)
    expect(msg).toContain('中心管理员（center_admin）')
    expect(msg).toContain('代办员（agent）')
    const suspend = await h.http.post(`/api/cases/${UUID}/suspend`).set(bearer(token)).send({ ground: 'holiday', note: '' })
    expect(suspend.body.errors.find((e: any) => e.field === 'ground').message).toContain('听证（hearing）')
  })

  it('the labels kept in the platform agree with the modules', () => {
    expect(VALUE_LABELS.roles).toEqual(ROLE_NAMES)
    expect(VALUE_LABELS.rights).toEqual(RIGHT_NAMES)
    expect(VALUE_LABELS.ground).toEqual(GROUND_NAMES)
    expect(VALUE_LABELS.level).toEqual(LEVEL_NAMES)
  })

  it('no route answers a wrong body with validator text', async () => {
    const token = await h.token(T.city, 'center_admin')
    const doc = (await h.http.get('/api/openapi.json')).body
    const writes = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody?.content?.['application/json']).map(([method]) => ({ method, path })))
    expect(writes.length).toBeGreaterThan(30)
    const bad: string[] = []
    for (const { method, path } of writes) {
      const url = path.replace(/\{code\}/g, T.town).replace(/\{tier\}/g, 'village').replace(/\{day\}/g, '2026-12-01').replace(/\{rule\}/g, 'fee_mismatch')
        .replace(/\{trackingNo\}/g, 'TS34150200100020261124').replace(/\{receiptNo\}/g, `${T.county}-20261124-00001`).replace(/\{[a-zA-Z]+\}/g, UUID)
      for (const body of [[], {}, { unexpected: 1 }]) {
        const res = await (h.http as any)[method](url).set(bearer(token)).send(body)
        if (res.status !== 400) continue
        for (const e of res.body.errors ?? []) {
          // Named in Chinese: the field's label (no Latin letters left in it) is in the message.
          const label = fieldLabel(String(e.field).split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p)))
          const unnamed = e.field && !/不允许的字段/.test(e.message) && (/[a-zA-Z]/.test(label) || !e.message.includes(label))
          if (unnamed || VALIDATOR_TEXT.test(e.message) || !/[\u4e00-\u9fff]/.test(e.message)) bad.push(`${method} ${path} ${JSON.stringify(body)}: ${e.field} ${e.message}`)
        }
        if (VALIDATOR_TEXT.test(res.body.detail)) bad.push(`${method} ${path} detail: ${res.body.detail}`)
      }
    }
    expect(bad).toEqual([])
  }, 120_000)
})
