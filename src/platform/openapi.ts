// One factory for every module's sub-app: request validation failures become
// problem+json 400s listing the offending fields, in Chinese.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './context.js'
import { problemBody } from './errors.js'
import { fieldLabel, valueLabel } from './labels.js'
import { PROBLEM_TYPES } from './problems.js'

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

const unknownKeys = (i: { code: string }) => (i as any).keys as string[]

export function router() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      // An unknown query parameter is named as such (every route's query schema is strict, below).
      const errors = result.error.issues.map((i) => result.target === 'query' && i.code === 'unrecognized_keys'
        ? { field: unknownKeys(i).join(','), message: `未知的查询参数：${unknownKeys(i).join('、')}（请删除）` }
        : fieldError(i as any))
      const where = result.target === 'param' ? '路径参数' : result.target === 'query' ? '查询参数' : '请求内容'
      const list = errors.slice(0, 3).map((e) => e.message).join('；') + (errors.length > 3 ? `；等 ${errors.length} 处` : '')
      return c.body(
        JSON.stringify(problemBody(400, 'validation', '请求内容不符合要求', `${where}有 ${errors.length} 处错误：${list}`, { errors })),
        400, { 'content-type': 'application/problem+json; charset=utf-8' },
      )
    },
  })
  // Unknown query parameters answer 400 on every route, once, here: a route's query schema is made
  // strict, and a route that declares none takes none.
  const openapi = app.openapi
  app.openapi = ((route: any, ...rest: any[]) => {
    const query = route.request?.query
    const strict = query instanceof z.ZodObject ? query.strict() : z.strictObject({})
    return (openapi as any)({ ...route, request: { ...route.request, query: strict } }, ...rest)
  }) as typeof openapi
  return app
}

const problemTypes = Object.entries(PROBLEM_TYPES).map(([t, p]) => `- \`/problems/${t}\`（${p.status}）${p.title}：${p.description}`).join('\n')

export const Problem = z.object({
  type: z.string().openapi({ description: `问题类型（说明页：GET /problems/{type}）：\n${problemTypes}`, example: '/problems/validation' }),
  title: z.string().openapi({ description: '问题类型的简短说明', example: '请求内容不符合要求' }),
  status: z.number().int().openapi({ description: 'HTTP 状态码', example: 400 }),
  detail: z.string().openapi({ description: '本次错误的具体说明', example: '请求内容有 1 处错误' }),
  instance: z.string().optional(),
  errors: z.array(z.object({
    field: z.string().openapi({ description: '出错的字段（嵌套字段以 . 连接）', example: 'code' }),
    message: z.string().openapi({ description: '要求', example: '区划代码应为 12 位数字' }),
  })).optional().openapi({ description: '出错的字段（仅 validation）' }),
}).catchall(z.unknown()).openapi('Problem', { description: 'RFC 9457 问题详情（application/problem+json）；部分类型附带更多字段，如 retryAfter、currentStatus、missingMaterials' })

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })
export const errorResponses = {
  400: problem('请求内容不符合要求（validation：errors 列出出错字段；未知的查询参数同样答复 400）'),
  401: problem('未登录或会话已过期（unauthenticated）'),
  403: problem('无权操作（forbidden，已记录）或跨站请求（csrf）'),
  404: problem('未找到，或不在您的管辖范围内（not-found）'),
  409: problem('与当前状态冲突（conflict）'),
  413: problem('请求内容过大（payload-too-large）'),
  415: problem('不支持的内容类型（unsupported-media-type）'),
  422: problem('不符合办理规则（unprocessable）'),
  429: problem('尝试次数过多（too-many-attempts），见 Retry-After 响应头'),
}
/** A JSON response: its schema, a Chinese description and (optional) an example. */
export const json = <T extends z.ZodType>(schema: T, description: string, example?: unknown) =>
  ({ description, content: { 'application/json': example === undefined ? { schema } : { schema, example } } })
export const body = <T extends z.ZodType>(schema: T) =>
  ({ body: { required: true, content: { 'application/json': { schema } } } })

export const UnitCode = z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字')
export const CodeParam = z.string().regex(/^[0-9]{12}$/, '区划代码应为 12 位数字')
  .openapi({ param: { name: 'code', in: 'path' }, example: '341502000000', description: '12 位统计用区划代码' })
/** A calendar day (Asia/Shanghai), YYYY-MM-DD. */
export const Day = z.string().openapi({ description: '日期（北京时间）YYYY-MM-DD', example: '2026-11-24' })
/** A point in time, ISO 8601 UTC. */
export const Instant = z.string().openapi({ description: '时刻（ISO 8601，UTC）', example: '2026-11-24T02:00:00.000Z' })
export { z }
