// One factory for every module's sub-app: request validation failures become
// problem+json 400s listing the offending fields, in Chinese.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './context.js'
import { problemBody } from './errors.js'
import { PROBLEM_TYPES } from './problems.js'

z.config(z.locales.zhCN())

const unknownKeys = (i: { code: string }) => (i as any).keys as string[]

export function router() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      const where = result.target === 'param' ? '路径参数' : result.target === 'query' ? '查询参数' : '请求内容'
      const errors = result.error.issues.map((i) => ({
        field: i.path.length ? i.path.join('.') : (unknownKeys(i)?.join(',') ?? ''),
        message: i.code === 'unrecognized_keys'
          ? `${result.target === 'query' ? '未知的查询参数' : '不允许的字段'}: ${unknownKeys(i).join(', ')}` : i.message,
      }))
      return c.body(
        JSON.stringify(problemBody(400, 'validation', '请求内容不符合要求', `${where}有 ${errors.length} 处错误`, { errors })),
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
