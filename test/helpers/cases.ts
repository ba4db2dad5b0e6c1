// Case-handling fixtures: the county's matters (a statutory licence, a fee-charging one, a
// township matter delegated down, one entrusted to the township, a bundle for parallel
// approval, the village guidance catalog's agent matters), published; grants to the township and
// agent rights to the village; one window per
// unit holding every right the unit has, staffed by its clerk, reviewer and approver.
import type { Role } from '../../src/modules/users/roles.js'
import { bearer, type Harness, PASSWORD, T } from './app.js'
import { sampleMatter } from './matters.js'

export const PERSON = { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' } as const
export const ORG = { kind: 'org', idNumber: '91350100M000100Y43', name: '六安市某食品有限公司', phone: '0564-3371234' } as const
export const ALL_MATERIALS = [{ name: '食品经营许可申请书' }, { name: '营业执照' }]

const ALL = ['accept', 'review', 'decide', 'certify', 'deliver']

export async function setupCases(h: Harness) {
  const county = await h.token(T.county, 'center_admin')
  const put = async (code: string, m: object) => {
    const r = await h.http.put(`/api/units/${T.county}/matters/${code}`).set(bearer(county)).send(m)
    if (r.status !== 200) throw new Error(`${code}: ${JSON.stringify(r.body)}`)
  }
  await put('FOOD', sampleMatter())
  await put('FEES', sampleMatter({ name: '特种设备使用登记', department: '金安区市场监督管理局', free: false,
    fees: [{ name: '工本费', basis: '皖价费〔2026〕1号', amount: 10 }] }))
  await put('ELDER', sampleMatter({ name: '高龄津贴申领', type: '行政给付', legalBasis: '', exerciseLevel: 'township', powerSource: '上级下放', department: '金安区民政局' }))
  await put('ENTRUST', sampleMatter({ name: '小餐饮登记', department: '金安区市场监督管理局' }))
  await put('PAR-A', sampleMatter({ name: '企业开办（营业执照）', department: '金安区市场监督管理局' }))
  await put('PAR-B', sampleMatter({ name: '公章刻制备案', type: '其他行政权力', department: '金安区公安分局', legalBasis: '《印铸刻字业暂行管理规则》' }))
  await put('PAR-C', sampleMatter({ name: '税务登记', type: '其他行政权力', department: '国家税务总局金安区税务局', legalBasis: '《税收征收管理法》' }))
  // The village guidance catalog (村代办): an agent matter standing for the township's ELDER, and
  // one listed but without an agent right granted to the village.
  const agentMatter = { type: '公共服务' as const, legalBasis: '', exerciseLevel: 'village' as const, powerSource: '上级委托' as const,
    agentService: true, online: false, department: '金安区民政局' }
  await put('AGENT-ELDER', sampleMatter({ name: '高龄津贴申请代办', agentFor: 'ELDER', ...agentMatter }))
  await put('AGENT-NONE', sampleMatter({ name: '宅基地申请代办', agentFor: 'FOOD', ...agentMatter }))
  const pub = await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(county)).send({ effectiveFrom: '2026-01-01' })
  if (pub.status !== 201) throw new Error(JSON.stringify(pub.body))
  const grant = async (body: object) => {
    const r = await h.http.post('/api/grants').set(bearer(county)).send({ documentNo: '金政〔2026〕8号', legalBasis: '《行政许可法》', validFrom: '2026-11-24', ...body })
    if (r.status !== 201) throw new Error(JSON.stringify(r.body))
  }
  await grant({ granteeCode: T.town, matterCode: 'ELDER', kind: 'delegation', rights: ALL })
  await grant({ granteeCode: T.town, matterCode: 'ENTRUST', kind: 'entrustment', rights: ALL })
  await grant({ granteeCode: T.village, matterCode: 'ELDER', kind: 'delegation', rights: ['accept', 'deliver'] })
  await grant({ granteeCode: T.village, matterCode: 'AGENT-ELDER', kind: 'entrustment', rights: ['accept', 'deliver'] })
  await staffWindow(h, T.county, ['FOOD', 'FEES', 'PAR-A', 'PAR-B', 'PAR-C'], ALL)
  await staffWindow(h, T.town, ['ELDER', 'ENTRUST'], ALL)
  await staffWindow(h, T.village, ['ELDER', 'AGENT-ELDER'], ['accept', 'deliver'], ['agent', 'window_clerk'])
}

