// A unit's inbox (通知) and each user's read state. The sweep writes one notification per unit and
// audience; every user who reads it marks it read for themselves (notification_reads, migration
// 020), so the bell counts what this user has not read yet. Counting and marking run in SQL over
// the unit's inbox, never over rows loaded into JavaScript.
import { sql } from 'kysely'
import { mustSee, refuse } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { NotFound } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { findUnit } from '../units/index.js'
import { seesOversight, supervisedUnit } from './access.js'

/** The audiences of `code`'s inbox this actor reads (staff: their own unit's; supervisors and admins: any unit of their subtree). */
async function inbox(ctx: Ctx, code: string): Promise<string[]> {
  if (code !== ctx.actor.unitCode) await supervisedUnit(ctx, code)
  else mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  return ['handlers', ...(code !== ctx.actor.unitCode || seesOversight(ctx, code) ? ['supervisors'] : [])]
}

const unreadWhere = (ctx: Ctx) => sql<boolean>`not exists (select 1 from notification_reads r
  where r.unit_code = n.unit_code and r.user_id = ${ctx.actor.id} and r.notification_id = n.id)`

/** Newest first by id; staff_notifications_unit_id_idx (unit_code, id) serves the order and the cursor. */
export async function listNotifications(ctx: Ctx, code: string, q: { limit: number; cursor?: string; unread?: boolean }) {
  const audiences = await inbox(ctx, code)
  const ks = keyset([{ ref: 'n.id', type: 'bigint' }], q, true)
  let query = ctx.db.selectFrom('staff_notifications as n').selectAll('n').select(ks.selections)
    .select(sql<boolean>`not ${unreadWhere(ctx)}`.as('read'))
    .where('n.unit_code', '=', code).where('n.audience', 'in', audiences as any).where(ks.where)
  if (q.unread) query = query.where(unreadWhere(ctx))
  const rows = await query.orderBy(ks.orderBy).limit(ks.limit).execute()
  return ks.page(rows, (r) => ({ id: Number(r.id), audience: r.audience, caseId: r.case_id, warningId: r.warning_id, kind: r.kind, text: r.text,
    createdAt: new Date(r.created_at).toISOString(), read: r.read }))
}

async function unreadCount(ctx: Ctx, code: string, audiences: string[]) {
  const r = await ctx.db.selectFrom('staff_notifications as n').select(sql<string>`count(*)`.as('n'))
    .where('n.unit_code', '=', code).where('n.audience', 'in', audiences as any).where(unreadWhere(ctx)).executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function notificationCount(ctx: Ctx, code: string) {
  return { unitCode: code, unread: await unreadCount(ctx, code, await inbox(ctx, code)) }
}

/**
 * Marks notifications of the actor's own inbox read for the actor (`ids`, or `all`). Read state
 * is personal: a supervisor above reads a child unit's inbox but marks only its own (403).
 */
export async function markNotificationsRead(ctx: Ctx, code: string, input: { ids?: number[]; all?: boolean }) {
  // Outside the subtree: 404, and the attempted write is recorded as a refusal.
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code), { action: 'update', id: code })
  const audiences = await inbox(ctx, code)
  if (code !== ctx.actor.unitCode) refuse('update', 'Unit', code, '只能将本人所在单位收到的通知标为已读')
  let ids: number[] | null = null
  if (!input.all) {
    ids = [...new Set(input.ids ?? [])]
    const found = await ctx.db.selectFrom('staff_notifications as n').select('n.id')
      .where('n.unit_code', '=', code).where('n.audience', 'in', audiences as any).where('n.id', 'in', ids).execute()
    // An id outside this inbox is not revealed (404), and nothing is marked.
    if (found.length !== ids.length) throw new NotFound('通知不存在，或不在本单位的收件箱中')
  }
  let source = ctx.db.selectFrom('staff_notifications as n')
    .select(['n.unit_code', sql<string>`${ctx.actor.id}::uuid`.as('user_id'), 'n.id', sql<Date>`${ctx.now}::timestamptz`.as('read_at')])
    .where('n.unit_code', '=', code).where('n.audience', 'in', audiences as any).where(unreadWhere(ctx))
  if (ids) source = source.where('n.id', 'in', ids)
  const res = await ctx.db.insertInto('notification_reads')
    .columns(['unit_code', 'user_id', 'notification_id', 'read_at']).expression(source)
    .onConflict((oc) => oc.doNothing()).executeTakeFirst()
  return { unitCode: code, marked: Number(res.numInsertedOrUpdatedRows ?? 0), unread: await unreadCount(ctx, code, audiences) }
}
