// Acceptance (受理, 行政许可法 art. 32): accept with a written receipt (受理凭证), one one-time
// notice of everything missing (一次性告知), the applicant's supplement, a reasoned refusal with
// the remedies (不予受理), and forwarding to the unit that holds the power.
import { addWorkingDays, loadCalendar, workingDaysBetween } from '../../platform/calendar.js'
import type { Ctx } from '../../platform/context.js'
import { jsonb, type Tx } from '../../platform/db/database.js'
import { sql } from 'kysely'
import { Forbidden, Invalid } from '../../platform/errors.js'
import { shanghaiDate } from '../../platform/time.js'
import { holdings, rightsOf, type Right } from '../powers/index.js'
import { resolveCatalog } from '../catalog/index.js'
import { matterAbility, requireMatterRight } from '../powers/index.js'
import { ancestorsOf } from '../units/index.js'
import { actingWindow, caseForStep, explainMissingRight, organFor } from './access.js'
import { countingDay, dueDate, limitOf, limitUnitOf } from './clocks.js'
import { type CaseRow, commit, type Writer } from './events.js'
import { Unprocessable } from './intake.js'
import { caseByReceipt, receiptNotFound } from './tracking.js'
import { enqueue } from './outbox.js'
import { ensureState } from './state.js'
import { checkUploads } from './uploads.js'

const deny = (row: CaseRow, action: string, detail: string) =>
  new Forbidden(detail, { action, subjectType: 'Case', subjectId: row.id })

/**
 * The acceptance right. An in-hall matter (the default; 两集中、两到位) is accepted only through a
 * window of the unit's hall that holds it — no 两头受理 by the department. A matter approved to
 * stay out of the hall is accepted by the unit's staff where the hall entry says.
 */
export async function requireAcceptRight(ctx: Ctx, row: CaseRow, action: string) {
  const hall = await ctx.db.selectFrom('hall_entries').select('in_hall').where('unit_code', '=', row.unit_code)
    .where('matter_code', '=', row.matter_code).executeTakeFirst()
  if (hall && !hall.in_hall) {
    const held = await holdings(ctx.db, row.unit_code, shanghaiDate(ctx.now), row.matter_code)
    if (!held.some((h) => h.rights.includes('accept'))) throw deny(row, action, `本单位不持有事项 ${row.matter_code} 的受理权`)
    return actingWindow(ctx, row.unit_code, row.matter_code, 'accept')
  }
  // The window right says exactly what is missing: the unit's power, the user's window, or the
  // window's authorisation (a department's own staff outside the hall have no hall window: 两头受理).
  try {
    requireMatterRight(await matterAbility(ctx), row.unit_code, row.matter_code, 'accept')
  } catch (e) {
    const why = await explainMissingRight(ctx, row.unit_code.trim(), row.matter_code, 'accept', e as Forbidden)
    throw deny(row, action, `${why.message}。进驻大厅的事项只能由大厅窗口受理`)
  }
  return (await actingWindow(ctx, row.unit_code, row.matter_code, 'accept'))!
}

