// The public face of the catalog module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { MATTER_TYPES, MatterCode, MatterElements, POWER_SOURCES, checkMatter, checkTightening } from './matter-schema.js'
export { resolveCatalog, type ResolvedMatter } from './queries.js'
export { publish, saveDraft, setHallEntry } from './service.js'
export { AtQuery, HallEntryInput, catalog } from './routes.js'
