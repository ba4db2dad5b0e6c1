// The entrustment announcement (委托公告, 行政许可法 art. 24): who entrusted which matter to whom,
// from when, under which document. A revoked entrustment stays in the announcement with the
// date and the reason (撤销公告), so the public can see that and when a station stopped acting.
import { sql } from 'kysely'
import { resolveCatalog } from '../catalog/index.js'
import { keyset } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import { type PublicCtx, readUnit, today } from './context.js'

export type EntrustmentStatus = 'in_force' | 'upcoming' | 'expired' | 'revoked'
export const ENTRUSTMENT_STATUS_NAMES: Record<EntrustmentStatus, string> = { in_force: '有效', upcoming: '尚未生效', expired: '已到期', revoked: '已撤销' }

/**
 * One page of a unit's entrustment announcements (given or received), by the day they take effect,
 * then matter, grantee and grant (keyset on (valid_from, matter_code, grantee_code, id)).
 */
export async function entrustmentAnnouncements(ctx: PublicCtx, code: string, q: { limit: number; cursor?: string }) {
  const day = today(ctx)
  const ks = keyset([{ ref: 'g.valid_from', type: 'date' }, { ref: 'g.matter_code', type: 'text' }, { ref: 'g.grantee_code', type: 'bpchar' }, { ref: 'g.id', type: 'uuid' }], q)
  return readUnit(ctx, code, async (db) => {
    const rows = await sql<any>`
      select g.matter_code, g.unit_code, gu.name as grantor_name, g.grantee_code, eu.name as grantee_name,
             eu.service_point_name as grantee_point, g.rights, g.document_no, g.legal_basis, g.valid_from, g.valid_until,
             g.revoked_at, g.revoke_reason, ${ks.select}
        from grants g join units gu on gu.code = g.unit_code join units eu on eu.code = g.grantee_code
       where g.kind = 'entrustment' and (g.unit_code = ${code} or g.grantee_code = ${code}) and ${ks.where}
       order by ${ks.orderBy} limit ${ks.limit}`.execute(db)
    const pageRows = rows.rows.slice(0, q.limit)
    const matters = new Map((await resolveCatalog(db, code, day, [...new Set(pageRows.map((r) => r.matter_code as string))])).map((m) => [m.matterCode, m.data]))
    return ks.page(rows.rows, (r) => {
      const status: EntrustmentStatus = r.revoked_at ? 'revoked' : r.valid_from > day ? 'upcoming'
        : r.valid_until && r.valid_until < day ? 'expired' : 'in_force'
      return {
        matterCode: r.matter_code, matterName: matters.get(r.matter_code)?.name ?? null,
        entrustingOrgan: matters.get(r.matter_code)?.department ?? r.grantor_name,
        grantor: { code: r.unit_code.trim(), name: r.grantor_name },
        grantee: { code: r.grantee_code.trim(), name: r.grantee_name, servicePointName: r.grantee_point },
        rights: r.rights, documentNo: r.document_no, legalBasis: r.legal_basis, validFrom: r.valid_from, validUntil: r.valid_until,
        status, statusName: ENTRUSTMENT_STATUS_NAMES[status],
        revocation: r.revoked_at ? { revokedOn: shanghaiDate(new Date(r.revoked_at)), reason: r.revoke_reason } : null,
      }
    })
  })
}
