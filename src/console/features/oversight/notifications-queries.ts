import { queryOptions } from '@tanstack/react-query'
import { api, data, items } from '../../api/client'
import { keys } from '../../api/keys'
import type { Paged } from '../../ui/paged'

export interface Notification { id: string | number; createdAt?: string; at?: string; kind?: string; level?: string; text?: string; title?: string; caseId?: string; [k: string]: unknown }

export const notificationsQuery = (unit: string) => queryOptions({
  queryKey: keys.notifications(unit),
  // The header's badge counts the unread among the latest page.
  queryFn: async () => items<Notification>(await data(api.GET('/api/units/{code}/notifications', { params: { path: { code: unit }, query: { limit: 50 } } }))),
  refetchInterval: 60_000,
})

// The API has no read/unread state for notifications yet: the browser remembers what was opened.
const READ = 'console.read-notifications'
export const readIds = (): Set<string> => new Set(JSON.parse(localStorage.getItem(READ) ?? '[]'))
export function markRead(ids: (string | number)[]) { const s = readIds(); ids.forEach((i) => s.add(String(i))); localStorage.setItem(READ, JSON.stringify([...s].slice(-2000))) }
/** One page of notifications (newest first), for the notification screen. */
export const notificationsPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/notifications', { params: { path: { code: unit }, query: { limit: 50, cursor } } })) as Promise<Paged<Notification>>
export const unreadCount = (list?: Notification[]) => { const r = readIds(); return (list ?? []).filter((n) => !r.has(String(n.id))).length }
