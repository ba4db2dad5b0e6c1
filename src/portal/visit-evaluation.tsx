/** @jsxImportSource hono/jsx */
// 好差评 for an in-hall visit without an online case: the window clerk gives a visit ticket (办事凭条,
// POST /api/units/{code}/visits) with its number and a 6-digit evaluation code, and a QR code at the
// window leads here (/evaluate?visit=FW…). Once per visit, the five levels and the national hall
// indicators (服务效率、服务水平、服务态度), the same verb as POST /api/public/evaluations.
import { Hono } from 'hono'
import { Conflict, NotFound } from '../platform/errors.js'
import { unitOfNumber } from '../modules/supervision/index.js'
import { EvaluationInput, HALL_INDICATORS } from '../modules/supervision/index.js'
import { fieldErrors, formOf, html, NO_STORE, type PortalEnv, text } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, Page } from './layout.js'
import { IndicatorChoice, LevelChoice, submitAndThank } from './levels.js'

export const visitEvaluation = new Hono<PortalEnv>()

const VISIT = /^FW[0-9]{26}$/

function VisitForm(props: { visitNo?: string; errors?: Errors; message?: string; done?: string }) {
  const e = props.errors
  return (
    <Page title="窗口服务评价" crumbs={[{ href: '/', label: '首页' }, { label: '窗口服务评价' }]}>
      <h1>窗口服务评价（好差评）</h1>
      {props.done ? <p class="success" role="status">{props.done}</p> : null}
      <ErrorSummary errors={e} message={props.message} />
      {props.done ? null : (
        <form method="post" action="/evaluate" class="stack card">
          <p>凭窗口出具的办事凭条评价这次办事，每张凭条只能评价一次。评价不需要登录，不收集个人信息。</p>
          <Field name="visitNo" label="办事凭条编号" errors={e} hint="凭条上以 FW 开头的编号；扫窗口二维码会自动填好">
            <input type="text" {...inputAttrs('visitNo', e, true)} value={props.visitNo ?? ''} autocomplete="off" maxlength={28} />
          </Field>
          <Field name="evaluationCode" label="评价码" errors={e} hint="凭条上的 6 位数字">
            <input type="text" {...inputAttrs('evaluationCode', e, true)} inputmode="numeric" autocomplete="off" maxlength={6} />
          </Field>
          <LevelChoice legend="整体满意度：您对这次窗口服务满意吗？" errors={e} />
          <IndicatorChoice legend="分项评价（可不填）" names={HALL_INDICATORS} errors={e} />
          <Field name="comment" label="意见和建议（可不填）" errors={e}><textarea {...inputAttrs('comment', e)} maxlength={500}></textarea></Field>
          <div class="actions"><button type="submit">提交评价</button></div>
        </form>
      )}
      <p class="meta">对评价处理结果不满意，可以<a href="/complaints">投诉</a>。</p>
    </Page>
  )
}

visitEvaluation.get('/evaluate', (c) => {
  const v = c.req.query('visit') ?? ''
  return html(c, <VisitForm visitNo={VISIT.test(v) ? v : ''} />, 200, NO_STORE)
})

visitEvaluation.post('/evaluate', async (c) => {
  const f = await formOf(c)
  const visitNo = text(f, 'visitNo'), evaluationCode = text(f, 'evaluationCode'), level = text(f, 'level')
  const indicators = Object.fromEntries(Object.keys(HALL_INDICATORS).map((k) => [k, text(f, `ind-${k}`)]).filter(([, v]) => v))
  // The unit is the one in the ticket's number; a malformed number is reported at its field.
  const unitCode = VISIT.test(visitNo) ? unitOfNumber(visitNo) : '000000000000'
  const parsed = EvaluationInput.safeParse({ kind: 'visit', unitCode, visitNo, evaluationCode, level: level || undefined, comment: text(f, 'comment') || undefined, indicators })
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, Object.fromEntries(Object.keys(HALL_INDICATORS).map((k) => [`indicators.${k}`, `ind-${k}`])))
    for (const k of Object.keys(errors)) if (k.startsWith('ind-')) errors[k] = '请选择五级评价中的一项，或选“不评”'
    if (!level) errors.level = '请选择一个评价等级'
    if (!visitNo) errors.visitNo = '请填写办事凭条编号'
    if (!evaluationCode) errors.evaluationCode = '请填写评价码'
    return html(c, <VisitForm visitNo={visitNo} errors={errors} />, 400, NO_STORE)
  }
  try {
    return html(c, <VisitForm done={await submitAndThank(c, parsed.data, '服务单位')} />, 201, NO_STORE)
  } catch (err) {
    if (err instanceof Conflict) return html(c, <VisitForm visitNo={visitNo} message="该次办事已评价过，每张凭条只能评价一次。" />, 409, NO_STORE)
    if (err instanceof NotFound) return html(c, <VisitForm visitNo={visitNo} message="未找到该办事凭条，或评价码不正确。请核对凭条后重新输入。" />, 404, NO_STORE)
    throw err
  }
})
