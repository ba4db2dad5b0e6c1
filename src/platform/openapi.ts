// One factory for every module's sub-app: request validation failures become
// problem+json 400s listing the offending fields, in Chinese.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './context.js'
import { problemBody } from './errors.js'
import { fieldLabel, valueLabel } from './labels.js'

// Validation messages a person can read: the validator's own texts ("无效输入：期望 string，
// 实际接收 undefined") never reach anyone. Messages without a schema's own text come from
// `whatIsWanted`; the hook then names the field in Chinese (labels.ts) and lists enumerations
// with their Chinese labels.
const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', object: '对象（{ … }）', array: '数组（[ … ]）',
  date: '日期', bigint: '整数', null: '空值', undefined: '空', nan: '数字', file: '文件',
}
const typeOf = (v: unknown) => v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isNaN(v) ? 'nan' : typeof v
const FORMATS: Record<string, string> = {
  email: '电子邮件地址', url: '网址', uuid: 'UUID 格式的编号', guid: 'UUID 格式的编号', datetime: 'ISO 8601 日期时间（如 2026-12-01T08:00:00+08:00）',
  date: '日期（YYYY-MM-DD）', time: '时间（HH:MM:SS）', ipv4: 'IPv4 地址', ipv6: 'IPv6 地址', base64: 'Base64 编码', regex: '规定的格式',
}

export function whatIsWanted(i: any): string {
  switch (i.code) {
    case 'invalid_type': {
      if (i.input === undefined) return '必填'
      const want = TYPE_NAMES[i.expected] ?? i.expected
      return `应为${want}，不能是${TYPE_NAMES[typeOf(i.input)] ?? typeOf(i.input)}`
    }
    case 'too_small': {
      const n = Number(i.minimum)
      if (i.origin === 'string') return n <= 1 ? '不能为空' : `至少 ${n} 个字符`
      if (i.origin === 'array' || i.origin === 'set') return n <= 1 ? '至少要有 1 项' : `至少 ${n} 项`
      if (i.origin === 'date') return `不能早于 ${String(i.minimum)}`
      return i.inclusive === false ? `应大于 ${n}` : `不能小于 ${n}`
    }
    case 'too_big': {
      const n = Number(i.maximum)
      if (i.origin === 'string') return `最多 ${n} 个字符`
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${n} 项`
      if (i.origin === 'date') return `不能晚于 ${String(i.maximum)}`
      return i.inclusive === false ? `应小于 ${n}` : `不能大于 ${n}`
    }
    case 'invalid_format': return i.format === 'starts_with' ? `应以 ${i.prefix} 开头` : i.format === 'ends_with' ? `应以 ${i.suffix} 结尾`
      : i.format === 'includes' ? `应包含 ${i.includes}` : `格式不正确，应为${FORMATS[i.format] ?? '规定的格式'}`
    case 'not_multiple_of': return `应为 ${i.divisor} 的整数倍`
    case 'invalid_value': return `应为以下之一：${(i.values ?? []).map(String).join('、')}`
    case 'unrecognized_keys': return `不允许的字段：${(i.keys ?? []).join('、')}`
    case 'invalid_union': return '不符合任何一种允许的写法'
    case 'invalid_key': return '含有不允许的键'
    case 'invalid_element': return '含有不符合要求的项'
    default: return '不符合要求'
  }
}
z.config({ localeError: (i: any) => whatIsWanted(i) })

/** One field error as a person reads it: the field's Chinese name, then what is wanted. */
export function fieldError(i: { path: readonly PropertyKey[]; code: string; message: string } & Record<string, any>) {
  const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
  if (i.code === 'unrecognized_keys') {
    const where = path.length ? `${fieldLabel(path)}中` : ''
    return { field: path.length ? path.join('.') : (i.keys ?? []).join(','), message: `${where}不允许的字段：${(i.keys ?? []).join('、')}（请删除）` }
  }
  const label = fieldLabel(path)
  const last = [...path].reverse().find((p) => typeof p === 'string')
  // Enumerations list their values with Chinese labels, whatever the schema's own text said.
  const message = i.code === 'invalid_value' && Array.isArray(i.values) && i.values.length
    ? `应为以下之一：${i.values.map((v: unknown) => valueLabel(last, v)).join('、')}` : i.message
  return { field: path.join('.'), message: message.includes(label) ? message : `${label}：${message}` }
}

export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      const errors = result.error.issues.map((i) => fieldError(i as any))
      const where = result.target === 'param' ? '路径参数' : result.target === 'query' ? '查询参数' : '请求内容'
      const list = errors.slice(0, 3).map((e) => e.message).join('；') + (errors.length > 3 ? `；等 ${errors.length} 处` : '')
      return c.body(
        JSON.stringify(problemBody(400, 'validation', '请求内容不符合要求', `${where}有 ${errors.length} 处错误：${list}`, { errors })),
        400, { 'content-type': 'application/problem+json; charset=utf-8' },
      )
    },
  })
}

export const Problem = z.object({
  type: z.string(), title: z.string(), status: z.number(), detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).openapi('Problem')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })
export const errorResponses = {
  400: problem('请求内容不符合要求'),
  401: problem('未登录或会话已过期'),
  403: problem('无权操作（已记录）'),
  404: problem('未找到，或不在您的管辖范围内'),
  409: problem('与当前状态冲突'),
}
export const json = <T extends z.ZodType>(schema: T, description: string) =>
  ({ description, content: { 'application/json': { schema } } })
export const body = <T extends z.ZodType>(schema: T) =>
  ({ body: { required: true, content: { 'application/json': { schema } } } })

export const UnitCode = z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字')
export const CodeParam = z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字')
  .openapi({ param: { name: 'code', in: 'path' }, example: '341502000000', description: '12 位统计用区划代码' })
export { z }
