// Tickets of a hall, one ticket with how many are ahead, the hall display's calls, queue figures.
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import { unitFor } from '../halls/index.js'

const iso = (d: any) => (d ? new Date(d).toISOString() : null)
export const ticketOut = (r: any) => ({
  id: r.id, hallId: r.hall_id, groupId: r.group_id, day: r.day, number: r.number, priority: r.priority, priorityReason: r.priority_reason,
  channel: r.channel, name: r.name_masked, status: r.status, callCount: r.call_count, windowId: r.window_id, caseId: r.case_id,
  takenAt: iso(r.taken_at)!, calledAt: iso(r.called_at), startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
})

export async function findHall(db: Tx, code: string, hallId: string) {
  const hall = await db.selectFrom('halls').selectAll().where('id', '=', hallId).where('unit_code', '=', code).executeTakeFirst()
  if (!hall) throw new NotFound('大厅不存在')
  return hall
}

export async function findTicket(db: Tx, code: string, id: string) {
  const t = await db.selectFrom('queue_tickets').selectAll().where('id', '=', id).where('unit_code', '=', code).executeTakeFirst()
  if (!t) throw new NotFound('号票不存在')
  return t
}

/** Waiting tickets of the same group that are called before this one (priority first, then first come). */
export async function aheadOf(db: Tx, t: { seq: string; hall_id: string; group_id: string; day: string; priority: boolean; taken_at: Date }) {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from queue_tickets
     where hall_id = ${t.hall_id} and day = ${t.day}::date and group_id = ${t.group_id} and status = 'waiting'
       and (priority > ${t.priority} or (priority = ${t.priority} and (taken_at, seq) < (${t.taken_at}, ${t.seq}::bigint)))`.execute(db)
  return r.rows[0].n
}

export async function listGroups(ctx: Ctx, code: string, hallId: string) {
  await unitFor(ctx, code)
  await findHall(ctx.db, code, hallId)
  const rows = await ctx.db.selectFrom('service_groups').selectAll().where('hall_id', '=', hallId).orderBy('prefix').execute()
  return rows.map(groupOut)
}
/** Public: the active groups of an active hall (what a kiosk or phone offers to take a ticket or book for). */
export async function publicGroups(db: Tx, code: string, hallId: string) {
  const hall = await findHall(db, code, hallId)
  if (!hall.active) throw new NotFound('大厅不存在')
  const rows = await db.selectFrom('service_groups').select(['id', 'hall_id', 'prefix', 'name']).where('hall_id', '=', hallId).where('active', '=', true).orderBy('prefix').execute()
  return rows.map((g) => ({ id: g.id, hallId: g.hall_id, prefix: g.prefix, name: g.name }))
}
export const groupOut = (g: any) => ({ id: g.id, hallId: g.hall_id, prefix: g.prefix, name: g.name, matterCodes: g.matter_codes, active: g.active })

export async function listTickets(ctx: Ctx, code: string, hallId: string, q: { limit: number; cursor?: string; day?: string; status?: string }) {
  await unitFor(ctx, code)
  await findHall(ctx.db, code, hallId)
  const key = decodeCursor(q.cursor, 1) as [string] | null
  const day = q.day ?? shanghaiDate(ctx.now)
  const rows = await sql<any>`
    select * from queue_tickets where hall_id = ${hallId} and day = ${day}::date
       ${q.status ? sql`and status = ${q.status}` : sql``}
       ${key ? sql`and seq > ${String(key[0])}::bigint` : sql``}
     order by seq limit ${q.limit + 1}`.execute(ctx.db)
  return toPage(rows.rows, q.limit, (r) => [String(r.seq)], ticketOut)
}

/** A ticket as the taker sees it (phone): number, status, how many are ahead. */
export async function publicTicket(db: Tx, code: string, hallId: string, id: string) {
  const t = await db.selectFrom('queue_tickets').selectAll().where('id', '=', id).where('hall_id', '=', hallId).where('unit_code', '=', code).executeTakeFirst()
  if (!t) throw new NotFound('号票不存在')
  return takenOut(db, t)
}
export async function takenOut(db: Tx, t: any) {
  const names = await sql<{ hall: string; grp: string }>`
    select h.name as hall, g.name as grp from halls h, service_groups g where h.id = ${t.hall_id} and g.id = ${t.group_id}`.execute(db)
  return {
    id: t.id, number: t.number, hallName: names.rows[0]?.hall ?? '', groupName: names.rows[0]?.grp ?? '', priority: t.priority, status: t.status,
    ahead: t.status === 'waiting' ? await aheadOf(db, t) : 0, takenAt: new Date(t.taken_at).toISOString(),
  }
}

/** Calls of a hall after a given call id (the latest `limit` when none): for the display. */
export async function callsAfter(db: Tx, hallId: string, after: number | null, limit = 10) {
  const rows = after === null
    ? (await db.selectFrom('queue_calls').selectAll().where('hall_id', '=', hallId).orderBy('id', 'desc').limit(limit).execute()).reverse()
    : await db.selectFrom('queue_calls').selectAll().where('hall_id', '=', hallId).where('id', '>', after).orderBy('id').limit(100).execute()
  return rows.map((r) => ({ id: Number(r.id), ticketNumber: r.ticket_number, windowNumber: r.window_number, name: r.name_masked, spoken: r.spoken, at: new Date(r.at).toISOString() }))
}

const row = (r: any, key: string | null, name: string | null) => ({
  key, name, tickets: Number(r.tickets),
  avgWaitSeconds: r.wait === null ? null : Math.round(Number(r.wait)), avgServiceSeconds: r.service === null ? null : Math.round(Number(r.service)),
})

/** Wait and service time per hall, window, group and hour; tickets per day — one grouping-sets query. */
export async function queueFigures(ctx: Ctx, code: string, from: string, to: string) {
  await unitFor(ctx, code)
  const rows = await sql<any>`
    select t.hall_id, t.window_id, t.group_id, extract(hour from t.taken_at at time zone 'Asia/Shanghai')::int as hour, t.day::text as day,
           grouping(t.hall_id) as gh, grouping(t.window_id) as gw, grouping(t.group_id) as gg,
           grouping(extract(hour from t.taken_at at time zone 'Asia/Shanghai')::int) as ghr, grouping(t.day) as gd,
           count(*) as tickets, avg(extract(epoch from t.called_at - t.taken_at)) as wait, avg(extract(epoch from t.finished_at - t.started_at)) as service,
           max(h.name) as hall_name, max(w.number) as window_number, max(g.name) as group_name
      from queue_tickets t join halls h on h.id = t.hall_id join service_groups g on g.id = t.group_id left join windows w on w.id = t.window_id
     where t.unit_code = ${code} and t.day between ${from}::date and ${to}::date
     group by grouping sets ((t.hall_id), (t.window_id), (t.group_id), (extract(hour from t.taken_at at time zone 'Asia/Shanghai')::int), (t.day))
     order by 1, 2, 3, 4, 5`.execute(ctx.db)
  const only = (g: string) => rows.rows.filter((r) => ['gh', 'gw', 'gg', 'ghr', 'gd'].every((k) => Number(r[k]) === (k === g ? 0 : 1)))
  return {
    byHall: only('gh').map((r) => row(r, r.hall_id, r.hall_name)),
    byWindow: only('gw').map((r) => row(r, r.window_id, r.window_number ? `${r.window_number}号窗口` : '（未呼叫）')),
    byGroup: only('gg').map((r) => row(r, r.group_id, r.group_name)),
    byHour: only('ghr').map((r) => row(r, String(r.hour).padStart(2, '0'), `${r.hour}时`)),
    byDay: only('gd').map((r) => row(r, r.day, r.day)),
  }
}
