// The division-code helpers live in the platform (scope and abilities need them); re-exported for the module.
export * from '../../platform/codes.js'
