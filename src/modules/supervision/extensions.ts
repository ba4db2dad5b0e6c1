// What other modules plug into supervision, passed in explicitly (src/wiring.ts builds it; the
// routes hand it to the verbs): case handling adds its figures, its timeliness input to
// assessment and how an online 好差评 finds its case; oversight adds the case figures.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/context.js'
import type { AssessmentInputSource } from './assessments.js'
import type { CaseEvaluationResolver } from './evaluations.js'
import type { FigureSource } from './figures.js'

export interface SupervisionExtensions {
  /** Figures beyond supervision's own (complaints, evaluations, findings, standards), in display order; a source with one of their keys replaces it. */
  figureSources: readonly FigureSource[]
  /** Assessment inputs other modules supply (case handling: timeliness); one not supplied has no data. */
  assessmentInputs: Partial<Record<AssessmentInputSource['key'], AssessmentInputSource>>
  /** How `kind: 'case'` finds its case (case handling); null: such evaluations answer 404. */
  caseEvaluation: CaseEvaluationResolver | null
}

declare module '../../platform/context.js' {
  interface Extensions { supervision: SupervisionExtensions }
}

/** Supervision on its own, with nothing plugged in. */
export const NO_SUPERVISION_EXTENSIONS: SupervisionExtensions = Object.freeze({ figureSources: [], assessmentInputs: {}, caseEvaluation: null })

/** The request's supervision plug-ins (from createApp's deps). */
export const supervisionExtensions = (c: Context<AppEnv>): SupervisionExtensions => c.get('deps').extensions.supervision
