// Guards: 404 when the subject is outside what the actor may even see (do not reveal that
// it exists), 403 (recorded) when it is visible but the action is not allowed.
import { subject } from '@casl/ability'
import type { Action, SubjectType } from './abilities.js'
import type { Ctx } from './context.js'
import { Forbidden, NotFound } from './errors.js'

/**
 * 404 unless the actor may read the row. With `attempt` (a write aimed at the row), the
 * 404 is also recorded as a refusal: a write into another subtree is an escalation attempt.
 */
export function mustSee<T extends object>(ctx: Ctx, type: SubjectType, row: T | undefined | null,
  attempt?: { action: Action; id: string }): T {
  if (!row || !ctx.ability.can('read', subject(type, { ...row }))) {
    const e = new NotFound()
    if (attempt) e.refusal = { action: attempt.action, subjectType: type, subjectId: attempt.id }
    throw e
  }
  return row
}

export function mustBeAllowed(ctx: Ctx, action: Action, type: SubjectType, row: object, id: string, detail: string) {
  if (!ctx.ability.can(action, subject(type, { ...row }))) {
    throw new Forbidden(detail, { action, subjectType: type, subjectId: id })
  }
}

/** For refusals that are not about one CASL rule (role outside the tier, self-escalation). */
export function refuse(action: Action, type: SubjectType, id: string, detail: string): never {
  throw new Forbidden(detail, { action, subjectType: type, subjectId: id })
}
