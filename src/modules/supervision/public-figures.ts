// 好差评 as the public sees it: a unit's figures for a year as the national system publishes them
// (evaluations per level, 好评率 and 差评率, 差评整改率 and 按期整改, the indicators), counted in SQL
// without the ratings an upheld appeal took out; and, for a citizen with the receipt number and
// query code, the evaluation of their case and where its 差评 rectification stands.
import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import type { SupervisionExtensions } from './extensions.js'
import { type EvaluationLevel, HALL_INDICATORS, LEVEL_NAMES, LEVELS, ONLINE_INDICATORS } from './schemas.js'

const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null)
/** 好评: 非常满意, 满意, 基本满意; 差评: 不满意, 非常不满意 (the national system's split). */
const GOOD = new Set<string>(['very_satisfied', 'satisfied', 'basically_satisfied'])

export async function evaluationFigures(db: Tx, now: Date, code: string, year?: number) {
  const y = year ?? Number(shanghaiDate(now).slice(0, 4))
  const from = `${y}-01-01`, to = `${y}-12-31`, today = shanghaiDate(now)
  const where = sql`unit_code = ${code} and evaluated_on between ${from}::date and ${to}::date and appeal_status <> 'upheld'`
  const levels = await sql<{ level: string; n: number }>`select level, count(*)::int as n from evaluations where ${where} group by level`.execute(db)
  const rect = (await sql<{ negative: number; answered: number; on_time: number; overdue: number }>`
    select count(*)::int as negative,
           count(*) filter (where rectification_status = 'answered')::int as answered,
           count(*) filter (where rectification_status = 'answered' and rectified_on <= rectification_due_on)::int as on_time,
           count(*) filter (where rectification_status = 'open' and rectification_due_on < ${today}::date)::int as overdue
      from evaluations where ${where} and negative`.execute(db)).rows[0]
  const ind = await sql<{ kind: string; key: string; value: string; n: number }>`
    select e.kind, i.key, i.value, count(*)::int as n from evaluations e cross join lateral jsonb_each_text(e.indicators) i
     where ${where} group by e.kind, i.key, i.value`.execute(db)
  const by = new Map(levels.rows.map((r) => [r.level, r.n]))
  const total = levels.rows.reduce((s, r) => s + r.n, 0)
  const good = levels.rows.filter((r) => GOOD.has(r.level)).reduce((s, r) => s + r.n, 0)
  const indicators = (kind: 'case' | 'visit', names: Record<string, string>) => Object.entries(names).map(([key, name]) => {
    const rows = ind.rows.filter((r) => r.kind === kind && r.key === key)
    const n = rows.reduce((s, r) => s + r.n, 0)
    return { key, name, evaluations: n, goodShare: share(rows.filter((r) => GOOD.has(r.value)).reduce((s, r) => s + r.n, 0), n) }
  })
  return {
    unitCode: code, year: y, evaluations: total,
    levels: LEVELS.map((l) => ({ level: l, name: LEVEL_NAMES[l], count: by.get(l) ?? 0 })),
    goodShare: share(good, total), negative: rect.negative, negativeShare: share(rect.negative, total),
    rectified: rect.answered, rectifiedShare: share(rect.answered, rect.negative), rectifiedOnTime: rect.on_time, rectificationOverdue: rect.overdue,
    online: indicators('case', ONLINE_INDICATORS), hall: indicators('visit', HALL_INDICATORS),
  }
}

/** The evaluation of a case (receipt number + query code), or null when not evaluated yet; 404 when the code is wrong. */
export async function caseEvaluation(db: Tx, now: Date, ext: SupervisionExtensions, receiptNo: string, queryCode: string) {
  const c = await ext.caseEvaluation?.find(db, receiptNo, queryCode)
  if (!c) throw new NotFound('未找到该办件，或查询码不正确')
  const e = await db.selectFrom('evaluations').selectAll().where('case_ref', '=', c.caseRef).executeTakeFirst()
  if (!e) return null
  return {
    level: e.level as EvaluationLevel, levelName: LEVEL_NAMES[e.level as EvaluationLevel], negative: e.negative, evaluatedOn: e.evaluated_on,
    rectification: e.rectification_status === 'none' ? null : {
      status: e.rectification_status as 'open' | 'answered', dueOn: e.rectification_due_on!, answer: e.rectification_answer, answeredOn: e.rectified_on,
      overdue: e.rectification_status === 'open' && e.rectification_due_on! < shanghaiDate(now),
    },
  }
}
