/** @jsxImportSource hono/jsx */
// Track a case by receipt number + query code: status, the steps done, the clock, what is
// still missing (the one-time notice) with a form to supply it, and the 好差评 once finished.
// A wrong code shows nothing about the case: the same page as an unknown number.
import { type Context, Hono } from 'hono'
import { Conflict, Invalid, NotFound } from '../platform/errors.js'
import { scopeOf } from '../platform/scope.js'
import { shanghaiMinute } from '../platform/time.js'
import { supplementByReceipt, trackByReceipt } from '../modules/cases/index.js'
import { supervisionExtensions } from '../modules/supervision/index.js'
import { caseEvaluation } from '../modules/supervision/index.js'
import { EvaluationInput, ONLINE_INDICATORS } from '../modules/supervision/index.js'
import { ACCEPT, uploadMaterials } from './files.js'
import { type FormBody, fieldErrors, formOf, html, NO_STORE, type PortalEnv, text } from './http.js'
import { ErrorSummary, type Errors, Field, inputAttrs, NumberCodeForm, Page } from './layout.js'
import { IndicatorChoice, LevelChoice, submitAndThank } from './levels.js'

export const track = new Hono<PortalEnv>()

const RECEIPT = /^[0-9]{12}-[0-9]{8}-[0-9]{5}$/
const NOT_FOUND = '未找到该办件：受理编号或查询码不正确。请核对后重新输入。'

function TrackForm(props: { receiptNo?: string; errors?: Errors; message?: string; status?: number }) {
  const e = props.errors
  return (
    <Page title="办件查询" crumbs={[{ href: '/', label: '首页' }, { label: '办件查询' }]}>
      <h1>办件查询</h1>
      <p>凭申请时拿到的受理编号和查询码查询办理进度、补交材料、评价服务。页面不显示个人信息。</p>
      <ErrorSummary errors={e} message={props.message} />
      <NumberCodeForm action="/track" name="receiptNo" label="受理编号" hint="如 341502001000-20261124-00001" value={props.receiptNo} errors={e} />
    </Page>
  )
}

track.get('/track', (c) => html(c, <TrackForm />))

/** The case as tracking shows it, read in the scope of the unit that took it in (like /api/public/cases). */
const tracked = (c: Context<PortalEnv>, receiptNo: string, queryCode: string) => trackByReceipt(c.get('db'), c.get('deps').clock.now(), receiptNo, queryCode)

type Tracked = Awaited<ReturnType<typeof trackByReceipt>>
const FINISHED = new Set(['delivered', 'rejected'])

type Evaluated = Awaited<ReturnType<typeof caseEvaluation>>

/** '12月7日' from 'YYYY-MM-DD'. */
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/**
 * The real moment (Asia/Shanghai, to the minute) and, when the counting day differs (received after
 * hours or on a rest day), the day the clock starts: "2026-12-05 18:30（自 12月7日 起算）".
 */
export function realAndCounting(at: string, countingDay: string | null): string {
  const real = shanghaiMinute(new Date(at))
  return countingDay && countingDay !== real.slice(0, 10) ? `${real}（自 ${monthDay(countingDay)} 起算）` : real
}

