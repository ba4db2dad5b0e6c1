// Complaints (投诉): filed by anyone without login against a unit (optionally a window or staff
// member), answered by that unit within a limit in working days, escalated to the unit above
// when late (逾期升级), followed and rated by the complainant with the tracking number and
// query code. A wrong query code answers exactly like an unknown number (404).
import { keyset } from '../../platform/paging.js'
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import { addWorkingDays, type Calendar, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import type { Database, Tx } from '../../platform/db/database.js'
import { Conflict, Invalid, NotFound, recorded } from '../../platform/errors.js'
import { SYSTEM_SCOPE, subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { expectedParent } from '../units/index.js'
import { findUnit } from '../units/index.js'
import type { EvaluationLevel } from './schemas.js'
import { effectiveSettings } from './settings.js'
import { maskPhone, newQueryCode, sha256Sql, trackingNo } from './tickets.js'

/** The window and staff member named by a citizen must belong to the unit. */
export async function checkWindowAndStaff(db: Tx, unitCode: string, windowId?: string, staffId?: string) {
  const issues = []
  if (windowId && !(await db.selectFrom('windows').select('id').where('id', '=', windowId).where('unit_code', '=', unitCode).executeTakeFirst())) {
    issues.push({ field: 'windowId', message: '该单位没有这个窗口' })
  }
  if (staffId && !(await db.selectFrom('users').select('id').where('id', '=', staffId).where('unit_code', '=', unitCode).executeTakeFirst())) {
    issues.push({ field: 'staffId', message: '该单位没有这名工作人员' })
  }
  if (issues.length) throw new Invalid('窗口或工作人员与单位不符', issues)
}

export interface ComplaintInput {
  unitCode: string; windowId?: string; staffId?: string; subject: string; body: string; contactName?: string; contactPhone: string
}

/** Public: runs in the complained-about unit's scope. */
export async function submitComplaint(db: Tx, now: Date, input: ComplaintInput) {
  await checkWindowAndStaff(db, input.unitCode, input.windowId, input.staffId)
  const today = shanghaiDate(now)
  const { complaintAnswerDays } = await effectiveSettings(db, input.unitCode)
  const due = addWorkingDays(await loadCalendar(db, input.unitCode), today, complaintAnswerDays)
  const queryCode = newQueryCode()
  const no = trackingNo(input.unitCode)
  await db.insertInto('complaints').values({
    unit_code: input.unitCode, handler_code: input.unitCode, tracking_no: no, query_code_hash: sha256Sql(queryCode),
    window_id: input.windowId ?? null, staff_id: input.staffId ?? null, subject: input.subject, body: input.body,
    contact_name: input.contactName ?? '', contact_phone: input.contactPhone, status: 'open',
    received_on: today, first_due_on: due, due_on: due,
  }).execute()
  return { trackingNo: no, queryCode, dueOn: due }
}

async function byTracking(db: Tx, no: string, queryCode: string) {
  const row = await db.selectFrom('complaints as c').innerJoin('units as u', 'u.code', 'c.unit_code')
    .selectAll('c').select(['u.name as unit_name'])
    .where('c.tracking_no', '=', no).where('c.query_code_hash', '=', sha256Sql(queryCode)).executeTakeFirst()
  if (!row) throw new NotFound('未找到该投诉，或查询码不正确')
  return row
}

export async function followComplaint(db: Tx, now: Date, no: string, queryCode: string) {
  const r = await byTracking(db, no, queryCode)
  return {
    trackingNo: r.tracking_no, unitCode: r.unit_code, unitName: r.unit_name, subject: r.subject,
    status: r.status, statusName: r.status === 'open' ? '办理中' : '已答复',
    receivedOn: r.received_on, dueOn: r.due_on, escalated: r.escalations > 0,
    overdue: r.status === 'open' && r.due_on < shanghaiDate(now),
    answer: r.answer, answeredOn: r.answered_on, rating: r.rating,
  }
}

export async function rateComplaint(db: Tx, now: Date, no: string, input: { queryCode: string; level: EvaluationLevel; comment?: string }) {
  const r = await byTracking(db, no, input.queryCode)
  if (r.status !== 'answered') throw new Conflict('投诉尚未答复，答复后才能评价')
  const res = await db.updateTable('complaints').set({ rating: input.level, rating_comment: input.comment ?? null, rated_at: now })
    .where('id', '=', r.id).where('rating', 'is', null).executeTakeFirst()
  if (!Number(res.numUpdatedRows)) throw new Conflict('已评价过该答复')
  return followComplaint(db, now, no, input.queryCode)
}

const COLUMNS = { unitCode: 'unit_code', handlerCode: 'handler_code' }

function toView(r: any, today: string) {
  return {
    id: r.id, trackingNo: r.tracking_no, unitCode: r.unit_code, handlerCode: r.handler_code,
    windowId: r.window_id, staffId: r.staff_id, subject: r.subject, body: r.body,
    contactName: r.contact_name, contactPhone: maskPhone(r.contact_phone),
    status: r.status, receivedOn: r.received_on, firstDueOn: r.first_due_on, dueOn: r.due_on,
    overdue: r.status === 'open' && r.due_on < today, escalations: r.escalations, escalatedOn: r.escalated_on,
    answer: r.answer, answeredOn: r.answered_on, answeredByUnit: r.answered_by_unit,
    answeredOnTime: r.answered_on ? r.answered_on <= r.first_due_on : null,
    rating: r.rating, ratingComment: r.rating_comment,
  }
}

/** Newest received first: (received_on, created_at, id) descending, served by complaints_received_idx. */
export async function listComplaints(ctx: Ctx, code: string, q: { status?: 'open' | 'answered'; overdue?: boolean; subtree?: boolean; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Complaint', { unitCode: code }, code, '只能查看本辖区的投诉')
  const today = shanghaiDate(ctx.now)
  const { lo, hi } = subtreeRange(code)
  const ks = keyset([{ ref: 'received_on', type: 'date' }, { ref: 'created_at', type: 'timestamptz' }, { ref: 'id', type: 'uuid' }], q, true)
  let query = ctx.db.selectFrom('complaints').selectAll().select(ks.selections)
    .where(abilityWhere(ctx.ability, 'read', 'Complaint', COLUMNS))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit)
  // The unit's own list includes what was escalated to it from below.
  query = q.subtree === false
    ? query.where((eb) => eb.or([eb('unit_code', '=', code), eb('handler_code', '=', code)]))
    : query.where('unit_code', '>=', lo).where('unit_code', '<=', hi)
  if (q.status) query = query.where('status', '=', q.status)
  if (q.overdue) query = query.where('status', '=', 'open').where('due_on', '<', today)
  return ks.page(await query.execute(), (r) => toView(r, today))
}

export async function answerComplaint(ctx: Ctx, id: string, answer: string) {
  const r = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r || !ctx.ability.can('read', subject('Complaint', { unitCode: r.unit_code }))) {
    throw recorded(new NotFound(), { action: 'answer', subjectType: 'Complaint', subjectId: id })
  }
  mustBeAllowed(ctx, 'answer', 'Complaint', { unitCode: r.unit_code, handlerCode: r.handler_code }, id,
    r.escalations > 0 ? '该投诉已逾期升级，由上级单位的中心管理员答复' : '只有承办单位（或其上级）的中心管理员可以答复投诉')
  if (r.status !== 'open') throw new Conflict('该投诉已答复')
  const today = shanghaiDate(ctx.now)
  const res = await ctx.db.updateTable('complaints').set({
    status: 'answered', answer, answered_by: ctx.actor.id, answered_by_unit: ctx.actor.unitCode, answered_on: today,
  }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst()
  if (!Number(res.numUpdatedRows)) throw new Conflict('该投诉已答复')
  return toView(await ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), today)
}

/**
 * The scheduled job (called by the lead's scheduler, not built here): every open complaint past
 * its deadline goes to the unit above its current handler with a fresh limit on that unit's
 * calendar. Idempotent: the moved deadline is in the future, and the conditional UPDATE makes
 * two concurrent runs escalate once.
 */
export async function escalateLateComplaints(database: Database, now: Date): Promise<{ escalated: number }> {
  return database.scoped(SYSTEM_SCOPE, (db) => escalateLateComplaintsIn(db, now))
}

/** Job `complaints:escalate` (src/jobs.ts): the same, in the job's transaction. */
export async function escalateLateComplaintsIn(db: Tx, now: Date): Promise<{ escalated: number }> {
  const today = shanghaiDate(now)
  {
    const late = await db.selectFrom('complaints').select(['id', 'handler_code', 'due_on'])
      .where('status', '=', 'open').where('due_on', '<', today).orderBy('due_on').limit(5000).execute()
    const calendars = new Map<string, Promise<Calendar>>()
    const limits = new Map<string, Promise<number>>()
    let escalated = 0
    for (const r of late) {
      const parent = expectedParent(r.handler_code)
      if (!parent) continue // the city has no unit above it: it stays late, and listed as overdue
      if (!calendars.has(parent)) calendars.set(parent, loadCalendar(db, parent))
      if (!limits.has(parent)) limits.set(parent, effectiveSettings(db, parent).then((s) => s.complaintAnswerDays))
      const due = addWorkingDays(await calendars.get(parent)!, today, await limits.get(parent)!)
      const res = await db.updateTable('complaints').set({
        handler_code: parent, due_on: due, escalated_on: today, escalations: sql`escalations + 1`,
      }).where('id', '=', r.id).where('status', '=', 'open').where('handler_code', '=', r.handler_code)
        .where('due_on', '=', r.due_on).executeTakeFirst()
      escalated += Number(res.numUpdatedRows)
    }
    return { escalated }
  }
}

