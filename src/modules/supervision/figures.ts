// Supervision figures of a unit's subtree for a period, by child: complaints, evaluations,
// inspection findings and building standards. Every source is one SQL GROUP BY over the
// subtree's code range that returns additive counts per child ('' = the unit itself); rates
// are derived after summing, so a county's figures are exactly its townships' plus its own.
// Other modules add theirs through SupervisionExtensions.figureSources (oversight: the case counts).
import { type RawBuilder, sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { subtreeRange } from '../../platform/scope.js'
import { levelOf } from '../units/index.js'
import { subtreeCounts } from '../standards/index.js'
import type { SupervisionExtensions } from './extensions.js'

export type Counts = Record<string, number>
export interface Range { code: string; lo: string; hi: string; from: string; to: string; today: string; child: RawBuilder<string> }
export interface FigureSource {
  key: string
  name: string
  /** Item labels (Chinese) in display order, for reports and exports. */
  labels: Record<string, string>
  counts(db: Tx, r: Range): Promise<{ child: string; counts: Counts }[]>
  derive?(c: Counts): Record<string, number | null>
}

const CHILD_PREFIX: Record<string, number | undefined> = { city: 6, county: 9, township: 12 }
/** The child of `code` a row's unit falls under, as a 12-digit code ('' for `code` itself). */
export function childOf(code: string, column = 'unit_code'): RawBuilder<string> {
  const p = CHILD_PREFIX[levelOf(code)!]
  const col = sql.ref(column)
  return p ? sql<string>`case when ${col} = ${code} then '' else rpad(substr(${col}, 1, ${p}), 12, '0') end` : sql<string>`''`
}
const rate = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null)
const rows = async (q: RawBuilder<any>, db: Tx) => (await q.execute(db)).rows.map(({ child, ...c }: any) =>
  ({ child, counts: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)])) }))

const complaints: FigureSource = {
  key: 'complaints', name: '投诉',
  labels: { received: '收到投诉', answered: '已答复', answeredOnTime: '按期答复', open: '未答复', overdue: '逾期未答复',
    decided: '已答复或已过答复期限',
    escalated: '逾期升级', rated: '投诉人已评价', answerDaysTotal: '答复用时合计（自然日）',
    onTimeRate: '按期答复率（%）', avgAnswerDays: '平均答复用时（自然日）' },
  counts: (db, r) => rows(sql`
    select ${r.child} as child, count(*)::int as received,
           count(*) filter (where status = 'answered')::int as answered,
           count(*) filter (where answered_on <= first_due_on)::int as "answeredOnTime",
           count(*) filter (where status = 'answered' or first_due_on < ${r.today}::date)::int as decided,
           count(*) filter (where status = 'open')::int as open,
           count(*) filter (where status = 'open' and due_on < ${r.today}::date)::int as overdue,
           count(*) filter (where escalations > 0)::int as escalated,
           count(*) filter (where rating is not null)::int as rated,
           coalesce(sum(answered_on - received_on), 0)::int as "answerDaysTotal"
      from complaints where unit_code between ${r.lo} and ${r.hi} and received_on between ${r.from}::date and ${r.to}::date
     group by 1`, db),
  // On time among those whose outcome is known: an open complaint not yet due counts neither way.
  derive: (c) => ({ onTimeRate: rate(c.answeredOnTime, c.decided), avgAnswerDays: c.answered ? Math.round((10 * c.answerDaysTotal) / c.answered) / 10 : null }),
}

const evaluations: FigureSource = {
  key: 'evaluations', name: '好差评',
  labels: { total: '评价总数（不含申诉成立）', verySatisfied: '非常满意', satisfied: '满意', basicallySatisfied: '基本满意',
    dissatisfied: '不满意', veryDissatisfied: '非常不满意', negative: '差评', rectificationOpen: '差评待整改',
    rectificationAnswered: '差评已整改答复', rectificationOverdue: '差评整改逾期', appealsPending: '申诉待裁定', appealsUpheld: '申诉成立（不计入）',
    satisfactionRate: '满意率（%）', rectifiedRate: '差评整改率（%）' },
  counts: (db, r) => rows(sql`
    select ${r.child} as child,
           count(*) filter (where appeal_status <> 'upheld')::int as total,
           count(*) filter (where appeal_status <> 'upheld' and level = 'very_satisfied')::int as "verySatisfied",
           count(*) filter (where appeal_status <> 'upheld' and level = 'satisfied')::int as satisfied,
           count(*) filter (where appeal_status <> 'upheld' and level = 'basically_satisfied')::int as "basicallySatisfied",
           count(*) filter (where appeal_status <> 'upheld' and level = 'dissatisfied')::int as dissatisfied,
           count(*) filter (where appeal_status <> 'upheld' and level = 'very_dissatisfied')::int as "veryDissatisfied",
           count(*) filter (where appeal_status <> 'upheld' and negative)::int as negative,
           count(*) filter (where rectification_status = 'open')::int as "rectificationOpen",
           count(*) filter (where rectification_status = 'answered')::int as "rectificationAnswered",
           count(*) filter (where rectification_status = 'open' and rectification_due_on < ${r.today}::date)::int as "rectificationOverdue",
           count(*) filter (where appeal_status = 'pending')::int as "appealsPending",
           count(*) filter (where appeal_status = 'upheld')::int as "appealsUpheld"
      from evaluations where unit_code between ${r.lo} and ${r.hi} and evaluated_on between ${r.from}::date and ${r.to}::date
     group by 1`, db),
  derive: (c) => ({ satisfactionRate: rate(c.total - c.negative, c.total), rectifiedRate: rate(c.rectificationAnswered, c.rectificationAnswered + c.rectificationOpen) }),
}

