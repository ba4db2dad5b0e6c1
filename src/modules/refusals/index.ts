// The public face of the refusals module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { refusals } from './routes.js'
