// The public verbs of case handling (no account): online intake, tracking and the applicant's
// supplement by receipt number + query code. Each opens its own transaction in the scope of the
// unit concerned, so the JSON routes and the portal's pages call the same verb and neither
// touches SQL or scopes itself.
import type { Database } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { scopeOf } from '../../platform/scope.js'
import { levelOf } from '../units/index.js'
import { applicantSupplement } from './acceptance.js'
import { intake } from './intake.js'
import { trackCase } from './tracking.js'

const NO_CASE = '未找到该办件：受理编号或查询码不正确'
/** The unit that took the case in: the receipt number's first twelve digits (404 when that is no division code). */
function intakeUnitOf(receiptNo: string) {
  const code = receiptNo.slice(0, 12)
  if (!levelOf(code)) throw new NotFound(NO_CASE)
  return code
}

type OnlineInput = Omit<Parameters<typeof intake>[3], 'channel'>
/** An online application to `input.unitCode`, in that unit's scope; `[201, receipt]`, or `[200, receipt]` for a retry with the same key. */
export function submitOnline(database: Database, now: Date, input: OnlineInput, idempotencyKey?: string) {
  if (!levelOf(input.unitCode)) throw new NotFound('未找到该单位')
  return database.scoped(scopeOf(input.unitCode), (db) => intake(db, now, null, { ...input, channel: 'online' as const }, idempotencyKey))
}

/** The case's progress as the applicant may see it, read in the scope of the unit that took it in. */
export function trackByReceipt(database: Database, now: Date, receiptNo: string, queryCode: string) {
  return database.scoped(scopeOf(intakeUnitOf(receiptNo)), (db) => trackCase(db, receiptNo, queryCode, now))
}

/**
 * The applicant's supplement: the case may have been forwarded up the intake chain, so it is
 * found in the intake unit's scope and supplemented in the scope of the unit handling it now.
 */
export async function supplementByReceipt(database: Database, now: Date, receiptNo: string, input: Parameters<typeof applicantSupplement>[3]) {
  const intakeUnit = intakeUnitOf(receiptNo)
  const handler = await database.scoped(scopeOf(intakeUnit), async (db) =>
    (await db.selectFrom('cases').select('unit_code').where('receipt_no', '=', receiptNo).executeTakeFirst())?.unit_code.trim())
  return database.scoped(scopeOf(handler ?? intakeUnit), (db) => applicantSupplement(db, now, receiptNo, input))
}