export async function acceptCase(ctx: Ctx, id: string) {
  const row = await caseForStep(ctx, id, 'accept')
  const windowId = await requireAcceptRight(ctx, row, 'accept')
  ensureState(row.status, 'accept')
  const missing = await ctx.db.selectFrom('case_materials').select('name').where('case_id', '=', id)
    .where('required', '=', true).where('provided', '=', false).execute()
  if (missing.length) throw new Unprocessable('材料不齐全，不能受理；请出具一次性告知书', { missingMaterials: missing.map((m) => m.name) })
  const cal = await loadCalendar(ctx.db, row.unit_code)
  const acceptedDay = countingDay(cal, ctx.now)
  // Art. 32: no decision or notice within 5 working days → accepted from the day of receipt.
  const noticeInTime = row.first_notice_day !== null && row.first_notice_day <= row.acceptance_deadline
  const deemed = !noticeInTime && acceptedDay > row.acceptance_deadline
  const clockStart = deemed ? row.received_day : acceptedDay
  const due = dueDate(cal, { ...row, clock_start: clockStart })!
  const organ = await organFor(ctx, row)
  const fees = ((row.matter as any).fees ?? []).filter((f: any) => f.amount !== undefined)
  if (fees.length) {
    await ctx.db.insertInto('case_fees').values(fees.map((f: any) => ({
      case_id: id, unit_code: row.intake_unit_code, name: f.name, basis: f.basis, amount: f.amount, status: f.amount > 0 ? 'due' : 'waived',
      waiver_basis: f.amount > 0 ? null : '收费标准为零',
    }))).execute()
  }
  await commit(ctx, row, {
    type: 'accepted', windowId, actingFor: organ, payload: { acceptedDay, clockStart, deemed, dueDate: due },
    set: { accepted_at: ctx.now, accepted_day: deemed ? row.received_day : acceptedDay, clock_start: clockStart, deemed_accepted: deemed, due_date: due },
  })
  const unit = await ctx.db.selectFrom('units').select(['code', 'name', 'service_point_name']).where('code', '=', row.unit_code).executeTakeFirstOrThrow()
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'case_confirmed', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”已于${acceptedDay}受理，受理编号 ${row.receipt_no}，承诺办结日期 ${due}。`, data: { receiptNo: row.receipt_no } })
  return {
    caseId: id, status: 'accepted',
    acceptanceReceipt: {
      title: '受理通知书（受理凭证）', receiptNo: row.receipt_no,
      unit: { code: unit.code, name: unit.name, servicePointName: unit.service_point_name }, organ,
      matter: { code: row.matter_code, name: row.matter_name }, receivedOn: row.received_day, acceptedOn: deemed ? row.received_day : acceptedDay,
      promisedCompletionDate: due, deemedAccepted: deemed,
      queryCode: '查询码已在收件时告知申请人（系统只保存其摘要，不能再次显示）',
      tracking: `/api/public/cases/${row.receipt_no}?queryCode=…`,
    },
  }
}

export async function requestSupplement(ctx: Ctx, id: string, input: { items: { name: string; reason: string }[] }) {
  const row = await caseForStep(ctx, id, 'accept')
  const windowId = await requireAcceptRight(ctx, row, 'request-supplement')
  ensureState(row.status, 'request-supplement')
  // 一次性告知: everything in one notice. A later notice may only add items if the applicant
  // changed the application (a `supplemented` event) since the last notice.
  const events = await ctx.db.selectFrom('case_events').select(['type', 'payload']).where('case_id', '=', id)
    .where('type', 'in', ['supplement_requested', 'supplemented']).orderBy('id').execute()
  const lastNotice = events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'supplement_requested').at(-1)
  if (lastNotice && !events.slice(lastNotice.i + 1).some((e) => e.type === 'supplemented')) {
    const before = new Set((lastNotice.e.payload.items as { name: string }[]).map((x) => x.name))
    const added = input.items.filter((x) => !before.has(x.name))
    if (added.length) {
      throw new Unprocessable(`一次性告知后不得再要求新的补正内容（申请人未变更申请）：${added.map((x) => x.name).join('、')}`,
        { items: added.map((x) => x.name), currentStatus: row.status })
    }
  }
  const today = shanghaiDate(ctx.now)
  await commit(ctx, row, { type: 'supplement_requested', windowId, payload: { items: input.items },
    set: { supplement_notices: row.supplement_notices + 1, first_notice_day: row.first_notice_day ?? today } })
  await enqueue(ctx.db, { unitCode: row.intake_unit_code, caseId: id, kind: 'supplement_needed', to: row.applicant_phone, now: ctx.now,
    text: `您申请的“${row.matter_name}”（${row.receipt_no}）需一次性补正：${input.items.map((x) => `${x.name}（${x.reason}）`).join('；')}。`,
    data: { receiptNo: row.receipt_no, items: input.items } })
  return { caseId: id, status: 'supplement_requested', notice: { title: '一次性告知书', items: input.items, issuedOn: today } }
}

export type SuppliedMaterial = string | { name: string; files?: string[] }
const normalise = (ms: SuppliedMaterial[]) => ms.map((m) => (typeof m === 'string' ? { name: m, files: [] as string[] } : { name: m.name, files: m.files ?? [] }))

/** The applicant supplies what was asked (recorded at the window); the case resumes. */
export async function supplement(ctx: Ctx, id: string, input: { materials: SuppliedMaterial[]; note?: string }) {
  const row = await caseForStep(ctx, id, 'accept')
  const windowId = await requireAcceptRight(ctx, row, 'supplement')
  return applySupplement(ctx, row, windowId, input)
}

/**
 * The applicant hands in the items of the one-time notice online, with the receipt number and
 * the query code (a wrong code answers like an unknown number), each with its uploaded files.
 * Resumes the case as a window would.
 */
export async function applicantSupplement(db: Tx, now: Date, receiptNo: string, input: { queryCode: string; materials: SuppliedMaterial[]; note?: string }) {
  const row = await caseByReceipt(db, receiptNo, input.queryCode)
  if (!row) throw receiptNotFound()
  const bare = normalise(input.materials).map((m, i) => ({ m, i })).filter(({ m }) => !m.files.length)
  if (bare.length) throw new Invalid('网上补正须上传材料文件', bare.map(({ m, i }) => ({ field: `materials[${i}].files`, message: `请为“${m.name}”上传文件（POST /api/public/units/{code}/uploads）` })))
  return applySupplement({ db, now, actor: null }, row, null, { materials: input.materials, note: input.note })
}

async function applySupplement(ctx: Writer, row: CaseRow, windowId: string | null, input: { materials: SuppliedMaterial[]; note?: string }) {
  const id = row.id
  ensureState(row.status, 'supplement')
  if (row.status === 'suspended' && row.suspension_ground !== 'supplement') {
    ensureState(row.status, 'resume', '办件因其他法定事由中止，补正不能恢复计时；请使用 resume')
  }
  const items = normalise(input.materials)
  const known = await ctx.db.selectFrom('case_materials').select('name').where('case_id', '=', id).execute()
  const bad = items.filter((m) => !known.some((k) => k.name === m.name))
  if (bad.length) throw new Invalid('补正的材料不在该事项的材料清单中', bad.map((m) => ({ field: 'materials', message: `“${m.name}”不是该事项要求的材料` })))
  // Files uploaded to the unit applied to, or to the one handling the case now.
  await checkUploads(ctx.db, [...new Set([row.intake_unit_code.trim(), row.unit_code.trim()])], items)
  for (const m of items) {
    await ctx.db.updateTable('case_materials').set({ provided: true, provided_at: ctx.now,
      files: sql<string[]>`array(select distinct unnest(files || ${m.files}::uuid[]))` })
      .where('case_id', '=', id).where('name', '=', m.name).execute()
  }
  const resume = row.status === 'suspended' ? await resumeFields(ctx, row) : {}
  await commit(ctx, row, { type: 'supplemented', windowId, payload: { materials: items.map((m) => m.name), files: items.flatMap((m) => m.files),
    note: input.note ?? '', resumeTo: row.suspended_from, by: ctx.actor ? 'staff' : 'applicant' }, set: resume })
  return { caseId: id, status: row.status === 'suspended' ? row.suspended_from : 'submitted' }
}

/** Resuming a suspended clock: the working days suspended push the due date (art. 45). */
export async function resumeFields(ctx: Pick<Ctx, 'db' | 'now'>, row: CaseRow) {
  const cal = await loadCalendar(ctx.db, row.unit_code)
  const today = shanghaiDate(ctx.now)
  const days = row.suspended_since ? workingDaysBetween(cal, row.suspended_since, today) : 0
  const suspended = row.suspended_days + days
  return { suspended_days: suspended, suspended_since: null, suspension_ground: null, suspended_from: null,
    due_date: dueDate(cal, { ...row, suspended_days: suspended }) }
}

export async function rejectCase(ctx: Ctx, id: string, input: { reason: string; remedy: string }) {
  const row = await caseForStep(ctx, id, 'accept')
  const windowId = await requireAcceptRight(ctx, row, 'reject')
  ensureState(row.status, 'reject')
  const organ = await organFor(ctx, row)
  await commit(ctx, row, { type: 'rejected', windowId, actingFor: organ, payload: { reason: input.reason, remedy: input.remedy } })
  return { caseId: id, status: 'rejected', notice: { title: '不予受理决定书', organ, reason: input.reason, remedy: input.remedy, issuedOn: shanghaiDate(ctx.now) } }
}

/**
 * Forwarding (转报): to a unit up the intake chain (the township or county above) that holds the
 * power. Going only upward keeps the intake unit in every handler's subtree, so the whole trail
 * stays readable by every unit that took part, without subqueries in the policies.
 *
 * 代办 (全程代理): a case a village agent took in under a guidance-catalog matter goes on as the
 * matter it stands for (agentFor): the receiver is the nearest unit above holding that power
 * (found from the effective powers when not named), and the case takes that unit's catalog entry
 * (limits, materials) so its hall window accepts it as its own.
 */
export async function forwardCase(ctx: Ctx, id: string, input: { toUnitCode?: string; reason: string }) {
  const row = await caseForStep(ctx, id, 'forward')
  ensureState(row.status, 'forward')
  const today = shanghaiDate(ctx.now)
  const from = row.unit_code.trim()
  const agentMatter = row.channel === 'agent' && !row.agent_matter_code ? row.matter_code : null
  const target = agentMatter ? ((row.matter as any).agentFor as string | undefined) ?? row.matter_code : row.matter_code
  const chain = ancestorsOf(from) // nearest first
  const holds = async (unit: string, rights: Right[]) => {
    const r = rightsOf(await holdings(ctx.db, unit, today, target))
    return rights.every((x) => r.has(x))
  }
  let to = input.toUnitCode
  if (to) {
    if (!chain.includes(to)) throw new Invalid('只能转报给本单位的上级单位（乡镇或县级）', [{ field: 'toUnitCode', message: '不是本单位的上级' }])
    if (!(await holds(to, ['accept']))) {
      throw new Invalid('接收单位不持有该事项的权力', [{ field: 'toUnitCode', message: `该单位不能办理事项 ${target}` }])
    }
  } else {
    for (const u of chain) if (await holds(u, ['accept', 'decide'])) { to = u; break }
    if (!to) throw new Unprocessable(`上级单位均不持有事项 ${target} 的受理和审批权，无法转报`, { matterCode: target })
  }
  const cal = await loadCalendar(ctx.db, to)
  const set: Record<string, unknown> = { unit_code: to, acceptance_deadline: addWorkingDays(cal, row.received_day, 5) }
  if (agentMatter) {
    const [m] = await resolveCatalog(ctx.db, to, today, target)
    if (!m) throw new Unprocessable(`接收单位的事项目录中没有被代办事项 ${target}`, { matterCode: target })
    Object.assign(set, { agent_matter_code: agentMatter, matter_code: target, matter_name: m.data.name, matter: jsonb(m.data),
      catalog_unit_code: m.sourceUnit, catalog_version: m.version, limit_days: limitOf(m.data, row.parallel), limit_unit: limitUnitOf(m.data, row.parallel) })
    // The receiver's material list decides acceptance: what the agent collected counts, the rest is asked for.
    const have = await ctx.db.selectFrom('case_materials').select('name').where('case_id', '=', id).execute()
    const names = new Set(m.data.materials.map((x) => x.name))
    const add = m.data.materials.filter((x) => !have.some((h) => h.name === x.name))
    if (add.length) {
      await ctx.db.insertInto('case_materials').values(add.map((x) => ({ case_id: id, unit_code: row.intake_unit_code, name: x.name, required: x.required, provided: false }))).execute()
    }
    for (const x of m.data.materials) await ctx.db.updateTable('case_materials').set({ required: x.required }).where('case_id', '=', id).where('name', '=', x.name).execute()
    const extra = have.filter((h) => !names.has(h.name)).map((h) => h.name)
    if (extra.length) await ctx.db.updateTable('case_materials').set({ required: false }).where('case_id', '=', id).where('name', 'in', extra).execute()
  }
  await commit(ctx, row, { type: 'forwarded',
    payload: { from, to, reason: input.reason, ...(agentMatter ? { agentMatterCode: agentMatter, matterCode: target } : {}) }, set })
  return { caseId: id, status: row.status, unitCode: to, matterCode: target }
}
