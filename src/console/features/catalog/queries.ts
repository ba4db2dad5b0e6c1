import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data, items } from '../../api/client'
import { keys } from '../../api/keys'
import type { Matter } from '../cases/queries'

export const draftQuery = (unit: string) => queryOptions({
  queryKey: keys.catalogDraft(unit),
  queryFn: async () => items<Matter>(await data(api.GET('/api/units/{code}/catalog/draft', { params: { path: { code: unit } } }))),
})
export const versionsQuery = (unit: string) => queryOptions({
  queryKey: keys.catalogVersions(unit),
  queryFn: async () => items<{ version: number; effectiveFrom: string; publishedAt: string; note: string; matters: number }>(await data(api.GET('/api/units/{code}/catalog/versions', { params: { path: { code: unit } } }))),
})
export const publishedAtQuery = (unit: string, at?: string) => queryOptions({
  queryKey: [...keys.matters(unit), { at }],
  queryFn: async () => items<Matter>(await data(api.GET('/api/units/{code}/matters', { params: { path: { code: unit }, query: (at ? { at } : {}) as any } }))),
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
