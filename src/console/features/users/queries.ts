import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data, items } from '../../api/client'
import { keys } from '../../api/keys'

export interface StaffUser { id: string; unitCode: string; username: string; displayName: string; roles: string[]; active: boolean }
export const usersQuery = (unit: string) => queryOptions({
  queryKey: keys.users(unit),
  queryFn: async () => items<StaffUser>(await data(api.GET('/api/units/{code}/users', { params: { path: { code: unit } } }))),
})
export function useCreateUser(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { username: string; displayName: string; password: string; roles: string[] }) => data(api.POST('/api/units/{code}/users', { params: { path: { code: unit } }, body: body as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users(unit) }),
  })
}
export function useUpdateUser(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; roles?: string[]; active?: boolean }) => data(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: body as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users(unit) }),
  })
}
