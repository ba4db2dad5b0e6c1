import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { allPages, api, data } from '../../api/client'
import type { Paged } from '../../ui/paged'
import { keys } from '../../api/keys'
import type { Matter } from '../cases/queries'

export const draftQuery = (unit: string) => queryOptions({
  queryKey: keys.catalogDraft(unit),
  // Draft and published catalog are compared matter by matter (the diff), so both are read whole.
  queryFn: () => allPages<Matter>((cursor) => data(api.GET('/api/units/{code}/catalog/draft', { params: { path: { code: unit }, query: { limit: 200, cursor } as any } }))),
})
export interface Version { version: number; effectiveFrom: string; publishedAt: string; note: string; matters: number }
/** One page of the published versions, newest first (the versions tab loads more). */
export const versionsPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/catalog/versions', { params: { path: { code: unit }, query: { cursor } as any } })) as Promise<Paged<Version>>
export const publishedAtQuery = (unit: string, at?: string) => queryOptions({
  queryKey: [...keys.matters(unit), { at }],
  queryFn: () => allPages<Matter>((cursor) => data(api.GET('/api/units/{code}/matters', { params: { path: { code: unit }, query: { ...(at ? { at } : {}), limit: 200, cursor } as any } }))),
})
export function usePublish(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { effectiveFrom?: string; note?: string }) => data(api.POST('/api/units/{code}/catalog/publish', { params: { path: { code: unit } }, body: body as any })),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['catalog', unit] }); qc.invalidateQueries({ queryKey: ['matters', unit] }) },
  })
}
export function useSaveMatter(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ matterCode, body }: { matterCode: string; body: any }) => data(api.PUT('/api/units/{code}/matters/{matterCode}', { params: { path: { code: unit, matterCode } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['catalog', unit] }),
  })
}
export function useCreateMatter(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: any) => data(api.POST('/api/units/{code}/matters', { params: { path: { code: unit } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['catalog', unit] }),
  })
}
/** 从草稿中移除: the matter leaves the published catalog with the next version. */
export function useRemoveMatter(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (matterCode: string) => data(api.DELETE('/api/units/{code}/matters/{matterCode}', { params: { path: { code: unit, matterCode } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['catalog', unit] }),
  })
}
