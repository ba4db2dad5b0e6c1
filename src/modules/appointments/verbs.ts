// Appointments (预约): slots on the official calendar's working days, public booking (GB 11643
// check, stored masked, one UPDATE that cannot overbook), cancelling, the no-show block, and the
// check-in that turns a booking into a priority ticket.
import { sql } from 'kysely'
import { addDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { AppError, Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { isResidentId } from '../cases/index.js'
import { codeMatches, dayNo, hashCode, maskIdNumber, maskName, maskPhone, newQueryCode, nextNumber, settingsOf, sha256, unitFor } from '../halls/index.js'
import { findHall, takenOut } from '../queue/index.js'
import { issueTicket } from '../queue/index.js'
import { appointmentOut, blockedUntil, slotOut } from './queries.js'

const MANAGE = { action: 'manageHall', type: 'Hall', detail: '只有中心管理员可以放号' } as const
const MAX_SPAN = 62
export const NOT_FOUND = '未找到该预约：预约号或查询码不正确'

export class Unprocessable extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) { super(422, 'unprocessable', '无法预约', detail, extra) }
}

export async function createSlots(ctx: Ctx, code: string, hallId: string, input: { groupId: string; from: string; to: string; times: { starts: string; ends: string; capacity: number }[] }) {
  await unitFor(ctx, code, MANAGE)
  await findHall(ctx.db, code, hallId)
  const issues = []
  if (input.to < input.from) issues.push({ field: 'to', message: '结束日期不能早于开始日期' })
  else if (input.to > addDays(input.from, MAX_SPAN)) issues.push({ field: 'to', message: `一次最多放 ${MAX_SPAN} 天的号` })
  input.times.forEach((t, i) => { if (t.ends <= t.starts) issues.push({ field: `times.${i}.ends`, message: '结束时间应晚于开始时间' }) })
  const group = await ctx.db.selectFrom('service_groups').select('id').where('id', '=', input.groupId).where('hall_id', '=', hallId).executeTakeFirst()
  if (!group) issues.push({ field: 'groupId', message: '本大厅没有这个业务分组' })
  if (issues.length) throw new Invalid('放号设置不正确', issues)
  const cal = await loadCalendar(ctx.db, code)
  const days: string[] = []
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) days.push(d)
  const values = days.flatMap((day) => input.times.map((t) => ({ unit_code: code, hall_id: hallId, group_id: input.groupId, day, starts: t.starts, ends: t.ends, capacity: t.capacity })))
  const rows = values.length
    ? await ctx.db.insertInto('appointment_slots').values(values).onConflict((oc) => oc.columns(['group_id', 'day', 'starts']).doNothing()).returning('id').execute()
    : []
  return { created: rows.length, days }
}

