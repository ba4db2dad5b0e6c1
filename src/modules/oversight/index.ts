// The public face of the oversight module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { caseFigureSource } from './figure-source.js'
export { oversight, warnings } from './routes.js'
export { sweepWarnings } from './sweep.js'
