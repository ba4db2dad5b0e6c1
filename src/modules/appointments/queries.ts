// Slots with what remains, appointments (masked), and the no-show rule computed from the clock.
import { sql } from 'kysely'
import { addDays } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import type { HallSettings } from '../halls/index.js'
import { unitFor } from '../halls/index.js'
import { findHall } from '../queue/index.js'

export const slotOut = (r: any) => ({
  id: r.id, hallId: r.hall_id, groupId: r.group_id, day: r.day, starts: r.starts, ends: r.ends,
  capacity: r.capacity, booked: r.booked, remaining: r.capacity - r.booked,
})

export async function slotPage(db: Tx, hallId: string, q: { limit: number; cursor?: string; from: string; to: string; groupId?: string }, openOnly = false) {
  const key = decodeCursor(q.cursor, 3) as [string, string, string] | null
  const rows = await sql<any>`
    select * from appointment_slots where hall_id = ${hallId} and day between ${q.from}::date and ${q.to}::date
       ${q.groupId ? sql`and group_id = ${q.groupId}` : sql``} ${openOnly ? sql`and booked < capacity` : sql``}
       ${key ? sql`and (day, starts, id) > (${key[0]}::date, ${key[1]}, ${key[2]}::uuid)` : sql``}
     order by day, starts, id limit ${q.limit + 1}`.execute(db)
  return toPage(rows.rows, q.limit, (r) => [r.day, r.starts, r.id], slotOut)
}

export async function listSlots(ctx: Ctx, code: string, hallId: string, q: { limit: number; cursor?: string; from: string; to: string; groupId?: string }) {
  await unitFor(ctx, code)
  await findHall(ctx.db, code, hallId)
  return slotPage(ctx.db, hallId, q)
}

export const appointmentOut = (r: any, today: string) => ({
  bookingNo: r.booking_no, hallId: r.hall_id, groupId: r.group_id, day: r.day, starts: r.starts, ends: r.ends,
  name: r.name_masked, idNumber: r.id_masked, phone: r.phone_masked,
  status: r.status === 'booked' && r.day < today ? 'no_show' : r.status, ticketId: r.ticket_id,
})

export async function listAppointments(ctx: Ctx, code: string, q: { limit: number; cursor?: string; day?: string }) {
  await unitFor(ctx, code)
  const today = shanghaiDate(ctx.now)
  const key = decodeCursor(q.cursor, 2) as [string, string] | null
  const rows = await sql<any>`
    select a.*, s.starts, s.ends from appointments a join appointment_slots s on s.id = a.slot_id
     where a.unit_code = ${code} and a.day = ${q.day ?? today}::date
       ${key ? sql`and (s.starts, a.booking_no) > (${key[0]}, ${key[1]})` : sql``}
     order by s.starts, a.booking_no limit ${q.limit + 1}`.execute(ctx.db)
  return toPage(rows.rows, q.limit, (r) => [r.starts, r.booking_no], (r) => appointmentOut(r, today))
}

/**
 * The day booking is blocked until (inclusive), or null: a person with `noShowLimit` no-shows
 * (booked, never checked in, the day passed) within `noShowWindowDays` is blocked for
 * `noShowBlockDays` after the last of them. No-shows count at every unit of the city, not only the booking's.
 */
export async function blockedUntil(db: Tx, idHash: string, today: string, s: HallSettings): Promise<string | null> {
  const since = addDays(today, -(s.noShowWindowDays + s.noShowBlockDays))
  // Counted city-wide (every hall of every unit of the city): the booking runs in one unit's scope, so a
  // SECURITY DEFINER function (migration 018) reads the days of this identity hash in the caller's city only.
  const days = (await sql<{ day: string }>`select d::text as day from appointment_no_show_days(${idHash}, ${since}::date, ${today}::date) d`.execute(db)).rows.map((r) => r.day)
  let until: string | null = null
  for (let i = s.noShowLimit - 1; i < days.length; i++) {
    if (days[i] > addDays(days[i - s.noShowLimit + 1], s.noShowWindowDays - 1)) continue
    const end = addDays(days[i], s.noShowBlockDays)
    if (end >= today && (!until || end > until)) until = end
  }
  return until
}
