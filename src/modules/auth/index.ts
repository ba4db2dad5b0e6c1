// The public face of the auth module: what other modules, the app and the portal may use
// (eslint.config.js forbids importing any other file of it from outside; tests may).
export { unlockPrefixes } from './throttle.js'
export { lookupGuard } from './lookup-guard.js'
export { hashPassword } from './password.js'
export { SESSION_COOKIE, createSessions, type Sessions } from './sessions.js'
export { auth, setSessionCookie } from './routes.js'
export { cleanupExpiredSessions } from './session-cleanup.js'
