// Anomalies (异常监测: time, content, process, fee). Each rule is one SQL query over the subtree's
// cases, events, fees and recorded refusals; the rules and their Chinese descriptions live in
// anomaly_rules (seeded by the migration), and a city switches each on or off for its subtree.
import { type RawBuilder, sql } from 'kysely'
import { customPlan } from '../../platform/db/database.js'
import type { Ctx } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { keyset } from '../../platform/paging.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { SUSPENSION_GROUNDS } from '../cases/index.js'
import { CAL_OF, cityAdminUnit, supervisedUnit } from './access.js'

interface Q { lo: string; hi: string; today: string; params: Record<string, any> }

const CASE_COLS = sql`c.id as case_id, c.unit_code, c.receipt_no, c.matter_code, c.matter_name`
const inRange = ({ lo, hi }: Q) => sql`c.unit_code between ${lo} and ${hi}`
const eventDay = sql`(e.at at time zone 'Asia/Shanghai')::date`

/** Each query yields (case_id, unit_code, receipt_no, matter_code, matter_name, day, detail, ref): ref tells its rows apart (an event, fee, refusal or case id, zero-padded to sort as text). */
const RULE_SQL: Record<string, (q: Q) => RawBuilder<any>> = {
  deemed_acceptance: (q) => sql`
    select ${CASE_COLS}, c.acceptance_deadline as day,
           case when c.deemed_accepted then '收件日 ' || c.received_day || '，受理期限 ' || c.acceptance_deadline || '，逾期受理，视为自收件日起受理'
                else '收件日 ' || c.received_day || '，受理期限 ' || c.acceptance_deadline || ' 已过，仍未作出受理决定' end as detail, lpad(c.id::text, 36, '0') as ref
      from cases c where ${inRange(q)} and (c.deemed_accepted or
        (c.status = 'submitted' and c.first_notice_day is null and c.acceptance_deadline < ${q.today}::date))`,
  outside_hall_acceptance: (q) => sql`
    select ${CASE_COLS}, ${eventDay} as day, '进驻大厅的事项未经大厅窗口受理' as detail, lpad(e.id::text, 36, '0') as ref
      from case_events e join cases c on c.id = e.case_id
     where e.type = 'accepted' and e.window_id is null and ${inRange(q)}
       and not exists (select 1 from hall_entries h where h.unit_code = coalesce(e.actor_unit_code, c.unit_code)
                        and h.matter_code = c.matter_code and not h.in_hall)`,
  // A refused decision: by role (on the case: subject = its id) or by the matter right (subject = unit:matter).
  decision_without_right: (q) => sql`
    select c.id as case_id, r.unit_code, c.receipt_no, coalesce(c.matter_code, split_part(r.subject_id, ':', 2)) as matter_code,
           c.matter_name, (r.at at time zone 'Asia/Shanghai')::date as day, '试图越权作出决定：' || r.reason as detail, lpad(r.id::text, 36, '0') as ref
      from refusals r left join cases c on r.subject_type = 'Case' and c.id::text = r.subject_id
     where r.action in ('decide', 'decide-part') and r.subject_type in ('Matter', 'Case')
       and r.unit_code between ${q.lo} and ${q.hi}`,
  second_supplement_notice: (q) => sql`
    select ${CASE_COLS}, ${eventDay} as day, '第 ' || e.n || ' 次补正告知' as detail, lpad(e.id::text, 36, '0') as ref
      from (select e.*, row_number() over (partition by e.case_id order by e.id) as n
              from case_events e where e.type = 'supplement_requested') e join cases c on c.id = e.case_id
     where e.n >= 2 and ${inRange(q)}`,
  unlawful_suspension: (q) => sql`
    select ${CASE_COLS}, ${eventDay} as day, '中止事由“' || coalesce(e.payload ->> 'ground', '未填写') || '”不是法定事由' as detail, lpad(e.id::text, 36, '0') as ref
      from case_events e join cases c on c.id = e.case_id
     where e.type = 'suspended' and ${inRange(q)}
       and coalesce(e.payload ->> 'ground', '') not in (${sql.join([...SUSPENSION_GROUNDS])})`,
  late_certificate: (q) => sql`
    select ${CASE_COLS}, c.certificate_due as day,
           case when c.certificate_issued is null then '准予决定 ' || c.decided_day || ' 作出，制证期限 ' || c.certificate_due || ' 已过仍未制证'
                else '制证日 ' || c.certificate_issued || ' 晚于期限 ' || c.certificate_due end as detail, lpad(c.id::text, 36, '0') as ref
      from cases c where ${inRange(q)} and c.decision = 'approve' and c.certificate_due is not null
       and (c.certificate_issued > c.certificate_due or (c.certificate_issued is null and c.certificate_due < ${q.today}::date))`,
  fee_mismatch: (q) => sql`
    select ${CASE_COLS}, coalesce((f.settled_at at time zone 'Asia/Shanghai')::date, c.accepted_day) as day,
           '收费项目“' || f.name || '”' || f.amount || ' 元与目录公布的收费标准不符' as detail, lpad(f.id::text, 36, '0') as ref
      from case_fees f join cases c on c.id = f.case_id
     where ${inRange(q)} and not exists (select 1 from jsonb_array_elements(coalesce(c.matter -> 'fees', '[]'::jsonb)) m
                                          where m ->> 'name' = f.name and (m ->> 'amount')::numeric = f.amount)`,
  refusal_without_reasons: (q) => sql`
    select ${CASE_COLS}, ${eventDay} as day,
           case e.type when 'rejected' then '不予受理未说明理由' else '不予许可未说明理由' end as detail, lpad(e.id::text, 36, '0') as ref
      from case_events e join cases c on c.id = e.case_id
     where ${inRange(q)} and (
       (e.type = 'rejected' and btrim(coalesce(e.payload ->> 'reason', '')) = '') or
       (e.type in ('decided', 'part_decided') and e.payload ->> 'decision' = 'deny' and btrim(coalesce(e.payload ->> 'reasons', '')) = ''))`,
  late_forwarding: (q) => sql`
    select ${CASE_COLS}, ${eventDay} as day,
           (e.payload ->> 'from') || ' 收件 ' || (d.ord - r.ord) || ' 个工作日后才转报（规定 ' || ${Number(q.params.days ?? 2)}::int || ' 个工作日内）' as detail, lpad(e.id::text, 36, '0') as ref
      from case_events e join cases c on c.id = e.case_id
      cross join lateral (select ${sql.raw(CAL_OF('c.intake_unit_code', 'c.received_day'))} as cal) k
      join work_days r on r.cal_code = k.cal and r.day = c.received_day
      join work_days d on d.cal_code = k.cal and d.day = ${eventDay}
     where e.type = 'forwarded' and ${inRange(q)} and d.ord - r.ord > ${Number(q.params.days ?? 2)}::int`,
}

