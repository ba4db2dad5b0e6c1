// The public face of the cases module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { ACCEPTANCE_DAYS, CERTIFICATE_DAYS } from './clocks.js'
export { isResidentId, maskName, maskPhone } from './identity.js'
export { storeUpload } from './uploads.js'
export { Unprocessable, intake } from './intake.js'
export { submitOnline, supplementByReceipt, trackByReceipt } from './public.js'
export { dispatchOutboxJob, transportFor, type Transport } from './dispatcher.js'
export { SUSPENSION_GROUNDS } from './steps.js'
export { OnlineIntakeBody } from './schemas.js'
export { cases, publicCases, unitCalendar } from './routes.js'
export { caseEvaluationResolver, timelinessInput } from './supervision-hooks.js'
