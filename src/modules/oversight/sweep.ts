// The warnings sweep (job `supervision:warnings`): set-based SQL, no per-case loop. One statement
// records each change of level (case_warnings upserted, warning_events appended, staff
// notified: the handling unit's handlers and the supervisors of every unit above it); a red
// warning gets an answer deadline in working days. A second statement escalates the red
// warnings left unanswered past that deadline to the next unit up, once. runJob() holds the
// advisory lock, so two sweeps at once never both run; a second sweep finds no difference
// between the current levels and the recorded ones and records nothing.
import { sql } from 'kysely'
import type { JobContext } from '../../platform/jobs.js'
import { shanghaiDate } from '../../platform/time.js'
import { CAL_OF, PARENT_SQL } from './access.js'
import { consultationLevels, currentLevels, DEFAULT_ANSWER_DAYS, dateLiteral } from './levels.js'

const ALL = ['000000000000', '999999999999'] as const

export async function sweepWarnings({ db, now }: JobContext) {
  const today = shanghaiDate(now)
  const { rows: [changed] } = await sql<{ changes: number; notified: number; red: number }>`
    with cur as (${currentLevels(ALL[0], ALL[1], today)}),
    hot as (select * from cur where level <> 'green'),
    prev as (select * from case_warnings where level <> 'green'),
    diff as (
      select coalesce(h.case_id, p.case_id) as case_id, coalesce(h.kind, p.kind) as kind, coalesce(h.subject, p.subject) as subject,
             coalesce(h.intake_unit_code, p.unit_code) as unit_code, coalesce(h.handling, p.handling_unit_code) as handling,
             coalesce(h.due, p.due_date) as due, coalesce(p.level, 'green') as old_level, coalesce(h.level, 'green') as new_level,
             h.receipt_no, h.matter_name
        from hot h full join prev p on p.case_id = h.case_id and p.kind = h.kind and p.subject = h.subject
       where coalesce(p.level, 'green') <> coalesce(h.level, 'green')),
    up as (
      insert into case_warnings as w (unit_code, handling_unit_code, case_id, kind, subject, level, due_date, changed_at, answer_due)
      select d.unit_code, d.handling, d.case_id, d.kind, d.subject, d.new_level, d.due, ${now}::timestamptz,
             case when d.new_level = 'red' then (
               select w2.day from work_days w1 join work_days w2 on w2.cal_code = w1.cal_code and w2.working
                  and w2.ord = w1.ord + coalesce((select os.answer_days from oversight_settings os where os.unit_code = rpad(substr(d.handling, 1, 4), 12, '0')), ${DEFAULT_ANSWER_DAYS})
                where w1.cal_code = ${sql.raw(CAL_OF('d.handling', dateLiteral(today)))} and w1.day = ${today}::date) end
        from diff d
      on conflict (case_id, kind, subject) do update set
        level = excluded.level, handling_unit_code = excluded.handling_unit_code, due_date = excluded.due_date, changed_at = excluded.changed_at,
        -- A new red needs a new answer; leaving red keeps the record of the last one.
        answer_due = case when excluded.level = 'red' then excluded.answer_due else w.answer_due end,
        answered_at = case when excluded.level = 'red' then null else w.answered_at end,
        answered_by = case when excluded.level = 'red' then null else w.answered_by end,
        answer_reason = case when excluded.level = 'red' then null else w.answer_reason end,
        escalated_to = case when excluded.level = 'red' then null else w.escalated_to end,
        escalated_at = case when excluded.level = 'red' then null else w.escalated_at end,
        escalated_by = case when excluded.level = 'red' then null else w.escalated_by end,
        escalated_by_name = case when excluded.level = 'red' then null else w.escalated_by_name end,
        escalated_by_unit = case when excluded.level = 'red' then null else w.escalated_by_unit end,
        escalation_reason = case when excluded.level = 'red' then null else w.escalation_reason end
      returning w.id, w.case_id, w.kind, w.subject, w.answer_due),
    ev as (
      insert into warning_events (unit_code, warning_id, case_id, type, from_level, to_level, payload, at)
      select d.unit_code, u.id, d.case_id, 'level', d.old_level, d.new_level,
             jsonb_build_object('kind', d.kind, 'subject', d.subject, 'dueDate', d.due, 'answerDue', u.answer_due), ${now}::timestamptz
        from up u join diff d on d.case_id = u.case_id and d.kind = u.kind and d.subject = u.subject
      returning 1),
    nt as (
      insert into staff_notifications (unit_code, audience, case_id, warning_id, kind, text, created_at)
      select distinct r.code, r.audience, d.case_id, u.id, 'warning_' || d.new_level,
             case when d.new_level = 'red' then '红色预警：办件 ' || d.receipt_no || '（' || d.matter_name || '）已超过期限 ' || d.due
                    || '，请于 ' || u.answer_due || ' 前说明原因'
                  else '黄色预警：办件 ' || d.receipt_no || '（' || d.matter_name || '）将于 ' || d.due || ' 到期' end, ${now}::timestamptz
        from up u join diff d on d.case_id = u.case_id and d.kind = u.kind and d.subject = u.subject
        cross join lateral (values (d.handling, 'handlers'), (rpad(substr(d.handling, 1, 4), 12, '0'), 'supervisors'),
          (rpad(substr(d.handling, 1, 6), 12, '0'), 'supervisors'), (rpad(substr(d.handling, 1, 9), 12, '0'), 'supervisors')) r(code, audience)
       where d.new_level <> 'green' and (r.audience = 'handlers' or r.code <> d.handling)
      returning 1)
    select (select count(*) from ev)::int as changes, (select count(*) from nt)::int as notified,
           (select count(*) from diff where new_level = 'red')::int as red`.execute(db)

  const { rows: [esc] } = await sql<{ escalated: number }>`
    with esc as (
      update case_warnings w set escalated_to = ${sql.raw(PARENT_SQL('w.handling_unit_code'))}, escalated_at = ${now}::timestamptz
       where w.level = 'red' and w.answered_at is null and w.escalated_at is null and w.answer_due < ${today}::date
         and ${sql.raw(PARENT_SQL('w.handling_unit_code'))} is not null
      returning w.id, w.unit_code, w.case_id, w.kind, w.handling_unit_code, w.escalated_to, w.answer_due),
    ev as (
      insert into warning_events (unit_code, warning_id, case_id, type, from_level, to_level, payload, at)
      select e.unit_code, e.id, e.case_id, 'escalated', 'red', 'red',
             jsonb_build_object('from', e.handling_unit_code, 'to', e.escalated_to, 'answerDue', e.answer_due), ${now}::timestamptz
        from esc e
      returning 1),
    nt as (
      insert into staff_notifications (unit_code, audience, case_id, warning_id, kind, text, created_at)
      select e.escalated_to, 'supervisors', e.case_id, e.id, 'warning_escalated',
             '红色预警升级：' || u.name || '未在 ' || e.answer_due || ' 前说明办件 ' || c.receipt_no || '（' || c.matter_name || '）超期原因，请督办', ${now}::timestamptz
        from esc e join cases c on c.id = e.case_id join units u on u.code = e.handling_unit_code
      returning 1)
    select (select count(*) from ev)::int as escalated`.execute(db)
  const consultations = await sweepConsultations(db, now, today)
  return { changes: changed!.changes, notified: changed!.notified, red: changed!.red, escalated: esc!.escalated, consultations }
}

