// Intake (收件): at a window, by a village agent (代办) or online without an account. The
// applicant's identifier is checked (GB 11643 / GB 32100) by the schema; materials are checked
// against the matter's list in the unit's catalog; the case gets its receipt number and a query
// code (shown once, stored only as a hash). An Idempotency-Key makes retries return the same case.
import { createHash } from 'node:crypto'
import { newQueryCode } from '../../platform/query-code.js'
import { sql } from 'kysely'
import { mustBeAllowed, mustSee } from '../../platform/authorize.js'
import { loadCalendar, addWorkingDays } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { AppError, Forbidden, Invalid, NotFound } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { type Actor, subject } from '../../platform/abilities.js'
import { resolveCatalog, type ResolvedMatter } from '../catalog/index.js'
import { holdings } from '../powers/index.js'
import { findUnit } from '../units/index.js'
import { ROLE_NAMES } from '../users/index.js'
import { ACCEPTANCE_DAYS, countingDay, limitOf, limitUnitOf } from './clocks.js'
import { commit, insertEvent } from './events.js'
import { enqueue } from './outbox.js'
import { checkUploads } from './uploads.js'
import { maskId, maskName, maskPhone } from './identity.js'
import { details, toCase } from './queries.js'

export interface IntakeInput {
  unitCode: string
  matterCode: string
  bundle?: string[]
  channel?: 'window' | 'agent' | 'online'
  applicant: { kind: 'person' | 'org'; idNumber: string; name: string; phone: string }
  materials: { name: string; files?: string[] }[]
}

