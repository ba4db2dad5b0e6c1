// The public face of the consultations module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { commonQuestions } from './queries.js'
export { AskBody, QueryCodeQuery, RatingBody } from './schemas.js'
export { NOT_FOUND, ask, lookup, rate } from './verbs.js'
export { consultations, publicConsultations } from './routes.js'
