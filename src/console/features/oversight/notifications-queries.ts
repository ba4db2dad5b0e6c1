// The user's inbox (their own unit's notifications) with the read state the API keeps per user.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data, items } from '../../api/client'
import { keys } from '../../api/keys'
import type { Paged } from '../../ui/paged'

export interface Notification { id: number; createdAt: string; kind: string; text: string; caseId: string | null; read: boolean }

export const notificationsQuery = (unit: string, unread = false) => queryOptions({
  queryKey: [...keys.notifications(unit), { unread }],
  queryFn: async () => items<Notification>(await data(api.GET('/api/units/{code}/notifications', {
    params: { path: { code: unit }, query: { limit: 100, ...(unread ? { unread: 'true' as const } : {}) } },
  }))),
})

/** One page of the inbox (newest first) for the notification screen, all or only the unread. */
export const notificationsPage = (unit: string, unread: boolean, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/notifications', {
    params: { path: { code: unit }, query: { limit: 50, cursor, ...(unread ? { unread: 'true' as const } : {}) } },
  })) as Promise<Paged<Notification>>

export const unreadCountQuery = (unit: string) => queryOptions({
  queryKey: [...keys.notifications(unit), 'count'],
  queryFn: async () => (await data(api.GET('/api/units/{code}/notifications/unread-count', { params: { path: { code: unit } } }))).unread,
  refetchInterval: 60_000,
})

export function useMarkRead(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: { ids: number[] } | { all: true }) =>
      data(api.POST('/api/units/{code}/notifications/read', { params: { path: { code: unit } }, body })),
    onSuccess: (r) => {
      qc.setQueryData(unreadCountQuery(unit).queryKey, r.unread)
      qc.invalidateQueries({ queryKey: keys.notifications(unit) })
    },
  })
}
