// The public face of the powers module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { RIGHTS, RIGHT_NAMES, holdings, rightsOf, type Holding, type Right } from './holdings.js'
export { createGrant } from './grants.js'
export { matterAbility, requireMatterRight } from './matter-ability.js'
export { createWindow, setWindowRights } from './windows.js'
export { Grant, WindowInput, WindowRightsInput, grants, unitPowers } from './routes.js'
