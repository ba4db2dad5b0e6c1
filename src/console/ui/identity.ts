// The applicant's number checked as typed: 公民身份号码 (GB 11643, mod 11-2 check digit, a real
// birth date) and 统一社会信用代码 (GB 32100, mod 31). The API checks the same again.
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export function residentIdProblem(v: string): string | null {
  const s = v.trim().toUpperCase()
  if (!s) return '请填写公民身份号码'
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return s.length < 18 ? `公民身份号码应为 18 位（已输入 ${s.length} 位）` : '公民身份号码应为 17 位数字加 1 位校验码（数字或 X）'
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14)
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return '公民身份号码中的出生日期无效'
  const sum = W.reduce((a, w, i) => a + w * Number(s[i]), 0)
  if ('10X98765432'[sum % 11] !== s[17]) return '公民身份号码校验码不符，请核对'
  return null
}
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const UW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
export function usccProblem(v: string): string | null {
  const s = v.trim().toUpperCase()
  if (!s) return '请填写统一社会信用代码'
  if (s.length !== 18 || [...s].some((ch) => !USCC.includes(ch))) return `统一社会信用代码应为 18 位（已输入 ${s.length} 位，不含 I、O、S、V、Z）`
  // GB 32100: the third to eighth characters are the registering area's division code (digits).
  if (!/^[0-9]{6}$/.test(s.slice(2, 8))) return '统一社会信用代码第 3–8 位应为登记管理机关的行政区划代码（数字）'
  const sum = UW.reduce((a, w, i) => a + w * USCC.indexOf(s[i]), 0)
  if (USCC[(31 - (sum % 31)) % 31] !== s[17]) return '统一社会信用代码校验码不符，请核对'
  return null
}
