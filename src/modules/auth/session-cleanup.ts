// Job `sessions:cleanup`: delete sessions past their expiry. Validation already refuses an
// expired session; this keeps the table (and its index) from growing with dead rows.
import type { JobFn } from '../../platform/jobs.js'

export const cleanupExpiredSessions: JobFn = async ({ db, now }) => {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return { deleted: Number(r.numDeletedRows) }
}
