/** @jsxImportSource hono/jsx */
// The public portal (网上办事大厅): server-rendered pages at the site root, readable without
// JavaScript, calling the same verbs as the public API. GET pages carry an ETag and
// `no-cache` (revalidated each time, like the public API); results shown once are no-store.
// Forms are accepted only from our own pages (http.ts: fromOwnPage).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { etag } from 'hono/etag'
import { AppError } from '../platform/errors.js'
import { announcements } from './announcements.js'
import { apply } from './apply.js'
import { complaints } from './complaints.js'
import { hallDisplay } from './hall-display.js'
import { consult } from './consult.js'
import { evaluations } from './evaluations.js'
import { halls } from './halls.js'
import { fromOwnPage, html, type PortalEnv } from './http.js'
import { Page } from './layout.js'
import { matters } from './matters.js'
import { places } from './places.js'
import { publicity } from './publicity.js'
import { CSS, CSS_PATH } from './style.js'
import { track } from './track.js'
import { visitEvaluation } from './visit-evaluation.js'

const MB = 1024 * 1024

function ErrorPage(props: { status: number; message: string }) {
  const title = props.status === 404 ? '未找到' : props.status === 403 ? '请求被拒绝' : props.status >= 500 ? '服务暂时不可用' : '无法办理'
  return (
    <Page title={title}>
      <h1>{title}</h1>
      <p class="alert" role="alert">{props.message}</p>
      <p><a href="/">返回首页</a></p>
    </Page>
  )
}

export const portal = new Hono<PortalEnv>()

portal.get(CSS_PATH, (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' }))

portal.use('*', async (c, next) => {
  // Mounted at the root: the API, /docs, /healthz and the staff console (/console/) keep their own rules.
  if (/^\/(api|docs|problems|healthz|console)(\/|$)/.test(c.req.path)) return next()
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    return etag()(c, async () => {
      await next()
      if (c.res.status === 200 && !c.res.headers.get('cache-control')) c.header('cache-control', 'public, no-cache')
    })
  }
  if (c.req.method !== 'POST') return next()
  if (!fromOwnPage(c)) return html(c, <ErrorPage status={403} message="表单只能从本站页面提交（跨站请求已被拒绝）。请回到本站页面重新填写。" />, 403, { 'cache-control': 'no-store' })
  return bodyLimit({ maxSize: 25 * MB, onError: (cc) => html(cc as any, <ErrorPage status={413} message="提交的文件过大：所有文件合计不能超过 25 MB。" />, 413) })(c, next)
})

portal.route('/', places)
portal.route('/', matters)
portal.route('/', apply)
portal.route('/', track)
portal.route('/', complaints)
portal.route('/', announcements)
portal.route('/', hallDisplay)
portal.route('/', halls)
portal.route('/', consult)
portal.route('/', publicity)
portal.route('/', evaluations)
portal.route('/', visitEvaluation)

portal.onError((err, c) => {
  if (err instanceof AppError) return html(c, <ErrorPage status={err.status} message={err.message} />, err.status, { 'cache-control': 'no-store' })
  c.get('deps').log.error('portal error', { reqId: c.get('requestId'), err: String((err as Error)?.stack ?? err) })
  return html(c, <ErrorPage status={500} message={`页面出错了，请稍后再试。如需帮助，请提供编号 ${c.get('requestId')}`} />, 500, { 'cache-control': 'no-store' })
})