/**
 * Overdue consultations (在线咨询) in the same sweep: one statement records each change of level of
 * an open question (consultation_warnings) and notifies the unit's handlers and the supervisors of
 * every unit above it; an answered question leaves the warned state (recorded back to green).
 */
async function sweepConsultations(db: JobContext['db'], now: Date, today: string) {
  const { rows: [r] } = await sql<{ changes: number; notified: number; red: number }>`
    with hot as (select * from (${consultationLevels(ALL[0], ALL[1], today)}) c where c.level <> 'green'),
    prev as (select * from consultation_warnings where level <> 'green'),
    diff as (
      select coalesce(h.consultation_id, p.consultation_id) as consultation_id, coalesce(h.unit_code, p.unit_code) as unit_code,
             coalesce(h.due, p.due_date) as due, coalesce(p.level, 'green') as old_level, coalesce(h.level, 'green') as new_level,
             h.question_no, h.matter_name
        from hot h full join prev p on p.consultation_id = h.consultation_id
       where coalesce(p.level, 'green') <> coalesce(h.level, 'green')),
    up as (
      insert into consultation_warnings as w (consultation_id, unit_code, level, due_date, changed_at)
      select d.consultation_id, d.unit_code, d.new_level, d.due, ${now}::timestamptz from diff d
      on conflict (consultation_id) do update set level = excluded.level, due_date = excluded.due_date, changed_at = excluded.changed_at
      returning w.consultation_id),
    nt as (
      insert into staff_notifications (unit_code, audience, case_id, warning_id, kind, text, created_at)
      select distinct r.code, r.audience, null::uuid, null::uuid, 'consultation_' || d.new_level,
             case when d.new_level = 'red' then '红色预警：咨询 ' || d.question_no || '（' || d.matter_name || '）已超过答复期限 ' || d.due || '，请尽快答复'
                  else '黄色预警：咨询 ' || d.question_no || '（' || d.matter_name || '）应于 ' || d.due || ' 前答复' end, ${now}::timestamptz
        from up u join diff d on d.consultation_id = u.consultation_id
        cross join lateral (values (d.unit_code, 'handlers'), (rpad(substr(d.unit_code, 1, 4), 12, '0'), 'supervisors'),
          (rpad(substr(d.unit_code, 1, 6), 12, '0'), 'supervisors'), (rpad(substr(d.unit_code, 1, 9), 12, '0'), 'supervisors')) r(code, audience)
       where d.new_level <> 'green' and (r.audience = 'handlers' or r.code <> d.unit_code)
      returning 1)
    select (select count(*) from up)::int as changes, (select count(*) from nt)::int as notified,
           (select count(*) from diff where new_level = 'red')::int as red`.execute(db)
  return r!
}
