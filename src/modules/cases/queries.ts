// Reading cases: one case with its history, materials, parts and fees; lists filtered in SQL
// (CASL rules → SQL plus the subtree range), paged, with personal data masked.
import { sql } from 'kysely'
import { mustSee } from '../../platform/authorize.js'
import { abilityWhere, grantsRange } from '../../platform/casl-sql.js'
import type { Ctx } from '../../platform/context.js'
import { customPlan, type Tx } from '../../platform/db/database.js'
import { Invalid } from '../../platform/errors.js'
import { levelOf } from '../../platform/codes.js'
import { subtreeRange } from '../../platform/scope.js'
import { WORKING_DAYS_LEFT_SQL, workingDaysLeftJoinsSql, workingDaysLeftSql } from '../../platform/work-days.js'
import { decodeCursor, toPage } from '../../platform/paging.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { findCase } from './access.js'
import type { CaseRow } from './events.js'
import { type EventType, STATUS_NAMES, type Status } from './state.js'

export const CASE_COLUMNS = { unitCode: 'unit_code', intakeUnitCode: 'intake_unit_code' }

/**
 * Deemed acceptance (art. 32): no decision on acceptance and no one-time notice within 5
 * working days of receipt → accepted from the day of receipt. The same predicate in SQL
 * (deemedWhere) and here.
 */
export function isDeemed(r: Pick<CaseRow, 'accepted_day' | 'deemed_accepted' | 'status' | 'acceptance_deadline' | 'first_notice_day'>, today: string) {
  if (r.deemed_accepted) return true
  if (r.accepted_day || r.status === 'rejected') return false
  const noticeInTime = r.first_notice_day !== null && r.first_notice_day <= r.acceptance_deadline
  return !noticeInTime && today > r.acceptance_deadline
}
const deemedWhere = (today: string) => sql<boolean>`(c.deemed_accepted or (c.accepted_day is null and c.status <> 'rejected'
  and not coalesce(c.first_notice_day <= c.acceptance_deadline, false) and ${today}::date > c.acceptance_deadline))`

const trim = (v: string | null) => v?.trim() ?? null

/** A case row as toCase reads it: the list leaves out `matter` and the unmasked applicant. */
export type CaseView = Omit<CaseRow, 'matter' | 'applicant_id_number' | 'applicant_name' | 'applicant_phone' | 'query_code_hash'
  | 'suspended_from' | 'supplement_notices' | 'created_by' | 'updated_at' | 'accepted_at' | 'clock_start'>
  & Partial<Pick<CaseRow, 'applicant_id_number' | 'applicant_name' | 'applicant_phone'>>

/** The case as staff see it; `full` shows the applicant unmasked (the handling and intake units only; a full row). */
export function toCase(r: CaseView, today: string, full = false) {
  const deemed = isDeemed(r, today)
  return {
    id: r.id, receiptNo: r.receipt_no, unitCode: trim(r.unit_code), intakeUnitCode: trim(r.intake_unit_code),
    matterCode: r.matter_code, matterName: r.matter_name, catalog: { unitCode: trim(r.catalog_unit_code), version: r.catalog_version },
    parallel: r.parallel, bundle: r.bundle, channel: r.channel, agentMatterCode: r.agent_matter_code ?? null,
    applicant: {
      kind: r.applicant_kind,
      // The list reads only the masked columns (LIST_COLUMNS): full rows carry the others.
      idNumber: (full && r.applicant_id_number) || r.applicant_id_masked,
      name: (full && r.applicant_name) || r.applicant_name_masked,
      phone: full && r.applicant_phone !== undefined ? r.applicant_phone : r.applicant_phone_masked,
    },
    status: r.status, statusName: STATUS_NAMES[r.status as Status],
    receivedAt: new Date(r.received_at).toISOString(), receivedDay: r.received_day, acceptanceDeadline: r.acceptance_deadline,
    deemedAccepted: deemed,
    acceptedAt: r.accepted_day ?? (deemed ? r.received_day : null),
    limitDays: r.limit_days, limitUnit: r.limit_unit, extendedDays: r.extended_days, suspendedDays: r.suspended_days,
    suspension: r.status === 'suspended' ? { since: r.suspended_since, ground: r.suspension_ground } : null,
    dueDate: r.due_date, overdue: !!r.due_date && ['accepted', 'reviewed'].includes(r.status) && today > r.due_date,
    decision: r.decision, decidedDay: r.decided_day, certificateDue: r.certificate_due,
    holder: r.holder_code ? { code: trim(r.holder_code), name: r.holder_name } : null,
    certificate: r.certificate_no ? { number: r.certificate_no, issuedOn: r.certificate_issued, organ: { code: trim(r.holder_code), name: r.holder_name } } : null,
    version: r.version,
  }
}

