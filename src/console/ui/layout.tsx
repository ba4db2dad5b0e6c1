// The signed-in frame: menu by role, unit switcher, notifications, sign out.
import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router'
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd'
import { Suspense, useState } from 'react'
import { AREAS } from '../areas'
import { useLogout } from '../features/auth/queries'
import { notificationsQuery, unreadCount } from '../features/oversight/notifications-queries'
import { SessionProvider, useSession } from '../session'
import { Loading } from './states'
import { UnitSwitcher } from './unit-switcher'

const ROLE_NAMES: Record<string, string> = {
  center_admin: '中心管理员', window_clerk: '窗口受理人员', reviewer: '审核人员', approver: '审批人员',
  supervisor: '监察人员', inspector: '检查人员', agent: '代办员',
}
export const roleNames = (roles: string[]) => roles.map((r) => ROLE_NAMES[r] ?? r).join('、')

function Frame() {
  const { me, unit, has } = useSession()
  const navigate = useNavigate()
  const logout = useLogout()
  const path = useRouterState({ select: (s) => s.location.pathname.replace(/^\/console/, '') || '/' })
  const screens = Grid.useBreakpoint()
  const [open, setOpen] = useState(false)
  const notes = useQuery(notificationsQuery(unit))
  const menuItems = AREAS.map((a) => ({
    key: a.key, label: a.label, type: 'group' as const,
    children: a.pages.filter((p) => p.menu !== false && (!p.roles || has(...p.roles)))
      .map((p) => ({ key: p.path === '/' ? '/' : `/${p.path}`, label: <Link to={p.path === '/' ? '/' : `/${p.path}`}>{p.label}</Link> })),
  })).filter((g) => g.children.length)
  const menu = <Menu mode="inline" selectedKeys={[path]} items={menuItems} onClick={() => setOpen(false)} style={{ borderInlineEnd: 0 }} />
  const wide = screens.lg !== false
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600 }}>为民服务工作台</div>
        <nav aria-label="主菜单">{menu}</nav>
      </Layout.Sider>}
      <Layout>
        <Layout.Header className="no-print" style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #eee', display: 'flex', alignItems: 'center', gap: 12, height: 'auto', minHeight: 56, flexWrap: 'wrap' }}>
          {!wide && <Button icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setOpen(true)} />}
          <UnitSwitcher />
          <span style={{ flex: 1 }} />
          <Space wrap>
            <Link to="/notifications" aria-label={`通知，${unreadCount(notes.data)} 条未读`}>
              <Badge count={unreadCount(notes.data)} size="small"><BellOutlined style={{ fontSize: 18 }} /></Badge>
            </Link>
            {screens.md !== false && <Typography.Text>{me.displayName}<Typography.Text type="secondary">（{roleNames(me.roles)}）</Typography.Text></Typography.Text>}
            <Button icon={<LogoutOutlined />} aria-label="退出登录" loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate({ to: '/login', search: { redirect: undefined } }) })}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: screens.md === false ? 8 : 16 }}>
          <main><Suspense fallback={<Loading />}><Outlet /></Suspense></main>
        </Layout.Content>
      </Layout>
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" size={240} title="为民服务工作台">{menu}</Drawer>
    </Layout>
  )
}

export function AppLayout() {
  return <Suspense fallback={<Loading />}><SessionProvider><Frame /></SessionProvider></Suspense>
}
