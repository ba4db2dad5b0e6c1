import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data } from '../../api/client'
import { keys } from '../../api/keys'
import type { Paged } from '../../ui/paged'

/** One page of complaints (newest received first). */
export const complaintsPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/complaints', { params: { path: { code: unit }, query: { limit: 50, cursor } } })) as Promise<Paged<any>>
/** One page of evaluations (newest first). */
export const evaluationsPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/evaluations', { params: { path: { code: unit }, query: { limit: 50, cursor } } })) as Promise<Paged<any>>
export function useAnswerComplaint() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: any }) => data(api.POST('/api/complaints/{id}/answer', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  })
}
/** One page of reports (newest month first, then by unit). */
export const reportsPage = (unit: string, cursor: string | undefined) =>
  data(api.GET('/api/units/{code}/reports', { params: { path: { code: unit }, query: { limit: 50, cursor } } })) as Promise<Paged<any>>
export function useGenerateReport(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (period: string) => data(api.POST('/api/units/{code}/reports', { params: { path: { code: unit } }, body: { period } as any })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.reports(unit) }),
  })
}
export function useSubmitReport(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => data(api.POST('/api/reports/{id}/submit', { params: { path: { id } }, body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.reports(unit) }),
  })
}
export const auditQuery = (unit: string) => queryOptions({
  queryKey: keys.audit(unit),
  queryFn: async () => (await data(api.GET('/api/units/{code}/audit/verify', { params: { path: { code: unit } } }))) as any as { ok: boolean; chainLength: number | null; entriesInSubtree: number; broken: any; cityCode: string },
  enabled: false,
})

type AssessmentsBody = import('../../api/schema.gen').components['schemas']['Assessments']
export const assessmentsQuery = (unit: string) => queryOptions({
  queryKey: [...keys.reports(unit), 'assessments'],
  queryFn: async (): Promise<AssessmentsBody> => data(api.GET('/api/units/{code}/assessments', { params: { path: { code: unit } } })) as Promise<AssessmentsBody>,
})
export function useRunAssessment(unit: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (period: string) => data(api.POST('/api/units/{code}/assessments', { params: { path: { code: unit } }, body: { period } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...keys.reports(unit), 'assessments'] }),
  })
}
/** 差评整改 answered and an appeal filed by the unit's admin; an appeal decided by the unit above. */
export type EvaluationAction =
  | { id: string; action: 'rectify'; body: { answer: string } }
  | { id: string; action: 'appeal'; body: { reason: string } }
  | { id: string; action: 'decide'; body: { upheld: boolean; note: string } }
export function useEvaluationAction() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (a: EvaluationAction) => {
      const params = { path: { id: a.id } }
      if (a.action === 'rectify') return data(api.POST('/api/evaluations/{id}/rectification', { params, body: a.body }))
      if (a.action === 'appeal') return data(api.POST('/api/evaluations/{id}/appeal', { params, body: a.body }))
      return data(api.POST('/api/evaluations/{id}/appeal/decide', { params, body: a.body }))
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  })
}
