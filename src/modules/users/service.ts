// Staff accounts. An admin creates accounts only in its own subtree and only with roles
// that fit the unit's tier; nobody changes their own roles or status (no escalation).
import { subject } from '@casl/ability'
import type { Selectable } from 'kysely'
import { sql } from 'kysely'
import type { Users as UsersTable } from '../../../db/types.js'
import { mustBeAllowed, mustSee, refuse } from '../../platform/authorize.js'
import { abilityWhere } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, recorded } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { hashPassword } from '../auth/index.js'
import { unlockPrefixes } from '../auth/index.js'
import { LEVEL_NAMES } from '../units/index.js'
import { findUnit } from '../units/index.js'
import { ROLE_NAMES, ROLES_BY_LEVEL, type Role } from './roles.js'
import type { User } from './schemas.js'

const USER_COLUMNS = { id: 'id', unitCode: 'unit_code' }
const cols = ['id', 'unit_code', 'username', 'display_name', 'roles', 'active', 'created_at'] as const
type Row = Pick<Selectable<UsersTable>, (typeof cols)[number]>

const toUser = (r: Row): User => ({
  id: r.id, unitCode: r.unit_code, username: r.username, displayName: r.display_name,
  roles: r.roles as Role[], active: r.active, createdAt: new Date(r.created_at).toISOString(),
})
const asSubject = (r: Row) => subject('User', { id: r.id, unitCode: r.unit_code })

function checkRolesFit(level: keyof typeof ROLES_BY_LEVEL, roles: Role[], id: string) {
  const misfit = roles.filter((r) => !ROLES_BY_LEVEL[level].includes(r))
  if (misfit.length) {
    throw recorded(new Invalid(`${LEVEL_NAMES[level]}级单位不能设置角色：${misfit.map((r) => ROLE_NAMES[r]).join('、')}`,
      [{ field: 'roles', message: `可用角色：${ROLES_BY_LEVEL[level].join(', ')}` }]),
    { action: 'create', subjectType: 'User', subjectId: id })
  }
}

export async function createUser(ctx: Ctx, unitCode: string, input: { username: string; displayName: string; password: string; roles: Role[] }) {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, unitCode), { action: 'create', id: input.username })
  mustBeAllowed(ctx, 'create', 'User', { unitCode }, input.username, '只有本单位或上级单位的中心管理员可以创建账号')
  checkRolesFit(unit.level, input.roles, input.username)
  if (!unit.active) throw new Conflict(`单位“${unit.name}”已停用，不能创建账号`)
  const row = await ctx.db.insertInto('users').values({
    unit_code: unitCode, username: input.username, display_name: input.displayName,
    password_hash: await hashPassword(input.password), roles: input.roles, created_by: ctx.actor.id,
  }).onConflict((oc) => oc.column('username').doNothing()).returning(cols).executeTakeFirst()
  if (!row) throw new Conflict(`用户名 ${input.username} 已被使用`)
  return toUser(row)
}

/** Accounts ordered by (unit code, username): users_unit_username_idx serves the order and the cursor. */
export async function listUsers(ctx: Ctx, unitCode: string, subtree: boolean, page: { limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, unitCode))
  const ks = keyset([{ ref: 'unit_code', type: 'bpchar' }, { ref: 'username', type: 'text' }], page)
  let q = ctx.db.selectFrom('users').select(cols).select(ks.selections)
    .where(abilityWhere(ctx.ability, 'read', 'User', USER_COLUMNS))
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit)
  if (subtree) {
    const { lo, hi } = subtreeRange(unitCode)
    q = q.where('unit_code', '>=', lo).where('unit_code', '<=', hi)
  } else q = q.where('unit_code', '=', unitCode)
  return ks.page(await q.execute(), toUser)
}

const findUser = (ctx: Ctx, id: string) => ctx.db.selectFrom('users').select(cols).where('id', '=', id).executeTakeFirst()

export async function getUser(ctx: Ctx, id: string) {
  const row = await findUser(ctx, id)
  if (!row || !ctx.ability.can('read', asSubject(row))) mustSee(ctx, 'User', null)
  return toUser(row!)
}

export async function updateUser(ctx: Ctx, id: string, input: { displayName?: string; password?: string; roles?: Role[]; active?: boolean }) {
  const row = await findUser(ctx, id)
  if (!row || !ctx.ability.can('read', asSubject(row))) mustSee(ctx, 'User', null, { action: 'update', id })
  for (const field of Object.keys(input)) {
    if (!ctx.ability.can('update', asSubject(row!), field)) {
      refuse('update', 'User', id, row!.id === ctx.actor.id ? '不能修改自己的角色或账号状态' : '您无权修改该账号')
    }
  }
  if (input.roles) {
    const unit = await findUnit(ctx.db, row!.unit_code)
    checkRolesFit(unit!.level, input.roles, id)
  }
  const updated = await ctx.db.updateTable('users').set({
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.roles !== undefined ? { roles: input.roles } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
    updated_at: sql`now()`,
  }).where('id', '=', id).returning(cols).executeTakeFirstOrThrow()
  ctx.authChanged(id)
  // A new password or a deactivation ends the account's sessions at once.
  if (input.password !== undefined || input.active === false) await sql`select auth_user_sessions_delete(${id}::uuid)`.execute(ctx.db)
  // A password set by an admin also lifts the account's sign-in locks.
  if (input.password !== undefined && row!.id !== ctx.actor.id) {
    for (const prefix of unlockPrefixes(row!.username)) await sql`select auth_throttle_clear_prefix(${prefix})`.execute(ctx.db)
  }
  return toUser(updated)
}

/**
 * Lifts the sign-in locks on an account (all addresses). An admin above may; nobody unlocks
 * themselves. Recorded: the account row is touched, so the audit log holds who did it when.
 */
export async function unlockUser(ctx: Ctx, id: string) {
  const row = await findUser(ctx, id)
  if (!row || !ctx.ability.can('read', asSubject(row))) mustSee(ctx, 'User', null, { action: 'update', id })
  if (!ctx.ability.can('update', asSubject(row!), 'active')) {
    refuse('update', 'User', id, row!.id === ctx.actor.id ? '不能解除自己账号的登录锁定，请联系上级管理员' : '只有本单位或上级单位的中心管理员可以解除登录锁定')
  }
  let cleared = 0
  for (const prefix of unlockPrefixes(row!.username)) {
    cleared += (await sql<{ n: number }>`select auth_throttle_clear_prefix(${prefix}) as n`.execute(ctx.db)).rows[0]?.n ?? 0
  }
  await ctx.db.updateTable('users').set({ updated_at: sql`now()` }).where('id', '=', id).execute()
  return { user: toUser(row!), cleared }
}
