// Applicant identifiers: the 18-digit resident identity number (公民身份号码, GB 11643-1999,
// ISO 7064 MOD 11-2 check character) and the 18-character unified social credit code
// (统一社会信用代码, GB 32100-2015, MOD 31 check character); and the masks shown in every list
// and public view (personal data never leaves unmasked except to the handling unit).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643: 6-digit area, 8-digit birth date, 3-digit sequence, check character (0-9 or X). */
export function isResidentId(v: string): boolean {
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(v)) return false
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`
  const d = new Date(`${birth}T00:00:00Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || Number(v.slice(6, 10)) < 1900) return false
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0)
  return ID_CHECK[sum % 11] === v[17]
}

// GB 32100 character set: digits and capital letters without I, O, Z, S, V.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100: registering authority, kind, 6-digit area, 9-char organisation code, check character. */
export function isUscc(v: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) return false
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(v[i]), 0)
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARS[check] === v[17]
}

export const isMobileOrPhone = (v: string) => /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/.test(v)

/** 3415**********1234: the first four and last four characters. */
export const maskId = (v: string) => `${v.slice(0, 4)}${'*'.repeat(Math.max(v.length - 8, 0))}${v.slice(-4)}`
/** 张*, 欧阳** — a person's surname character only; an organisation's name is public. */
export const maskName = (v: string, kind: 'person' | 'org') => kind === 'org' ? v : `${[...v][0] ?? ''}${'*'.repeat(Math.max([...v].length - 1, 1))}`
/** 138****5678 */
export const maskPhone = (v: string) => v.length >= 7 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '****'
