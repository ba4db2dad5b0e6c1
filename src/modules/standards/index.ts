// The public face of the standards module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { MAX_EVIDENCE_BYTES, sniff } from './evidence.js'
export { subtreeCounts } from './queries.js'
export { rectifications, standards } from './routes.js'
