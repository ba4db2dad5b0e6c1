// Roles live in the platform (abilities need them); re-exported for the module.
export * from '../../platform/roles.js'
