// The signed-in frame: menu by role, unit switcher, notifications, sign out.
import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router'
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd'
import { Suspense, useState } from 'react'
import { AREAS } from '../areas'
import { useLogout } from '../features/auth/queries'
import { unreadCountQuery } from '../features/oversight/notifications-queries'
import { SessionProvider, useSession } from '../session'
import { Loading } from './states'
import { UnitSwitcher } from './unit-switcher'

const ROLE_NAMES: Record<string, string> = {
  center_admin: '中心管理员', window_clerk: '窗口受理人员', reviewer: '审核人员', approver: '审批人员',
  supervisor: '监察人员', inspector: '检查人员', agent: '代办员',
}
export const roleNames = (roles: string[]) => roles.map((r) => ROLE_NAMES[r] ?? r).join('、')

function Frame() {
  const { me, has } = useSession()
  const navigate = useNavigate()
  const logout = useLogout()
  const path = useRouterState({ select: (s) => s.location.pathname.replace(/^\/console/, '') || '/' })
  const screens = Grid.useBreakpoint()
  const [open, setOpen] = useState(false)
  // The bell counts the user's own inbox (read state is per user, kept by the API).
  const unread = useQuery(unreadCountQuery(me.unitCode)).data ?? 0
  const menuItems = AREAS.map((a) => ({
    key: a.key, label: a.label, type: 'group' as const,
    children: a.pages.filter((p) => p.menu !== false && (!p.roles || has(...p.roles)))
      .map((p) => ({ key: p.path === '/' ? '/' : `/${p.path}`, label: <Link to={p.path === '/' ? '/' : `/${p.path}`}>{p.label}</Link> })),
  })).filter((g) => g.children.length)
  const menu = <Menu mode="inline" selectedKeys={[path]} items={menuItems} onClick={() => setOpen(false)} style={{ borderInlineEnd: 0 }} />
  const wide = screens.lg !== false
  const narrow = screens.md === false
  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate({ to: '/login', search: { redirect: undefined } }) })
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600 }}>为民服务工作台</div>
        <nav aria-label="主菜单">{menu}</nav>
      </Layout.Sider>}
      <Layout>
        <Layout.Header className="no-print" style={{ background: '#fff', padding: narrow ? '0 8px' : '0 16px', borderBottom: '1px solid #eee', display: 'flex', alignItems: 'center', gap: narrow ? 8 : 12, height: 56, lineHeight: 'normal', flexWrap: 'nowrap' }}>
          {!wide && <Button icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setOpen(true)} />}
          <UnitSwitcher narrow={narrow} />
          <span style={{ flex: 1 }} />
          <Link to="/notifications" aria-label={`通知，${unread} 条未读`} style={{ padding: 4, flex: 'none' }}>
            <Badge count={unread} size="small"><BellOutlined style={{ fontSize: 18 }} /></Badge>
          </Link>
          {narrow
            // On a phone the name and 退出 collapse into one account menu, so the header stays one line.
            ? <Dropdown trigger={['click']} menu={{ items: [
                { key: 'me', label: <span>{me.displayName}（{roleNames(me.roles)}）</span>, disabled: true },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: signOut },
              ] }}>
                <Button icon={<UserOutlined />} aria-label="账户菜单" style={{ flex: 'none' }} />
              </Dropdown>
            : <Space>
                <Typography.Text>{me.displayName}<Typography.Text type="secondary">（{roleNames(me.roles)}）</Typography.Text></Typography.Text>
                <Button icon={<LogoutOutlined />} aria-label="退出登录" loading={logout.isPending} onClick={signOut}>退出</Button>
              </Space>}
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
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