const cityOf = (code: string) => code.slice(0, 4).padEnd(12, '0')

export async function listRules(db: Ctx['db'], code: string) {
  const { rows } = await sql<any>`
    select r.code, r.name, r.description, r.params, coalesce(s.enabled, true) as enabled
      from anomaly_rules r left join anomaly_rule_settings s on s.rule_code = r.code and s.unit_code = ${cityOf(code)}
     order by r.ord`.execute(db)
  // jsonb arrives parsed from PGlite and as text from postgres.js (declared types off): one shape.
  return rows.map((r) => ({ code: r.code, name: r.name, description: r.description,
    params: (typeof r.params === "string" ? JSON.parse(r.params) : r.params) as Record<string, number>, enabled: r.enabled }))
}

/**
 * One page of the anomalies of a subtree under the enabled rules (or one `rule`), newest day first,
 * then by rule code and record, descending: the rules' queries in one statement (union all) with a
 * keyset on (day, rule, ref); the hit count of each rule over the whole subtree comes from one
 * aggregate over the same statement.
 */
export async function listAnomalies(ctx: Ctx, code: string, q: { rule?: string; limit: number; cursor?: string }) {
  await supervisedUnit(ctx, code)
  const rules = await listRules(ctx.db, code)
  if (q.rule && !rules.some((r) => r.code === q.rule)) throw new Invalid('没有这条监测规则', [{ field: 'rule', message: `可选：${rules.map((r) => r.code).join('、')}` }])
  const { lo, hi } = subtreeRange(code)
  const today = shanghaiDate(ctx.now)
  const enabled = rules.filter((r) => r.enabled)
  const ks = keyset([{ ref: "coalesce(a.day, '1970-01-01'::date)", type: 'date' }, { ref: 'a.rule', type: 'text' }, { ref: 'a.ref', type: 'text' }], q, true)
  const empty = { unitCode: code, asOf: today, rules: rules.map((r) => ({ ...r, findings: r.enabled ? 0 : null })), ...ks.page([]) }
  if (!enabled.length) return empty
  const all = sql`${sql.join(enabled.map((r) => sql`select ${r.code}::text as rule, x.* from (${RULE_SQL[r.code]!({ lo, hi, today, params: r.params })}) x`), sql` union all `)}`
  const listed = q.rule ? sql`a.rule = ${q.rule}` : sql`true`
  const { rows } = await sql<any>`select a.*, ${ks.select} from (${all}) a where ${listed} and ${ks.where}
    order by ${ks.orderBy} limit ${ks.limit} ${customPlan}`.execute(ctx.db)
  const { rows: counted } = await sql<{ rule: string; n: number }>`select a.rule, count(*)::int as n from (${all}) a group by a.rule ${customPlan}`.execute(ctx.db)
  const counts = new Map(counted.map((r) => [r.rule, r.n]))
  const names = new Map(rules.map((r) => [r.code, r.name]))
  return {
    ...empty, rules: rules.map((r) => ({ ...r, findings: r.enabled ? counts.get(r.code) ?? 0 : null })),
    ...ks.page(rows, (r: any) => ({ rule: r.rule, ruleName: names.get(r.rule)!, caseId: r.case_id, receiptNo: r.receipt_no, unitCode: r.unit_code?.trim(),
      matterCode: r.matter_code, matterName: r.matter_name, day: r.day, detail: r.detail })),
  }
}

