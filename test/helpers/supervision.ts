// Supervision in tests: complaints and evaluations from citizens, through the public API.
import { bearer, type Harness } from './app.js'

export async function complain(h: Harness, unitCode: string, extra: object = {}) {
  const res = await h.http.post('/api/public/complaints').send({
    unitCode, subject: '窗口推诿', body: '办理营业执照时窗口人员让我跑了三次。', contactPhone: '13812345678', ...extra,
  })
  if (res.status !== 201) throw new Error(`complaint: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { trackingNo: string; queryCode: string; dueOn: string }
}

export async function visit(h: Harness, unitCode: string, token?: string) {
  const t = token ?? await h.token(unitCode, 'window_clerk')
  const res = await h.http.post(`/api/units/${unitCode}/visits`).set(bearer(t)).send({})
  if (res.status !== 201) throw new Error(`visit: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { visitNo: string; evaluationCode: string }
}

export async function evaluate(h: Harness, unitCode: string, level: string, comment = '') {
  const v = await visit(h, unitCode)
  const res = await h.http.post('/api/public/evaluations').send({ kind: 'visit', unitCode, visitNo: v.visitNo, evaluationCode: v.evaluationCode, level, comment })
  if (res.status !== 201) throw new Error(`evaluation: ${res.status} ${JSON.stringify(res.body)}`)
  return v
}

/** The id of the latest evaluation at `unitCode` (as its admin sees it). */
export async function latestEvaluationId(h: Harness, unitCode: string) {
  const res = await h.http.get(`/api/units/${unitCode}/evaluations`).set(bearer(await h.token(unitCode, 'center_admin')))
  return res.body.items[0].id as string
}

export async function complaintId(h: Harness, unitCode: string, trackingNo: string) {
  const res = await h.http.get(`/api/units/${unitCode}/complaints?limit=200`).set(bearer(await h.token(unitCode, 'center_admin')))
  return (res.body.items as any[]).find((c) => c.trackingNo === trackingNo).id as string
}

/** State for the isolation matrix at the township: a complaint, evaluations, reports in each state. */
export async function supervisionTarget(h: Harness, code: string) {
  const admin = await h.token(code, 'center_admin')
  const c = await complain(h, code)
  const complaint = await complaintId(h, code, c.trackingNo)
  await evaluate(h, code, 'dissatisfied')
  const evalA = await latestEvaluationId(h, code)
  await evaluate(h, code, 'very_dissatisfied')
  const evalB = await latestEvaluationId(h, code)
  const appeal = await h.http.post(`/api/evaluations/${evalB}/appeal`).set(bearer(admin)).send({ reason: '评价人并未到窗口办事' })
  if (appeal.status !== 200) throw new Error(`appeal: ${appeal.status} ${JSON.stringify(appeal.body)}`)
  const reports: string[] = []
  for (const period of ['2026-08', '2026-09', '2026-10']) {
    const r = await h.http.post(`/api/units/${code}/reports`).set(bearer(admin)).send({ period, manual: { staffOnDuty: 3 } })
    if (r.status !== 201) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`)
    reports.push(r.body.id)
  }
  for (const id of reports.slice(1)) await h.http.post(`/api/reports/${id}/submit`).set(bearer(admin)).send({}).expect(200)
  return { complaint, evalA, evalB, draftReport: reports[0], toApprove: reports[1], toReturn: reports[2] }
}
