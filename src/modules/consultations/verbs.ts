// Online consultation (在线咨询): a question about a matter at a unit goes to the window holding
// that matter (else to the matter's department), with a reply limit in working days; staff answer
// or forward a misrouted question; an answer can be published into the guide's common questions;
// the asker looks it up by number + query code (constant-time; a wrong code is an unknown number)
// and rates it.
import { sql } from 'kysely'
import { addWorkingDays, loadCalendar } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { resolveCatalog } from '../catalog/index.js'
import { codeMatches, dayNo, hashCode, maskName, newQueryCode, nextNumber, settingsOf, unitFor } from '../halls/index.js'
import { consultationOut, findConsultation } from './queries.js'

export const NOT_FOUND = '未找到该咨询：咨询编号或查询码不正确'
const ANSWER = { action: 'answer', type: 'Consultation', detail: '只有本单位工作人员可以答复咨询' } as const

async function dueFor(db: Tx, code: string, now: Date, route: 'window' | 'department') {
  const s = await settingsOf(db, code)
  return addWorkingDays(await loadCalendar(db, code), shanghaiDate(now), route === 'window' ? s.replyDaysWindow : s.replyDaysDepartment)
}

export async function ask(db: Tx, now: Date, code: string, input: { matterCode: string; question: string; name: string }) {
  const today = shanghaiDate(now)
  const [m] = await resolveCatalog(db, code, today, input.matterCode)
  if (!m) throw new Invalid('该单位的事项目录中没有这个事项', [{ field: 'matterCode', message: '该单位的事项目录中没有这个事项' }])
  const win = (await sql<{ id: string; number: string; name: string }>`
    select w.id, w.number, w.name from windows w join window_rights r on r.window_id = w.id
     where w.unit_code = ${code} and w.active and r.matter_code = ${input.matterCode} order by w.number limit 1`.execute(db)).rows[0]
  const route = win ? 'window' : 'department'
  const questionNo = `${code}-${dayNo(today)}-Z${String(await nextNumber(db, code, 'consultation', today)).padStart(4, '0')}`
  const queryCode = newQueryCode()
  const dueDate = await dueFor(db, code, now, route)
  await db.insertInto('consultations').values({
    unit_code: code, question_no: questionNo, query_code_hash: hashCode(questionNo, queryCode), matter_code: input.matterCode,
    matter_name: m.data.name, question: input.question, asker_masked: maskName(input.name, 'person'), route, window_id: win?.id ?? null,
    department: win ? '' : m.data.department, due_date: dueDate, asked_at: now, answer: null, answered_at: null, answered_by: null,
    published_at: null, rating: null, rated_at: null, faq_question: null, faq_answer: null,
  }).execute()
  return { questionNo, queryCode, dueDate, routedTo: win ? `${win.number}号窗口（${win.name}）` : m.data.department, notice: '请妥善保存咨询编号和查询码，查询码只显示这一次' }
}

export async function answer(ctx: Ctx, code: string, id: string, text: string) {
  await unitFor(ctx, code, ANSWER)
  const c = await findConsultation(ctx.db, code, id)
  if (c.status !== 'open') throw new Conflict('该咨询已答复')
  const row = await ctx.db.updateTable('consultations').set({ status: 'answered', answer: text, answered_at: ctx.now, answered_by: ctx.actor.id })
    .where('id', '=', id).where('status', '=', 'open').returningAll().executeTakeFirstOrThrow()
  return consultationOut(row, shanghaiDate(ctx.now))
}

/** A misrouted question to the right window or department: a new limit from today, the trail kept. */
export async function forward(ctx: Ctx, code: string, id: string, input: { windowId?: string; department?: string; reason: string }) {
  await unitFor(ctx, code, ANSWER)
  const c = await findConsultation(ctx.db, code, id)
  if (c.status !== 'open') throw new Conflict('已答复的咨询不能转办')
  let to: string
  if (input.windowId) {
    const w = await ctx.db.selectFrom('windows').select(['id', 'number', 'name']).where('id', '=', input.windowId).where('unit_code', '=', code).where('active', '=', true).executeTakeFirst()
    if (!w) throw new Invalid('只能转给本单位在用的窗口', [{ field: 'windowId', message: '本单位没有这个窗口' }])
    if (w.id === c.window_id) throw new Conflict('该咨询已在这个窗口')
    to = `${w.number}号窗口（${w.name}）`
  } else to = input.department!
  const from = c.route === 'window' ? `窗口 ${c.window_id}` : c.department
  const route = input.windowId ? 'window' : 'department'
  const forwards = [...((c.forwards as any[]) ?? []), { from, to, reason: input.reason, at: ctx.now.toISOString() }]
  const row = await ctx.db.updateTable('consultations').set({
    route, window_id: input.windowId ?? null, department: input.department ?? '', due_date: await dueFor(ctx.db, code, ctx.now, route),
    forwards: jsonb(forwards),
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return consultationOut(row, shanghaiDate(ctx.now))
}

export async function publish(ctx: Ctx, code: string, id: string, input: { question?: string; answer?: string }) {
  await unitFor(ctx, code, { ...ANSWER, action: 'publish', detail: '只有本单位工作人员可以公开咨询' })
  const c = await findConsultation(ctx.db, code, id)
  if (c.status !== 'answered') throw new Conflict('只有已答复的咨询可以公开为常见问题')
  const row = await ctx.db.updateTable('consultations').set({ published: true, published_at: ctx.now, faq_question: input.question ?? c.question, faq_answer: input.answer ?? c.answer })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return consultationOut(row, shanghaiDate(ctx.now))
}

async function byNumber(db: Tx, questionNo: string, queryCode: string) {
  const row = await db.selectFrom('consultations').selectAll().where('question_no', '=', questionNo).executeTakeFirst()
  if (!codeMatches(row?.query_code_hash, questionNo, queryCode) || !row) throw new NotFound(NOT_FOUND)
  return row
}

async function publicOut(db: Tx, r: any) {
  const w = r.window_id ? await db.selectFrom('windows').select(['number', 'name']).where('id', '=', r.window_id).executeTakeFirst() : undefined
  return {
    questionNo: r.question_no, matterCode: r.matter_code, matterName: r.matter_name, question: r.question, dueDate: r.due_date, status: r.status,
    answer: r.answer, answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null, rating: r.rating,
    routedTo: w ? `${w.number}号窗口（${w.name}）` : r.department,
  }
}

export const lookup = async (db: Tx, questionNo: string, queryCode: string) => publicOut(db, await byNumber(db, questionNo, queryCode))

export async function rate(db: Tx, now: Date, questionNo: string, queryCode: string, rating: number) {
  const c = await byNumber(db, questionNo, queryCode)
  if (c.status !== 'answered') throw new Conflict('答复后才能评价')
  if (c.rating !== null) throw new Conflict('已评价过')
  const row = await db.updateTable('consultations').set({ rating, rated_at: now }).where('id', '=', c.id).where('rating', 'is', null).returningAll().executeTakeFirst()
  if (!row) throw new Conflict('已评价过')
  return publicOut(db, row)
}
