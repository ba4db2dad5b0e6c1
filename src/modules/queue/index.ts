// The public face of the queue module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { callsAfter, findHall, publicGroups, publicTicket, takenOut } from './queries.js'
export { TakeBody } from './schemas.js'
export { issueTicket, takeTicket } from './verbs.js'
export { publicQueue, queue } from './routes.js'
