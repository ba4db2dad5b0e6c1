/** @jsxImportSource hono/jsx */
// The page frame and small shared pieces (breadcrumbs, fields with their errors in Chinese).
import type { Child } from 'hono/jsx'
import { CSS_PATH } from './style.js'

export interface Crumb { href?: string; label: string }

export function Page(props: { title: string; crumbs?: Crumb[]; kiosk?: boolean; children?: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - 网上办事大厅`}</title>
        <link rel="stylesheet" href={CSS_PATH} />
      </head>
      <body class={props.kiosk ? 'kiosk' : undefined}>
        <a class="skip" href="#main">跳到正文</a>
        <header class="top">
          <div class="in">
            <a class="brand" href="/">网上办事大厅</a>
            <nav class="main" aria-label="主导航">
              <ul>
                <li><a href="/">选择地点</a></li>
                <li><a href="/track">办件查询</a></li>
                <li><a href="/appointments">我的预约</a></li>
                <li><a href="/consultations">咨询查询</a></li>
                <li><a href="/complaints">投诉</a></li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">
          {props.crumbs?.length ? <Crumbs items={props.crumbs} /> : null}
          {props.children}
        </main>
        <footer class="bottom">
          <p>四级联动为民服务平台 · 市、县（区）、乡镇（街道）、村（社区）。本站页面无需登录，不使用第三方资源。</p>
        </footer>
      </body>
    </html>
  )
}

export function Crumbs(props: { items: Crumb[] }) {
  return (
    <nav class="crumbs" aria-label="当前位置">
      <ol>
        {props.items.map((c, i) => (
          <li>{c.href && i < props.items.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current={i === props.items.length - 1 ? 'page' : undefined}>{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  )
}

export type Errors = Record<string, string>

/** A labelled input; its error (if any) sits under it and is tied to it for screen readers. */
export function Field(props: { name: string; label: string; errors?: Errors; hint?: string; children: Child }) {
  const err = props.errors?.[props.name]
  const id = `f-${props.name.replace(/[^a-zA-Z0-9]/g, '-')}`
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? <p class="hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {props.children}
      {err ? <p class="error" id={`${id}-error`}>{err}</p> : null}
    </div>
  )
}

/** Input attributes tying it to its label, hint and error. */
export function inputAttrs(name: string, errors?: Errors, hint?: boolean) {
  const id = `f-${name.replace(/[^a-zA-Z0-9]/g, '-')}`
  const described = [hint ? `${id}-hint` : '', errors?.[name] ? `${id}-error` : ''].filter(Boolean).join(' ')
  return { id, name, 'aria-invalid': errors?.[name] ? 'true' : undefined, 'aria-describedby': described || undefined }
}

export function ErrorSummary(props: { errors?: Errors; message?: string }) {
  const n = Object.keys(props.errors ?? {}).length
  if (!n && !props.message) return null
  return (
    <div class="alert" role="alert">
      <p><strong>{props.message ?? '提交的内容有误，请按提示修改后重新提交。'}</strong></p>
      {n ? <ul>{Object.entries(props.errors!).map(([k, v]) => <li><a href={`#f-${k.replace(/[^a-zA-Z0-9]/g, '-')}`}>{v}</a></li>)}</ul> : null}
    </div>
  )
}

export const LEVEL_LABEL: Record<string, string> = { city: '市级', county: '县级', township: '乡镇级', village: '村级' }
export const fmtLimit = (l: { days: number; unit: string } | null | undefined) => l ? `${l.days} 个${l.unit === 'natural' ? '自然日' : '工作日'}` : '—'

/** A wide table that scrolls sideways on a phone: a named region that takes keyboard focus (axe scrollable-region-focusable). */
export function TableWrap(props: { label: string; children: Child }) {
  return <div class="tablewrap" role="region" aria-label={props.label} tabindex={0}>{props.children}</div>
}

/** The look-up every "number + query code" page shares (办件、投诉、咨询、预约): the number is kept when the
 * form comes back with an error, the query code never is (it is the reader's secret). */
export function NumberCodeForm(props: { action: string; name: string; label: string; hint: string; value?: string; errors?: Errors }) {
  const e = props.errors
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Field name={props.name} label={props.label} errors={e} hint={props.hint}>
        <input type="text" {...inputAttrs(props.name, e, true)} value={props.value ?? ''} autocomplete="off" required />
      </Field>
      <Field name="queryCode" label="查询码" errors={e} hint="8 位字母或数字">
        <input type="text" {...inputAttrs('queryCode', e, true)} autocomplete="off" required />
      </Field>
      <div class="actions"><button type="submit">查询</button></div>
    </form>
  )
}
