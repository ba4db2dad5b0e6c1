// Results publicity (结果公示): a list with its period in working days on the unit's calendar,
// rows masked by rule when published (names 张*, ID numbers 341502********1234, phones
// 138****1234, and any ID or mobile number written into another column), objections lodged in
// the period and answered by the unit's staff.
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { maskIdNumber, maskName, maskPhone, unitFor } from '../halls/index.js'
import { findList, staffList, statusOf } from './queries.js'

type RowIn = { name: string; idNumber?: string; phone?: string; items: Record<string, string> }

/** Free text: ID numbers and mobile numbers inside it masked too. */
export const maskText = (v: string) => v
  .replace(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g, (m) => maskIdNumber(m.toUpperCase()))
  .replace(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g, (m) => maskPhone(m))

export const maskRow = (r: RowIn) => ({
  name: maskName(r.name, 'person'),
  idNumber: r.idNumber ? maskIdNumber(r.idNumber) : null,
  phone: r.phone ? maskPhone(r.phone) : null,
  items: Object.fromEntries(Object.entries(r.items).map(([k, v]) => [k, maskText(v)])),
})

export async function publishList(ctx: Ctx, code: string, input: { type: string; title: string; basis: string; periodDays: number; startsOn?: string; endAction: 'withdraw' | 'archive'; rows: RowIn[] }) {
  await unitFor(ctx, code, { action: 'publish', type: 'Publicity', detail: '只有中心管理员可以发布公示' })
  const today = shanghaiDate(ctx.now)
  const startsOn = input.startsOn ?? today
  if (startsOn < today) throw new Invalid('公示开始日不能早于今天', [{ field: 'startsOn', message: '公示开始日不能早于今天' }])
  const cal = await loadCalendar(ctx.db, code)
  // The period counts working days from the first working day of the publicity, that day included.
  const endsOn = addWorkingDays(cal, startsOn, input.periodDays - 1)
  const list = await ctx.db.insertInto('publicity_lists').values({
    unit_code: code, type: input.type, title: input.title, basis: input.basis, period_days: input.periodDays,
    starts_on: startsOn, ends_on: endsOn, end_action: input.endAction, created_by: ctx.actor.id, created_at: ctx.now,
  }).returning('id').executeTakeFirstOrThrow()
  await ctx.db.insertInto('publicity_rows').values(input.rows.map((r, i) => ({
    list_id: list.id, ord: i + 1, unit_code: code, raw: jsonb(r), masked: jsonb(maskRow(r)),
  }))).execute()
  return staffList(ctx, code, list.id)
}

export async function lodgeObjection(db: Tx, now: Date, code: string, listId: string, input: { text: string; name: string; phone: string; rowOrd?: number }) {
  const l = await findList(db, code, listId)
  const status = statusOf(l, shanghaiDate(now))
  if (status === 'scheduled' || status === 'withdrawn') throw new NotFound('公示不存在或已撤下')
  if (status !== 'open') throw new Conflict(`公示期已于 ${l.ends_on} 结束，不再受理异议`)
  if (input.rowOrd !== undefined) {
    const row = await db.selectFrom('publicity_rows').select('ord').where('list_id', '=', listId).where('ord', '=', input.rowOrd).executeTakeFirst()
    if (!row) throw new Invalid('没有这一行', [{ field: 'rowOrd', message: '公示中没有这一行' }])
  }
  const o = await db.insertInto('publicity_objections').values({
    unit_code: code, list_id: listId, row_ord: input.rowOrd ?? null, text: input.text, contact_name: input.name, contact_phone: input.phone,
    lodged_at: now, answer: null, answered_at: null, answered_by: null,
  }).returning('id').executeTakeFirstOrThrow()
  return { id: o.id, notice: '异议已受理，答复后将在公示页面公开（不公开您的姓名和电话）' }
}

export async function answerObjection(ctx: Ctx, code: string, listId: string, id: string, answer: string) {
  await unitFor(ctx, code, { action: 'answer', type: 'Publicity', detail: '只有本单位工作人员可以答复异议' })
  await findList(ctx.db, code, listId)
  const o = await ctx.db.updateTable('publicity_objections').set({ answer, answered_at: ctx.now, answered_by: ctx.actor.id })
    .where('id', '=', id).where('list_id', '=', listId).where('answer', 'is', null).returning('id').executeTakeFirst()
  if (!o) {
    const exists = await ctx.db.selectFrom('publicity_objections').select('id').where('id', '=', id).where('list_id', '=', listId).executeTakeFirst()
    if (!exists) throw new NotFound('异议不存在')
    throw new Conflict('该异议已答复')
  }
  return staffList(ctx, code, listId)
}
