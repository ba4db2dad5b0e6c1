// The public face of the units module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { LEVELS, LEVEL_NAMES, ancestorsOf, expectedParent, levelOf, significantPrefix, type Level } from './codes.js'
export { findUnit, upsertUnits } from './queries.js'
export { asPublicUnit } from './public-scope.js'
export { ImportUnits } from './schemas.js'
export { units } from './routes.js'
