import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { allPages, api, data } from '../../api/client'
import { keys } from '../../api/keys'

export interface Unit { code: string; parentCode: string | null; level: string; name: string; servicePointName?: string | null; active: boolean }

export const unitQuery = (code: string) => queryOptions({
  queryKey: keys.unit(code),
  queryFn: async () => (await data(api.GET('/api/units/{code}', { params: { path: { code } } }))) as Unit,
  staleTime: 300_000,
})
export const childrenQuery = (code: string) => queryOptions({
  queryKey: keys.children(code),
  queryFn: () => allPages<Unit>(async (cursor) => data(api.GET('/api/units/{code}/children', { params: { path: { code }, query: { limit: 200, cursor } as any } }))),
  staleTime: 300_000,
})

export function useCreateUnit(parent: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { code: string; name: string }) => data(api.POST('/api/units', { body: body as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.children(parent) }),
  })
}
export function useUpdateUnit(parent: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ code, ...body }: { code: string; name?: string; active?: boolean }) =>
      data(api.PATCH('/api/units/{code}', { params: { path: { code } }, body: body as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['units'] }),
  })
  void parent
}
