// Who may act on a red warning, as the API decides it (platform/abilities.ts): the screen offers
// a button only to those the API would let through.
import type { Me } from '../auth/queries'
import { within } from '../../session'
import type { Warning } from './queries'

const HANDLERS = ['center_admin', 'approver', 'reviewer', 'window_clerk']

/** The handling unit's own staff explain an overdue red warning, once. */
export const mayAnswer = (me: Me, w: Warning) => w.level === 'red' && !!w.warningId && !w.answeredAt
  && w.handlingUnitCode === me.unitCode && me.roles.some((r) => HANDLERS.includes(r))

/** A supervisor of a unit above the handling unit escalates a red warning not yet escalated (升级督办). */
export const mayEscalate = (me: Me, w: Warning) => w.level === 'red' && !!w.warningId && !w.escalatedTo
  && me.roles.includes('supervisor') && w.handlingUnitCode !== me.unitCode && within(w.handlingUnitCode, me.unitCode)
