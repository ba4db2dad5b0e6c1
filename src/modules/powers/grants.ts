// Grants of a power down the tree: delegation (下放: the grantee acts in its own name) and
// entrustment (委托: the grantee acts in the entrusting organ's name).
import { subject } from '@casl/ability'
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid, NotFound, recorded } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { inSubtree } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { resolveCatalog } from '../catalog/index.js'
import { findUnit } from '../units/index.js'
import { holdings, RIGHT_NAMES, type Right, rightsOf } from './holdings.js'

export interface GrantInput {
  grantorCode?: string
  granteeCode: string
  matterCode: string
  kind: 'delegation' | 'entrustment'
  rights: Right[]
  documentNo: string
  legalBasis: string
  validFrom: string
  validUntil?: string | null
}

// A village station takes in and passes on (代办); it never reviews, decides or certifies.
const VILLAGE_RIGHTS: readonly Right[] = ['accept', 'deliver']

const toGrant = (g: any) => ({
  id: g.id, grantorCode: g.unit_code, granteeCode: g.grantee_code, matterCode: g.matter_code, kind: g.kind, rights: g.rights,
  documentNo: g.document_no, legalBasis: g.legal_basis, validFrom: g.valid_from, validUntil: g.valid_until,
  revokedAt: g.revoked_at ? new Date(g.revoked_at).toISOString() : null, revokeReason: g.revoke_reason,
})

/**
 * A grant takes effect on the day it is made or later (no backdating, as with catalog versions).
 * `opts.existing`: the tenant pack records grants already made by earlier documents (imported once).
 */
export async function createGrant(ctx: Ctx, input: GrantInput, opts: { existing?: boolean } = {}) {
  const grantorCode = input.grantorCode ?? ctx.actor.unitCode
  const refusal = { action: 'grant', subjectType: 'Grant', subjectId: `${grantorCode}>${input.granteeCode}:${input.matterCode}` }
  const refuse = (msg: string, field: string) => { throw recorded(new Invalid(msg, [{ field, message: msg }]), refusal) }

  const grantor = mustSee(ctx, 'Unit', await findUnit(ctx.db, grantorCode), { action: 'grant', id: refusal.subjectId })
  mustBeAllowed(ctx, 'grant', 'Grant', { unitCode: grantorCode }, refusal.subjectId, '只有授权单位或其上级的中心管理员可以下放或委托事项')
  const grantee = mustSee(ctx, 'Unit', await findUnit(ctx.db, input.granteeCode), { action: 'grant', id: refusal.subjectId })
  if (grantee.code === grantor.code || !inSubtree(grantee.code, grantor.code)) refuse('只能向本单位的下级下放或委托事项', 'granteeCode')
  if (!grantee.active) refuse(`“${grantee.name}”已停用`, 'granteeCode')
  if (input.validUntil && input.validUntil < input.validFrom) refuse('截止日期不能早于起始日期', 'validUntil')

  const today = shanghaiDate(ctx.now)
  if (!opts.existing && input.validFrom < today) {
    throw new Invalid('下放或委托自作出之日起生效，起始日期不能倒签', [{ field: 'validFrom', message: `不早于今天（${today}）` }])
  }
  const held = await holdings(ctx.db, grantorCode, input.validFrom > today ? input.validFrom : today, input.matterCode)
  if (!held.length) refuse(`${grantor.name}不持有事项 ${input.matterCode} 的权力，不能下放或委托`, 'matterCode')
  // 行政许可法 art. 24: the entrusted organ may not entrust the power further.
  if (held.every((h) => h.source === 'entrustment')) {
    refuse('受委托行使的权力不得再委托或下放（《行政许可法》第二十四条）', 'matterCode')
  }
  const usable = held.filter((h) => h.source !== 'entrustment')
  const missing = input.rights.filter((r) => !rightsOf(usable).has(r))
  if (missing.length) refuse(`${grantor.name}不持有以下权限：${missing.map((r) => RIGHT_NAMES[r]).join('、')}`, 'rights')
  if (grantee.level === 'village') {
    const extra = input.rights.filter((r) => !VILLAGE_RIGHTS.includes(r))
    if (extra.length) refuse(`村(社区)为民服务工作站只能代办（受理转报、送达），不能获得：${extra.map((r) => RIGHT_NAMES[r]).join('、')}`, 'rights')
  }
  const [matter] = await resolveCatalog(ctx.db, grantorCode, today, input.matterCode)
  if (matter?.data.reserved && !(grantee.level === 'township' && grantee.expanded_power_pilot)) {
    refuse('该事项为县级保留事项，只能下放给扩权强镇试点乡镇', 'granteeCode')
  }
  // A grant built on a grant cannot outlast it.
  const parentUntil = usable.filter((h) => h.source === 'delegation').map((h) => h.validUntil)
  if (parentUntil.length && !usable.some((h) => h.source === 'statutory')) {
    const limit = parentUntil.includes(null) ? null : parentUntil.sort().at(-1)!
    if (limit && (!input.validUntil || input.validUntil > limit)) refuse(`不能超过上级下放的有效期（${limit}）`, 'validUntil')
  }

  const row = await ctx.db.insertInto('grants').values({
    unit_code: grantorCode, grantee_code: grantee.code, matter_code: input.matterCode, kind: input.kind, rights: input.rights,
    document_no: input.documentNo, legal_basis: input.legalBasis, valid_from: input.validFrom, valid_until: input.validUntil ?? null,
    created_by: ctx.actor.id,
  }).onConflict((oc) => oc.columns(['grantee_code', 'matter_code', 'kind', 'valid_from']).where('revoked_at', 'is', null).doNothing())
    .returningAll().executeTakeFirst()
  if (!row) throw new Conflict('已有相同的有效授权（同一单位、事项、方式和起始日期）')
  return toGrant(row)
}

