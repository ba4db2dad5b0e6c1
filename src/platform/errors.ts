// Typed domain errors, mapped to RFC 9457 problem+json in one place (problemResponse).
export interface FieldIssue { field: string; message: string }

export interface Refusal { action: string; subjectType: string; subjectId?: string }

export class AppError extends Error {
  /** Set on refusals of the authorisation layer: recorded for supervision. */
  refusal?: Refusal
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title)
  }
}

export class Invalid extends AppError {
  constructor(detail: string, readonly fields: FieldIssue[] = []) {
    super(400, 'validation', '请求内容不符合要求', detail, { errors: fields })
  }
}
export class NotFound extends AppError {
  constructor(detail = '未找到该资源，或不在您的管辖范围内') { super(404, 'not-found', '未找到', detail) }
}
export class Forbidden extends AppError {
  constructor(detail = '您没有执行此操作的权限', refusal?: Refusal) {
    super(403, 'forbidden', '无权操作', detail)
    this.refusal = refusal
  }
}
export const recorded = <E extends AppError>(e: E, refusal: Refusal): E => { e.refusal = refusal; return e }
export class Conflict extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) { super(409, 'conflict', '操作与当前状态冲突', detail, extra) }
}
export class Unauthenticated extends AppError {
  constructor(detail = '请先登录') { super(401, 'unauthenticated', '未登录或会话已过期', detail) }
}
export class TooManyRequests extends AppError {
  constructor(detail: string, readonly retryAfterSeconds: number) {
    super(429, 'too-many-attempts', '尝试次数过多', detail, { retryAfter: retryAfterSeconds })
  }
}

export const PROBLEM_BASE = '/problems/'

export function problemBody(status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}, instance?: string) {
  return { type: PROBLEM_BASE + type, title, status, detail, ...(instance ? { instance } : {}), ...extra }
}

export function problemResponse(e: AppError, instance?: string): Response {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' }
  if (e instanceof TooManyRequests) headers['retry-after'] = String(e.retryAfterSeconds)
  return new Response(JSON.stringify(problemBody(e.status, e.type, e.title, e.message, e.extra, instance)), { status: e.status, headers })
}
