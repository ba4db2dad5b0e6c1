// Queue tickets (排队叫号): taking a ticket (public), calling the next one at a window (priority
// first, then first come; one UPDATE … RETURNING over `for update skip locked`, so two windows
// calling at once never get the same ticket), recall, skip after N calls, transfer, the case link.
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { maskName, nextNumber, settingsOf, unitFor } from '../halls/index.js'
import { findHall, findTicket, groupOut, takenOut, ticketOut } from './queries.js'

const MANAGE = { action: 'manageHall', type: 'Hall', detail: '只有中心管理员可以设置业务分组' } as const
const SERVE = { action: 'serve', type: 'Ticket', detail: '只有本单位窗口人员可以叫号' } as const

export async function createGroup(ctx: Ctx, code: string, hallId: string, input: { prefix: string; name: string; matterCodes: string[] }) {
  await unitFor(ctx, code, MANAGE)
  await findHall(ctx.db, code, hallId)
  const row = await ctx.db.insertInto('service_groups').values({ unit_code: code, hall_id: hallId, prefix: input.prefix, name: input.name, matter_codes: input.matterCodes })
    .onConflict((oc) => oc.columns(['hall_id', 'prefix']).doNothing()).returningAll().executeTakeFirst()
  if (!row) throw new Conflict(`号头 ${input.prefix} 在本大厅已被使用`)
  return groupOut(row)
}

export async function setWindowGroups(ctx: Ctx, code: string, windowId: string, groupIds: string[]) {
  await unitFor(ctx, code, MANAGE)
  const w = await ctx.db.selectFrom('windows').select(['id', 'hall_id']).where('id', '=', windowId).where('unit_code', '=', code).executeTakeFirst()
  if (!w) throw new NotFound('窗口不存在')
  const ids = [...new Set(groupIds)]
  if (ids.length) {
    const found = await ctx.db.selectFrom('service_groups').select('id').where('id', 'in', ids).where('hall_id', '=', w.hall_id).execute()
    const missing = ids.filter((i) => !found.some((f) => f.id === i))
    if (missing.length) throw new Invalid('窗口只能服务本大厅的业务分组', missing.map((m) => ({ field: 'groupIds', message: `${m} 不是本大厅的业务分组` })))
  }
  await ctx.db.deleteFrom('window_groups').where('window_id', '=', windowId).execute()
  if (ids.length) await ctx.db.insertInto('window_groups').values(ids.map((g) => ({ window_id: windowId, group_id: g, unit_code: code }))).execute()
  return { windowId, groupIds: ids }
}

/** A ticket in a hall's group (kiosk, phone, or an appointment's check-in: priority). */
export async function issueTicket(db: Tx, now: Date, code: string, hallId: string, input: {
  groupId: string; channel: 'kiosk' | 'phone' | 'appointment'; priority?: 'elderly' | 'disabled' | 'appointment'; name?: string; nameMasked?: string; appointmentId?: string
}) {
  const hall = await findHall(db, code, hallId)
  if (!hall.active) throw new Conflict('该大厅已停用')
  const group = await db.selectFrom('service_groups').selectAll().where('id', '=', input.groupId).where('hall_id', '=', hallId).executeTakeFirst()
  if (!group || !group.active) throw new Invalid('该大厅没有这个业务分组', [{ field: 'groupId', message: '该大厅没有这个业务分组' }])
  const day = shanghaiDate(now)
  const n = await nextNumber(db, code, `ticket:${group.id}`, day)
  const t = await db.insertInto('queue_tickets').values({
    unit_code: code, hall_id: hallId, group_id: group.id, day, number: `${group.prefix}${String(n).padStart(3, '0')}`,
    priority: !!input.priority, priority_reason: input.priority ?? null, channel: input.channel,
    name_masked: input.nameMasked ?? (input.name ? maskName(input.name, 'person') : ''), taken_at: now, window_id: null, called_at: null, started_at: null,
    finished_at: null, case_id: null, appointment_id: input.appointmentId ?? null, transferred_from: null,
  }).returningAll().executeTakeFirstOrThrow()
  return t
}

export async function takeTicket(db: Tx, now: Date, code: string, hallId: string, input: { groupId: string; channel: 'kiosk' | 'phone'; priority?: 'elderly' | 'disabled'; name?: string }) {
  return takenOut(db, await issueTicket(db, now, code, hallId, input))
}

/** The window the actor calls at: its unit's, in the actor's window staff, or any for whom manages the unit's windows (CASL). */
async function servingWindow(ctx: Ctx, code: string, windowId: string) {
  await unitFor(ctx, code, SERVE)
  // One round trip: the window and whether the actor staffs it.
  const w = (await sql<any>`
    select w.*, exists (select 1 from window_staff s where s.window_id = w.id and s.user_id = ${ctx.actor.id}) as staffed
      from windows w where w.id = ${windowId} and w.unit_code = ${code}`.execute(ctx.db)).rows[0]
  if (!w) throw new NotFound('窗口不存在')
  if (!w.staffed && !ctx.ability.can('manageWindows', subject('Window', { unitCode: code }))) {
    throw new Forbidden('您不在该窗口，不能在此叫号', { action: 'serve', subjectType: 'Ticket', subjectId: windowId })
  }
  return w
}

export const spokenText = (ticketNumber: string, windowNumber: string) => `请${ticketNumber}号到${windowNumber}号窗口`

