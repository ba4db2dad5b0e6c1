// 12-digit statistical division codes (统计用区划代码): 2 province, 2 city, 2 county,
// 3 township, 3 village. The level follows from the code.
export const LEVELS = ['city', 'county', 'township', 'village'] as const
export type Level = (typeof LEVELS)[number]

export const LEVEL_NAMES: Record<Level, string> = { city: '市', county: '县(区)', township: '乡镇(街道)', village: '村(社区)' }
const PREFIX: Record<Level, number> = { city: 4, county: 6, township: 9, village: 12 }

export const CODE_RE = /^[0-9]{12}$/

/** The level of a code, or null when it is no city/county/township/village code. */
export function levelOf(code: string): Level | null {
  if (!CODE_RE.test(code)) return null
  if (code.slice(2, 4) === '00') return null // a province: not a tenant unit
  if (code.slice(4) === '00000000') return 'city'
  if (code.slice(4, 6) === '00') return null // 0000 county part with lower parts set
  if (code.slice(6) === '000000') return 'county'
  if (code.slice(6, 9) === '000') return null
  if (code.slice(9) === '000') return 'township'
  return 'village'
}

export function significantPrefix(code: string): string {
  const level = levelOf(code)
  if (!level) throw new Error(`not a unit code: ${code}`)
  return code.slice(0, PREFIX[level])
}

export function parentLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level)
  return i > 0 ? LEVELS[i - 1] : null
}

/** The code the parent of `code` must have (null for a city). */
export function expectedParent(code: string): string | null {
  const level = levelOf(code)
  const parent = level && parentLevel(level)
  return parent ? code.slice(0, PREFIX[parent]).padEnd(12, '0') : null
}

export function ancestorsOf(code: string): string[] {
  const out: string[] = []
  for (let p = expectedParent(code); p; p = expectedParent(p)) out.push(p)
  return out
}

/** The default name of a unit's service point (editable). */
export function defaultServicePointName(level: Level, name: string): string {
  switch (level) {
    case 'city': return `${name}政务服务中心`
    case 'county': return `${name}政务服务中心`
    case 'township': return `${name}为民服务中心`
    case 'village': return `${name}为民服务工作站`
  }
}
