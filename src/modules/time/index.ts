// The public face of the time module (GET /api/time: the server's now, today and working day).
export { ServerTime, time } from './routes.js'
