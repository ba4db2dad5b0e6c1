// CASL abilities, built per request from the actor's roles at its unit and the relation
// of a subject to that unit (self, subtree, ancestor). Route guards check single objects
// with ability.can(action, subject(type, row)); lists translate the same rules into SQL
// (casl-sql.ts). Later modules add the powers a unit holds by grant or window.
import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery, subject } from '@casl/ability'
import { levelOf, significantPrefix } from './codes.js'
import type { Role } from './roles.js'
import { subtreeRange } from './scope.js'

export type Action = 'read' | 'create' | 'update' | 'deactivate' | 'import' | 'setPilot'
  | 'editCatalog' | 'publishCatalog' | 'grant' | 'revoke' | 'manageWindows' | 'approveOutOfHall'
  | 'editStandards' | 'publishStandards' | 'selfReport' | 'inspect' | 'report' | 'verify' | 'reopen'
  | 'intake' | 'handle' | 'extend' | 'editCalendar'
  | 'accept' | 'forward' | 'review' | 'decide' | 'certify' | 'deliver'
  | 'answer' | 'issueVisit' | 'appeal' | 'decideAppeal' | 'rectify' | 'configure' | 'run' | 'submit' | 'approve' | 'return'
  | 'verifyAudit'
  | 'manageHall' | 'serve' | 'publish'
  | 'answerWarning' | 'escalate'
export type SubjectType = 'Unit' | 'User' | 'Refusal'
  | 'Catalog' | 'Grant' | 'Window'
  | 'StandardTemplate' | 'Inspection' | 'Rectification' | 'Evidence' | 'Case'
  | 'Audit' | 'SupervisionSettings' | 'Complaint' | 'Visit' | 'Evaluation' | 'Finding' | 'Assessment' | 'Report'
  | 'Hall' | 'Ticket' | 'Appointment' | 'Consultation' | 'Publicity'
  | 'Oversight' | 'OversightSettings' | 'Warning'
// Subjects are plain rows tagged with subject(type, row); conditions name their fields.
export type AppAbility = MongoAbility<[Action, SubjectType | (Record<string, any> & { __caslSubjectType__?: SubjectType })], MongoQuery<Record<string, any>>>

export interface Actor {
  id: string
  username: string
  displayName: string
  unitCode: string
  roles: Role[]
}