function Status(props: { t: Tracked; queryCode: string; errors?: Errors; message?: string; done?: string; evaluated?: Evaluated }) {
  const t = props.t
  const steps: [string, string | null | undefined][] = [
    ['收件', realAndCounting(t.receivedAt, t.receivedOn)],
    [t.deemedAccepted ? '受理（逾期未告知，依法视为受理）' : '受理', t.acceptedAt && !t.deemedAccepted ? realAndCounting(t.acceptedAt, t.acceptedOn) : t.acceptedOn],
    ['作出决定', t.decidedOn],
    // A refusal is delivered without a certificate.
    ...(t.decision === 'deny' ? [] : [['制证', t.certificateIssuedOn] as [string, string | null]]),
    ['送达', t.status === 'delivered' ? '已送达' : null],
  ]
  return (
    <Page title="办件进度" crumbs={[{ href: '/', label: '首页' }, { href: '/track', label: '办件查询' }, { label: t.receiptNo }]}>
      <h1>{t.matter.name}</h1>
      {props.done ? <p class="success" role="status">{props.done}</p> : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <dl class="kv card">
        <dt>受理编号</dt><dd>{t.receiptNo}</dd>
        <dt>当前状态</dt><dd><strong>{t.statusName}</strong></dd>
        <dt>下一步</dt><dd>{t.next}</dd>
        <dt>办理单位</dt><dd>{t.handledBy.servicePointName ?? t.handledBy.name}</dd>
        <dt>办结期限</dt><dd>{t.dueDate ? `${t.dueDate} 前（按工作日计算，法定中止期间不计）` : '受理后计算'}</dd>
        {t.decision ? <><dt>决定</dt><dd>{t.decision === 'approve' ? '准予' : '不予'}</dd></> : null}
      </dl>
      <h2>办理步骤</h2>
      <ol>{steps.map(([name, day]) => <li>{name}：{day ?? '尚未进行'}</li>)}</ol>
      {t.missingMaterials.length ? (
        <>
          <h2>还缺的材料（一次性告知）</h2>
          <form method="post" action="/track/supplement" enctype="multipart/form-data" class="stack card">
            <input type="hidden" name="receiptNo" value={t.receiptNo} />
            <input type="hidden" name="queryCode" value={props.queryCode} />
            <fieldset class={props.errors?.materials ? 'field invalid' : 'field'} id="f-materials">
              <legend>上传补交的材料（照片或 PDF，每个不超过 10 MB）</legend>
              {t.missingMaterials.map((m, i) => (
                <div class={props.errors?.[`file-${i}`] ? 'field invalid' : 'field'}>
                  <label for={`f-file-${i}`}>{m}</label>
                  <input type="file" id={`f-file-${i}`} name={`file-${i}`} accept={ACCEPT} multiple aria-describedby={props.errors?.[`file-${i}`] ? `f-file-${i}-error` : undefined} />
                  {props.errors?.[`file-${i}`] ? <p class="error" id={`f-file-${i}-error`}>{props.errors[`file-${i}`]}</p> : null}
                </div>
              ))}
              {props.errors?.materials ? <p class="error">{props.errors.materials}</p> : null}
            </fieldset>
            <Field name="note" label="说明（可不填）" errors={props.errors}><textarea {...inputAttrs('note', props.errors)} maxlength={1000}></textarea></Field>
            <div class="actions"><button type="submit">提交补正</button></div>
          </form>
        </>
      ) : null}
      {FINISHED.has(t.status) && props.evaluated ? <EvaluationState e={props.evaluated} /> : null}
      {FINISHED.has(t.status) && !props.evaluated ? (
        <>
          <h2>评价本次服务（好差评）</h2>
          <p class="meta">每件办件可评价一次。“不满意”“非常不满意”的差评，办理单位须在 15 个工作日内整改并回访您，整改情况在本页显示。</p>
          <form method="post" action="/track/evaluate" class="stack card">
            <input type="hidden" name="receiptNo" value={t.receiptNo} />
            <input type="hidden" name="queryCode" value={props.queryCode} />
            <LevelChoice legend="整体满意度：您对这次办事满意吗？" errors={props.errors} />
            <IndicatorChoice legend="分项评价（可不填）" names={ONLINE_INDICATORS} errors={props.errors} />
            <Field name="comment" label="意见和建议（可不填）" errors={props.errors}><textarea {...inputAttrs('comment', props.errors)} maxlength={500}></textarea></Field>
            <div class="actions"><button type="submit">提交评价</button></div>
          </form>
        </>
      ) : null}
    </Page>
  )
}

/** The citizen's own evaluation and, for a 差评, where its rectification stands (整改、回访). */
function EvaluationState(props: { e: NonNullable<Evaluated> }) {
  const e = props.e, r = e.rectification
  return (
    <>
      <h2>您的评价</h2>
      <dl class="kv card">
        <dt>评价</dt><dd>{e.levelName}（{e.evaluatedOn}）</dd>
        {r ? (
          <>
            <dt>差评整改</dt>
            <dd>{r.status === 'answered' ? `已整改并答复（${r.answeredOn}）` : r.overdue ? `超期未整改（期限 ${r.dueOn}），已进入督办` : `整改中：办理单位须在 ${r.dueOn} 前整改并回访您`}</dd>
            {r.answer ? <><dt>整改答复</dt><dd>{r.answer}</dd></> : null}
          </>
        ) : null}
      </dl>
      {r ? <p class="meta">对整改结果仍不满意，可以<a href="/complaints">投诉</a>，由上级督办。</p> : null}
    </>
  )
}

/** The evaluation of a finished case, read in the scope of the unit that took it in. */
const evaluationOf = (c: any, t: Tracked, receiptNo: string, queryCode: string): Promise<Evaluated> => {
  const ext = supervisionExtensions(c)
  const code = ext.caseEvaluation?.unitOf(receiptNo)
  if (!FINISHED.has(t.status) || !code) return Promise.resolve(null)
  return c.get('db').scoped(scopeOf(code), (db: any) => caseEvaluation(db, c.get('deps').clock.now(), ext, receiptNo, queryCode).catch(() => null), { readOnly: true })
}

function credentials(f: FormBody) {
  const receiptNo = text(f, 'receiptNo'), queryCode = text(f, 'queryCode').toUpperCase()
  const errors: Errors = {}
  if (!RECEIPT.test(receiptNo)) errors.receiptNo = '受理编号格式不正确：应为“12 位单位代码-8 位日期-5 位序号”'
  if (!/^[0-9A-Z]{1,20}$/.test(queryCode)) errors.queryCode = '请输入查询码（字母或数字）'
  return { receiptNo, queryCode, errors }
}

track.post('/track', async (c) => {
  const { receiptNo, queryCode, errors } = credentials(await formOf(c))
  if (Object.keys(errors).length) return html(c, <TrackForm receiptNo={receiptNo} errors={errors} />, 400, NO_STORE)
  try {
    const t = await tracked(c, receiptNo, queryCode)
    return html(c, <Status t={t} queryCode={queryCode} evaluated={await evaluationOf(c, t, receiptNo, queryCode)} />, 200, NO_STORE)
  } catch (err) {
    if (err instanceof NotFound) return html(c, <TrackForm receiptNo={receiptNo} message={NOT_FOUND} />, 404, NO_STORE)
    throw err
  }
})

track.post('/track/supplement', async (c) => {
  const f = await formOf(c)
  const { receiptNo, queryCode, errors } = credentials(f)
  if (Object.keys(errors).length) return html(c, <TrackForm receiptNo={receiptNo} errors={errors} />, 400, NO_STORE)
  const current = await tracked(c, receiptNo, queryCode).catch((e) => { if (e instanceof NotFound) return null; throw e })
  if (!current) return html(c, <TrackForm receiptNo={receiptNo} message={NOT_FOUND} />, 404, NO_STORE)
  // Files go to the unit handling the case now (the supplement accepts its files or the intake unit's).
  const handler = current.handledBy.code
  const up = await uploadMaterials(c, handler, f, current.missingMaterials)
  if (Object.keys(up.errors).length) return html(c, <Status t={current} queryCode={queryCode} errors={up.errors} />, 400, NO_STORE)
  const materials = up.materials
  if (!materials.length) return html(c, <Status t={current} queryCode={queryCode} errors={{ materials: '请至少为一项材料选择要上传的文件' }} />, 400, NO_STORE)
  const now = c.get('deps').clock.now()
  try {
    // The same verb as /api/public/cases/{receiptNo}/supplement.
    await supplementByReceipt(c.get('db'), now, receiptNo, { queryCode, materials, note: text(f, 'note') || undefined })
  } catch (err) {
    if (err instanceof Invalid || err instanceof Conflict) return html(c, <Status t={current} queryCode={queryCode} message={err.message} />, err.status, NO_STORE)
    throw err
  }
  return html(c, <Status t={await tracked(c, receiptNo, queryCode)} queryCode={queryCode} done="补正材料已提交，办件恢复办理。" />, 200, NO_STORE)
})

track.post('/track/evaluate', async (c) => {
  const f = await formOf(c)
  const { receiptNo, queryCode, errors } = credentials(f)
  if (Object.keys(errors).length) return html(c, <TrackForm receiptNo={receiptNo} errors={errors} />, 400, NO_STORE)
  const current = await tracked(c, receiptNo, queryCode).catch((e) => { if (e instanceof NotFound) return null; throw e })
  if (!current) return html(c, <TrackForm receiptNo={receiptNo} message={NOT_FOUND} />, 404, NO_STORE)
  const indicators = Object.fromEntries(Object.keys(ONLINE_INDICATORS).map((k) => [k, text(f, `ind-${k}`)]).filter(([, v]) => v))
  const parsed = EvaluationInput.safeParse({ kind: 'case', receiptNo, queryCode, level: text(f, 'level') || undefined, comment: text(f, 'comment') || undefined, indicators })
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, Object.fromEntries(Object.keys(ONLINE_INDICATORS).map((k) => [`indicators.${k}`, `ind-${k}`])))
    for (const k of Object.keys(errors)) if (k.startsWith('ind-')) errors[k] = '请选择五级评价中的一项，或选“不评”'
    return html(c, <Status t={current} queryCode={queryCode} errors={{ ...errors, ...(text(f, 'level') ? {} : { level: '请选择一个评价等级' }) }} />, 400, NO_STORE)
  }
  try {
    const done = await submitAndThank(c, parsed.data, '办理单位')
    return html(c, <Status t={current} queryCode={queryCode} done={done} evaluated={await evaluationOf(c, current, receiptNo, queryCode)} />, 201, NO_STORE)
  } catch (err) {
    if (err instanceof Conflict || err instanceof NotFound) return html(c, <Status t={current} queryCode={queryCode} message={err instanceof Conflict ? err.message : '该办件尚不能评价'} evaluated={await evaluationOf(c, current, receiptNo, queryCode)} />, err.status, NO_STORE)
    throw err
  }
})
