// Performance assessment (绩效考核): a county assesses its townships, a township its village
// stations, each period, with the assessing unit's scheme (weights, grade cut-offs). Each
// input is a SQL fragment giving (child, score 0–100, n) for the children of the assessing
// unit; an input with no data for a child is left out of that child's weighted average, and a
// child with no data at all (nothing but the findings count) gets no score: 无数据.
// Timeliness comes from case handling (SupervisionExtensions.assessmentInputs); without it, no data.
import { type RawBuilder, sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import type { Ctx } from '../../platform/context.js'
import { Conflict, Invalid } from '../../platform/errors.js'
import { subtreeRange } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { findUnit } from '../units/index.js'
import { jsonb } from '../../platform/db/database.js'
import type { SupervisionExtensions } from './extensions.js'
import { childOf } from './figures.js'
import { DEFAULT_SCHEME, GRADE_NAMES, type AssessmentGrade, type Scheme } from './schemas.js'

export interface InputArgs { code: string; lo: string; hi: string; from: string; to: string; today: string; child: RawBuilder<string> }
export interface AssessmentInputSource { key: keyof Scheme['weights']; name: string; sql(a: InputArgs): RawBuilder<unknown> }

const OWN: Record<AssessmentInputSource['key'], AssessmentInputSource> = {
  // 以服务对象评价为主: the share of ratings that are not 差评 (upheld appeals excluded).
  evaluation: { key: 'evaluation', name: '服务对象评价（满意率）', sql: (a) => sql`
    select ${a.child} as child, round(100.0 * count(*) filter (where not negative) / count(*), 1) as score, count(*)::int as n
      from evaluations where unit_code between ${a.lo} and ${a.hi} and unit_code <> ${a.code}
       and evaluated_on between ${a.from}::date and ${a.to}::date and appeal_status <> 'upheld' group by 1` },
  timeliness: { key: 'timeliness', name: '办件时效', sql: () => sql`select null::text as child, null::numeric as score, 0 as n where false` },
  // Standards: the grades of the latest inspection of every center and station in the child's subtree.
  standards: { key: 'standards', name: '标准化建设档次', sql: (a) => sql`
    select ${childOf(a.code, 'u.code')} as child, round(avg(case l.grade when 'demonstration' then 100 when 'standard' then 85
             when 'simple' then 70 else 40 end), 1) as score, count(*)::int as n
      from units u join lateral (select grade from standard_inspections i where i.unit_code = u.code and i.kind = 'inspection'
                                   and i.inspected_on <= ${a.to}::date order by i.inspected_on desc, i.created_at desc limit 1) l on true
     where u.code between ${a.lo} and ${a.hi} and u.code <> ${a.code} and u.active group by 1` },
  // Complaints whose first deadline fell in the period (and has passed): answered on time, as a share.
  complaints: { key: 'complaints', name: '投诉按期答复率', sql: (a) => sql`
    select ${a.child} as child, round(100.0 * count(*) filter (where answered_on <= first_due_on) / count(*), 1) as score, count(*)::int as n
      from complaints where unit_code between ${a.lo} and ${a.hi} and unit_code <> ${a.code}
       and first_due_on between ${a.from}::date and ${a.to}::date and (status = 'answered' or first_due_on < ${a.today}::date) group by 1` },
  // Findings: 100 less 5 / 15 / 30 points per minor / major / serious finding (no finding: 100).
  findings: { key: 'findings', name: '明查暗访发现问题', sql: (a) => sql`
    select ${a.child} as child, greatest(0, 100 - 5 * count(*) filter (where severity = 'minor')
             - 15 * count(*) filter (where severity = 'major') - 30 * count(*) filter (where severity = 'serious'))::numeric as score, count(*)::int as n
      from inspection_findings where unit_code between ${a.lo} and ${a.hi} and unit_code <> ${a.code}
       and found_on between ${a.from}::date and ${a.to}::date group by 1` },
}
const KEYS = ['evaluation', 'timeliness', 'standards', 'complaints', 'findings'] as const
// Findings are counted, not sampled: a child with none has full marks rather than "no data".
const FULL_WITHOUT_DATA = new Set(['findings'])

export function periodRange(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4))
  const end = (yy: number, m: number) => new Date(Date.UTC(yy, m, 0)).toISOString().slice(0, 10) // last day of month m
  if (period.length === 4) return { from: `${y}-01-01`, to: `${y}-12-31` }
  if (period[5] === 'Q') {
    const q = Number(period[6])
    return { from: `${y}-${String(3 * q - 2).padStart(2, '0')}-01`, to: end(y, 3 * q) }
  }
  const m = Number(period.slice(5, 7))
  return { from: `${period}-01`, to: end(y, m) }
}

