// 进驻事项 and 不进驻 exemptions of a unit (hall_entries): what the center recorded for each matter of
// its catalog, paged by matter code in SQL. An exemption (in_hall false) is approved by the
// county's center admin and must publish where the matter is handled instead (setHallEntry).
import { mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { findUnit } from '../units/index.js'

export async function listHallEntries(ctx: Ctx, code: string, q: { inHall?: boolean; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const key = decodeCursor(q.cursor, 1)
  let query = ctx.db.selectFrom('hall_entries as h').leftJoin('users as u', 'u.id', 'h.approved_by')
    .select(['h.matter_code', 'h.in_hall', 'h.office', 'h.address', 'h.phone', 'h.approval_document', 'h.approved_by', 'h.approved_at', 'u.display_name'])
    .where('h.unit_code', '=', code)
  if (q.inHall !== undefined) query = query.where('h.in_hall', '=', q.inHall)
  if (key) query = query.where('h.matter_code', '>', String(key[0]))
  const rows = await query.orderBy('h.matter_code').limit(q.limit + 1).execute()
  return toPage(rows, q.limit, (r) => [r.matter_code], (r) => ({
    unitCode: code, matterCode: r.matter_code, inHall: r.in_hall, office: r.office, address: r.address, phone: r.phone,
    approvalDocument: r.approval_document, approvedBy: r.approved_by,
    approvedByName: r.display_name ?? null, approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
  }))
}