const findings: FigureSource = {
  key: 'findings', name: '明查暗访',
  labels: { total: '发现问题', open: '明查', secret: '暗访', minor: '一般', major: '较重', serious: '严重' },
  counts: (db, r) => rows(sql`
    select ${r.child} as child, count(*)::int as total,
           count(*) filter (where mode = 'open')::int as open, count(*) filter (where mode = 'secret')::int as secret,
           count(*) filter (where severity = 'minor')::int as minor, count(*) filter (where severity = 'major')::int as major,
           count(*) filter (where severity = 'serious')::int as serious
      from inspection_findings where unit_code between ${r.lo} and ${r.hi} and found_on between ${r.from}::date and ${r.to}::date
     group by 1`, db),
}

// Building standards are a state, not a flow: the latest inspection of each center and station now.
const standards: FigureSource = {
  key: 'standards', name: '标准化建设（现状）',
  labels: { townships: '乡镇(街道)中心', townshipsBuilt: '乡镇中心建成', townshipsStandardised: '乡镇中心规范化',
    villages: '村(社区)工作站', villagesBuilt: '村工作站建成', villagesStandardised: '村工作站规范化', yiYouSanWu: '一有三无',
    townshipStandardisedRate: '乡镇中心规范化率（%）', villageBuiltRate: '村工作站建成率（%）' },
  counts: async (db, r) => (await subtreeCounts(db, r.code)).map((x) => ({
    child: x.child,
    counts: (x.tier === 'township'
      ? { townships: x.counts.total, townshipsBuilt: x.counts.built, townshipsStandardised: x.counts.standardised, yiYouSanWu: x.counts.yiYouSanWu }
      : { villages: x.counts.total, villagesBuilt: x.counts.built, villagesStandardised: x.counts.standardised, yiYouSanWu: x.counts.yiYouSanWu }) as Counts,
  })),
  derive: (c) => ({ townshipStandardisedRate: rate(c.townshipsStandardised ?? 0, c.townships ?? 0), villageBuiltRate: rate(c.villagesBuilt ?? 0, c.villages ?? 0) }),
}

const OWN: readonly FigureSource[] = [complaints, evaluations, findings, standards]
/** Supervision's own sources and those plugged in (one with an own key replaces it), in display order. */
export function figureSources(ext: SupervisionExtensions): readonly FigureSource[] {
  const all = [...OWN]
  for (const s of ext.figureSources) {
    const i = all.findIndex((x) => x.key === s.key)
    if (i >= 0) all[i] = s
    else all.push(s)
  }
  return all
}

const addInto = (a: Counts, b: Counts) => { for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v; return a }
const zero = (s: FigureSource) => Object.fromEntries(Object.keys(s.labels).filter((k) => !(s.derive && k in s.derive({} as any))).map((k) => [k, 0]))
const finish = (s: FigureSource, c: Counts) => ({ ...c, ...(s.derive?.(c) ?? {}) })

/**
 * Figures of `code`'s subtree for [from, to]: the total, the unit's own rows and each active
 * child's subtree. total = own + Σ children, source by source.
 */
/** The supervision figures of a unit the actor sees (404 otherwise) and whose reports it reads (403 otherwise). */
export async function supervisionFigures(ctx: Ctx, ext: SupervisionExtensions, code: string, from: string, to: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, code))
  mustBeAllowed(ctx, 'read', 'Report', { unitCode: code }, code, '只能查看本辖区的统计')
  return subtreeFigures(ctx.db, figureSources(ext), code, from, to, shanghaiDate(ctx.now))
}

export async function subtreeFigures(db: Tx, sources: readonly FigureSource[], code: string, from: string, to: string, today: string) {
  const range: Range = { code, ...subtreeRange(code), from, to, today, child: childOf(code) }
  const kids = await db.selectFrom('units').select(['code', 'name', 'level']).where('parent_code', '=', code).orderBy('code').execute()
  const total: Record<string, any> = {}, own: Record<string, any> = {}
  const byChild = new Map(kids.map((k) => [k.code, {} as Record<string, any>]))
  for (const s of sources) {
    const t = zero(s), o = zero(s), perChild = new Map(kids.map((k) => [k.code, zero(s)]))
    for (const r of await s.counts(db, range)) {
      addInto(t, r.counts)
      if (r.child === '') addInto(o, r.counts)
      else if (perChild.has(r.child)) addInto(perChild.get(r.child)!, r.counts)
    }
    total[s.key] = finish(s, t)
    own[s.key] = finish(s, o)
    for (const k of kids) byChild.get(k.code)![s.key] = finish(s, perChild.get(k.code)!)
  }
  return {
    unitCode: code, from, to, total, own,
    children: kids.map((k) => ({ unitCode: k.code, name: k.name, level: k.level, figures: byChild.get(k.code)! })),
  }
}