async function assessor(ctx: Ctx, code: string, action: 'configure' | 'run' | 'read') {
  const unit = mustSee(ctx, 'Unit', await findUnit(ctx.db, code), action === 'read' ? undefined : { action, id: code })
  mustBeAllowed(ctx, action, 'Assessment', { unitCode: code }, code,
    action === 'read' ? '只能查看本辖区的考核' : '只有考核单位（或其上级）的中心管理员可以设置方案或组织考核')
  return unit
}

export async function getScheme(ctx: Ctx, code: string) {
  await assessor(ctx, code, 'read')
  const row = await ctx.db.selectFrom('assessment_schemes').selectAll().where('unit_code', '=', code).executeTakeFirst()
  return { unitCode: code, scheme: (row?.body as Scheme) ?? DEFAULT_SCHEME, isDefault: !row }
}

export async function putScheme(ctx: Ctx, code: string, scheme: Scheme) {
  const unit = await assessor(ctx, code, 'configure')
  if (unit.level === 'village') throw new Invalid('村工作站没有下级，不组织考核', [{ field: 'code', message: '层级不适用' }])
  if (Object.values(scheme.weights).reduce((a, b) => a + b, 0) <= 0) throw new Invalid('权重之和须大于 0', [{ field: 'weights', message: '至少一项权重大于 0' }])
  await ctx.db.insertInto('assessment_schemes').values({ unit_code: code, body: jsonb(scheme), updated_by: ctx.actor.id })
    .onConflict((oc) => oc.column('unit_code').doUpdateSet({ body: jsonb(scheme), updated_by: ctx.actor.id, updated_at: sql`now()` })).execute()
  return getScheme(ctx, code)
}

/** One statement: every active child with each input's score and n, the weighted score and the grade. */
function scoreSql(a: InputArgs, s: Scheme, inputs: Record<AssessmentInputSource['key'], AssessmentInputSource>) {
  const w = s.weights
  // CTEs are named in_<input>: a CTE called "complaints" would shadow the table for later readers.
  const part = (k: string) => sql.ref(`in_${k}.score`)
  return sql<any>`
    with ${sql.join(KEYS.map((k) => sql`${sql.id(`in_${k}`)} as (${inputs[k].sql(a)})`), sql`, `)},
    kids as (select code, name from units where parent_code = ${a.code} and active),
    scored as (
      select k.code, k.name,
             ${sql.join(KEYS.map((k) => FULL_WITHOUT_DATA.has(k)
               ? sql`coalesce(${part(k)}, 100) as ${sql.id(`${k}_score`)}, coalesce(${sql.ref(`in_${k}.n`)}, 0) as ${sql.id(`${k}_n`)}`
               : sql`${part(k)} as ${sql.id(`${k}_score`)}, coalesce(${sql.ref(`in_${k}.n`)}, 0) as ${sql.id(`${k}_n`)}`), sql`, `)}
        from kids k ${sql.join(KEYS.map((k) => sql`left join ${sql.id(`in_${k}`)} on ${sql.ref(`in_${k}.child`)} = k.code`), sql` `)}
    )
    select s.*, case when t.wsum > 0 and t.sampled > 0 then round(t.wtotal / t.wsum, 1) end as score from scored s,
      lateral (select ${sql.raw(KEYS.map((k) => `coalesce(s.${k}_score * ${Number(w[k])}, 0)`).join(' + '))} as wtotal,
                      ${sql.raw(KEYS.map((k) => `case when s.${k}_score is null then 0 else ${Number(w[k])} end`).join(' + '))} as wsum,
                      -- A child with data in no sampled input has no score (无数据), not the full marks of "no finding".
                      ${sql.raw(KEYS.filter((k) => !FULL_WITHOUT_DATA.has(k)).map((k) => `(s.${k}_score is not null and ${Number(w[k])} > 0)::int`).join(' + '))} as sampled) t
     order by s.code`
}

