// One factory for every module's sub-app: request validation failures become
// problem+json 400s listing the offending fields, in Chinese.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './context.js'
import { problemBody } from './errors.js'

z.config(z.locales.zhCN())

export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      const errors = result.error.issues.map((i) => ({
        field: i.path.length ? i.path.join('.') : ((i as any).keys?.join(',') ?? ''),
        message: i.code === 'unrecognized_keys' ? `不允许的字段: ${(i as any).keys.join(', ')}` : i.message,
      }))
      const where = result.target === 'param' ? '路径参数' : result.target === 'query' ? '查询参数' : '请求内容'
      return c.body(
        JSON.stringify(problemBody(400, 'validation', '请求内容不符合要求', `${where}有 ${errors.length} 处错误`, { errors })),
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
