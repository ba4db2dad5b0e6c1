// Every problem type the API answers (RFC 9457 `type` = /problems/<name>): what it means and what
// to do about it. /problems/{type} serves these pages; the OpenAPI document lists them.
export const PROBLEM_TYPES = {
  validation: { status: 400, title: '请求内容不符合要求', description: '参数、查询参数或请求内容有误。errors 列出每个出错的字段（field）及要求（message）；不允许的字段、未知的查询参数也在此列出。改正后重试。' },
  http: { status: 400, title: '请求无法处理', description: '请求本身无法解析，例如 JSON 格式错误。' },
  unauthenticated: { status: 401, title: '未登录或会话已过期', description: '缺少有效的 Bearer 令牌或会话 Cookie，或用户名、密码不正确。请重新登录。' },
  forbidden: { status: 403, title: '无权操作', description: '您的角色或所持权力不允许此操作；拒绝已记录，供监察查阅。detail 说明缺少什么。' },
  csrf: { status: 403, title: '跨站请求被拒绝', description: '以 Cookie 登录时，写操作必须来自本站页面（Origin 相同）。API 客户端请使用 Bearer 令牌。' },
  'not-found': { status: 404, title: '未找到', description: '资源不存在，或不在您的管辖范围内（辖区外的记录一律答复 404，不透露其是否存在）。' },
  conflict: { status: 409, title: '操作与当前状态冲突', description: '记录已存在、状态已改变或并发修改冲突。重新读取当前状态后再操作；响应可能附带当前状态（如 currentStatus）。' },
  'payload-too-large': { status: 413, title: '请求内容过大', description: '请求内容超过上限：一般 1 MiB，批量导入 16 MiB，证明材料 10 MiB。' },
  'unsupported-media-type': { status: 415, title: '不支持的内容类型', description: '写操作的请求内容须为 application/json；证明材料须为 JPEG、PNG 或 PDF，且与声明的类型相符。' },
  unprocessable: { status: 422, title: '无法按此办理', description: '请求格式正确，但不符合办理规则（如材料不齐全不能受理、费用未缴清不能制证、事项不支持网上申请）。响应附带原因（如 missingMaterials）。' },
  'too-many-attempts': { status: 429, title: '尝试次数过多', description: '登录或查询失败次数过多，暂时不能再试。等待 Retry-After 响应头给出的秒数后再试。' },
  'storage-unavailable': { status: 503, title: '文件存储不可用', description: '服务器未配置证明材料的文件存储，请联系管理员。' },
  configuration: { status: 500, title: '配置错误', description: '服务器配置有误（日志中记有出错的变量名），请联系管理员。' },
  internal: { status: 500, title: '服务器内部错误', description: '意外错误。请联系管理员并提供响应中的请求编号。' },
} as const satisfies Record<string, { status: number; title: string; description: string }>

export type ProblemType = keyof typeof PROBLEM_TYPES