const gradeOf = (score: number | null, c: Scheme['cutoffs']): AssessmentGrade | null =>
  score === null ? null : score >= c.excellent ? 'excellent' : score >= c.good ? 'good' : score >= c.pass ? 'pass' : 'fail'

export async function runAssessment(ctx: Ctx, ext: SupervisionExtensions, code: string, period: string) {
  const unit = await assessor(ctx, code, 'run')
  if (unit.level === 'village') throw new Invalid('村工作站没有下级，不组织考核', [{ field: 'code', message: '层级不适用' }])
  const today = shanghaiDate(ctx.now)
  const { from, to } = periodRange(period)
  if (from > today) throw new Invalid('考核期间尚未开始', [{ field: 'period', message: '不能考核将来的期间' }])
  if (await ctx.db.selectFrom('assessments').select('id').where('unit_code', '=', code).where('period', '=', period).executeTakeFirst()) {
    throw new Conflict(`${period} 的考核已经完成并公布`)
  }
  const scheme = (await ctx.db.selectFrom('assessment_schemes').select('body').where('unit_code', '=', code).executeTakeFirst())?.body as Scheme ?? DEFAULT_SCHEME
  const args: InputArgs = { code, ...subtreeRange(code), from, to, today, child: childOf(code) }
  const rows = (await scoreSql(args, scheme, { ...OWN, ...ext.assessmentInputs }).execute(ctx.db)).rows
  const run = await ctx.db.insertInto('assessments').values({
    unit_code: code, period, from_day: from, to_day: to, scheme: jsonb(scheme), created_by: ctx.actor.id,
  }).returning('id').executeTakeFirstOrThrow()
  if (rows.length) {
    await ctx.db.insertInto('assessment_results').values(rows.map((r: any) => {
      const score = r.score === null ? null : Number(r.score)
      return {
        assessment_id: run.id, unit_code: r.code, assessor_code: code, score, grade: gradeOf(score, scheme.cutoffs),
        inputs: jsonb(Object.fromEntries(KEYS.map((k) => [k, { score: r[`${k}_score`] === null ? null : Number(r[`${k}_score`]), n: Number(r[`${k}_n`]) }]))),
      }
    })).execute()
  }
  return (await listAssessments(ctx, code)).runs.find((x) => x.id === run.id)!
}

export async function listAssessments(ctx: Ctx, code: string) {
  await assessor(ctx, code, 'read')
  const runs = await ctx.db.selectFrom('assessments').selectAll().where('unit_code', '=', code).orderBy('period', 'desc').execute()
  const results = runs.length ? await ctx.db.selectFrom('assessment_results as r').innerJoin('units as u', 'u.code', 'r.unit_code')
    .select(['r.assessment_id', 'r.unit_code', 'u.name', 'r.inputs', 'r.score', 'r.grade'])
    .where('r.assessment_id', 'in', runs.map((r) => r.id)).orderBy('r.score', 'desc').orderBy('r.unit_code').execute() : []
  const view = (r: (typeof results)[number]) => ({
    unitCode: r.unit_code, name: r.name, score: r.score === null ? null : Number(r.score), grade: r.grade,
    gradeName: r.grade ? GRADE_NAMES[r.grade] : '无数据', inputs: r.inputs,
  })
  // Results about this unit itself, as assessed by the unit above it.
  const about = await ctx.db.selectFrom('assessment_results as r').innerJoin('assessments as a', 'a.id', 'r.assessment_id')
    .select(['a.id', 'a.period', 'a.unit_code as assessor', 'r.score', 'r.grade', 'r.inputs'])
    .where('r.unit_code', '=', code).orderBy('a.period', 'desc').execute()
  return {
    unitCode: code,
    runs: runs.map((r) => ({ id: r.id, period: r.period, from: r.from_day, to: r.to_day, scheme: r.scheme,
      results: results.filter((x) => x.assessment_id === r.id).map(view) })),
    assessedBy: about.map((a) => ({ assessmentId: a.id, period: a.period, assessorCode: a.assessor,
      score: a.score === null ? null : Number(a.score), grade: a.grade, gradeName: a.grade ? GRADE_NAMES[a.grade] : '无数据', inputs: a.inputs })),
  }
}
