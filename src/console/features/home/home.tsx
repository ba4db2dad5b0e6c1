// 首页: the user, their unit, and a shortcut per role.
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Card, Col, Descriptions, Row } from 'antd'
import { AREAS } from '../../areas'
import { useSession } from '../../session'
import { roleNames } from '../../ui/layout'
import { unitQuery } from '../units/queries'

export function Home() {
  const { me, unit, has } = useSession()
  const u = useQuery(unitQuery(unit))
  const pages = AREAS.flatMap((a) => a.pages).filter((p) => p.path !== '/' && (!p.roles || has(...p.roles)))
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>工作台</h1>}>
          <Descriptions column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
            <Descriptions.Item label="角色">{roleNames(me.roles)}</Descriptions.Item>
            <Descriptions.Item label="当前查看">{u.data ? `${u.data.name}（${u.data.code}）` : unit}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      {pages.map((p) => (
        <Col key={p.path} xs={12} md={8} lg={6}>
          <Link to={`/${p.path}`}><Card hoverable size="small">{p.label}</Card></Link>
        </Col>
      ))}
    </Row>
  )
}
