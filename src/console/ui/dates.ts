// Dates as a Chinese office writes them (the working days left come from the API's calendar).
const pad = (n: number) => String(n).padStart(2, '0')

/** The Asia/Shanghai date of a moment as YYYY-MM-DD ("today" is the server's: ui/server-time.ts). */
export function dayCST(at: Date) {
  const d = new Date(at.getTime() + 8 * 3600_000)
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
