// Calendar dates are Asia/Shanghai dates ('YYYY-MM-DD'), whatever the server's zone.
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

export const shanghaiDate = (at: Date): string => fmt.format(at)

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
export const isValidDate = (d: string) => DATE_RE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)

const minuteFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})
/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai: the real moment of a step, as a citizen reads it. */
export const shanghaiMinute = (at: Date): string => {
  const p = Object.fromEntries(minuteFmt.formatToParts(at).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}
