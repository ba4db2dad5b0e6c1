// Case handling plugged into supervision (src/wiring.ts passes these to createApp): the online
// 好差评 of a case (receipt number + query code, once the case is completed) and the timeliness
// input of performance assessment (the share of cases decided in the period on or before their due date).
import { sql } from 'kysely'
import type { AssessmentInputSource } from '../supervision/index.js'
import type { CaseEvaluationResolver } from '../supervision/index.js'
import { STATUS_NAMES, type Status } from './state.js'
import { caseByReceipt } from './tracking.js'

const RECEIPT = /^([0-9]{12})-[0-9]{8}-[0-9]{5}$/
/** A case can be evaluated once it is finished: delivered (办结) or refused (不予受理). */
const EVALUABLE = new Set(['delivered', 'rejected'])

export const caseEvaluationResolver: CaseEvaluationResolver = {
  unitOf: (receiptNo) => RECEIPT.exec(receiptNo)?.[1] ?? null,
  async find(db, receiptNo, queryCode) {
    const row = await caseByReceipt(db, receiptNo, queryCode)
    if (!row) return null
    const unfinished = EVALUABLE.has(row.status) ? undefined : { status: row.status, statusName: STATUS_NAMES[row.status as Status] }
    return { unitCode: row.unit_code.trim(), caseRef: row.id, unfinished }
  },
}

export const timelinessInput: AssessmentInputSource = {
  key: 'timeliness', name: '办件时效（按期办结率）',
  sql: (a) => sql`
    select ${a.child} as child, round(100.0 * count(*) filter (where decided_day <= due_date) / count(*), 1) as score, count(*)::int as n
      from cases where unit_code between ${a.lo} and ${a.hi} and unit_code <> ${a.code}
       and decided_day between ${a.from}::date and ${a.to}::date and due_date is not null group by 1`,
}
