// Printable documents: 受理凭证, 一次性告知书, 不予受理决定书 (print stylesheet: ui/print.css).
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { Button } from 'antd'
import { useEffect } from 'react'
import { cnDate, cnDateTime } from '../../ui/dates'
import { useToday } from '../../ui/server-clock'
import { ErrorState, Loading } from '../../ui/states'
import { unitQuery } from '../units/queries'
import { organOf } from './rules'
import { caseQuery, type CaseRow } from './queries'

const TITLES: Record<string, string> = { receipt: '受理凭证', notice: '补正材料一次性告知书', rejection: '不予受理决定书' }

function Parties({ c, organ, hall }: { c: CaseRow; organ: string; hall: string }) {
  return (
    <table><tbody>
      <tr><th>受理编号</th><td>{c.receiptNo}</td></tr>
      <tr><th>申请人</th><td>{c.applicant.name}</td></tr>
      <tr><th>证件号码</th><td>{c.applicant.idNumber}</td></tr>
      <tr><th>申请事项</th><td>{c.matterName}（{c.matterCode}）</td></tr>
      <tr><th>办理机关</th><td>{organ}</td></tr>
      <tr><th>受理地点</th><td>{hall}</td></tr>
      <tr><th>收件时间</th><td>{cnDateTime(c.receivedAt)}</td></tr>
    </tbody></table>
  )
}

export function PrintPage() {
  const { kind, id } = useParams({ strict: false }) as { kind: string; id: string }
  const q = useQuery(caseQuery(id))
  // The date under the seal is the server's day of printing, not the browser's.
  const today = useToday()
  const unit = useQuery({ ...unitQuery(q.data?.unitCode ?? ''), enabled: !!q.data })
  useEffect(() => { document.title = `${TITLES[kind] ?? '文书'} · ${q.data?.receiptNo ?? ''}` }, [kind, q.data])
  if (q.isPending) return <Loading />
  if (q.error) return <ErrorState error={q.error} />
  const c = q.data
  const organ = organOf(c) ?? unit.data?.name ?? c.unitCode
  const hall = unit.data?.servicePointName ?? unit.data?.name ?? c.unitCode
  const ev = (t: string) => [...(c.events ?? [])].reverse().find((e) => e.type === t)
  const provided = (c.materials ?? []).filter((m) => m.provided)
  let body
  if (kind === 'receipt') {
    const e = ev('accepted')
    body = (<>
      <p>{c.applicant.name}：</p>
      <p>你（单位）于{cnDate(c.receivedDay)}提出的{c.matterName}申请，申请材料齐全、符合法定形式，本机关已于{cnDate(e?.at ?? c.acceptedAt)}依法受理。</p>
      <Parties c={c} organ={organ} hall={hall} />
      <table><tbody>
        <tr><th>已收材料</th><td>{provided.map((m) => m.name).join('；') || '—'}</td></tr>
        <tr><th>办理时限</th><td>{c.limitDays} 个工作日，预计于{cnDate(c.dueDate)}前办结（依法中止、延长的期间不计算在内）</td></tr>
      </tbody></table>
      <p>请凭本凭证和受理编号查询办理进度、领取办理结果。</p>
    </>)
  } else if (kind === 'notice') {
    const e = ev('supplement_requested')
    const list: { name: string; reason: string }[] = e?.payload?.items ?? []
    body = (<>
      <p>{c.applicant.name}：</p>
      <p>你（单位）于{cnDate(c.receivedDay)}提出的{c.matterName}申请，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容如下：</p>
      <Parties c={c} organ={organ} hall={hall} />
      <table><thead><tr><th>序号</th><th>需补正的材料或内容</th><th>原因</th></tr></thead>
        <tbody>{list.map((i, n) => <tr key={n}><td>{n + 1}</td><td>{i.name}</td><td>{i.reason}</td></tr>)}</tbody></table>
      <p>请按上述要求补正后再次提交。补正材料齐全后，本机关将依法受理。告知日期：{cnDate(e?.at)}。</p>
    </>)
  } else if (kind === 'rejection') {
    const e = ev('rejected')
    body = (<>
      <p>{c.applicant.name}：</p>
      <p>你（单位）于{cnDate(c.receivedDay)}提出的{c.matterName}申请，经审查，本机关决定不予受理。</p>
      <Parties c={c} organ={organ} hall={hall} />
      <table><tbody>
        <tr><th>不予受理理由</th><td>{e?.payload?.reason ?? '—'}</td></tr>
        <tr><th>救济途径</th><td>{e?.payload?.remedy ?? '—'}</td></tr>
      </tbody></table>
      <p>决定日期：{cnDate(e?.at)}</p>
    </>)
  } else return <ErrorState error={new Error('没有这种文书')} />
  return (
    <>
      <div className="print-bar"><Button type="primary" onClick={() => print()}>打印</Button><Button onClick={() => close()}>关闭</Button></div>
      <article className="doc" aria-label={TITLES[kind]}>
        <h1>{TITLES[kind]}</h1>
        <div className="doc-no">编号：{c.receiptNo}</div>
        {body}
        <div className="seal">{organ}（印章）<br />{cnDate(today)}</div>
      </article>
    </>
  )
}