export async function staffWindow(h: Harness, code: string, matters: string[], rights: string[], roles: Role[] = ['window_clerk', 'reviewer', 'approver']) {
  const admin = await h.token(code, 'center_admin')
  const win = await h.http.post(`/api/units/${code}/windows`).set(bearer(admin)).send({ number: '1', name: '综合受理窗口', departments: [] })
  if (win.status !== 201) throw new Error(JSON.stringify(win.body))
  const ids = await Promise.all(roles.map((r) => h.userId(code, r)))
  await h.http.put(`/api/units/${code}/windows/${win.body.id}/staff`).set(bearer(admin)).send({ userIds: ids }).expect(200)
  const r = await h.http.put(`/api/units/${code}/windows/${win.body.id}/rights`).set(bearer(admin)).send({ rights: matters.map((m) => ({ matterCode: m, rights })) })
  if (r.status !== 200) throw new Error(JSON.stringify(r.body))
  return win.body.id as string
}

/** Takes in a case at `code` by its window clerk (all required materials unless given). */
export async function submit(h: Harness, code: string, over: Record<string, unknown> = {}, role: Role = 'window_clerk') {
  const t = await h.token(code, role)
  const res = await h.http.post('/api/cases').set(bearer(t)).send({ unitCode: code, matterCode: 'FOOD', applicant: PERSON, materials: ALL_MATERIALS, ...over })
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { case: any; receipt: { receiptNo: string; queryCode: string }; missingMaterials: string[] }
}

export async function act(h: Harness, code: string, role: Role, id: string, action: string, body: object = {}) {
  return h.http.post(`/api/cases/${id}/${action}`).set(bearer(await h.token(code, role))).send(body)
}

export async function actOk(h: Harness, code: string, role: Role, id: string, action: string, body: object = {}) {
  const r = await act(h, code, role, id, action, body)
  if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export const getCase = async (h: Harness, code: string, id: string, role: Role = 'window_clerk') =>
  (await h.http.get(`/api/cases/${id}`).set(bearer(await h.token(code, role)))).body

/**
 * Another staff member at `code` (a second clerk, a department's own staff…) with its own token,
 * placed on the given windows (none: on no window at all).
 */
export async function extraStaff(h: Harness, code: string, username: string, roles: Role[], windowIds: string[] = []) {
  const { hashPassword } = await import('../../src/modules/auth/password.js')
  const [u] = await h.db.query<{ id: string }>(`insert into users (unit_code, username, display_name, password_hash, roles)
    values ($1, $2, $2, $3, $4) returning id`, [code, username, await hashPassword(PASSWORD), roles])
  for (const w of windowIds) await h.db.query(`insert into window_staff (window_id, user_id, unit_code) values ($1, $2, $3)`, [w, u.id, code])
  const res = await h.http.post('/api/auth/login').send({ username, password: PASSWORD })
  if (res.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(res.body)}`)
  return { id: u.id, token: res.body.token as string }
}

export const windowsOf = async (h: Harness, code: string) =>
  (await h.db.query<{ id: string }>(`select id from windows where unit_code = $1 order by number`, [code])).map((r) => r.id)

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
/** Uploads an applicant's file to `code` (no login) and returns its fileId. */
export async function upload(h: Harness, code: string, bytes: Uint8Array = PNG, type = 'image/png') {
  const r = await h.http.post(`/api/public/units/${code}/uploads`).set('content-type', type).send(Buffer.from(bytes))
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.fileId as string
}
/** Every material of `names` with one freshly uploaded file each (what an online application carries). */
export const withFiles = async (h: Harness, code: string, names = ALL_MATERIALS.map((m) => m.name)) =>
  Promise.all(names.map(async (name) => ({ name, files: [await upload(h, code)] })))
