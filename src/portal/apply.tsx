/** @jsxImportSource hono/jsx */
// Apply online (网上申请) for a matter available online here: the applicant, the materials of
// the guide, the consent; the same schema and intake verb as POST /api/public/cases. The
// receipt page shows the receipt number and the query code once (no-store), printable.
import { Hono } from 'hono'
import { Invalid, NotFound } from '../platform/errors.js'
import { scopeOf } from '../platform/scope.js'
import { intake, Unprocessable } from '../modules/cases/index.js'
import { OnlineIntakeBody } from '../modules/cases/index.js'
import { serviceGuide, type ServiceGuide } from '../modules/public/index.js'
import { publicCtx } from '../modules/public/index.js'
import { fieldErrors, formOf, html, issueErrors, NO_STORE, type PortalEnv, text, validCode } from './http.js'
import { ACCEPT, uploadMaterials } from './files.js'
import { ErrorSummary, type Errors, Field, inputAttrs, Page } from './layout.js'

export const apply = new Hono<PortalEnv>()

export const CONSENT = '本人承诺所填信息和所交材料真实、有效，并同意办理单位为办理本事项核验、使用这些信息；个人信息仅用于本次办理，依法保护。'

type Values = { kind: string; name: string; idNumber: string; phone: string; consent: boolean }

