// Handling after acceptance: review (审核) → decision (决定) → certificate (制证) → delivery (送达),
// each needing its right at the handling unit through the actor's window; suspension with a
// lawful ground (art. 45) and its resumption; one extension with an approver's approval (art. 42).
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import { mustBeAllowed } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Forbidden } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { resumeFields } from './acceptance.js'
import { caseForStep, caseSubject, caseToHandle, organFor, requireStep } from './access.js'
import { CERTIFICATE_DAYS, dueDate, EXTENSION, PARALLEL_EXTENSION } from './clocks.js'
import { commit } from './events.js'
import { Unprocessable } from './intake.js'
import { enqueue } from './outbox.js'
import { ensureState } from './state.js'

export const SUSPENSION_GROUNDS = ['hearing', 'tendering', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review', 'supplement'] as const
export const GROUND_NAMES: Record<(typeof SUSPENSION_GROUNDS)[number], string> = {
  hearing: '听证', tendering: '招标', auction: '拍卖', inspection: '检验', testing: '检测', quarantine: '检疫',
  appraisal: '鉴定', expert_review: '专家评审', supplement: '补正材料',
}

export async function reviewCase(ctx: Ctx, id: string, input: { opinion: string }) {
  const row = await caseForStep(ctx, id, 'review')
  const windowId = await requireStep(ctx, row, 'review')
  ensureState(row.status, 'review')
  await commit(ctx, row, { type: 'reviewed', windowId, payload: { opinion: input.opinion } })
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'midway_reminder', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”（${row.receipt_no}）已审核完毕，正在审批，承诺办结日期 ${row.due_date}。` })
  return { caseId: id, status: 'reviewed' }
}

export async function decideCase(ctx: Ctx, id: string, input: { decision: 'approve' | 'deny'; reasons?: string; remedy?: string }) {
  const row = await caseForStep(ctx, id, 'decide')
  const windowId = await requireStep(ctx, row, 'decide')
  ensureState(row.status, 'decide')
  if ((row.matter as any).type === '行政许可') {
    // 审批与受理、审核分离: the one who accepted or reviewed this licence does not decide it.
    const own = await ctx.db.selectFrom('case_events').select('type').where('case_id', '=', id)
      .where('type', 'in', ['accepted', 'reviewed']).where('actor_id', '=', ctx.actor.id).execute()
    if (own.length) {
      const did = [...new Set(own.map((e) => (e.type === 'accepted' ? '受理' : '审核')))].join('、')
      throw new Forbidden(`行政许可的审批决定不得由${did}该办件的同一人员作出（审批与受理、审核分离），请由其他审批人员决定`,
        { action: 'decide', subjectType: 'Case', subjectId: id })
    }
  }
  if (row.parallel) {
    // 并联审批: the case is decided once every co-department has decided its part.
    const parts = await ctx.db.selectFrom('case_parts').select(['matter_code', 'decision', 'department']).where('case_id', '=', id).execute()
    const open = row.bundle.filter((m) => !parts.some((p) => p.matter_code === m && p.decision))
    if (open.length) throw new Conflict(`并联审批尚有部门未作出决定：${open.join('、')}`, { currentStatus: row.status, pendingParts: open })
    const refused = parts.filter((p) => p.decision === 'deny')
    if (input.decision === 'approve' && refused.length) {
      throw new Unprocessable(`${refused.map((p) => p.department).join('、')}不予许可，不能作出准予决定`, { refusedParts: refused.map((p) => p.matter_code) })
    }
  }
  const organ = await organFor(ctx, row)
  const today = shanghaiDate(ctx.now)
  const cal = await loadCalendar(ctx.db, row.unit_code)
  const certificateDue = input.decision === 'approve' ? addWorkingDays(cal, today, CERTIFICATE_DAYS) : null
  await commit(ctx, row, { type: 'decided', windowId, actingFor: organ,
    payload: { decision: input.decision, reasons: input.reasons ?? '', remedy: input.remedy ?? '', organ },
    set: { decision: input.decision, decided_day: today, certificate_due: certificateDue, holder_code: organ.code, holder_name: organ.name } })
  if (input.decision === 'deny') {
    await returnToAgent(ctx, id)
    await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'decision_notice', to: row.applicant_phone, now: ctx.now,
      text: `您申请的“${row.matter_name}”（${row.receipt_no}）经审查不予许可。理由：${input.reasons}。${input.remedy}` })
  }
  return { caseId: id, status: 'decided',
    decision: { decision: input.decision, organ, inNameOf: organ.name, reasons: input.reasons ?? '', remedy: input.remedy ?? '', decidedOn: today, certificateDue } }
}

export async function certifyCase(ctx: Ctx, id: string, input: { certificateNo: string; issuedOn?: string }) {
  const row = await caseForStep(ctx, id, 'certify')
  const windowId = await requireStep(ctx, row, 'certify')
  ensureState(row.status, 'certify')
  if (row.decision !== 'approve') throw new Conflict('不予许可的办件不制发证照', { currentStatus: row.status })
  // 一票制收费: no certificate is released before the fees due are paid or lawfully waived.
  const due = await ctx.db.selectFrom('case_fees').select(['name', 'amount']).where('case_id', '=', id).where('status', '=', 'due').execute()
  if (due.length) throw new Unprocessable(`尚有费用未缴清，不能制发证照：${due.map((f) => `${f.name} ${Number(f.amount)} 元`).join('、')}`, { unpaidFees: due.map((f) => f.name) })
  const issuedOn = input.issuedOn ?? shanghaiDate(ctx.now)
  const organ = { code: row.holder_code!.trim(), name: row.holder_name! }
  await commit(ctx, row, { type: 'certified', windowId, actingFor: organ, payload: { certificateNo: input.certificateNo, issuedOn, organ },
    set: { certificate_no: input.certificateNo, certificate_issued: issuedOn } })
  await returnToAgent(ctx, id)
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'ready_for_pickup', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”（${row.receipt_no}）已办结，证照（${input.certificateNo}）可领取。` })
  return { caseId: id, status: 'certified', certificate: { number: input.certificateNo, issuedOn, organ, result: (row.matter as any).result?.name } }
}