export async function revokeGrant(ctx: Ctx, id: string, reason: string) {
  const g = await ctx.db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst()
  if (!g || !ctx.ability.can('read', subject('Grant', { unitCode: g.unit_code, granteeCode: g.grantee_code }))) {
    throw recorded(new NotFound(), { action: 'revoke', subjectType: 'Grant', subjectId: id })
  }
  mustBeAllowed(ctx, 'revoke', 'Grant', { unitCode: g.unit_code }, id, '只有授权单位一方可以撤销')
  if (g.revoked_at) throw new Conflict('该授权已撤销', { revokedAt: new Date(g.revoked_at).toISOString() })
  const revoked = await ctx.db.updateTable('grants').set({ revoked_at: ctx.now, revoke_reason: reason })
    .where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst()
  if (!revoked) throw new Conflict('该授权已撤销')
  // Grants the grantee made on the strength of this one fall with it (same transaction).
  await sql`update grants set revoked_at = ${ctx.now}, revoke_reason = ${'上级授权已撤销：' + reason}
             where unit_code = ${g.grantee_code} and matter_code = ${g.matter_code} and revoked_at is null`.execute(ctx.db)
  return toGrant(revoked)
}

/**
 * One page of the grants a unit gave (`given`: it is the grantor) or received (`received`: it is the
 * grantee), oldest first by (created_at, id): grants_given_idx / grants_received_idx (migration 024).
 */
export async function listGrants(ctx: Ctx, code: string, q: { direction: 'given' | 'received'; limit: number; cursor?: string }) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  const ks = keyset([{ ref: 'created_at', type: 'timestamptz' }, { ref: 'id', type: 'uuid' }], q)
  const rows = await ctx.db.selectFrom('grants').selectAll().select(ks.selections)
    .where(q.direction === 'given' ? 'unit_code' : 'grantee_code', '=', code)
    .where(ks.where).orderBy(ks.orderBy).limit(ks.limit).execute()
  return ks.page(rows, toGrant)
}
