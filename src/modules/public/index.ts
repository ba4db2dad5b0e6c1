// The public face of the public module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { writeUnit } from './context.js'
export { entrustmentAnnouncements } from './announcements.js'
export { publicCatalog, type PublicCatalogItem } from './catalog.js'
export { serviceGuide, serviceGuidePage, type ServiceGuide } from './guide.js'
export { listUnits, searchUnits, unitHall } from './units.js'
export { publicApi, publicCtx } from './routes.js'