/**
 * 全程代理: the result of a case a village agent brought goes back to the station that took it in,
 * whose agent hands it to the applicant (送达) and closes the case there. Moving the case down to
 * the intake unit stays within the policies (the handler's subtree holds the intake unit).
 */
async function returnToAgent(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  if (row.channel !== 'agent' || row.unit_code === row.intake_unit_code) return
  await commit(ctx, row, { type: 'returned', payload: { from: row.unit_code.trim(), to: row.intake_unit_code.trim() }, set: { unit_code: row.intake_unit_code } })
}

export async function deliverCase(ctx: Ctx, id: string, input: { method: 'pickup' | 'post' | 'electronic'; deliveredAt?: string; trackingNo?: string }) {
  const row = await caseForStep(ctx, id, 'deliver')
  // Back at the station that took it in as agent: its delivery right is the one on the agent matter.
  const back = row.channel === 'agent' && row.agent_matter_code && row.unit_code === row.intake_unit_code
  const windowId = await requireStep(ctx, row, 'deliver', back ? row.agent_matter_code! : row.matter_code)
  ensureState(row.status, 'deliver')
  if (row.status === 'decided' && row.decision !== 'deny') throw new Conflict('准予许可的办件须先制证再送达', { currentStatus: row.status })
  const at = input.deliveredAt ?? ctx.now.toISOString()
  await commit(ctx, row, { type: 'delivered', windowId, payload: { method: input.method, deliveredAt: at, trackingNo: input.trackingNo ?? null } })
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'evaluation_invitation', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”（${row.receipt_no}）已送达，欢迎对本次服务作出评价（好差评）。` })
  return { caseId: id, status: 'delivered', delivery: { method: input.method, deliveredAt: at } }
}

export async function suspendCase(ctx: Ctx, id: string, input: { ground: (typeof SUSPENSION_GROUNDS)[number]; note: string }) {
  const row = await caseToHandle(ctx, id, 'suspend')
  const windowId = await requireStep(ctx, row, 'review')
  ensureState(row.status, 'suspend')
  const today = shanghaiDate(ctx.now)
  await commit(ctx, row, { type: 'suspended', windowId, payload: { ground: input.ground, note: input.note, from: row.status },
    set: { suspended_from: row.status, suspended_since: today, suspension_ground: input.ground } })
  // The applicant is told in writing (书面告知) that the time does not count.
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'suspension_notice', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”（${row.receipt_no}）因${GROUND_NAMES[input.ground]}自${today}起中止计时：${input.note}` })
  return { caseId: id, status: 'suspended', suspendedSince: today, ground: input.ground }
}

export async function resumeCase(ctx: Ctx, id: string, input: { note?: string }) {
  const row = await caseToHandle(ctx, id, 'resume')
  const windowId = await requireStep(ctx, row, 'review')
  ensureState(row.status, 'resume')
  const set = await resumeFields(ctx, row)
  await commit(ctx, row, { type: 'resumed', windowId, payload: { note: input.note ?? '', resumeTo: row.suspended_from, suspendedDays: set.suspended_days - row.suspended_days }, set })
  return { caseId: id, status: row.suspended_from, dueDate: set.due_date, suspendedDays: set.suspended_days }
}

export async function extendCase(ctx: Ctx, id: string, input: { reason: string }) {
  const row = await caseToHandle(ctx, id, 'extend')
  mustBeAllowed(ctx, 'extend', 'Case', caseSubject(row), id, '延长办理期限须经本单位审批负责人批准')
  ensureState(row.status, 'extend')
  if (row.extended_days > 0) throw new Conflict('办理期限只能延长一次', { currentStatus: row.status, extendedDays: row.extended_days })
  const days = row.parallel ? PARALLEL_EXTENSION : EXTENSION
  const cal = await loadCalendar(ctx.db, row.unit_code)
  const due = dueDate(cal, { ...row, extended_days: days })
  await commit(ctx, row, { type: 'extended', payload: { days, reason: input.reason, approvedBy: ctx.actor.id, approverName: ctx.actor.displayName },
    set: { extended_days: days, due_date: due } })
  return { caseId: id, extendedDays: days, dueDate: due }
}
