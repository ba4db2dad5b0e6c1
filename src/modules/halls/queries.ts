// Halls of a unit, settings, and the figures rolled up hall → unit → subtree in one SQL statement.
import { sql } from 'kysely'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { settingsOf, unitFor } from './shared.js'

export const hallOut = (r: any) => ({
  id: r.id, unitCode: r.unit_code.trim(), kind: r.kind, name: r.name, address: r.address, hours: r.hours, phone: r.phone,
  active: r.active, windows: Number(r.windows ?? 0),
})

async function hallRows(db: Tx, code: string, limit: number, cursor?: string, activeOnly = false) {
  const key = decodeCursor(cursor, 2) as [number, string] | null
  const rows = await sql<any>`
    select h.*, (select count(*) from windows w where w.hall_id = h.id)::int as windows from halls h
     where h.unit_code = ${code} ${activeOnly ? sql`and h.active` : sql``}
       ${key ? sql`and ((h.kind = 'branch')::int, h.id) > (${Number(key[0])}::int, ${String(key[1])}::uuid)` : sql``}
     order by (h.kind = 'branch')::int, h.id limit ${limit + 1}`.execute(db)
  return toPage(rows.rows, limit, (r) => [r.kind === 'branch' ? 1 : 0, r.id], hallOut)
}

export async function listHalls(ctx: Ctx, code: string, q: { limit: number; cursor?: string }) {
  await unitFor(ctx, code)
  return hallRows(ctx.db, code, q.limit, q.cursor)
}

/** Public: active halls with address, hours and phone (the main hall first). */
export async function publicHalls(db: Tx, code: string, q: { limit: number; cursor?: string }) {
  const p = await hallRows(db, code, q.limit, q.cursor, true)
  return { ...p, items: p.items.map(({ active: _a, ...h }) => h) }
}

export async function getSettings(ctx: Ctx, code: string) {
  await unitFor(ctx, code)
  return settingsOf(ctx.db, code)
}

const fig = (r: any) => ({
  tickets: Number(r.tickets ?? 0), avgWaitSeconds: r.wait === null ? null : Math.round(Number(r.wait)),
  avgServiceSeconds: r.service === null ? null : Math.round(Number(r.service)), evaluations: Number(r.evals ?? 0),
  satisfiedShare: Number(r.evals ?? 0) ? Math.round((Number(r.good) / Number(r.evals)) * 1000) / 1000 : null,
})

/** Tickets, waits, service times and evaluations per hall, per unit and for the whole subtree. */
export async function hallFigures(ctx: Ctx, code: string, from: string, to: string) {
  await unitFor(ctx, code)
  const { lo, hi } = subtreeRange(code)
  const rows = await sql<any>`
    with f as (
      select t.unit_code, t.hall_id, 1 as ticket, extract(epoch from t.called_at - t.taken_at) as wait,
             extract(epoch from t.finished_at - t.started_at) as service, 0 as ev, 0 as good
        from queue_tickets t where t.unit_code between ${lo}::bpchar and ${hi}::bpchar and t.day between ${from}::date and ${to}::date
      union all
      select e.unit_code, w.hall_id, 0, null, null, 1, case when e.level in ('very_satisfied', 'satisfied') then 1 else 0 end
        from evaluations e left join windows w on w.id = e.window_id
       where e.unit_code between ${lo}::bpchar and ${hi}::bpchar and e.evaluated_on between ${from}::date and ${to}::date
    )
    select f.unit_code, f.hall_id, grouping(f.unit_code) as gu, grouping(f.hall_id) as gh,
           sum(ticket) as tickets, avg(wait) as wait, avg(service) as service, sum(ev) as evals, sum(good) as good,
           max(u.name) as unit_name, max(h.name) as hall_name
      from f join units u on u.code = f.unit_code left join halls h on h.id = f.hall_id
     group by grouping sets ((f.unit_code, f.hall_id), (f.unit_code), ())
     order by f.unit_code nulls first, f.hall_id nulls first`.execute(ctx.db)
  const total = rows.rows.find((r) => Number(r.gu) === 1)
  return {
    total: fig(total ?? {}),
    units: rows.rows.filter((r) => Number(r.gu) === 0 && Number(r.gh) === 1).map((r) => ({ unitCode: r.unit_code.trim(), name: r.unit_name, ...fig(r) })),
    halls: rows.rows.filter((r) => Number(r.gh) === 0).map((r) => ({ unitCode: r.unit_code.trim(), hallId: r.hall_id, name: r.hall_name ?? '（未关联大厅）', ...fig(r) })),
  }
}
