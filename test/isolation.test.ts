// The isolation matrix, generated from the OpenAPI route table: every route that takes a
// unit code (in its path, query string or body) or a record id is tried by an actor from a
// sibling subtree (404, nothing changes, a write recorded as a refusal) and by the parent's admin and supervisor (what their
// roles allow; a refused write is recorded). Public routes that take a unit code are asked
// about a unit that does not exist (404, nothing changes). One test per route and actor kind,
// so a slow or broken route fails alone. A route added without a fixture here fails the suite,
// so no route escapes the matrix.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createJobs } from '../src/jobs.js'
import { fixedClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { memoryStorage } from '../src/platform/storage.js'
import { runJob } from '../src/platform/jobs.js'
import { bearer, harness, type Harness, snapshot, T } from './helpers/app.js'
import { sampleMatter } from './helpers/matters.js'
import { PNG, standardsTarget } from './helpers/standards.js'
import { supervisionTarget } from './helpers/supervision.js'
import { hallTarget } from './helpers/halls.js'

let h: Harness
let seq = 0
const next = () => ++seq

interface Target { code: string; userId: string; matterCode: string; windowId: string; grantId: string; caseId: string }
// `url`: for ids the generic replacement below does not know (evidence files, rectification tasks).
// `parent`: what the parent's admin gets when it is not 2xx (case steps belong to the handling unit alone).
// `query`: a query string carrying the unit code (`unit=…`); `public`: a route without login (asked
// about a unit that does not exist: 404); `sibling`: what the sibling subtree gets when not 404
// (a list filtered to nothing answers 200 with no items).
type Fixture = { body?: (t: Target) => object; bodyCode?: boolean; url?: (t: Target) => string; parent?: number
  query?: (t: Target) => string; public?: boolean; sibling?: number
  /** What the parent's supervisor gets on a write that is a supervisor's own (escalating a warning) instead of 403. */
  supervisor?: number
  /** The body's media type when it is not JSON (a raw file upload). */
  type?: string }
// Building standards: the city's checklists, evidence and one open task at the township (beforeAll).
let std: Awaited<ReturnType<typeof standardsTarget>>
// Supervision: a complaint, evaluations (one under appeal) and reports in each state at the township.
let sup: Awaited<ReturnType<typeof supervisionTarget>>

const CASE_ACTIONS: Record<string, object> = {
  accept: {}, 'request-supplement': { items: [{ name: '营业执照', reason: '缺少' }] }, supplement: { materials: [] },
  reject: { reason: '不属于本机关职权范围', remedy: '可依法申请行政复议或提起行政诉讼' }, forward: { toUnitCode: T.county, reason: '转报' },
  suspend: { ground: 'hearing', note: '听证' }, resume: {}, extend: { reason: '情况复杂' }, review: { opinion: '同意' },
  decide: { decision: 'approve' }, certify: { certificateNo: 'JY1234' }, pay: { feeReceiptNo: 'P-1' }, deliver: { method: 'pickup' },
}

// Keyed by "METHOD path" as in the OpenAPI document.
const fixtures: Record<string, Fixture> = {
  'get /api/units/{code}': {},
  'get /api/units/{code}/children': {},
  'patch /api/units/{code}': { body: () => ({ servicePointName: `服务中心${next()}` }) },
  'post /api/units/{code}/import': { body: (t) => ({ units: [{ code: `${t.code.slice(0, 9)}${String(100 + next()).slice(-3)}`, name: `导入村${seq}` }] }) },
  'post /api/units/{code}/users': { body: () => ({ username: `matrix.${next()}`, displayName: '矩阵', password: 'matrix-password', roles: ['window_clerk'] }) },
  'get /api/units/{code}/users': {},
  'get /api/units/{code}/refusals': {},
  'get /api/users/{id}': {},
  'patch /api/users/{id}': { body: () => ({ displayName: `改名${next()}` }) },
  // Takes the unit code in its body.
  'post /api/units': { bodyCode: true, body: (t) => ({ code: `${t.code.slice(0, 6)}${String(500 + next()).padStart(3, '0')}000`, name: `新街道${seq}` }) },
  // Catalog (the township's own working copy and its resolved catalog).
  'get /api/units/{code}/matters': {},
  'post /api/units/{code}/matters': { body: () => ({ matterCode: `LOCAL-${next()}`, ...sampleMatter({ name: `本地事项${seq}`, exerciseLevel: 'township' }) }) },
  'get /api/units/{code}/matters/{matterCode}': {},
  'put /api/units/{code}/matters/{matterCode}': { body: () => township },
  'delete /api/units/{code}/matters/{matterCode}': {},
  'get /api/units/{code}/catalog/draft': {},
  'post /api/units/{code}/catalog/publish': { body: () => ({ note: `第${next()}次` }) },
  'get /api/units/{code}/catalog/versions': {},
  'put /api/units/{code}/matters/{matterCode}/hall': { body: () => ({ inHall: true }) },
  // Powers and windows.
  'get /api/units/{code}/grants': {},
  'get /api/units/{code}/powers': {},
  'get /api/units/{code}/powers/mine': {},
  'get /api/units/{code}/windows': {},
  'post /api/units/{code}/windows': { body: () => ({ number: `M${next()}`, name: '矩阵窗口', departments: [] }) },
  'put /api/units/{code}/windows/{windowId}/staff': { body: () => ({ userIds: [] }) },
  'put /api/units/{code}/windows/{windowId}/rights': { body: () => ({ rights: [] }) },
  'post /api/grants/{id}/revoke': { body: () => ({ reason: '矩阵测试' }) },
  'post /api/grants': { bodyCode: true, body: (t) => ({
    grantorCode: T.county, granteeCode: t.code, matterCode: t.matterCode, kind: 'entrustment', rights: ['accept'],
    documentNo: `金政〔2026〕${next()}号`, legalBasis: '《行政许可法》第二十四条', validFrom: `2027-01-${String(seq % 28 + 1).padStart(2, '0')}` }) },
  // Building standards (the township's own additions to the city's checklists, its inspections and tasks).
  'get /api/units/{code}/standards/templates/township': {},
  'put /api/units/{code}/standards/templates/township': { body: () => ({ items: [] }) },
  'post /api/units/{code}/standards/templates/township/publish': { body: () => ({ note: `第${next()}版` }) },
  'get /api/units/{code}/standards/templates/village': {},
  'put /api/units/{code}/standards/templates/village': { body: () => ({ items: [] }) },
  'post /api/units/{code}/standards/templates/village/publish': { body: () => ({}) },
  'post /api/units/{code}/self-reports': { body: () => ({ results: std.passing }) },
  'post /api/units/{code}/inspections': { body: () => ({ results: std.passing }) },
  'get /api/units/{code}/inspections': {},
  'get /api/units/{code}/rectifications': {},
  'post /api/units/{code}/rectifications': { body: () => ({ title: `矩阵整改${next()}`, dueInWorkingDays: 5 }) },
  'get /api/units/{code}/standards/summary': {},
  'get /api/units/{code}/stations': {},
  // The file itself is the body (no content type: the type is taken from its bytes).
  'post /api/units/{code}/evidence': { body: () => PNG },
  'get /api/units/{code}/evidence/{evidenceId}': { url: (t) => `/api/units/${t.code}/evidence/${std.evidenceId}` },
  // The township reported the task in beforeAll; in route order: report (403: the county gave the task and
  // does not answer it), reopen (reported → open), verify on a follow-up visit (→ verified).
  'post /api/rectifications/{id}/report': { parent: 403, url: () => `/api/rectifications/${std.rectificationId}/report`,
    body: () => ({ note: '已整改', evidence: [std.evidenceId] }) },
  'post /api/rectifications/{id}/reopen': { url: () => `/api/rectifications/${std.rectificationId}/reopen`, body: () => ({ note: '仍未整改到位' }) },
  'post /api/rectifications/{id}/verify': { url: () => `/api/rectifications/${std.rectificationId}/verify`, body: () => ({ note: '现场复核已整改' }) },
  // Case handling (办件): a case taken in at the township. Only the handling unit's staff act on
  // it (the county admin reads it, 403 on every step); the sibling subtree never sees it.
  'post /api/cases': { bodyCode: true, parent: 403, body: (t) => ({ unitCode: t.code, matterCode: t.matterCode,
    applicant: { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }, materials: [] }) },
  'get /api/cases/{id}': {},
  'post /api/cases/{id}/consultations': { parent: 403, body: () => ({ matterCode: 'M-0001', deadlineDays: 5 }) },
  'post /api/cases/{id}/consultations/{partId}/decide': { parent: 403, body: () => ({ decision: 'approve' }),
    url: (t) => `/api/cases/${t.caseId}/consultations/00000000-0000-4000-8000-000000000000/decide` },
  ...Object.fromEntries(Object.entries(CASE_ACTIONS).map(([a, body]) => [`post /api/cases/{id}/${a}`, { parent: 403, body: () => body }])),
  'get /api/units/{code}/calendar/working-days': { url: (t) => `/api/units/${t.code}/calendar/working-days?from=2026-11-24&days=5` },
  'put /api/units/{code}/calendar/overrides/{day}': { url: (t) => `/api/units/${t.code}/calendar/overrides/2026-12-${String(next() % 28 + 1).padStart(2, '0')}`,
    body: () => ({ kind: 'holiday', name: '矩阵假日' }) },
  // Supervision (电子监察).
  'get /api/units/{code}/audit/verify': {},
  'get /api/units/{code}/supervision/settings': {},
  'put /api/units/{code}/supervision/settings': { body: () => ({ complaintAnswerDays: 5 + (next() % 5) }) },
  'get /api/units/{code}/complaints': {},
  'post /api/units/{code}/visits': { body: () => ({}) },
  'get /api/units/{code}/evaluations': {},
  'post /api/units/{code}/inspection-findings': { body: () => ({ mode: 'secret', severity: 'minor', text: `暗访发现${next()}`, date: '2026-11-20' }) },
  'get /api/units/{code}/supervision/findings': {},
  'get /api/units/{code}/supervision/figures': {},
  'get /api/units/{code}/assessment-scheme': {},
  'put /api/units/{code}/assessment-scheme': { body: () => ({ weights: { evaluation: 40 + (next() % 50), timeliness: 20, standards: 20, complaints: 10, findings: 10 },
    cutoffs: { excellent: 90, good: 80, pass: 60 } }) },
  'post /api/units/{code}/assessments': { body: () => ({ period: String(1000 + next()) }) },
  'get /api/units/{code}/assessments': {},
  'post /api/units/{code}/reports': { body: () => ({ period: `${1000 + next()}-01`, manual: {} }) },
  'get /api/units/{code}/reports': {},
  'post /api/complaints/{id}/answer': { url: () => `/api/complaints/${sup.complaint}/answer`, body: () => ({ answer: '已核实并整改' }) },
  'post /api/evaluations/{id}/rectification': { url: () => `/api/evaluations/${sup.evalA}/rectification`, body: () => ({ answer: '已约谈窗口人员' }) },
  'post /api/evaluations/{id}/appeal': { url: () => `/api/evaluations/${sup.evalA}/appeal`, body: () => ({ reason: '恶意差评' }) },
  'post /api/evaluations/{id}/appeal/decide': { url: () => `/api/evaluations/${sup.evalB}/appeal/decide`, body: () => ({ upheld: true, note: '经核实评价人未到窗口' }) },
  'get /api/reports/{id}': { url: () => `/api/reports/${sup.draftReport}` },
  'post /api/reports/{id}/submit': { url: () => `/api/reports/${sup.draftReport}/submit`, body: () => ({}) },
  'post /api/reports/{id}/approve': { url: () => `/api/reports/${sup.toApprove}/approve`, body: () => ({}) },
  'post /api/reports/{id}/return': { url: () => `/api/reports/${sup.toReturn}/return`, body: () => ({ note: '数据有误' }) },
  // Supervision of cases: read by the parent's admin and supervisor; settings and rules are the city's
  // (403 for the county admin); a red warning is answered by the handling unit's staff only.
  'get /api/units/{code}/supervision/warnings': {},
  'get /api/units/{code}/supervision/consultation-warnings': {},
  'get /api/units/{code}/supervision/anomalies': {},
  'get /api/units/{code}/supervision/anomaly-rules': {},
  'put /api/units/{code}/supervision/anomaly-rules/{rule}': { parent: 403, url: (t) => `/api/units/${t.code}/supervision/anomaly-rules/fee_mismatch`, body: () => ({ enabled: false }) },
  'put /api/units/{code}/supervision/warning-settings': { parent: 403, body: () => ({ answerDays: 5 }) },
  'get /api/units/{code}/supervision/case-figures': {},
  'get /api/units/{code}/notifications': {},
  'get /api/units/{code}/hall-entries': {},
  'get /api/units/{code}/notifications/unread-count': {},
  'post /api/units/{code}/notifications/read': { parent: 403, body: () => ({ all: true }) },
  'post /api/warnings/{id}/answer': { parent: 403, url: () => `/api/warnings/${warningId}/answer`, body: () => ({ reason: '矩阵测试说明' }) },
  // Escalating by hand (升级督办) is the supervisor's above: the admin above gets 403.
  'post /api/warnings/{id}/escalate': { parent: 403, supervisor: 200, url: () => `/api/warnings/${warningId}/escalate`, body: () => ({ reason: '矩阵测试督办' }) },
  // Hall services (大厅服务): the township's main hall, group, ticket, consultation and publicity list
  // (hallTarget, in the beforeAll at the end of this file). Configuring is the admin's of the
  // subtree; calling tickets and answering are the unit's own staff's (403 for the unit above).
  'get /api/units/{code}/halls': {},
  'post /api/units/{code}/halls': { body: () => ({ kind: 'branch', name: `矩阵分中心${next()}`, address: '矩阵路 1 号' }) },
  'patch /api/units/{code}/halls/{hallId}': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}`, body: () => ({ phone: `0564-${3000000 + next()}` }) },
  'put /api/units/{code}/windows/{windowId}/hall': { body: () => ({ hallId: hs.hall }) },
  'get /api/units/{code}/hall-settings': {},
  'put /api/units/{code}/hall-settings': { body: () => ({ bookAheadDays: 7 + (next() % 5) }) },
  'get /api/units/{code}/halls/figures': { url: (t) => `/api/units/${t.code}/halls/figures?from=2026-11-01&to=2026-11-30` },
  'get /api/units/{code}/halls/{hallId}/groups': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}/groups` },
  'post /api/units/{code}/halls/{hallId}/groups': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}/groups`,
    body: () => ({ prefix: String.fromCharCode(66 + (next() % 24)), name: `矩阵分组${seq}` }) },
  'put /api/units/{code}/windows/{windowId}/groups': { body: () => ({ groupIds: [hs.group] }) },
  'post /api/units/{code}/windows/{windowId}/call-next': { parent: 403, body: () => ({}) },
  'get /api/units/{code}/halls/{hallId}/tickets': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}/tickets` },
  ...Object.fromEntries(['recall', 'skip', 'start', 'finish'].map((a) => [`post /api/units/{code}/tickets/{ticketId}/${a}`,
    { parent: 403, url: (t: Target) => `/api/units/${t.code}/tickets/${hs.ticket}/${a}`, body: () => ({}) }])),
  'post /api/units/{code}/tickets/{ticketId}/transfer': { parent: 403, url: (t) => `/api/units/${t.code}/tickets/${hs.ticket}/transfer`, body: () => ({ groupId: hs.group }) },
  'put /api/units/{code}/tickets/{ticketId}/case': { parent: 403, url: (t) => `/api/units/${t.code}/tickets/${hs.ticket}/case`, body: (t) => ({ caseId: t.caseId }) },
  'get /api/units/{code}/queue/figures': { url: (t) => `/api/units/${t.code}/queue/figures?from=2026-11-01&to=2026-11-30` },
  'post /api/units/{code}/halls/{hallId}/slots': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}/slots`,
    body: () => ({ groupId: hs.group, from: '2026-11-30', to: '2026-12-04', times: [{ starts: '09:00', ends: '10:00', capacity: 5 }] }) },
  'get /api/units/{code}/halls/{hallId}/slots': { url: (t) => `/api/units/${t.code}/halls/${hs.hall}/slots?from=2026-11-30&to=2026-12-04` },
  'get /api/units/{code}/appointments': {},
  'get /api/units/{code}/consultations': {},
  'post /api/units/{code}/consultations/{consultationId}/answer': { parent: 403, url: (t) => `/api/units/${t.code}/consultations/${hs.consultation}/answer`, body: () => ({ answer: '矩阵答复' }) },
  'post /api/units/{code}/consultations/{consultationId}/forward': { parent: 403, url: (t) => `/api/units/${t.code}/consultations/${hs.consultation}/forward`, body: () => ({ department: '金安区民政局', reason: '矩阵转办' }) },
  'post /api/units/{code}/consultations/{consultationId}/publish': { parent: 403, url: (t) => `/api/units/${t.code}/consultations/${hs.consultation}/publish`, body: () => ({}) },
  'post /api/units/{code}/publicity': { body: () => ({ type: '惠民补贴', title: `矩阵公示${next()}`, basis: '矩阵依据', endAction: 'withdraw', rows: [{ name: '王五', items: {} }] }) },
  'get /api/units/{code}/publicity': {},
  'get /api/units/{code}/publicity/{listId}': { url: (t) => `/api/units/${t.code}/publicity/${hs.list}` },
  'post /api/units/{code}/publicity/{listId}/objections/{objectionId}/answer': { parent: 403,
    url: (t) => `/api/units/${t.code}/publicity/${hs.list}/objections/${hs.objection}/answer`, body: () => ({ answer: '矩阵答复' }) },
  // Unit codes in query strings.
  'get /api/cases': { query: (t) => `unit=${t.code}` },
  // Public routes (no login): asked about a unit that does not exist.
  'get /api/public/units': { public: true, query: (t) => `parent=${t.code}` },
  'get /api/public/units/{code}/matters': { public: true },
  'get /api/public/units/{code}/matters/{matterCode}/guide': { public: true },
  'get /api/public/units/{code}/entrustments': { public: true },
  'post /api/public/complaints': { public: true, bodyCode: true, body: (t) => ({ unitCode: t.code, subject: '矩阵', body: '矩阵投诉', contactPhone: '13812345678' }) },
  'post /api/public/cases': { public: true, bodyCode: true, body: (t) => ({ unitCode: t.code, matterCode: t.matterCode,
    applicant: { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }, materials: [] }) },
  // Lifting an account's sign-in locks (the target is the township's clerk).
  'post /api/users/{id}/unlock': {},
  // Public hall services and uploads (no login), asked about a unit that does not exist.
  'post /api/public/units/{code}/uploads': { public: true, type: 'image/png', body: () => PNG },
  'get /api/public/units/{code}/halls': { public: true },
  'get /api/public/units/{code}/evaluations/figures': { public: true },
  'get /api/public/units/{code}/halls/{hallId}/groups': { public: true, url: (t) => `/api/public/units/${t.code}/halls/${hs.hall}/groups` },
  'post /api/public/units/{code}/halls/{hallId}/tickets': { public: true, url: (t) => `/api/public/units/${t.code}/halls/${hs.hall}/tickets`,
    body: () => ({ groupId: hs.group, channel: 'kiosk' }) },
  'get /api/public/units/{code}/halls/{hallId}/tickets/{ticketId}': { public: true, url: (t) => `/api/public/units/${t.code}/halls/${hs.hall}/tickets/${hs.ticket}` },
  'get /api/public/units/{code}/halls/{hallId}/display': { public: true, url: (t) => `/api/public/units/${t.code}/halls/${hs.hall}/display` },
  'get /api/public/units/{code}/halls/{hallId}/slots': { public: true, url: (t) => `/api/public/units/${t.code}/halls/${hs.hall}/slots?from=2026-11-30&to=2026-12-04` },
  'post /api/public/units/{code}/appointments': { public: true, body: () => ({ slotId: '00000000-0000-4000-8000-000000000000', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }) },
  'post /api/public/units/{code}/consultations': { public: true, body: (t) => ({ matterCode: t.matterCode, question: '矩阵咨询：怎么办理？', name: '张三' }) },
  'get /api/public/units/{code}/matters/{matterCode}/questions': { public: true },
  'get /api/public/units/{code}/publicity': { public: true },
  'get /api/public/units/{code}/publicity/{listId}': { public: true, url: (t) => `/api/public/units/${t.code}/publicity/${hs.list}` },
  'post /api/public/units/{code}/publicity/{listId}/objections': { public: true, url: (t) => `/api/public/units/${t.code}/publicity/${hs.list}/objections`,
    body: () => ({ text: '矩阵测试的异议', name: '李四', phone: '13700001111' }) },
}
let warningId = ''
// The county's matter exercised by townships, as the township keeps it.
const township = sampleMatter({ exerciseLevel: 'township', powerSource: '上级下放' })
let target: Target

// The route table, read from the OpenAPI document at collection time (no database needed), so
// that every route gets tests of its own.
const doc = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), clock: fixedClock('2026-11-24T02:00:00Z'), log: createLogger('silent'),
  db: () => { throw new Error('no database at collection time') }, storage: memoryStorage() })
  .getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'matrix', version: '0' } })
const table = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
  Object.keys(ops as object).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method, path, key: `${method} ${path}` })))
const takesUnit = (r: { path: string; key: string }) =>
  /\{(code|id|matterCode|windowId)\}/.test(r.path) || !!fixtures[r.key]?.bodyCode || !!fixtures[r.key]?.query
const isPublic = (r: { path: string }) => r.path.startsWith('/api/public/')
const routes = table.filter((r) => !isPublic(r) && takesUnit(r))
// Public routes that name a unit (path, query or body); numbers with codes are throttled and tested there.
const publicRoutes = table.filter((r) => isPublic(r) && (/\{code\}/.test(r.path) || fixtures[r.key]?.public))
const refusals = async () => Number((await h.db.query('select count(*)::int as n from refusals'))[0].n)

beforeAll(async () => {
  h = await harness()
  // State the routes act on: the county's township catalog with one matter, published; a
  // delegation of it to the township; a window at the township.
  const county = await h.token(T.county, 'center_admin')
  const put = await h.http.put(`/api/units/${T.county}/matters/M-0001`).set(bearer(county)).send(township)
  if (put.status !== 200) throw new Error(JSON.stringify(put.body))
  await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(county)).send({}).expect(201)
  const grant = await h.http.post('/api/grants').set(bearer(county)).send({ granteeCode: T.town, matterCode: 'M-0001', kind: 'delegation',
    rights: ['accept', 'review', 'decide'], documentNo: '金政〔2026〕1号', legalBasis: '《安徽省乡镇行政执法》', validFrom: '2026-11-24' })
  if (grant.status !== 201) throw new Error(JSON.stringify(grant.body))
  const win = await h.http.post(`/api/units/${T.town}/windows`).set(bearer(county)).send({ number: '1', name: '综合窗口', departments: [] })
  target = { code: T.town, userId: await h.userId(T.town, 'window_clerk'), matterCode: 'M-0001', windowId: win.body.id, grantId: grant.body.id, caseId: '' }
  const clerk = await h.token(T.town, 'window_clerk')
  const kase = await h.http.post('/api/cases').set(bearer(clerk)).send({ unitCode: T.town, matterCode: 'M-0001',
    applicant: { kind: 'person', idNumber: '341502199003071235', name: '张三', phone: '13812345678' }, materials: [] })
  if (kase.status !== 201) throw new Error(JSON.stringify(kase.body))
  target.caseId = kase.body.case.id
  std = await standardsTarget(h)
  const station = await h.token(T.town, 'center_admin')
  const reported = await h.http.post(`/api/rectifications/${std.rectificationId}/report`).set(bearer(station)).send({ note: '已整改', evidence: [std.evidenceId] })
  if (reported.status !== 200) throw new Error(JSON.stringify(reported.body))
  sup = await supervisionTarget(h, T.town)
  // The case is still waiting for acceptance on 12-02: the sweep records a red warning on it.
  await runJob(h.db, 'supervision:warnings', new Date('2026-12-02T02:00:00Z'), createJobs({ outboxTransport: null }))
  ;[{ id: warningId }] = await h.db.query<{ id: string }>('select id from case_warnings where case_id = $1', [target.caseId])
})
afterAll(() => h.close())

async function call(token: string, method: string, path: string, t: Target) {
  const f = fixtures[`${method} ${path}`]
  const url = f.url?.(t) ?? path.replace('{code}', t.code).replace('{matterCode}', t.matterCode).replace('{windowId}', t.windowId)
    .replace('{id}', path.startsWith('/api/grants') ? t.grantId : path.startsWith('/api/cases') ? t.caseId : t.userId)
  const full = f.query ? `${url}${url.includes('?') ? '&' : '?'}${f.query(t)}` : url
  let req = (h.http as any)[method](full)
  if (token) req = req.set(bearer(token))
  if (f.type) req = req.set('content-type', f.type)
  if (f.body) req = req.send(f.body(t))
  return req
}

const MISSING_UNIT = '341502099000' // a township code no tenant has

describe('isolation matrix', () => {
  it('covers every route with a unit code or record id, public ones too', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10)
    const missing = [...routes, ...table.filter((r) => isPublic(r) && /\{code\}/.test(r.path))].map((r) => r.key).filter((k) => !fixtures[k])
    expect(missing, 'routes without an isolation fixture').toEqual([])
  })

  // Target: 金安区's township; actors: every role of the sibling county 裕安区 and its township.
  it.each(routes.map((r) => [r.key, r] as const))('a sibling subtree gets 404, changes nothing, and its writes are recorded as refusals: %s', async (key, r) => {
    const actors = [[T.county2, 'center_admin'], [T.county2, 'supervisor'], [T.townB, 'center_admin']] as const
    for (const [unit, role] of actors) {
      const token = await h.token(unit, role)
      const before = await snapshot(h.db)
      const refused = await refusals()
      const res = await call(token, r.method, r.path, target)
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(fixtures[key]!.sibling ?? 404)
      if (res.status === 404) expect(res.headers['content-type']).toMatch(/problem\+json/)
      else expect(JSON.stringify(res.body.items ?? res.body)).not.toContain(T.town)
      expect(await snapshot(h.db), `${key} changed data`).toBe(before)
      if (r.method !== 'get') {
        // An out-of-scope write is recorded as a refusal of that actor (supervision reads these).
        expect(await refusals(), `${unit} ${role} ${key}: refusal recorded`).toBe(refused + 1)
        const [last] = await h.db.query<{ unit_code: string; actor_id: string }>('select unit_code, actor_id from refusals order by id desc limit 1')
        expect(last.unit_code.trim()).toBe(unit)
        expect(last.actor_id).toBe(await h.userId(unit, role))
      }
    }
  })

  it.each(routes.map((r) => [r.key, r] as const))('the parent admin gets what its role allows, the parent supervisor reads only (refusals recorded): %s', async (key, r) => {
    const admin = await h.token(T.county, 'center_admin')
    const supervisor = await h.token(T.county, 'supervisor')
    const ok = await call(admin, r.method, r.path, target)
    const expected = fixtures[key]!.parent
    if (expected) expect(ok.status, `admin ${key}: ${JSON.stringify(ok.body)}`).toBe(expected)
    else {
      expect(ok.status, `admin ${key}: ${JSON.stringify(ok.body)}`).toBeGreaterThanOrEqual(200)
      expect(ok.status).toBeLessThan(300)
    }
    const before = await snapshot(h.db)
    const refused = await refusals()
    const sup = await call(supervisor, r.method, r.path, target)
    if (r.method === 'get') expect(sup.status, `supervisor ${key}`).toBe(200)
    else if (fixtures[key]!.supervisor) expect(sup.status, `supervisor ${key}: ${JSON.stringify(sup.body)}`).toBe(fixtures[key]!.supervisor)
    else {
      expect(sup.status, `supervisor ${key}`).toBe(403)
      expect(await snapshot(h.db)).toBe(before)
      expect(await refusals(), `supervisor ${key}: refusal recorded`).toBeGreaterThan(refused)
    }
  })

  it.each(publicRoutes.map((r) => [r.key, r] as const))('a public route asked about a unit that does not exist answers 404 and changes nothing: %s', async (key, r) => {
    const before = await snapshot(h.db)
    const res = await call('', r.method, r.path, { ...target, code: MISSING_UNIT })
    expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(404)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(await snapshot(h.db)).toBe(before)
  })
})

// Hall services: state at the township for the fixtures above (runs after the first beforeAll).
let hs: Awaited<ReturnType<typeof hallTarget>>
beforeAll(async () => { hs = await hallTarget(h, target.code, target.windowId, target.matterCode) })
// The matrix grew by the hall-service routes past the default 60 s on the shared 2-core machine.
vi.setConfig({ testTimeout: 240_000 })
