// Writing a transition: the optimistic-concurrency UPDATE of the projection (version = version + 1
// where version is what we read) and the event, in the request's transaction. Two clerks acting
// at once: the second UPDATE finds the version moved and answers 409 with the current status.
import { type Selectable, sql } from 'kysely'
import type { Cases as CasesTable } from '../../../db/types.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { Conflict } from '../../platform/errors.js'
import { type EventType, nextStatus, type Status } from './state.js'

export type CaseRow = Selectable<CasesTable>

export interface Organ { code: string; name: string }

export interface EventInput {
  type: EventType
  payload?: Record<string, unknown>
  set?: Partial<Record<keyof CasesTable, unknown>>
  windowId?: string | null
  actingFor?: Organ | null
}

export async function insertEvent(db: Tx, row: { id: string; intake_unit_code: string }, e: EventInput,
  actor: { id: string; unitCode: string } | null, at: Date) {
  await db.insertInto('case_events').values({
    case_id: row.id, unit_code: row.intake_unit_code, actor_unit_code: actor?.unitCode ?? null, actor_id: actor?.id ?? null,
    window_id: e.windowId ?? null, acting_for: e.actingFor ? jsonb(e.actingFor) : null, type: e.type,
    payload: jsonb(e.payload ?? {}), at,
  }).execute()
}

/** Projects the event onto the case row (status + `set`) if nobody changed it since it was read, then appends it. */
/** Who writes: staff (ctx of a request) or the applicant online (actor null). */
export type Writer = Pick<Ctx, 'db' | 'now'> & { actor: Ctx['actor'] | null }

export async function commit(ctx: Writer, row: CaseRow, e: EventInput): Promise<Status> {
  const status = nextStatus(row.status as Status, e.type, e.payload)
  // The audit log records the organ in whose name this is done (transaction-local).
  if (e.actingFor) await sql`select set_config('app.acting_for', ${`${e.actingFor.code} ${e.actingFor.name}`}, true)`.execute(ctx.db)
  const r = await ctx.db.updateTable('cases').set({ ...(e.set as any), status, version: row.version + 1, updated_at: ctx.now })
    .where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst()
  if (!Number(r.numUpdatedRows)) {
    const now = await ctx.db.selectFrom('cases').select('status').where('id', '=', row.id).executeTakeFirst()
    throw new Conflict('办件已被他人处理，请刷新后重试', { currentStatus: now?.status ?? row.status })
  }
  await insertEvent(ctx.db, row, e, ctx.actor ? { id: ctx.actor.id, unitCode: ctx.actor.unitCode } : null, ctx.now)
  return status
}