export function defineAbilityFor(actor: Actor, ancestors: string[]): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility)
  const { lo, hi } = subtreeRange(actor.unitCode)
  const subtree = { $gte: lo, $lte: hi }
  const below = { $gte: lo, $lte: hi, $ne: actor.unitCode } // strictly below own unit

  // Everyone reads the units of its own subtree, the names of its ancestors, and itself.
  can('read', 'Unit', { code: subtree })
  if (ancestors.length) can('read', 'Unit', { code: { $in: ancestors } })
  can('read', 'User', { id: actor.id })
  can('update', 'User', ['displayName', 'password'], { id: actor.id })

  const roles = new Set(actor.roles)
  if (roles.has('center_admin')) {
    can('create', 'Unit', { code: below })
    can('import', 'Unit', { code: subtree })
    can('update', 'Unit', { code: subtree })
    can('deactivate', 'Unit', { code: below })
    // Expanded-power pilot towns (扩权强镇) are designated from above, never by themselves.
    can('setPilot', 'Unit', { code: below })
    can('read', 'User', { unitCode: subtree })
    can('create', 'User', { unitCode: subtree })
    // No one edits their own account's roles or status (no self-escalation).
    can('update', 'User', { unitCode: subtree, id: { $ne: actor.id } })
    can('read', 'Refusal', { unitCode: subtree })
    // Catalogs: a unit's own and, where a township differs, set by the county above it.
    can(['read', 'editCatalog', 'publishCatalog'], 'Catalog', { unitCode: subtree })
    // Grants of powers go from a unit of the subtree to a unit below it (checked in the verb).
    can(['read', 'grant', 'revoke'], 'Grant', { unitCode: subtree })
    can(['read', 'manageWindows'], 'Window', { unitCode: subtree })
    // Out-of-hall handling needs the county center's approval (两集中、两到位).
    if (actor.unitCode.slice(6) === '000000' && actor.unitCode.slice(4, 6) !== '00') {
      can('approveOutOfHall', 'Catalog', { unitCode: subtree })
    }
  }
  // Every staff member reads the catalogs, grants and windows of its own subtree.
  can('read', 'Catalog', { unitCode: subtree })
  can('read', 'Grant', { unitCode: subtree })
  can('read', 'Grant', { granteeCode: subtree })
  can('read', 'Window', { unitCode: subtree })
  // Building standards (标准化建设): everyone reads its subtree's checklists, inspections,
  // tasks and evidence. Published checklists of ancestors flow down through RLS (templates.ts).
  can('read', ['StandardTemplate', 'Inspection', 'Rectification', 'Evidence'], { unitCode: subtree })
  if (roles.has('center_admin')) {
    // A unit's checklist additions, its self-report (自评) and its fixes are its admin's (站长) work.
    can(['editStandards', 'publishStandards'], 'StandardTemplate', { unitCode: subtree })
    can('selfReport', 'Inspection', { unitCode: subtree })
    // …reported by the station or a unit above it, but below the unit that gave the task: the
    // issuing side accepts or returns the fix, never reports it for itself (ancestors' codes sort first).
    can('report', 'Rectification', { unitCode: subtree, inspectorUnitCode: { $lt: lo } })
    can('create', 'Evidence', { unitCode: subtree })
  }
  if (roles.has('center_admin') || roles.has('inspector')) {
    // The parent inspects its children; nobody inspects itself or outside its subtree, and
    // only the inspecting side (or above it) verifies or reopens the fix.
    can('inspect', 'Inspection', { unitCode: below })
    can(['create', 'verify', 'reopen'], 'Rectification', { unitCode: below, inspectorUnitCode: subtree })
    can('create', 'Evidence', { unitCode: below })
  }
  // Cases (办件): read where handled or taken in within the subtree (the entrusting county sees
  // its township's cases). Acting on one needs two things: the user's role for the step (these
  // rules, on the handling unit) and the matter right at that unit through one of the user's
  // windows (modules/powers/matter-ability.ts). 受审分离: acceptance at the window, review by a
  // reviewer, the decision by an approver; the certificate and delivery at the window or by the approver.
  can('read', 'Case', { unitCode: subtree })
  can('read', 'Case', { intakeUnitCode: subtree })
  const own = actor.unitCode
  const staff = ['window_clerk', 'agent', 'center_admin', 'reviewer', 'approver'] as const
  // Steps without a role of their own (suspension, resumption, fees, consultations): any staff of the handling unit.
  if (staff.some((r) => roles.has(r))) can('handle', 'Case', { unitCode: own })
  // The window takes in at the window (or online on the applicant's behalf), never as 代办.
  if (roles.has('window_clerk')) {
    can('intake', 'Case', { unitCode: own, channel: { $ne: 'agent' } })
    can(['accept', 'forward', 'certify', 'deliver'], 'Case', { unitCode: own })
  }
  // A village agent (代办员) takes in only for 代办, and hands the result back to the applicant (送达).
  if (roles.has('agent')) can(['intake', 'forward', 'deliver'], 'Case', { unitCode: own, channel: 'agent' })
  if (roles.has('reviewer')) can('review', 'Case', { unitCode: own })
  // An extension (延期) needs an approver's recorded approval (art. 42).
  if (roles.has('approver')) can(['decide', 'certify', 'deliver', 'extend'], 'Case', { unitCode: own })
  // Local holidays and make-up workdays of a unit's calendar (flow down its subtree).
  if (roles.has('center_admin')) can('editCalendar', 'Unit', { code: subtree })
  // Supervision (电子监察): complaints, evaluations, findings, assessments and reports of the
  // subtree are read by its staff. Acting on them is the admin's; deciding is the unit above's.
  can('read', ['SupervisionSettings', 'Complaint', 'Visit', 'Evaluation', 'Finding', 'Assessment', 'Report'], { unitCode: subtree })
  if (roles.has('center_admin')) {
    can('configure', ['SupervisionSettings', 'Assessment'], { unitCode: subtree })
    can('answer', 'Complaint', { handlerCode: subtree })
    can('issueVisit', 'Visit', { unitCode: subtree })
    can(['appeal', 'rectify'], 'Evaluation', { unitCode: subtree })
    // An appeal against a rating is decided by the unit above (never by the unit itself).
    can('decideAppeal', 'Evaluation', { unitCode: below })
    can('run', 'Assessment', { unitCode: subtree })
    can(['create', 'submit'], 'Report', { unitCode: subtree })
    // A report goes up to the parent, which approves or returns it.
    can(['approve', 'return'], 'Report', { unitCode: below })
    can('verifyAudit', 'Audit', { unitCode: subtree })
  }
  // Oversight over cases (办件监察: warnings, anomalies, figures, the supervisors' inbox): the
  // supervisors (监察, read-only) and center admins of a unit read it over their subtree. Its
  // thresholds and anomaly rules are the city center admin's alone.
  if (roles.has('supervisor') || roles.has('center_admin')) can('read', 'Oversight', { unitCode: subtree })
  if (roles.has('center_admin') && levelOf(own) === 'city') can('configure', 'OversightSettings', { unitCode: own })
  // A red warning (红色预警) is answered by the handling unit's staff who act on its cases.
  if (['center_admin', 'approver', 'reviewer', 'window_clerk'].some((r) => roles.has(r as Role))) {
    can('answerWarning', 'Warning', { unitCode: own })
  }
  // …and escalated by hand (升级督办) by a supervisor of a unit above the handling unit.
  if (roles.has('supervisor')) can('escalate', 'Warning', { unitCode: below })
  // The window clerk issues the visit ticket (办事凭条) that the evaluation needs.
  if (roles.has('window_clerk')) can('issueVisit', 'Visit', { unitCode: actor.unitCode })
  if (roles.has('center_admin') || roles.has('inspector')) {
    // 明查暗访: only from above, against a unit, window or staff member of the subtree.
    can('create', 'Finding', { unitCode: below })
  }
  if (roles.has('supervisor')) {
    can('verifyAudit', 'Audit', { unitCode: subtree })
    // 监察: read-only over the whole subtree.
    can('read', 'User', { unitCode: subtree })
    can('read', 'Refusal', { unitCode: subtree })
  }
  // Hall services (大厅服务): the subtree reads halls, queues, bookings, consultations and
  // publicity; the admin sets halls, groups, slots and settings and publishes lists; the unit's
  // own staff call tickets, answer consultations and objections (never the unit above).
  can('read', ['Hall', 'Ticket', 'Appointment', 'Consultation', 'Publicity'], { unitCode: subtree })
  if (roles.has('center_admin')) {
    can('manageHall', 'Hall', { unitCode: subtree })
    can('publish', 'Publicity', { unitCode: subtree })
  }
  if (roles.has('window_clerk') || roles.has('agent') || roles.has('center_admin')) {
    can('serve', ['Ticket', 'Appointment'], { unitCode: actor.unitCode })
    can(['answer', 'publish'], 'Consultation', { unitCode: actor.unitCode })
    can('answer', 'Publicity', { unitCode: actor.unitCode })
  }
  return build()
}

// Abilities are immutable once built and depend only on the actor's id, unit and roles (its
// ancestors follow from the unit), so each is built once and reused: building one costs ~50 µs,
// a visible share of a short request (bench units-children). Bounded; the oldest entry goes first.
const ABILITY_CACHE_SIZE = 5000
const abilities = new Map<string, AppAbility>()

/** The actor's ability, from the cache when an actor with the same id, unit and roles had one. */
export function abilityFor(actor: Actor, ancestors: string[]): AppAbility {
  const key = `${actor.id}|${actor.unitCode}|${actor.roles.join(',')}`
  let ability = abilities.get(key)
  if (ability) return ability
  ability = defineAbilityFor(actor, ancestors)
  if (abilities.size >= ABILITY_CACHE_SIZE) abilities.delete(abilities.keys().next().value!)
  abilities.set(key, ability)
  return ability
}

export const significant = significantPrefix
export { subject }
