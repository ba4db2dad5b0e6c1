/** @jsxImportSource hono/jsx */
// A unit's 好差评 figures for a year, as GET /api/public/units/{code}/evaluations/figures answers
// them: the five levels, 好评率 and 差评率, how 差评 were rectified, the national indicators.
import { Hono } from 'hono'
import { NotFound } from '../platform/errors.js'
import { scopeOf } from '../platform/scope.js'
import { shanghaiDate } from '../platform/time.js'
import { findUnit } from '../modules/units/index.js'
import { evaluationFigures } from '../modules/supervision/index.js'
import { html, type PortalEnv, validCode } from './http.js'
import { Page, TableWrap } from './layout.js'

export const evaluations = new Hono<PortalEnv>()

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)

function Indicators(props: { title: string; rows: { key: string; name: string; evaluations: number; goodShare: number | null }[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      <TableWrap label={props.title}>
        <table>
          <thead><tr><th scope="col">指标</th><th scope="col">评价数</th><th scope="col">好评率</th></tr></thead>
          <tbody>{props.rows.map((r) => <tr><td>{r.name}</td><td>{r.evaluations}</td><td>{pct(r.goodShare)}</td></tr>)}</tbody>
        </table>
      </TableWrap>
    </>
  )
}

evaluations.get('/units/:code/evaluations', async (c) => {
  const code = c.req.param('code')
  if (!validCode(code)) throw new NotFound('未找到该单位')
  const now = c.get('deps').clock.now()
  const thisYear = Number(shanghaiDate(now).slice(0, 4))
  const y = /^[0-9]{4}$/.test(c.req.query('year') ?? '') ? Number(c.req.query('year')) : thisYear
  if (y < 2019 || y > thisYear) throw new NotFound('没有该年度的数据')
  const { u, f } = await c.get('db').scoped(scopeOf(code), async (db) => {
    const u = await findUnit(db, code)
    if (!u || !u.active) throw new NotFound('未找到该单位')
    return { u, f: await evaluationFigures(db, now, code, y) }
  }, { readOnly: true })
  return html(c, (
    <Page title={`${u.name}好差评`} crumbs={[{ href: '/', label: '首页' }, { href: `/units/${code}`, label: u.name }, { label: '好差评' }]}>
      <h1>{u.service_point_name}好差评（{y} 年）</h1>
      <p>按国家政务服务“好差评”制度公开：五级评价（非常满意、满意、基本满意、不满意、非常不满意），差评须在 15 个工作日内整改并回访。经申诉核实为恶意或误评的不计入。</p>
      <dl class="kv card">
        <dt>评价总数</dt><dd>{f.evaluations}</dd>
        <dt>好评率</dt><dd>{pct(f.goodShare)}（非常满意、满意、基本满意）</dd>
        <dt>差评</dt><dd>{f.negative} 件（{pct(f.negativeShare)}）</dd>
        <dt>差评整改率</dt><dd>{pct(f.rectifiedShare)}（已整改 {f.rectified} 件，其中按期 {f.rectifiedOnTime} 件；超期未整改 {f.rectificationOverdue} 件）</dd>
      </dl>
      <h2>五级评价</h2>
      <TableWrap label="五级评价">
        <table>
          <thead><tr><th scope="col">等级</th><th scope="col">数量</th></tr></thead>
          <tbody>{f.levels.map((l) => <tr><td>{l.name}</td><td>{l.count}</td></tr>)}</tbody>
        </table>
      </TableWrap>
      <h2>分项指标</h2>
      <Indicators title="网上办事" rows={f.online} />
      <Indicators title="窗口服务" rows={f.hall} />
      {y > 2019 ? <p><a href={`/units/${code}/evaluations?year=${y - 1}`}>查看 {y - 1} 年</a></p> : null}
    </Page>
  ))
})
