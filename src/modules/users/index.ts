// The public face of the users module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { ROLES, ROLES_BY_LEVEL, ROLE_NAMES, type Role } from './roles.js'
export { unitUsers, users } from './routes.js'
