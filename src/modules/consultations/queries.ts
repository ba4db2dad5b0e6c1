// Consultations of a unit's subtree (the overdue ones for supervision), and the common questions
// published for a matter.
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { workingDaysLeftSql } from '../../platform/work-days.js'
import { unitFor } from '../halls/index.js'

const iso = (d: any) => (d ? new Date(d).toISOString() : null)
export const consultationOut = (r: any, today: string) => ({
  id: r.id, unitCode: r.unit_code.trim(), questionNo: r.question_no, matterCode: r.matter_code, matterName: r.matter_name, question: r.question,
  asker: r.asker_masked, route: r.route, windowId: r.window_id, department: r.department, dueDate: r.due_date,
  overdue: r.status === 'open' && r.due_date < today, status: r.status, answer: r.answer, answeredAt: iso(r.answered_at),
  forwards: r.forwards ?? [], published: r.published, rating: r.rating, askedAt: iso(r.asked_at)!,
})

export async function listConsultations(ctx: Ctx, code: string, q: { limit: number; cursor?: string; overdue?: 'true' | 'false'; status?: 'open' | 'answered' }) {
  await unitFor(ctx, code)
  const today = shanghaiDate(ctx.now)
  const { lo, hi } = subtreeRange(code)
  const key = decodeCursor(q.cursor, 2) as [string, string] | null
  const rows = await sql<any>`
    select c.*, ${sql.raw(workingDaysLeftSql(today, `case when c.status = 'open' then c.due_date end`))} as working_days_left
      from consultations c where c.unit_code between ${lo}::bpchar and ${hi}::bpchar
       ${q.overdue === 'true' ? sql`and c.status = 'open' and c.due_date < ${today}::date` : q.overdue === 'false' ? sql`and not (c.status = 'open' and c.due_date < ${today}::date)` : sql``}
       ${q.status ? sql`and c.status = ${q.status}` : sql``}
       ${key ? sql`and (c.due_date, c.id) > (${key[0]}::date, ${key[1]}::uuid)` : sql``}
     order by c.due_date, c.id limit ${q.limit + 1}`.execute(ctx.db)
  return toPage(rows.rows, q.limit, (r) => [r.due_date, r.id], (r) => ({ ...consultationOut(r, today),
    workingDaysLeft: r.working_days_left === null ? null : Number(r.working_days_left) }))
}

export async function findConsultation(db: Tx, code: string, id: string) {
  const r = await db.selectFrom('consultations').selectAll().where('id', '=', id).where('unit_code', '=', code).executeTakeFirst()
  if (!r) throw new NotFound('咨询不存在')
  return r
}

export async function commonQuestions(db: Tx, code: string, matterCode: string, q: { limit: number; cursor?: string }) {
  const key = decodeCursor(q.cursor, 2) as [string, string] | null
  const rows = await sql<any>`
    select id, faq_question, faq_answer, published_at from consultations
     where unit_code = ${code} and matter_code = ${matterCode} and published
       ${key ? sql`and (published_at, id) < (${key[0]}::timestamptz, ${key[1]}::uuid)` : sql``}
     order by published_at desc, id desc limit ${q.limit + 1}`.execute(db)
  return toPage(rows.rows, q.limit, (r) => [iso(r.published_at), r.id], (r) => ({ question: r.faq_question, answer: r.faq_answer, publishedAt: iso(r.published_at)! }))
}