export async function details(db: Tx, id: string) {
  const [events, materials, parts, fees] = await Promise.all([
    db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    db.selectFrom('case_materials').selectAll().where('case_id', '=', id).orderBy('name').execute(),
    db.selectFrom('case_parts').selectAll().where('case_id', '=', id).orderBy('created_at').orderBy('matter_code').execute(),
    db.selectFrom('case_fees').selectAll().where('case_id', '=', id).orderBy('name').execute(),
  ])
  return {
    materials: materials.map((m) => ({ name: m.name, required: m.required, provided: m.provided })),
    parts: parts.map((p) => ({ id: p.id, matterCode: p.matter_code, matterName: p.matter_name, department: p.department,
      dueDate: p.due_date, decision: p.decision, reasons: p.reasons, decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null })),
    fees: fees.map((f) => ({ id: f.id, name: f.name, basis: f.basis, amount: Number(f.amount), status: f.status,
      feeReceiptNo: f.fee_receipt_no, waiverBasis: f.waiver_basis })),
    events: events.map((e) => ({ id: Number(e.id), type: e.type as EventType, at: new Date(e.at).toISOString(), actorId: e.actor_id,
      actorUnitCode: trim(e.actor_unit_code), windowId: e.window_id, actingFor: e.acting_for, payload: e.payload })),
  }
}

export async function getCase(ctx: Ctx, id: string) {
  const row = await findCase(ctx, id)
  const mine = [row.unit_code, row.intake_unit_code].includes(ctx.actor.unitCode)
  const today = shanghaiDate(ctx.now)
  const left = await ctx.db.selectFrom('cases as c').select(sql<number | null>`${sql.raw(workingDaysLeftSql(today))}`.as('n'))
    .where('c.id', '=', id).executeTakeFirst()
  const out = { ...toCase(row, today, mine), workingDaysLeft: left?.n ?? null, ...(await details(ctx.db, id)) }
  // Any part's refusal is visible to everyone who sees the case (并联审批).
  return { ...out, refusedParts: out.parts.filter((p) => p.decision === 'deny') }
}

export interface ListQuery { unit?: string; status?: string; matter?: string; due_before?: string; dueWithin?: number; deemed?: boolean; limit: number; cursor?: string }

/**
 * What the list reads: what toCase shows when it masks (never `matter`, ~1.2 KB of jsonb a row,
 * nor the unmasked applicant), and the sort key in microseconds for the cursor (a JS Date keeps
 * milliseconds only, which would skip or repeat rows at a page boundary).
 */
export const LIST_COLUMNS = ['id', 'receipt_no', 'unit_code', 'intake_unit_code', 'matter_code', 'matter_name', 'catalog_unit_code',
  'catalog_version', 'parallel', 'bundle', 'channel', 'applicant_kind', 'applicant_id_masked', 'applicant_name_masked',
  'applicant_phone_masked', 'status', 'received_at', 'received_day', 'acceptance_deadline', 'accepted_day', 'deemed_accepted',
  'first_notice_day', 'limit_days', 'limit_unit', 'extended_days', 'suspended_days', 'suspended_since', 'suspension_ground',
  'due_date', 'decision', 'decided_day', 'certificate_due', 'holder_code', 'holder_name', 'certificate_no', 'certificate_issued',
  'version', 'agent_matter_code'] as const satisfies readonly (keyof CaseRow)[]

