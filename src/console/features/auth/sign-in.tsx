import { useNavigate, useSearch } from '@tanstack/react-router'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { ApiError } from '../../api/client'
import { useLogin } from './queries'

export function SignIn() {
  const login = useLogin()
  const navigate = useNavigate()
  const { redirect } = useSearch({ strict: false }) as { redirect?: string }
  const [error, setError] = useState<string | null>(null)
  const onFinish = (v: { username: string; password: string }) => {
    setError(null)
    login.mutate(v, {
      onSuccess: () => {
        const back = redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect.replace(/^\/console/, '') || '/' : '/'
        navigate({ to: back })
      },
      onError: (e) => setError(e instanceof ApiError && e.status === 401 ? '用户名或密码不正确' : (e as Error).message),
    })
  }
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f4fa', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>四级联动为民服务平台</Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>工作人员登录</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>登录</Button>
        </Form>
      </Card>
    </main>
  )
}
