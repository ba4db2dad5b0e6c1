// Who may act on a rectification task, as the API decides it (platform/abilities.ts): the screen
// offers a button only to those the API would let through.
import type { Me } from '../auth/queries'
import { within } from '../../session'
import type { Rectification } from './queries'

/**
 * The station's answer: a center admin (站长) of the task's unit or of a unit above it (the township
 * for its village), below the unit that gave the task (which accepts or returns it instead).
 */
export const mayReport = (me: Me, r: Rectification) => r.status === 'open'
  && me.roles.includes('center_admin') && within(r.unitCode, me.unitCode) && !within(r.inspectorUnitCode, me.unitCode)

/** Acceptance or return: an inspector or center admin of the issuing unit or above, never of the task's own unit. */
export const mayJudge = (me: Me, r: Rectification) => r.status === 'reported'
  && (me.roles.includes('inspector') || me.roles.includes('center_admin'))
  && r.unitCode !== me.unitCode && within(r.unitCode, me.unitCode) && within(r.inspectorUnitCode, me.unitCode)
