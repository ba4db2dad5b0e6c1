// Figures (统计) of a unit's subtree over a period, from the daily roll-up (case_daily_stats,
// kept by a trigger on case_events): the cost grows with units × days × matters, never with the
// number of cases. Sums, so a county's figures are exactly its townships' plus its own.
// Definitions (README): completed = delivered (办结); on time = decided by the due date;
// daily completion rate (日办结率) = completed cases decided on the day they were accepted;
// promised speed-up (承诺提速) = Σ(statutory − promised) / Σ statutory; handling speed-up
// (办理提速) = Σ(statutory − actual working days) / Σ statutory; one-time notice rate
// (一次性告知率) = cases given a supplement notice that needed no second one; visits: online
// intake 0, window/agent 1 plus one per supplement handed in, plus one for pick-up in person.
import { sql } from 'kysely'
import { customPlan } from '../../platform/db/database.js'
import type { Ctx } from '../../platform/context.js'
import { Invalid } from '../../platform/errors.js'
import { significant } from '../../platform/abilities.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { supervisedUnit } from './access.js'

export const BY = ['child', 'department', 'matter'] as const
export type By = (typeof BY)[number]

const CHILD_PREFIX: Record<number, number> = { 4: 6, 6: 9, 9: 12, 12: 12 }

const SUMS = sql`sum(received)::int as received, sum(accepted)::int as accepted, sum(deemed)::int as deemed, sum(rejected)::int as rejected,
  sum(noticed)::int as noticed, sum(renoticed)::int as renoticed, sum(completed)::int as completed, sum(on_time)::int as on_time,
  sum(overdue)::int as overdue, sum(same_day)::int as same_day, sum(statutory_days)::bigint as statutory_days,
  sum(promised_days)::bigint as promised_days, sum(actual_days)::bigint as actual_days, sum(zero_visit)::int as zero_visit,
  sum(one_visit)::int as one_visit`

const pct = (n: number, d: number) => (d ? Math.round((10000 * n) / d) / 100 : null)

export function figuresOf(r: any) {
  const n = (k: string) => Number(r?.[k] ?? 0)
  const completed = n('completed'), stat = n('statutory_days')
  return {
    received: n('received'), accepted: n('accepted'), deemedAccepted: n('deemed'), rejected: n('rejected'),
    completed, onTime: n('on_time'), overdue: n('overdue'),
    dailyCompletionRate: pct(n('same_day'), completed),
    promisedSpeedUp: pct(stat - n('promised_days'), stat),
    handlingSpeedUp: pct(stat - n('actual_days'), stat),
    averageWorkingDays: completed ? Math.round((100 * n('actual_days')) / completed) / 100 : null,
    oneTimeNoticeRate: pct(n('noticed') - n('renoticed'), n('noticed')),
    zeroVisitShare: pct(n('zero_visit'), completed), oneVisitShare: pct(n('one_visit'), completed),
    supplementNotices: { cases: n('noticed'), secondNotices: n('renoticed') },
  }
}

export async function caseFigures(ctx: Ctx, code: string, q: { from?: string; to?: string; by: By }) {
  const unit = await supervisedUnit(ctx, code)
  const to = q.to ?? shanghaiDate(ctx.now)
  // The same default period as supervision/figures: this month so far.
  const from = q.from ?? `${to.slice(0, 7)}-01`
  if (from > to) throw new Invalid('统计期间不正确', [{ field: 'from', message: '开始日期不能晚于结束日期' }])
  const { lo, hi } = subtreeRange(code)
  const len = CHILD_PREFIX[significant(code).length]!
  const key = q.by === 'department' ? sql`department`
    : q.by === 'matter' ? sql`matter_code`
    : sql`case when unit_code = ${code} then unit_code else rpad(substr(unit_code, 1, ${len}), 12, '0') end`
  const where = sql`unit_code between ${lo} and ${hi} and day between ${from}::date and ${to}::date`
  // One aggregation; the total is the sum of its groups (every grouping partitions the rows).
  const { rows: groups } = await sql<any>`select ${key} as key, ${SUMS} from case_daily_stats where ${where} group by 1 order by 1 ${customPlan}`.execute(ctx.db)
  const total: Record<string, number> = {}
  for (const g of groups) for (const [k, v] of Object.entries(g)) if (k !== 'key') total[k] = (total[k] ?? 0) + Number(v)
  let rows: { key: string; name: string; figures: ReturnType<typeof figuresOf> }[]
  if (q.by === 'child') {
    const children = await ctx.db.selectFrom('units').select(['code', 'name']).where('parent_code', '=', code).orderBy('code').execute()
    const byKey = new Map(groups.map((g: any) => [g.key.trim(), g]))
    rows = [{ key: code, name: `${unit.name}（本级）`, figures: figuresOf(byKey.get(code)) },
      ...children.map((c) => ({ key: c.code, name: c.name, figures: figuresOf(byKey.get(c.code)) }))]
  } else {
    rows = groups.map((g: any) => ({ key: g.key, name: g.key, figures: figuresOf(g) }))
  }
  return { unitCode: code, name: unit.name, from, to, by: q.by, total: figuresOf(total), rows }
}
