// The public face of the halls module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export {
  asPublicUnit,
  codeMatches,
  dayNo,
  hashCode,
  maskIdNumber,
  maskName,
  maskPhone,
  newQueryCode,
  nextNumber,
  settingsOf,
  sha256,
  unitFor,
  type HallSettings,
} from './shared.js'
export { publicHalls } from './queries.js'
export { Day, HallParams, Uuid, WindowParams } from './schemas.js'
export { halls, publicHallsApi } from './routes.js'
