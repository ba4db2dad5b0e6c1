// The public face of the publicity module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { publicList, publicLists } from './queries.js'
export { ObjectionBody } from './schemas.js'
export { lodgeObjection } from './verbs.js'
export { publicPublicity, publicity } from './routes.js'
