// Warning levels (预警) for every open case and each open step, in one SQL query over a subtree:
// red when the due date has passed; yellow when at most one working day remains or at most the
// city's share of the limit (default 20%); green otherwise. Remaining working days are
// ord(due) − ord(today) on the unit's calendar (work_days), an index lookup per end.
// Warned subjects: the acceptance decision (5 working days, art. 32), the case's limit (promised
// or statutory, with its extension), the certificate (10 working days after approval, art. 44),
// and each parallel-approval part still undecided (its own deadline). A suspended case's clock
// stops (art. 45): it is not warned until it resumes.
import { type RawBuilder, sql } from 'kysely'
import { ACCEPTANCE_DAYS, CERTIFICATE_DAYS } from '../cases/index.js'
import { isValidDate } from '../../platform/time.js'
import { CAL_OF } from './access.js'

/** A checked date inlined into the calendar lookup (digits and dashes only). */
export function dateLiteral(day: string) {
  if (!isValidDate(day)) throw new Error(`not a date: ${day}`)
  return `'${day}'::date`
}

export const LEVELS = ['green', 'yellow', 'red'] as const
export type Level = (typeof LEVELS)[number]
export const LEVEL_NAMES: Record<Level, string> = { green: '正常', yellow: '黄色预警（临近期限）', red: '红色预警（已超期）' }
export const KIND_NAMES = { case: '办理时限', acceptance: '受理决定', certificate: '制证', part: '并联审批部门意见' } as const
export const DEFAULT_YELLOW_SHARE = 0.2
export const DEFAULT_ANSWER_DAYS = 3

const subjects = (lo: string, hi: string) => sql`
  select c.id as case_id, c.intake_unit_code, c.unit_code as handling, c.receipt_no, c.matter_code, c.matter_name,
         'acceptance'::text as kind, ''::text as subject, c.acceptance_deadline as due, ${ACCEPTANCE_DAYS}::int as lim
    from cases c where c.status = 'submitted' and c.unit_code between ${lo} and ${hi}
  union all
  select c.id, c.intake_unit_code, c.unit_code, c.receipt_no, c.matter_code, c.matter_name,
         'case', '', c.due_date, c.limit_days + c.extended_days
    from cases c where c.status in ('accepted', 'reviewed') and c.due_date is not null and c.unit_code between ${lo} and ${hi}
  union all
  select c.id, c.intake_unit_code, c.unit_code, c.receipt_no, c.matter_code, c.matter_name,
         'certificate', '', c.certificate_due, ${CERTIFICATE_DAYS}::int
    from cases c where c.status = 'decided' and c.decision = 'approve' and c.certificate_due is not null and c.unit_code between ${lo} and ${hi}
  union all
  select c.id, c.intake_unit_code, c.unit_code, c.receipt_no, p.matter_code, p.matter_name,
         'part', p.id::text, p.due_date, null::int
    from case_parts p join cases c on c.id = p.case_id
   where p.decision is null and c.status in ('accepted', 'reviewed') and c.unit_code between ${lo} and ${hi}`

/**
 * The current level of every warned subject handled in [lo, hi] on `today` (Asia/Shanghai),
 * green ones included: (case_id, intake_unit_code, handling, receipt_no, matter_code,
 * matter_name, kind, subject, due, lim, remaining, level).
 */
export const currentLevels = (lo: string, hi: string, today: string): RawBuilder<unknown> => sql`
  select s.*, d.ord - t.ord as remaining,
         case when s.due < ${today}::date then 'red'
              when d.ord - t.ord <= 1 or (s.lim is not null and d.ord - t.ord <= coalesce(os.yellow_share, ${DEFAULT_YELLOW_SHARE}) * s.lim) then 'yellow'
              else 'green' end as level
    from (${subjects(lo, hi)}) s
    cross join lateral (select ${sql.raw(CAL_OF('s.handling', dateLiteral(today)))} as cal) k
    join work_days t on t.cal_code = k.cal and t.day = ${today}::date
    join work_days d on d.cal_code = k.cal and d.day = s.due
    left join oversight_settings os on os.unit_code = rpad(substr(s.handling, 1, 4), 12, '0')`

export const CONSULTATION_LEVEL_NAMES: Record<Level, string> = { green: '正常', yellow: '黄色预警（临近答复期限）', red: '红色预警（逾期未答复）' }

/**
 * The current level of every open consultation asked at a unit in [lo, hi] on `today`: red once the
 * reply limit has passed, yellow when at most one working day remains (the limits are 2–3 working
 * days), green otherwise: (consultation_id, unit_code, question_no, matter_code, matter_name, route,
 * window_id, department, due, remaining, level).
 */
export const consultationLevels = (lo: string, hi: string, today: string): RawBuilder<unknown> => sql`
  select q.id as consultation_id, q.unit_code, q.question_no, q.matter_code, q.matter_name, q.route, q.window_id, q.department,
         q.due_date as due, d.ord - t.ord as remaining,
         case when q.due_date < ${today}::date then 'red' when d.ord - t.ord <= 1 then 'yellow' else 'green' end as level
    from consultations q
    cross join lateral (select ${sql.raw(CAL_OF('q.unit_code', dateLiteral(today)))} as cal) k
    join work_days t on t.cal_code = k.cal and t.day = ${today}::date
    join work_days d on d.cal_code = k.cal and d.day = q.due_date
   where q.status = 'open' and q.unit_code between ${lo}::bpchar and ${hi}::bpchar`
