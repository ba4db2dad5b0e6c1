// Halls and branch halls (分中心): one main hall per unit, branches with address, hours and phone;
// every window belongs to one hall of its unit.
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { hallOut } from './queries.js'
import { settingsOf, unitFor, type HallSettings } from './shared.js'

const MANAGE = { action: 'manageHall', type: 'Hall', detail: '只有中心管理员可以设置大厅' } as const

export async function createHall(ctx: Ctx, code: string, input: { kind: 'main' | 'branch'; name: string; address: string; hours: string; phone: string }) {
  await unitFor(ctx, code, MANAGE)
  if (input.kind === 'main') {
    const main = await ctx.db.selectFrom('halls').select('id').where('unit_code', '=', code).where('kind', '=', 'main').executeTakeFirst()
    if (main) throw new Conflict('本单位已有主大厅，其他大厅请设为分中心')
  }
  const row = await ctx.db.insertInto('halls').values({ unit_code: code, ...input, created_at: ctx.now })
    .onConflict((oc) => oc.columns(['unit_code', 'name']).doNothing()).returningAll().executeTakeFirst()
  if (!row) throw new Conflict(`大厅「${input.name}」已存在`)
  return hallOut({ ...row, windows: 0 })
}

export async function updateHall(ctx: Ctx, code: string, id: string, input: Partial<{ name: string; address: string; hours: string; phone: string; active: boolean }>) {
  await unitFor(ctx, code, MANAGE)
  const row = await ctx.db.updateTable('halls').set(input).where('id', '=', id).where('unit_code', '=', code).returningAll().executeTakeFirst()
  if (!row) throw new NotFound('大厅不存在')
  const n = await ctx.db.selectFrom('windows').select((e) => e.fn.countAll<number>().as('n')).where('hall_id', '=', id).executeTakeFirstOrThrow()
  return hallOut({ ...row, windows: Number(n.n) })
}

export async function setWindowHall(ctx: Ctx, code: string, windowId: string, hallId: string) {
  await unitFor(ctx, code, MANAGE)
  const hall = await ctx.db.selectFrom('halls').select('id').where('id', '=', hallId).where('unit_code', '=', code).executeTakeFirst()
  if (!hall) throw new Invalid('只能把窗口划入本单位的大厅', [{ field: 'hallId', message: '本单位没有这个大厅' }])
  const w = await ctx.db.updateTable('windows').set({ hall_id: hallId }).where('id', '=', windowId).where('unit_code', '=', code)
    .returning(['id', 'number', 'hall_id']).executeTakeFirst()
  if (!w) throw new NotFound('窗口不存在')
  // The window keeps only the service groups of its new hall.
  await ctx.db.deleteFrom('window_groups').where('window_id', '=', windowId)
    .where('group_id', 'not in', ctx.db.selectFrom('service_groups').select('id').where('hall_id', '=', hallId)).execute()
  return { windowId: w.id, number: w.number, hallId: w.hall_id }
}

export async function putSettings(ctx: Ctx, code: string, input: Partial<HallSettings>) {
  await unitFor(ctx, code, MANAGE)
  const s = { ...(await settingsOf(ctx.db, code)), ...input }
  const row = {
    unit_code: code, max_calls: s.maxCalls, no_show_limit: s.noShowLimit, no_show_window_days: s.noShowWindowDays,
    no_show_block_days: s.noShowBlockDays, book_ahead_days: s.bookAheadDays, reply_days_window: s.replyDaysWindow,
    reply_days_department: s.replyDaysDepartment, updated_at: ctx.now,
  }
  await ctx.db.insertInto('hall_settings').values(row).onConflict((oc) => oc.column('unit_code').doUpdateSet(row)).execute()
  return s
}