export async function book(db: Tx, now: Date, code: string, input: { slotId: string; idNumber: string; name: string; phone: string }) {
  if (!isResidentId(input.idNumber)) throw new Invalid('身份证号不正确', [{ field: 'idNumber', message: '身份证号不正确（GB 11643 校验未通过）' }])
  const today = shanghaiDate(now)
  const s = await settingsOf(db, code)
  const slot = await db.selectFrom('appointment_slots').selectAll().where('id', '=', input.slotId).where('unit_code', '=', code).executeTakeFirst()
  if (!slot) throw new NotFound('没有这个预约时段')
  if (slot.day < today || (slot.day === today && slot.starts <= new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(now))) {
    throw new Unprocessable('该时段已过，不能预约')
  }
  if (slot.day > addDays(today, s.bookAheadDays)) throw new Unprocessable(`最多可提前 ${s.bookAheadDays} 天预约`)
  // A day closed after the slots were made (a local holiday) takes no bookings.
  if (!(await loadCalendar(db, code)).isWorkingDay(slot.day)) throw new Unprocessable('该日不办公，不能预约')
  const idHash = sha256(`id:${input.idNumber}`)
  const until = await blockedUntil(db, idHash, today, s)
  if (until) throw new Unprocessable(`${s.noShowWindowDays} 天内爽约 ${s.noShowLimit} 次，${until} 前暂停预约`, { blockedUntil: until })
  // One statement: the row lock serialises bookers of a slot and the re-checked condition stops at capacity.
  const seat = await sql<{ id: string }>`update appointment_slots set booked = booked + 1 where id = ${slot.id} and booked < capacity returning id`.execute(db)
  if (!seat.rows.length) throw new Conflict('该时段已约满，请选择其他时段')
  const bookingNo = `${code}-${dayNo(today)}-Y${String(await nextNumber(db, code, 'booking', today)).padStart(4, '0')}`
  const queryCode = newQueryCode()
  const row = await db.insertInto('appointments').values({
    unit_code: code, hall_id: slot.hall_id, group_id: slot.group_id, slot_id: slot.id, day: slot.day, booking_no: bookingNo,
    query_code_hash: hashCode(bookingNo, queryCode), id_hash: idHash, id_masked: maskIdNumber(input.idNumber),
    name_masked: maskName(input.name, 'person'), phone_masked: maskPhone(input.phone), created_at: now, ticket_id: null, cancelled_at: null, checked_in_at: null,
  }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst()
  if (!row) throw new Conflict('您已预约该时段')
  return { bookingNo, queryCode, notice: '请妥善保存预约号和查询码，查询码只显示这一次；到大厅签到即进入绿色通道', appointment: appointmentOut({ ...row, starts: slot.starts, ends: slot.ends }, today) }
}

export async function byBooking(db: Tx, bookingNo: string, queryCode: string) {
  const r = await sql<any>`select a.*, s.starts, s.ends from appointments a join appointment_slots s on s.id = a.slot_id where a.booking_no = ${bookingNo}`.execute(db)
  const row = r.rows[0]
  if (!codeMatches(row?.query_code_hash, bookingNo, queryCode)) throw new NotFound(NOT_FOUND)
  return row
}

export async function lookup(db: Tx, now: Date, bookingNo: string, queryCode: string) {
  return appointmentOut(await byBooking(db, bookingNo, queryCode), shanghaiDate(now))
}

export async function cancel(db: Tx, now: Date, bookingNo: string, queryCode: string) {
  const a = await byBooking(db, bookingNo, queryCode)
  const today = shanghaiDate(now)
  if (a.status !== 'booked' || a.day < today) throw new Conflict('该预约已取消、已签到或已过期，不能取消')
  const done = await db.updateTable('appointments').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', a.id).where('status', '=', 'booked').returningAll().executeTakeFirst()
  if (!done) throw new Conflict('该预约已取消或已签到')
  await sql`update appointment_slots set booked = booked - 1 where id = ${a.slot_id}`.execute(db)
  return appointmentOut({ ...done, starts: a.starts, ends: a.ends }, today)
}

/** At the hall on the day: a priority ticket (绿色通道) in the booked group. */
export async function checkIn(db: Tx, now: Date, bookingNo: string, queryCode: string) {
  const a = await byBooking(db, bookingNo, queryCode)
  const today = shanghaiDate(now)
  if (a.status !== 'booked') throw new Conflict('该预约已取消或已签到')
  if (a.day !== today) throw new Conflict(`请在预约当天（${a.day}）签到`)
  const t = await issueTicket(db, now, a.unit_code.trim(), a.hall_id, { groupId: a.group_id, channel: 'appointment', priority: 'appointment', nameMasked: a.name_masked, appointmentId: a.id })
  const done = await db.updateTable('appointments').set({ status: 'checked_in', checked_in_at: now, ticket_id: t.id }).where('id', '=', a.id).where('status', '=', 'booked').returningAll().executeTakeFirst()
  if (!done) throw new Conflict('该预约已取消或已签到')
  return { appointment: appointmentOut({ ...done, starts: a.starts, ends: a.ends }, today), ticket: await takenOut(db, t) }
}

export { slotOut }