export class Unprocessable extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) { super(422, 'unprocessable', '无法按此办理', detail, extra) }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
/** Key-order-independent JSON, so the same body always hashes the same. */
const canonical = (v: unknown): string => Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
  : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(',')}}`
  : JSON.stringify(v)
// Query codes: 8 characters without look-alikes (0/O, 1/I/L).
export const hashQueryCode = (receiptNo: string, code: string) => sha256(`${receiptNo}:${code.toUpperCase()}`)

/** <unit code>-<yyyymmdd>-<seq>: a per-unit, per-day counter row, upserted (safe under concurrency). */
async function nextReceiptNo(db: Tx, unit: string, day: string) {
  const r = await sql<{ last: number }>`
    insert into case_receipt_counters (unit_code, day, last) values (${unit}, ${day}::date, 1)
    on conflict (unit_code, day) do update set last = case_receipt_counters.last + 1 returning last`.execute(db)
  return `${unit}-${day.replaceAll('-', '')}-${String(r.rows[0].last).padStart(5, '0')}`
}

export async function intakeStaff(ctx: Ctx, input: IntakeInput, key?: string) {
  mustSee(ctx, 'Unit', await findUnit(ctx.db, input.unitCode), { action: 'intake', id: input.unitCode })
  // An actor allowed to take in as 代办 at its own unit is an agent: 代办 is its default channel.
  const asAgent = ctx.ability.can('intake', subject('Case', { unitCode: ctx.actor.unitCode, channel: 'agent' }))
  const channel = input.channel ?? (asAgent ? 'agent' : 'window')
  if (channel === 'agent' && !asAgent) {
    throw new Forbidden('只有代办员可以以代办方式收件', { action: 'intake', subjectType: 'Case', subjectId: input.unitCode })
  }
  mustBeAllowed(ctx, 'intake', 'Case', { unitCode: input.unitCode, channel }, input.unitCode,
    ctx.actor.unitCode !== input.unitCode ? '只能在本单位收件'
      : `收件须由${ROLE_NAMES.window_clerk}（窗口）或${ROLE_NAMES.agent}（代办）办理；您的角色是：${ctx.actor.roles.map((r) => ROLE_NAMES[r]).join('、')}`)
  return intake(ctx.db, ctx.now, ctx.actor, { ...input, channel }, key)
}

/**
 * 代办: an agent takes in only a matter of the guidance catalog (可代办) that its station holds the
 * agent right for (受理 by a grant from above). Refused (403, recorded) otherwise.
 */
async function mustHoldAgentRight(db: Tx, unitName: string, unitCode: string, today: string, matter: ResolvedMatter) {
  const refusal = { action: 'intake' as const, subjectType: 'Matter' as const, subjectId: `${unitCode}:${matter.matterCode}` }
  if (!matter.data.agentService) throw new Forbidden(`事项“${matter.data.name}”不在${unitName}的代办事项目录中（不可代办）`, refusal)
  const held = await holdings(db, unitCode, today, matter.matterCode)
  if (!held.some((h) => h.rights.includes('accept'))) {
    throw new Forbidden(`${unitName}不持有事项“${matter.data.name}”的代办权（须有上级下放或委托的受理、送达权）`, refusal)
  }
}

/** Shared by staff and online intake (actor null: online, no account). Returns [status, body]. */
export async function intake(db: Tx, now: Date, actor: Actor | null, input: IntakeInput & { channel: 'window' | 'agent' | 'online' }, key?: string) {
  const actorKey = actor ? `user:${actor.id}` : `online:${input.unitCode}`
  const requestHash = sha256(canonical(input))
  if (key) {
    const seen = await db.selectFrom('idempotency_keys').selectAll().where('actor_key', '=', actorKey).where('key', '=', key).executeTakeFirst()
    if (seen) {
      if (seen.request_hash !== requestHash) throw new Unprocessable('同一 Idempotency-Key 已用于内容不同的申请，请换一个键', { caseId: seen.case_id })
      return [200, { ...seen.response, replayed: true }] as const
    }
  }
  const unit = await findUnit(db, input.unitCode)
  if (!unit || !unit.active) throw new NotFound('未找到该单位')
  const today = shanghaiDate(now)
  const codes = [input.matterCode, ...(input.bundle ?? [])]
  if (new Set(codes).size !== codes.length) throw new Invalid('并联事项不能重复', [{ field: 'bundle', message: '事项重复' }])
  const resolved = new Map((await resolveCatalog(db, input.unitCode, today)).map((m) => [m.matterCode, m]))
  const issues = codes.filter((c) => !resolved.has(c)).map((c, i) => ({ field: i === 0 && c === input.matterCode ? 'matterCode' : 'bundle', message: `${unit.name}的目录中没有事项 ${c}` }))
  if (issues.length) throw new Invalid('申请的事项不在该单位的事项目录中', issues)
  const matter = resolved.get(input.matterCode)!
  if (input.channel === 'online' && !matter.data.online) throw new Unprocessable(`事项“${matter.data.name}”不支持网上申请，请到窗口办理`)
  if (input.channel === 'agent') await mustHoldAgentRight(db, unit.name, input.unitCode, today, matter)

  // Materials against the matter's list at this unit (名称须与办事指南一致).
  const list = matter.data.materials
  const given = new Set(input.materials.map((m) => m.name))
  const unknown = input.materials.map((m, i) => ({ m, i })).filter(({ m }) => !list.some((l) => l.name === m.name))
  if (unknown.length) throw new Invalid('提交的材料不在该事项的材料清单中', unknown.map(({ m, i }) => ({ field: `materials[${i}].name`, message: `“${m.name}”不是该事项要求的材料` })))
  await checkUploads(db, [input.unitCode], input.materials)
  // Online, a material is handed in by its file; a name alone is not the material.
  if (input.channel === 'online') for (const m of input.materials) if (!m.files?.length) given.delete(m.name)
  const filesOf = new Map<string, string[]>()
  for (const m of input.materials) filesOf.set(m.name, [...new Set([...(filesOf.get(m.name) ?? []), ...(m.files ?? [])])])
  const missing = list.filter((l) => l.required && !given.has(l.name)).map((l) => l.name)

  const cal = await loadCalendar(db, input.unitCode)
  const receivedDay = countingDay(cal, now)
  const receiptNo = await nextReceiptNo(db, input.unitCode, today)
  const queryCode = newQueryCode()
  const a = input.applicant
  const parallel = codes.length > 1
  const row = await db.insertInto('cases').values({
    unit_code: input.unitCode, intake_unit_code: input.unitCode, matter_code: input.matterCode, matter_name: matter.data.name,
    catalog_unit_code: matter.sourceUnit, catalog_version: matter.version, matter: jsonb(matter.data), bundle: input.bundle ?? [],
    parallel, channel: input.channel, applicant_kind: a.kind, applicant_id_number: a.idNumber, applicant_id_masked: maskId(a.idNumber),
    applicant_name: a.name, applicant_name_masked: maskName(a.name, a.kind), applicant_phone: a.phone, applicant_phone_masked: maskPhone(a.phone),
    receipt_no: receiptNo, query_code_hash: hashQueryCode(receiptNo, queryCode), status: 'submitted',
    received_at: now, received_day: receivedDay, acceptance_deadline: addWorkingDays(cal, receivedDay, ACCEPTANCE_DAYS),
    limit_days: limitOf(matter.data, parallel), limit_unit: limitUnitOf(matter.data, parallel), created_by: actor?.id ?? null,
  }).returningAll().executeTakeFirstOrThrow()
  if (list.length) {
    await db.insertInto('case_materials').values(list.map((l) => ({
      case_id: row.id, unit_code: input.unitCode, name: l.name, required: l.required, provided: given.has(l.name), provided_at: given.has(l.name) ? now : null,
      files: given.has(l.name) ? filesOf.get(l.name) ?? [] : [],
    }))).execute()
  }
  await insertEvent(db, row, { type: 'received', payload: { channel: input.channel, matterCode: input.matterCode, bundle: input.bundle ?? [],
    materials: [...given], missingMaterials: missing } }, actor && { id: actor.id, unitCode: actor.unitCode }, now)
  // An online application without the required files is not a bare receipt: what is missing goes
  // at once into the one-time notice (一次性告知), and the applicant supplements online.
  let notice: { title: string; items: { name: string; reason: string }[]; issuedOn: string } | null = null
  let current = row
  if (input.channel === 'online' && missing.length) {
    const items = missing.map((name) => ({ name, reason: '网上申请未上传该材料' }))
    await commit({ db, now, actor: null }, row, { type: 'supplement_requested', payload: { items, automatic: true },
      set: { supplement_notices: 1, first_notice_day: today } })
    await enqueue(db, { unitCode: input.unitCode, caseId: row.id, kind: 'supplement_needed', to: a.phone, now,
      text: `您申请的“${matter.data.name}”（${receiptNo}）需一次性补正：${items.map((x) => x.name).join('；')}。请凭受理编号和查询码网上补正。`,
      data: { receiptNo, items } })
    notice = { title: '一次性告知书', items, issuedOn: today }
    current = await db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  }
  const body = {
    ...(notice ? { notice } : {}),
    case: { ...toCase(current, today, actor !== null), ...(await details(db, row.id)) },
    receipt: { receiptNo, queryCode, notice: '请妥善保存受理编号和查询码，查询码只显示这一次' },
    missingMaterials: missing,
  }
  if (key) {
    await db.insertInto('idempotency_keys').values({
      unit_code: input.unitCode, actor_key: actorKey, key, request_hash: requestHash, case_id: row.id, response: jsonb(body),
    }).execute()
  }
  return [201, body] as const
}
