// The case lifecycle. Every transition is an event (case_events, append-only); cases.status is
// the projection of those events, written in the same transaction as the event. nextStatus()
// is the one reducer: the verbs use it to project, and statusFromEvents() rebuilds a status
// from the history alone (a test compares the two).
import { Conflict } from '../../platform/errors.js'

export const STATUSES = ['submitted', 'supplement_requested', 'accepted', 'reviewed', 'decided', 'certified', 'delivered', 'rejected', 'suspended'] as const
export type Status = (typeof STATUSES)[number]
export const STATUS_NAMES: Record<Status, string> = {
  submitted: '已收件待受理', supplement_requested: '待补正（已一次性告知）', accepted: '已受理', reviewed: '已审核',
  decided: '已作出决定', certified: '已制证', delivered: '已送达（办结）', rejected: '不予受理', suspended: '中止（暂停计时）',
}
export const OPEN_STATUSES: Status[] = ['submitted', 'supplement_requested', 'accepted', 'reviewed', 'decided', 'certified', 'suspended']

export type EventType = 'received' | 'forwarded' | 'supplement_requested' | 'supplemented' | 'accepted' | 'rejected'
  | 'suspended' | 'resumed' | 'extended' | 'reviewed' | 'decided' | 'certified' | 'delivered'
  | 'fee_paid' | 'fee_waived' | 'consultation_opened' | 'part_decided' | 'returned'

/** Every event type with its Chinese name (the API document lists them; a new type must be named here). */
export const EVENT_NAMES: Record<EventType, string> = {
  received: '收件', forwarded: '转报', supplement_requested: '一次性告知补正', supplemented: '补正', accepted: '受理', rejected: '不予受理',
  suspended: '中止计时', resumed: '恢复计时', extended: '延长期限', reviewed: '审核', decided: '作出决定', certified: '制证', delivered: '送达',
  fee_paid: '缴费', fee_waived: '减免费用', consultation_opened: '发起并联审批', part_decided: '部门出具意见', returned: '办理结果转回代办站',
}
export const EVENT_TYPES = Object.keys(EVENT_NAMES) as [EventType, ...EventType[]]

export type CaseAction = 'forward' | 'request-supplement' | 'supplement' | 'reject' | 'accept' | 'suspend' | 'resume'
  | 'extend' | 'review' | 'decide' | 'certify' | 'pay' | 'deliver' | 'consult' | 'decide-part'

/** Which statuses each action may start from. */
export const ALLOWED_FROM: Record<CaseAction, Status[]> = {
  forward: ['submitted', 'supplement_requested'],
  'request-supplement': ['submitted', 'supplement_requested'],
  supplement: ['supplement_requested', 'suspended'],
  reject: ['submitted', 'supplement_requested'],
  accept: ['submitted'],
  suspend: ['accepted', 'reviewed'],
  resume: ['suspended'],
  extend: ['accepted', 'reviewed', 'suspended'],
  review: ['accepted'],
  decide: ['reviewed'],
  certify: ['decided'],
  pay: ['accepted', 'reviewed', 'decided', 'suspended'],
  deliver: ['certified', 'decided'],
  consult: ['accepted', 'reviewed'],
  'decide-part': ['accepted', 'reviewed'],
}

/** The status after an event (payload carries where a suspension returns to). */
export function nextStatus(current: Status | null, type: EventType, payload: Record<string, any> = {}): Status {
  switch (type) {
    case 'received': return 'submitted'
    case 'supplement_requested': return 'supplement_requested'
    case 'supplemented': return current === 'suspended' ? payload.resumeTo : 'submitted'
    case 'accepted': return 'accepted'
    case 'rejected': return 'rejected'
    case 'suspended': return 'suspended'
    case 'resumed': return payload.resumeTo
    case 'reviewed': return 'reviewed'
    case 'decided': return 'decided'
    case 'certified': return 'certified'
    case 'delivered': return 'delivered'
    default: return current! // forwarded, returned, extended, fees, consultations: no change of state
  }
}

export function statusFromEvents(events: { type: string; payload: any }[]): Status | null {
  return events.reduce<Status | null>((s, e) => nextStatus(s, e.type as EventType, e.payload ?? {}), null)
}

/** 409 with the current status unless `action` may start from it. */
export function ensureState(status: string, action: CaseAction, detail?: string) {
  if (!ALLOWED_FROM[action].includes(status as Status)) {
    throw new Conflict(detail ?? `办件当前状态为“${STATUS_NAMES[status as Status] ?? status}”，不能执行该操作`, { currentStatus: status })
  }
}
