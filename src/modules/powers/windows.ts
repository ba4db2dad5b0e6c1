// Windows of a hall (窗口), their staff and their rights per matter (窗口授权): a window
// holds a subset of its unit's rights. A user acts on a matter at a unit only if the unit
// holds the right and one of the user's windows holds it too.
import { type RawBuilder, sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { Conflict, Invalid, NotFound } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { holdings, RIGHT_NAMES, type Right, rightsOf } from './holdings.js'

async function managedUnit(ctx: Ctx, code: string) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'manageWindows', id: code })
  mustBeAllowed(ctx, 'manageWindows', 'Window', { unitCode: code }, code, '只有中心管理员可以设置窗口')
  return unit
}

async function findWindow(ctx: Ctx, code: string, id: string) {
  const w = await ctx.db.selectFrom('windows').selectAll().where('id', '=', id).where('unit_code', '=', code).executeTakeFirst()
  if (!w) throw new NotFound('窗口不存在')
  return w
}

const windowRows = (ctx: Ctx, code: string, where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``, key: RawBuilder<unknown> = sql`null as _k0`) => sql<any>`
    select ${key}, w.id, w.number, w.name, w.departments, w.active,
      coalesce((select json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) order by u.username)
                  from window_staff s join users u on u.id = s.user_id where s.window_id = w.id), '[]') as staff,
      coalesce((select json_agg(json_build_object('matterCode', r.matter_code, 'rights', r.rights) order by r.matter_code)
                  from window_rights r where r.window_id = w.id), '[]') as rights,
      w.hall_id as "hallId",
      coalesce((select json_agg(g.group_id order by g.group_id) from window_groups g where g.window_id = w.id), '[]') as "groupIds"
      from windows w where w.unit_code = ${code} and ${where} ${tail}`.execute(ctx.db)

/** One page of a unit's windows by window number (the unique index (unit_code, number) serves it). */
export async function listWindows(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const ks = keyset([{ ref: 'w.number', type: 'text' }], q)
  const { rows } = await windowRows(ctx, code, ks.where, sql`order by ${ks.orderBy} limit ${ks.limit}`, ks.select)
  return ks.page(rows, ({ _k0, ...w }: any) => w)
}

const oneWindow = async (ctx: Ctx, code: string, id: string) => {
  const { _k0, ...w } = (await windowRows(ctx, code, sql`w.id = ${id}`)).rows[0]
  return w
}

export async function createWindow(ctx: Ctx, code: string, input: { number: string; name: string; departments: string[] }) {
  await managedUnit(ctx, code)
  const row = await ctx.db.insertInto('windows').values({ unit_code: code, number: input.number, name: input.name, departments: input.departments })
    .onConflict((oc) => oc.columns(['unit_code', 'number']).doNothing()).returningAll().executeTakeFirst()
  if (!row) throw new Conflict(`窗口号 ${input.number} 已存在`)
  return { id: row.id, number: row.number, name: row.name, departments: row.departments, active: row.active, staff: [], rights: [] }
}

export async function setWindowStaff(ctx: Ctx, code: string, id: string, userIds: string[]) {
  await managedUnit(ctx, code)
  await findWindow(ctx, code, id)
  if (userIds.length) {
    const found = await ctx.db.selectFrom('users').select('id').where('id', 'in', userIds).where('unit_code', '=', code).execute()
    const missing = userIds.filter((u) => !found.some((f) => f.id === u))
    if (missing.length) throw new Invalid('只能安排本单位的工作人员到窗口', missing.map((m) => ({ field: 'userIds', message: `${m} 不是本单位人员` })))
  }
  await ctx.db.deleteFrom('window_staff').where('window_id', '=', id).execute()
  if (userIds.length) await ctx.db.insertInto('window_staff').values(userIds.map((u) => ({ window_id: id, user_id: u, unit_code: code }))).execute()
  return oneWindow(ctx, code, id)
}

export async function setWindowRights(ctx: Ctx, code: string, id: string, rights: { matterCode: string; rights: Right[] }[]) {
  await managedUnit(ctx, code)
  await findWindow(ctx, code, id)
  const held = await holdings(ctx.db, code, shanghaiDate(ctx.now))
  const issues: { field: string; message: string }[] = []
  rights.forEach((r, i) => {
    const has = rightsOf(held.filter((h) => h.matterCode === r.matterCode))
    const extra = r.rights.filter((x) => !has.has(x))
    if (extra.length) issues.push({ field: `rights[${i}].rights`, message: `本单位对事项 ${r.matterCode} 不持有：${extra.map((x) => RIGHT_NAMES[x]).join('、')}` })
  })
  if (issues.length) throw new Invalid('窗口权限不能超出本单位持有的权限', issues)
  await ctx.db.deleteFrom('window_rights').where('window_id', '=', id).execute()
  if (rights.length) {
    await ctx.db.insertInto('window_rights').values(rights.map((r) => ({ window_id: id, matter_code: r.matterCode, unit_code: code, rights: r.rights }))).execute()
  }
  return oneWindow(ctx, code, id)
}

/**
 * The rights a user may exercise on a matter at its unit today: the unit's holdings
 * intersected with the rights of the user's windows. One query each, no tree walk.
 */
export async function userMatterRights(db: Tx, userId: string, unit: string, matterCode: string, date: string): Promise<Set<Right>> {
  const unitRights = rightsOf(await holdings(db, unit, date, matterCode))
  const rows = await db.selectFrom('window_rights as r').innerJoin('window_staff as s', 's.window_id', 'r.window_id')
    .innerJoin('windows as w', 'w.id', 'r.window_id')
    .select('r.rights').where('s.user_id', '=', userId).where('r.matter_code', '=', matterCode)
    .where('w.unit_code', '=', unit).where('w.active', '=', true).execute()
  const windowRights = new Set(rows.flatMap((r) => r.rights as Right[]))
  return new Set([...unitRights].filter((r) => windowRights.has(r)))
}