async function recordCall(db: Tx, now: Date, t: any, windowNumber: string) {
  const spoken = spokenText(t.number, windowNumber)
  await db.insertInto('queue_calls').values({ unit_code: t.unit_code, hall_id: t.hall_id, ticket_id: t.id, ticket_number: t.number,
    window_number: windowNumber, name_masked: t.name_masked, spoken, at: now }).execute()
  return spoken
}

export async function callNext(ctx: Ctx, code: string, windowId: string) {
  const w = await servingWindow(ctx, code, windowId)
  const day = shanghaiDate(ctx.now)
  // One statement: take the ticket and record the call for the display (the sentence as spokenText() words it).
  const r = await sql<any>`
    with t as (
      update queue_tickets t set status = 'called', window_id = ${w.id}, called_at = ${ctx.now}, call_count = 1
       where t.id = (
         select q.id from queue_tickets q
          where q.hall_id = ${w.hall_id} and q.day = ${day}::date and q.status = 'waiting'
            and q.group_id in (select g.group_id from window_groups g where g.window_id = ${w.id})
          order by q.priority desc, q.taken_at, q.seq
          limit 1 for update skip locked)
         and t.status = 'waiting'
      returning t.*),
    c as (
      insert into queue_calls (unit_code, hall_id, ticket_id, ticket_number, window_number, name_masked, spoken, at)
      select t.unit_code, t.hall_id, t.id, t.number, ${w.number}, t.name_masked, '请' || t.number || '号到' || ${w.number}::text || '号窗口', ${ctx.now}::timestamptz from t
      returning spoken)
    select t.*, c.spoken from t, c`.execute(ctx.db)
  const t = r.rows[0]
  if (!t) return { ticket: null, spoken: null }
  return { ticket: ticketOut(t), spoken: t.spoken as string }
}

async function ticketAtWindow(ctx: Ctx, code: string, id: string) {
  await unitFor(ctx, code, SERVE)
  const t = await findTicket(ctx.db, code, id)
  return t
}

export async function recall(ctx: Ctx, code: string, id: string) {
  const t = await ticketAtWindow(ctx, code, id)
  if (t.status !== 'called' || !t.window_id) throw new Conflict('只有已呼叫未到的号可以重呼')
  const w = await ctx.db.selectFrom('windows').select('number').where('id', '=', t.window_id).executeTakeFirstOrThrow()
  const row = await ctx.db.updateTable('queue_tickets').set({ call_count: t.call_count + 1, called_at: ctx.now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return { ticket: ticketOut(row), spoken: await recordCall(ctx.db, ctx.now, row, w.number) }
}

/** Skip (过号): only after the ticket was called the unit's number of times without showing up. */
export async function skip(ctx: Ctx, code: string, id: string) {
  const t = await ticketAtWindow(ctx, code, id)
  if (t.status !== 'called') throw new Conflict('只有已呼叫未到的号可以过号')
  const { maxCalls } = await settingsOf(ctx.db, code)
  if (t.call_count < maxCalls) throw new Conflict(`须呼叫满 ${maxCalls} 次仍未到才能过号（已呼叫 ${t.call_count} 次）`, { calls: t.call_count, maxCalls })
  return ticketOut(await ctx.db.updateTable('queue_tickets').set({ status: 'skipped', finished_at: ctx.now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow())
}

export async function start(ctx: Ctx, code: string, id: string) {
  const t = await ticketAtWindow(ctx, code, id)
  if (t.status !== 'called') throw new Conflict('只有已呼叫的号可以开始办理')
  return ticketOut(await ctx.db.updateTable('queue_tickets').set({ status: 'serving', started_at: ctx.now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow())
}

export async function finish(ctx: Ctx, code: string, id: string) {
  const t = await ticketAtWindow(ctx, code, id)
  if (t.status !== 'serving') throw new Conflict('只有办理中的号可以办结')
  return ticketOut(await ctx.db.updateTable('queue_tickets').set({ status: 'done', finished_at: ctx.now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow())
}

/** To another group of the same hall: waiting again, in its original place (taken_at kept). */
export async function transfer(ctx: Ctx, code: string, id: string, groupId: string) {
  const t = await ticketAtWindow(ctx, code, id)
  if (t.status === 'done' || t.status === 'skipped') throw new Conflict('已办结或已过号的号不能转移')
  if (t.group_id === groupId) throw new Conflict('号票已在该业务分组')
  const g = await ctx.db.selectFrom('service_groups').select('id').where('id', '=', groupId).where('hall_id', '=', t.hall_id).where('active', '=', true).executeTakeFirst()
  if (!g) throw new Invalid('只能转到本大厅的业务分组', [{ field: 'groupId', message: '本大厅没有这个业务分组' }])
  return ticketOut(await ctx.db.updateTable('queue_tickets').set({ status: 'waiting', group_id: groupId, transferred_from: t.group_id,
    window_id: null, called_at: null, call_count: 0 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow())
}

export async function linkCase(ctx: Ctx, code: string, id: string, caseId: string) {
  const t = await ticketAtWindow(ctx, code, id)
  const kase = await ctx.db.selectFrom('cases').select('id').where('id', '=', caseId).where('intake_unit_code', '=', code).executeTakeFirst()
  if (!kase) throw new Invalid('只能关联本单位收件的办件', [{ field: 'caseId', message: '本单位没有这个办件' }])
  return ticketOut(await ctx.db.updateTable('queue_tickets').set({ case_id: caseId }).where('id', '=', t.id).returningAll().executeTakeFirstOrThrow())
}
