// Dates as a Chinese office writes them, and the working days left on a case.
const pad = (n: number) => String(n).padStart(2, '0')

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayCST(now = new Date()) {
  const d = new Date(now.getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

export function cnDate(day: string | null | undefined) {
  if (!day) return '—'
  const [y, m, d] = day.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}
export function cnDateTime(iso: string | null | undefined) {
  if (!iso) return '—'
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/**
 * Working days from today to a due date, counting Monday–Friday only. The server's calendar
 * (holidays, 调休) decides the due date itself; this count is the clerk's reading aid and may be
 * off by a holiday in between. Negative = overdue.
 */
export function weekdaysLeft(due: string, today = todayCST()): number {
  const a = Date.parse(`${today}T00:00:00Z`), b = Date.parse(`${due.slice(0, 10)}T00:00:00Z`)
  const sign = b >= a ? 1 : -1
  let n = 0
  for (let t = Math.min(a, b) + 86400_000; t <= Math.max(a, b); t += 86400_000) {
    const wd = new Date(t).getUTCDay()
    if (wd !== 0 && wd !== 6) n++
  }
  return sign * n
}