function ApplyForm(props: { g: ServiceGuide; values?: Values; errors?: Errors; message?: string }) {
  const { g } = props
  const v = props.values ?? { kind: 'person', name: '', idNumber: '', phone: '', consent: false }
  const e = props.errors
  const base = `/units/${g.unit.code}/matters/${g.matterCode}`
  return (
    <Page title={`网上申请：${g.name}`} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${g.unit.code}`, label: g.unit.name }, { href: base, label: g.name }, { label: '网上申请' }]}>
      <h1>网上申请：{g.name}</h1>
      <p class="meta">向{g.unit.servicePointName}提交。{g.handling.availability === 'agent' && g.handling.decidedAt ? `本站代办，转报${g.handling.decidedAt.servicePointName}审批。` : ''}<a href={base}>查看办事指南</a></p>
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action={`${base}/apply`} enctype="multipart/form-data" class="stack" novalidate>
        <fieldset class="field" id="f-applicant-kind">
          <legend>申请人类型</legend>
          <label class="check"><input type="radio" name="kind" value="person" checked={v.kind !== 'org'} />个人（居民身份证）</label>
          <label class="check"><input type="radio" name="kind" value="org" checked={v.kind === 'org'} />企业或其他组织（统一社会信用代码）</label>
        </fieldset>
        <Field name="applicant.name" label="申请人姓名或单位名称（必填）" errors={e}>
          <input type="text" {...inputAttrs('applicant.name', e)} value={v.name} maxlength={200} autocomplete="name" required />
        </Field>
        <Field name="applicant.idNumber" label="身份证号或统一社会信用代码（必填）" errors={e} hint="18 位，最后一位可能是 X；系统会核对校验位">
          <input type="text" {...inputAttrs('applicant.idNumber', e, true)} value={v.idNumber} maxlength={18} autocomplete="off" required />
        </Field>
        <Field name="applicant.phone" label="联系电话（必填）" errors={e}>
          <input type="tel" {...inputAttrs('applicant.phone', e)} value={v.phone} inputmode="tel" autocomplete="tel" required />
        </Field>
        <fieldset class={e?.materials ? 'field invalid' : 'field'} id="f-materials">
          <legend>申请材料（上传照片或 PDF）</legend>
          <p class="hint">每项材料可上传 JPEG、PNG 照片或 PDF，单个文件不超过 10 MB。没有上传的必需材料会列入一次性告知，之后可在“办件查询”里补交。表单有误退回时，请重新选择文件。</p>
          {g.materials.map((m, i) => (
            <div class={e?.[`file-${i}`] ? 'field invalid' : 'field'}>
              <label for={`f-file-${i}`}>{m.name}（{m.required ? '必需' : '非必需'}{m.notes ? `；${m.notes}` : ''}）</label>
              <input type="file" id={`f-file-${i}`} name={`file-${i}`} accept={ACCEPT} multiple
                aria-invalid={e?.[`file-${i}`] ? 'true' : undefined} aria-describedby={e?.[`file-${i}`] ? `f-file-${i}-error` : undefined} />
              {e?.[`file-${i}`] ? <p class="error" id={`f-file-${i}-error`}>{e[`file-${i}`]}</p> : null}
            </div>
          ))}
          {e?.materials ? <p class="error">{e.materials}</p> : null}
        </fieldset>
        <div class={e?.consent ? 'field invalid' : 'field'}>
          <label class="check" for="f-consent"><input type="checkbox" id="f-consent" name="consent" value="yes" checked={v.consent} aria-describedby={e?.consent ? 'f-consent-error' : undefined} />{CONSENT}</label>
          {e?.consent ? <p class="error" id="f-consent-error">{e.consent}</p> : null}
        </div>
        <div class="actions"><button type="submit">提交申请</button></div>
      </form>
    </Page>
  )
}

async function applicable(c: any) {
  const { code, matterCode } = c.req.param()
  if (!validCode(code) || !/^[0-9A-Za-z-]{4,40}$/.test(matterCode)) throw new NotFound('未找到该事项')
  const g = await serviceGuide(publicCtx(c), code, matterCode)
  if (!g.online) throw new Unprocessable(`事项“${g.name}”不支持网上申请，请到窗口办理`)
  if (!g.handling.accepts) throw new Unprocessable(`${g.unit.servicePointName}不受理“${g.name}”，请到${g.handling.place?.servicePointName ?? '有权办理的单位'}办理`)
  return g
}

apply.get('/units/:code/matters/:matterCode/apply', async (c) => html(c, <ApplyForm g={await applicable(c)} />))

apply.post('/units/:code/matters/:matterCode/apply', async (c) => {
  const g = await applicable(c)
  const f = await formOf(c)
  const values: Values = {
    kind: text(f, 'kind') === 'org' ? 'org' : 'person', name: text(f, 'applicant.name'), idNumber: text(f, 'applicant.idNumber'),
    phone: text(f, 'applicant.phone'), consent: text(f, 'consent') === 'yes',
  }
  const input = {
    unitCode: g.unit.code, matterCode: g.matterCode,
    applicant: { kind: values.kind, name: values.name, idNumber: values.idNumber, phone: values.phone },
    materials: [] as { name: string; files: string[] }[],
  }
  // Everything but the files is checked first: a refused form stores no file.
  const parsed = OnlineIntakeBody.safeParse(input)
  const errors: Errors = parsed.success ? {} : fieldErrors(parsed.error)
  if (!values.consent) errors.consent = '请阅读并勾选承诺，才能提交申请'
  if (!parsed.success || Object.keys(errors).length) return html(c, <ApplyForm g={g} values={values} errors={errors} />, 400, NO_STORE)
  const up = await uploadMaterials(c, g.unit.code, f, g.materials.map((m) => m.name))
  if (Object.keys(up.errors).length) return html(c, <ApplyForm g={g} values={values} errors={up.errors} />, 400, NO_STORE)
  parsed.data.materials = up.materials
  let out: any
  try {
    const now = c.get('deps').clock.now()
    ;[, out] = await c.get('db').scoped(scopeOf(g.unit.code), (db) => intake(db, now, null, { ...parsed.data, channel: 'online' }))
  } catch (err) {
    if (err instanceof Invalid) {
      const fe = issueErrors((err.extra as any).errors)
      const mapped: Errors = {}
      for (const [k, msg] of Object.entries(fe)) mapped[k.startsWith('materials') ? 'materials' : k] ??= msg
      return html(c, <ApplyForm g={g} values={values} errors={mapped} message={err.message} />, 400, NO_STORE)
    }
    if (err instanceof Unprocessable) return html(c, <ApplyForm g={g} values={values} message={err.message} />, 422, NO_STORE)
    throw err
  }
  const missing: string[] = out.notice?.items?.map((i: { name: string }) => i.name) ?? out.missingMaterials ?? []
  return html(c, (
    <Page title="申请已提交">
      <h1>申请已提交</h1>
      <div class="success" role="status"><p>{g.unit.servicePointName}已收到您的“{g.name}”申请。{missing.length ? '材料还不齐全，请按下面的一次性告知补交，补齐后开始办理。' : '将在 5 个工作日内决定是否受理。'}</p></div>
      <dl class="kv card">
        <dt>受理编号</dt><dd class="big">{out.receipt.receiptNo}</dd>
        <dt>查询码</dt><dd class="big">{out.receipt.queryCode}</dd>
        <dt>申请事项</dt><dd>{g.name}</dd>
        <dt>收件单位</dt><dd>{g.unit.servicePointName}</dd>
      </dl>
      <p class="alert"><strong>请抄下或打印受理编号和查询码。查询码只显示这一次</strong>，查询进度、补交材料、评价都要用到。</p>
      {missing.length ? (
        <div class="notice"><p><strong>一次性告知：还需补交以下材料</strong></p><ul>{missing.map((m) => <li>{m}</li>)}</ul>
          <p>请在“办件查询”中凭受理编号和查询码补交。</p></div>
      ) : null}
      <div class="actions"><a class="button" href="/track">查询办件进度</a></div>
      <p class="meta">打印本页：使用浏览器的“打印”功能。</p>
    </Page>
  ), 201, NO_STORE)
})
