import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { allPages, api, data } from '../../api/client'
import type { Paged } from '../../ui/paged'
import { keys } from '../../api/keys'

export interface Grant { id: string; grantorCode: string; granteeCode: string; matterCode: string; kind: 'delegation' | 'entrustment'; rights: string[]; documentNo: string; legalBasis: string; validFrom: string; validUntil: string | null; revokedAt: string | null; revokeReason: string | null }
export interface GrantInput { grantorCode?: string; granteeCode: string; matterCode: string; kind: 'delegation' | 'entrustment'; rights: string[]; documentNo: string; legalBasis: string; validFrom: string }

/** One page of the grants a unit gave or received (the two tables page on their own, 加载更多). */
export const grantsPage = (unit: string, direction: 'given' | 'received', cursor?: string) =>
  data(api.GET('/api/units/{code}/grants', { params: { path: { code: unit }, query: { direction, cursor } as any } })) as Promise<Paged<Grant>>
export function useGrant() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: GrantInput) => data(api.POST('/api/grants', { body: body as any })),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['grants'] }); qc.invalidateQueries({ queryKey: ['powers'] }) },
  })
}
export function useRevoke() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => data(api.POST('/api/grants/{id}/revoke', { params: { path: { id } }, body: { reason } as any })),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['grants'] }); qc.invalidateQueries({ queryKey: ['powers'] }) },
  })
}

export interface Window { id: string; number: string; name: string; active: boolean; staff?: { id: string; displayName?: string }[]; rights?: { matterCode: string; rights: string[] }[]; [k: string]: any }
export const windowsQuery = (unit: string) => queryOptions({
  queryKey: keys.windows(unit),
  // Every window: the list is a unit's hall windows (tens at most), and the screens pick from it.
  queryFn: () => allPages<Window>((cursor) => data(api.GET('/api/units/{code}/windows', { params: { path: { code: unit }, query: { limit: 200, cursor } as any } }))),
})
export function useCreateWindow(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { number: string; name: string }) => data(api.POST('/api/units/{code}/windows', { params: { path: { code: unit } }, body: body as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.windows(unit) }),
  })
}

/** A window's staff and its rights per matter (two PUTs: each replaces the whole list). */
export function useEditWindow(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, userIds, rights }: { id: string; userIds: string[]; rights: { matterCode: string; rights: string[] }[] }) => {
      await data(api.PUT('/api/units/{code}/windows/{windowId}/staff', { params: { path: { code: unit, windowId: id } }, body: { userIds } as any }))
      return data(api.PUT('/api/units/{code}/windows/{windowId}/rights', { params: { path: { code: unit, windowId: id } }, body: { rights } as any }))
    },
    onSettled: () => { qc.invalidateQueries({ queryKey: keys.windows(unit) }); qc.invalidateQueries({ queryKey: ['powers'] }) },
  })
}
