// The public face of the appointments module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { slotPage } from './queries.js'
export { BookBody, QueryCodeBody } from './schemas.js'
export { NOT_FOUND, book, cancel, checkIn, lookup } from './verbs.js'
export { appointments, publicAppointments } from './routes.js'