const MICROS = /^-?[0-9]{1,18}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Newest first, `received_at desc, id desc`, keyset-paged on the index in that order
 * (cases_received_desc_idx, migration 013): the cursor is the last row's (received_at in
 * microseconds, id), and the next page starts below it with one row comparison, so page 100
 * costs what page 1 does (OFFSET read and sorted everything before the page).
 */
export async function listCases(ctx: Ctx, q: ListQuery) {
  const code = q.unit ?? ctx.actor.unitCode
  const key = decodeCursor(q.cursor, 2)
  if (key && !(typeof key[0] === 'string' && MICROS.test(key[0]) && typeof key[1] === 'string' && UUID.test(key[1]))) {
    throw new Invalid('翻页游标无效，请从第一页重新获取', [{ field: 'cursor', message: '翻页游标无效，请从第一页重新获取' }])
  }
  // Whether the unit may be seen follows from its code alone (the actor's subtree or an ancestor):
  // 404 before any read. Whether it exists matters only for an empty page (below), since a case
  // in its subtree proves the unit: one statement a request instead of two.
  mustSee(ctx, 'Unit', levelOf(code) ? { code } : null)
  // When the rules grant the unit's whole range on both codes (a unit in the actor's subtree:
  // grantsRange), the unit's range alone is the condition; otherwise the CASL condition is ANDed in.
  const { lo, hi } = subtreeRange(code)
  const whole = Object.keys(CASE_COLUMNS).every((field) => grantsRange(ctx.ability, 'read', 'Case', field, lo, hi))
  const today = shanghaiDate(ctx.now)
  let query = ctx.db.selectFrom('cases as c').select(LIST_COLUMNS.map((k) => `c.${k}` as const))
    .select(sql<string>`(extract(epoch from c.received_at) * 1000000)::int8::text`.as('received_us'))
  if (!whole) query = query.where(abilityWhere(ctx.ability, 'read', 'Case', CASE_COLUMNS, 'c'))
  query = query.where((eb) => eb.or([eb.and([eb('c.unit_code', '>=', lo), eb('c.unit_code', '<=', hi)]),
      eb.and([eb('c.intake_unit_code', '>=', lo), eb('c.intake_unit_code', '<=', hi)])]))
  if (q.status) query = query.where('c.status', '=', q.status)
  if (q.matter) query = query.where('c.matter_code', '=', q.matter)
  if (q.due_before) query = query.where('c.due_date', '<', q.due_before)
  // The running clock's working days left on the unit's calendar; null (no clock) never matches.
  if (q.dueWithin !== undefined) query = query.where(sql<boolean>`${sql.raw(workingDaysLeftSql(today))} <= ${q.dueWithin}`)
  if (q.deemed !== undefined) query = query.where(q.deemed ? deemedWhere(today) : sql<boolean>`not ${deemedWhere(today)}`)
  if (key) query = query.where(sql<boolean>`(c.received_at, c.id) < (timestamptz 'epoch' + ${key[0]}::int8 * interval '1 microsecond', ${key[1]}::uuid)`)
  // The page first (keyset, index order), then its working days left joined onto the page only.
  const page = query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1)
  type Row = Awaited<ReturnType<typeof page.execute>>[number] & { working_days_left: number | null }
  const { rows } = await sql<Row>`select c.*, ${sql.raw(WORKING_DAYS_LEFT_SQL)} as working_days_left from (${page}) as c
    ${sql.raw(workingDaysLeftJoinsSql(today))} order by c.received_at desc, c.id desc ${customPlan}`.execute(ctx.db)
  if (!rows.length) mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  return toPage(rows, q.limit, (r) => [r.received_us, r.id], (r) => Object.assign(toCase(r, today), { workingDaysLeft: r.working_days_left }))
}
