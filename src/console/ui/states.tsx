// Loading, empty and error states, the same everywhere.
import { Alert, Button, Empty, Result, Spin } from 'antd'
import type { ReactNode } from 'react'
import { ApiError } from '../api/client'

export function Loading({ label = '正在加载……' }: { label?: string }) {
  return <div role="status" style={{ padding: 48, textAlign: 'center' }}><Spin /> <span style={{ marginLeft: 8 }}>{label}</span></div>
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const msg = error instanceof ApiError ? error.message : error instanceof Error ? error.message : '出错了'
  return <Alert type="error" showIcon title="加载失败" description={msg} action={retry && <Button size="small" onClick={retry}>重试</Button>} />
}

export function EmptyState({ children = '暂无数据' }: { children?: ReactNode }) {
  return <Empty description={children} />
}

/** Renders loading / error / empty around a query's data. */
export function QueryView<T>({ q, empty, children }: { q: { isPending: boolean; error: unknown; data?: T; refetch: () => unknown }; empty?: (d: T) => boolean; children: (d: T) => ReactNode }) {
  if (q.isPending) return <Loading />
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />
  if (empty?.(q.data as T)) return <EmptyState />
  return <>{children(q.data as T)}</>
}

export function RouteError({ error }: { error: unknown }) {
  return <div style={{ padding: 24 }}><ErrorState error={error} retry={() => location.reload()} /></div>
}
export function NotFound() {
  return <Result status="404" title="页面不存在" extra={<a href="/console/">返回工作台</a>} />
}
