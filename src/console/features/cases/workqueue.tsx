// 窗口工作台: the clerk's queues with the working days left on each case.
import { PlusOutlined } from '@ant-design/icons'
import { Link } from '@tanstack/react-router'
import { Button, Card, Grid, Select, Tabs } from 'antd'
import { useState } from 'react'
import { useSession } from '../../session'
import { CaseTable } from './case-table'

// 即将超期: the running clock has at most this many working days left on the unit's calendar (or is overdue).
const SOON_WORKING_DAYS = 3

export function Workqueue() {
  const { unit, has } = useSession()
  const [tab, setTab] = useState('submitted')
  const narrow = Grid.useBreakpoint().md === false
  const tabs = [
    { key: 'submitted', label: '待受理', children: <CaseTable unit={unit} params={{ status: 'submitted' }} /> },
    { key: 'supplement_requested', label: '补正中', children: <CaseTable unit={unit} params={{ status: 'supplement_requested' }} /> },
    { key: 'decided', label: '待送达（已决定）', children: <CaseTable unit={unit} params={{ status: 'decided' }} /> },
    { key: 'certified', label: '待送达（已制证）', children: <CaseTable unit={unit} params={{ status: 'certified' }} /> },
    { key: 'soon', label: '即将超期', children: <CaseTable unit={unit} params={{ dueWithin: SOON_WORKING_DAYS }} /> },
    { key: 'all', label: '全部', children: <CaseTable unit={unit} params={{}} /> },
  ]
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>收件受理工作台</h1>}
      extra={has('window_clerk', 'agent') && <Link to="/cases/new"><Button type="primary" icon={<PlusOutlined />}>新收件</Button></Link>}>
      {narrow
        // On a phone six tabs would scroll sideways: the queues collapse into one labelled select.
        ? <>
            <Select aria-label="选择队列" value={tab} onChange={setTab} style={{ width: '100%', marginBottom: 12 }}
              options={tabs.map((t) => ({ value: t.key, label: t.label }))} />
            {tabs.find((t) => t.key === tab)?.children}
          </>
        // No ink-bar animation: a screenshot or a quick click caught the underline still under the last tab.
        : <Tabs activeKey={tab} onChange={setTab} items={tabs} destroyOnHidden animated={{ inkBar: false, tabPane: false }} />}
    </Card>
  )
}
