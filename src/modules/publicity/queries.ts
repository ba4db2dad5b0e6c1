// Publicity lists (结果公示): the status follows from the clock (no job), public reads select the
// masked rows only; staff of the unit read the raw rows and the objectors' contacts.
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { unitFor } from '../halls/index.js'

export type Status = 'scheduled' | 'open' | 'withdrawn' | 'archived'
export const statusOf = (l: { starts_on: string; ends_on: string; end_action: string }, today: string): Status =>
  today < l.starts_on ? 'scheduled' : today <= l.ends_on ? 'open' : l.end_action === 'withdraw' ? 'withdrawn' : 'archived'
const iso = (d: any) => (d ? new Date(d).toISOString() : null)

export const summaryOut = (l: any, today: string) => ({
  id: l.id, unitCode: l.unit_code.trim(), type: l.type, title: l.title, basis: l.basis, periodDays: l.period_days,
  startsOn: l.starts_on, endsOn: l.ends_on, endAction: l.end_action, status: statusOf(l, today), rows: Number(l.rows ?? 0),
})

async function listPage(db: Tx, where: ReturnType<typeof sql>, q: { limit: number; cursor?: string }, today: string) {
  const key = decodeCursor(q.cursor, 2) as [string, string] | null
  const rows = await sql<any>`
    select l.*, (select count(*) from publicity_rows r where r.list_id = l.id)::int as rows from publicity_lists l
     where ${where} ${key ? sql`and (l.starts_on, l.id) < (${key[0]}::date, ${key[1]}::uuid)` : sql``}
     order by l.starts_on desc, l.id desc limit ${q.limit + 1}`.execute(db)
  return toPage(rows.rows, q.limit, (r) => [r.starts_on, r.id], (r) => summaryOut(r, today))
}

export async function staffLists(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  await unitFor(ctx, code)
  const { lo, hi } = subtreeRange(code)
  return listPage(ctx.db, sql`l.unit_code between ${lo}::bpchar and ${hi}::bpchar`, q, shanghaiDate(ctx.now))
}

/** Public: lists in their period, and the archived ones; never scheduled or withdrawn ones. */
export async function publicLists(db: Tx, now: Date, code: string, q: { limit: number; cursor?: string }) {
  const today = shanghaiDate(now)
  return listPage(db, sql`l.unit_code = ${code} and l.starts_on <= ${today}::date and (l.ends_on >= ${today}::date or l.end_action = 'archive')`, q, today)
}

const maskedOut = (r: any) => ({ ord: r.ord, ...r.masked })
const objectionOut = (o: any) => ({ id: o.id, rowOrd: o.row_ord, text: o.text, lodgedAt: iso(o.lodged_at)!, answer: o.answer, answeredAt: iso(o.answered_at) })

export async function findList(db: Tx, code: string, id: string) {
  const l = await db.selectFrom('publicity_lists').selectAll().where('id', '=', id).where('unit_code', '=', code).executeTakeFirst()
  if (!l) throw new NotFound('公示不存在')
  return l
}

export async function publicList(db: Tx, now: Date, code: string, id: string) {
  const today = shanghaiDate(now)
  const l = await findList(db, code, id)
  const status = statusOf(l, today)
  if (status === 'scheduled' || status === 'withdrawn') throw new NotFound('公示不存在或已撤下')
  // Only the masked column is selected: the raw values never reach a public response.
  const rows = await db.selectFrom('publicity_rows').select(['ord', 'masked']).where('list_id', '=', id).orderBy('ord').execute()
  const objections = await db.selectFrom('publicity_objections').select(['id', 'row_ord', 'text', 'lodged_at', 'answer', 'answered_at'])
    .where('list_id', '=', id).where('answer', 'is not', null).orderBy('lodged_at').execute()
  return { ...summaryOut({ ...l, rows: rows.length }, today), items: rows.map(maskedOut), objections: objections.map(objectionOut) }
}

export async function staffList(ctx: Ctx, code: string, id: string) {
  await unitFor(ctx, code)
  const today = shanghaiDate(ctx.now)
  const l = await findList(ctx.db, code, id)
  const rows = await ctx.db.selectFrom('publicity_rows').selectAll().where('list_id', '=', id).orderBy('ord').execute()
  const objections = await ctx.db.selectFrom('publicity_objections').selectAll().where('list_id', '=', id).orderBy('lodged_at').execute()
  return {
    ...summaryOut({ ...l, rows: rows.length }, today),
    items: rows.map((r) => ({ ...maskedOut(r), raw: r.raw as any })),
    objections: objections.map((o) => ({ ...objectionOut(o), contactName: o.contact_name, contactPhone: o.contact_phone })),
  }
}
