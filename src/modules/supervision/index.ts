// The public face of the supervision module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { type FigureSource } from './figures.js'
export {
  ComplaintInput,
  EvaluationInput,
  HALL_INDICATORS,
  LEVELS,
  LEVEL_NAMES,
  NEGATIVE,
  ONLINE_INDICATORS,
  QueryCode,
  RatingInput,
  TrackingParams,
} from './schemas.js'
export { type AssessmentInputSource } from './assessments.js'
export { verifyAudit } from './audit.js'
export { unitOfNumber } from './tickets.js'
export { escalateLateComplaintsIn, followComplaint, rateComplaint, submitComplaint } from './complaints.js'
export { evaluationUnit, submitEvaluation, type CaseEvaluationResolver } from './evaluations.js'
export { supervisionExtensions, type SupervisionExtensions } from './extensions.js'
export { caseEvaluation, evaluationFigures } from './public-figures.js'
export { complaintActions, evaluationActions, publicSupervision, reportActions, supervision } from './routes.js'
