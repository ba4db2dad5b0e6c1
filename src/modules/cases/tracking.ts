// Public tracking and online intake, no login. Tracking shows state, dates and what is needed
// next, nothing personal; a wrong query code answers exactly like an unknown receipt number,
// and the hashes are compared in constant time (a dummy compare when the number is unknown).
import { timingSafeEqual } from 'node:crypto'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { hashQueryCode } from './intake.js'
import { isDeemed } from './queries.js'
import { STATUS_NAMES, type Status } from './state.js'

const NOT_FOUND = '未找到该办件：受理编号或查询码不正确'
const DUMMY = '0'.repeat(64)

const NEXT: Record<Status, string> = {
  submitted: '等待受理（5 个工作日内作出是否受理的决定）', supplement_requested: '请按一次性告知书补正材料',
  accepted: '审核中', reviewed: '审批中', decided: '等待制证或送达', certified: '请按通知领取证照或等待送达',
  delivered: '已办结，欢迎评价', rejected: '不予受理，可依法申请行政复议或提起行政诉讼', suspended: '中止计时（听证、检验、鉴定等法定期间不计入）',
}

/**
 * The case of a receipt number when the query code matches, else null: hashes compared in
 * constant time (against a dummy when the number is unknown), so both failures look alike.
 */
export async function caseByReceipt(db: Tx, receiptNo: string, queryCode: string) {
  const row = await db.selectFrom('cases').selectAll().where('receipt_no', '=', receiptNo).executeTakeFirst()
  const expected = Buffer.from(row?.query_code_hash ?? DUMMY, 'hex')
  const given = Buffer.from(hashQueryCode(receiptNo, queryCode), 'hex')
  return timingSafeEqual(expected, given) && row ? row : null
}

/** The applicant's receipt number and query code did not match a case. */
export const receiptNotFound = () => new NotFound(NOT_FOUND)

const STEP_NAMES: Record<string, string> = {
  received: '收件', forwarded: '转报', supplement_requested: '一次性告知补正', supplemented: '补正', accepted: '受理', rejected: '不予受理',
  reviewed: '审核', decided: '作出决定', certified: '制证', returned: '办理结果转回代办站', delivered: '送达',
}

/**
 * Where the case went, step by step (收件 at the station → 转报 → 受理 … → 结果转回 → 送达): the unit
 * of each step and its day, nothing about the people (the applicant's view of 全程代理).
 */
async function pathOf(db: Tx, row: { id: string; intake_unit_code: string }) {
  const events = await db.selectFrom('case_events').select(['type', 'at', 'actor_unit_code', 'payload']).where('case_id', '=', row.id)
    .where('type', 'in', Object.keys(STEP_NAMES) as any).orderBy('id').execute()
  let at = row.intake_unit_code.trim()
  const steps = events.map((e) => {
    const p = (e.payload ?? {}) as Record<string, any>
    const unit = e.type === 'received' ? row.intake_unit_code.trim() : e.type === 'returned' ? p.from : (e.actor_unit_code?.trim() ?? at)
    if (e.type === 'forwarded' || e.type === 'returned') at = p.to
    return { step: e.type, stepName: STEP_NAMES[e.type], unitCode: unit as string, ...(p.to ? { toUnitCode: p.to as string } : {}), on: shanghaiDate(new Date(e.at as any)) }
  })
  const codes = [...new Set(steps.flatMap((s) => [s.unitCode, s.toUnitCode].filter(Boolean) as string[]))]
  const names = new Map(codes.length ? (await db.selectFrom('units').select(['code', 'name']).where('code', 'in', codes).execute()).map((u) => [u.code.trim(), u.name]) : [])
  return steps.map((s) => ({ ...s, unitName: names.get(s.unitCode) ?? null, ...(s.toUnitCode ? { toUnitName: names.get(s.toUnitCode) ?? null } : {}) }))
}

export async function trackCase(db: Tx, receiptNo: string, queryCode: string, now: Date) {
  const row = await caseByReceipt(db, receiptNo, queryCode)
  if (!row) throw receiptNotFound()
  const today = shanghaiDate(now)
  const missing = row.status === 'supplement_requested'
    ? (await db.selectFrom('case_materials').select('name').where('case_id', '=', row.id).where('provided', '=', false).where('required', '=', true).execute()).map((m) => m.name)
    : []
  const unit = await db.selectFrom('units').select(['name', 'service_point_name']).where('code', '=', row.unit_code).executeTakeFirst()
  const deemed = isDeemed(row, today)
  return {
    path: await pathOf(db, row),
    receiptNo: row.receipt_no, matter: { code: row.matter_code, name: row.matter_name },
    handledBy: { code: row.unit_code.trim(), name: unit?.name, servicePointName: unit?.service_point_name },
    status: row.status, statusName: STATUS_NAMES[row.status as Status], next: NEXT[row.status as Status], missingMaterials: missing,
    // receivedOn / acceptedOn are counting days (after hours or on a rest day: the next working day);
    // receivedAt / acceptedAt are the real moments.
    receivedAt: new Date(row.received_at as any).toISOString(), acceptedAt: row.accepted_at ? new Date(row.accepted_at as any).toISOString() : null,
    receivedOn: row.received_day, acceptedOn: row.accepted_day ?? (deemed ? row.received_day : null), deemedAccepted: deemed,
    dueDate: row.due_date, decision: row.decision, decidedOn: row.decided_day, certificateIssuedOn: row.certificate_issued,
  }
}
