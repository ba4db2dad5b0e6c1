// Which actions a user is offered on a case: the status allows it (the API's ALLOWED_FROM), one of
// the user's roles does that step, and the user holds the matter right (powers/mine). The API
// checks all of it again; this only keeps buttons off the screen that would be refused.
import type { CaseAction, CaseRow } from './queries'

export const ACTIONS: Record<CaseAction, { label: string; from: string[]; right: string | null; roles: string[] }> = {
  accept: { label: '受理', from: ['submitted'], right: 'accept', roles: ['window_clerk', 'agent'] },
  'request-supplement': { label: '一次性告知补正', from: ['submitted', 'supplement_requested'], right: 'accept', roles: ['window_clerk', 'agent'] },
  supplement: { label: '登记补正材料', from: ['supplement_requested'], right: 'accept', roles: ['window_clerk', 'agent'] },
  reject: { label: '不予受理', from: ['submitted', 'supplement_requested'], right: 'accept', roles: ['window_clerk', 'agent'] },
  review: { label: '审核', from: ['accepted'], right: 'review', roles: ['reviewer'] },
  decide: { label: '作出决定', from: ['reviewed'], right: 'decide', roles: ['approver'] },
  suspend: { label: '中止计时', from: ['accepted', 'reviewed'], right: 'review', roles: ['reviewer', 'approver'] },
  resume: { label: '恢复计时', from: ['suspended'], right: 'review', roles: ['reviewer', 'approver'] },
  extend: { label: '延长期限', from: ['accepted', 'reviewed', 'suspended'], right: 'decide', roles: ['approver'] },
  pay: { label: '缴费/减免', from: ['accepted', 'reviewed', 'decided', 'suspended'], right: 'accept', roles: ['window_clerk'] },
  certify: { label: '制证', from: ['decided'], right: 'certify', roles: ['window_clerk', 'approver'] },
  deliver: { label: '送达', from: ['certified', 'decided'], right: 'deliver', roles: ['window_clerk', 'agent'] },
}

export function actionsFor(c: { status: string; matterCode: string }, roles: string[], rights: { matterCode: string; rights: string[] }[]): CaseAction[] {
  const mine = rights.find((r) => r.matterCode === c.matterCode)?.rights ?? []
  return (Object.keys(ACTIONS) as CaseAction[]).filter((a) => {
    const d = ACTIONS[a]
    return d.from.includes(c.status) && d.roles.some((r) => roles.includes(r)) && (!d.right || mine.includes(d.right))
  })
}

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue', supplement_requested: 'orange', accepted: 'cyan', reviewed: 'geekblue', decided: 'purple',
  certified: 'purple', delivered: 'green', rejected: 'default', suspended: 'gold',
}
export const EVENT_NAMES: Record<string, string> = {
  received: '收件', forwarded: '转报', supplement_requested: '一次性告知补正', supplemented: '补正材料', accepted: '受理', rejected: '不予受理',
  suspended: '中止计时', resumed: '恢复计时', extended: '延长期限', reviewed: '审核', decided: '作出决定', certified: '制证', delivered: '送达',
  fee_paid: '缴费', fee_waived: '费用减免', consultation_opened: '征求意见', part_decided: '协办意见',
}

/** The organ in whose name the unit acts (its own department, or the entrusting organ's). */
export const organOf = (c: CaseRow): string | null => {
  const e = [...(c.events ?? [])].reverse().find((x) => x.actingFor)
  return c.holder?.name ?? (e ? String(e.actingFor.name ?? e.actingFor) : null)
}
