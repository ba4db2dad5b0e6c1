import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data } from '../../api/client'
import type { Paged } from '../../ui/paged'
import { keys } from '../../api/keys'

export interface StaffUser { id: string; unitCode: string; username: string; displayName: string; roles: string[]; active: boolean }
/** One page of the unit's accounts (ordered by unit code, username). */
export const usersPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/users', { params: { path: { code: unit }, query: { limit: 50, cursor } } })) as Promise<Paged<StaffUser>>
/** The unit's own accounts for a picker (one page of up to 200, the API's maximum; a unit has fewer). */
export const unitUsersQuery = (unit: string) => ({
  queryKey: [...keys.users(unit), 'picker'] as const,
  queryFn: async () => (await (data(api.GET('/api/units/{code}/users', { params: { path: { code: unit }, query: { limit: 200 } } })) as Promise<Paged<StaffUser>>)).items,
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
