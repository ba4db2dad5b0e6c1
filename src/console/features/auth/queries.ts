import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data } from '../../api/client'
import { keys } from '../../api/keys'

export interface Me { id: string; username: string; displayName: string; unitCode: string; roles: string[] }

/** The signed-in user, or null when there is no session (401). */
export const meQuery = queryOptions({
  queryKey: keys.me(),
  queryFn: async (): Promise<Me | null> => {
    const { data: body, response } = await api.GET('/api/auth/me')
    if (response.status === 401) return null
    if (!response.ok) throw new Error(`无法读取当前用户（${response.status}）`)
    return body as Me
  },
  staleTime: 60_000,
})

export function useLogin() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => data(api.POST('/api/auth/login', { body })),
    onSuccess: (res: any) => { qc.setQueryData(keys.me(), res.user as Me) },
  })
}

export function useLogout() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => data(api.POST('/api/auth/logout')),
    onSettled: () => { qc.clear(); qc.setQueryData(keys.me(), null) },
  })
}