export async function setRule(ctx: Ctx, code: string, rule: string, enabled: boolean) {
  await cityAdminUnit(ctx, code)
  const known = await ctx.db.selectFrom('anomaly_rules').select('code').where('code', '=', rule).executeTakeFirst()
  if (!known) throw new Invalid('没有这条监测规则', [{ field: 'rule', message: rule }])
  await ctx.db.insertInto('anomaly_rule_settings').values({ unit_code: code, rule_code: rule, enabled, updated_by: ctx.actor.id })
    .onConflict((oc) => oc.columns(['unit_code', 'rule_code']).doUpdateSet({ enabled, updated_by: ctx.actor.id, updated_at: ctx.now })).execute()
  return (await listRules(ctx.db, code)).find((r) => r.code === rule)
}

export async function setSettings(ctx: Ctx, code: string, input: { yellowShare?: number; answerDays?: number }) {
  await cityAdminUnit(ctx, code)
  const row = await ctx.db.insertInto('oversight_settings')
    .values({ unit_code: code, yellow_share: String(input.yellowShare ?? 0.2) as any, answer_days: input.answerDays ?? 3, updated_by: ctx.actor.id })
    .onConflict((oc) => oc.column('unit_code').doUpdateSet({
      ...(input.yellowShare !== undefined ? { yellow_share: String(input.yellowShare) as any } : {}),
      ...(input.answerDays !== undefined ? { answer_days: input.answerDays } : {}), updated_by: ctx.actor.id, updated_at: ctx.now,
    })).returningAll().executeTakeFirstOrThrow()
  return { unitCode: code, yellowShare: Number(row.yellow_share), answerDays: row.answer_days }
}
