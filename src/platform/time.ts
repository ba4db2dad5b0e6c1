// Calendar dates are Asia/Shanghai dates ('YYYY-MM-DD'), whatever the server's zone.
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

export const shanghaiDate = (at: Date): string => fmt.format(at)

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
export const isValidDate = (d: string) => DATE_RE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)
