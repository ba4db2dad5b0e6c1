// Case figures inside the supervision figures (and so in the monthly reports filled from them):
// the same daily roll-up (case_daily_stats), grouped by child unit; rates derived after summing.
// src/wiring.ts plugs it into supervision.
import { sql } from 'kysely'
import { customPlan } from '../../platform/db/database.js'
import type { FigureSource } from '../supervision/index.js'
import { figuresOf } from './figures.js'

const COUNTS = ['received', 'accepted', 'deemed', 'rejected', 'noticed', 'renoticed', 'completed', 'on_time', 'overdue',
  'same_day', 'statutory_days', 'promised_days', 'actual_days', 'zero_visit', 'one_visit'] as const
// The API's keys are camelCase, like every other figure (the columns of case_daily_stats are not).
const camel = (k: string) => k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())

export const caseFigureSource: FigureSource = {
  key: 'cases', name: '办件',
  labels: {
    received: '收件', accepted: '受理', deemed: '视为受理', rejected: '不予受理', noticed: '一次性告知件数', renoticed: '二次告知件数',
    completed: '办结', onTime: '按时办结', overdue: '超期办结', sameDay: '当日办结', statutoryDays: '法定时限合计（工作日）',
    promisedDays: '承诺时限合计（工作日）', actualDays: '实际用时合计（工作日）', zeroVisit: '零跑动', oneVisit: '跑一次',
    dailyCompletionRate: '日办结率（%）', promisedSpeedUp: '承诺提速（%）', handlingSpeedUp: '办理提速（%）',
    averageWorkingDays: '平均办理工作日', oneTimeNoticeRate: '一次性告知率（%）', zeroVisitShare: '零跑动占比（%）', oneVisitShare: '跑一次占比（%）',
  },
  async counts(db, r) {
    const { rows } = await sql<any>`
      select ${r.child} as child, ${sql.join(COUNTS.map((k) => sql`coalesce(sum(${sql.ref(k)}), 0)::bigint as ${sql.ref(k)}`))}
        from case_daily_stats where unit_code between ${r.lo} and ${r.hi} and day between ${r.from}::date and ${r.to}::date
       group by 1 ${customPlan}`.execute(db)
    return rows.map(({ child, ...c }: any) => ({ child, counts: Object.fromEntries(COUNTS.map((k) => [camel(k), Number(c[k])])) }))
  },
  derive(c) {
    const f = figuresOf(Object.fromEntries(COUNTS.map((k) => [k, c[camel(k)]])) as any)
    return { dailyCompletionRate: f.dailyCompletionRate, promisedSpeedUp: f.promisedSpeedUp, handlingSpeedUp: f.handlingSpeedUp,
      averageWorkingDays: f.averageWorkingDays, oneTimeNoticeRate: f.oneTimeNoticeRate, zeroVisitShare: f.zeroVisitShare, oneVisitShare: f.oneVisitShare }
  },
}
