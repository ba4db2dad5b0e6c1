import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data, items, upload } from '../../api/client'
import { keys } from '../../api/keys'
import type { Paged } from '../../ui/paged'

export interface TemplateItem { key: string; kind: 'boolean' | 'number' | 'text' | 'evidence'; label: string; min?: number; unit?: string; minFiles?: number; weight: number; critical?: boolean; guidance?: string }
export const templateQuery = (unit: string, tier: 'township' | 'village') => queryOptions({
  queryKey: keys.template(unit, tier),
  queryFn: async () => {
    const path = tier === 'township' ? '/api/units/{code}/standards/templates/township' : '/api/units/{code}/standards/templates/village'
    const b: any = await data(api.GET(path as '/api/units/{code}/standards/templates/township', { params: { path: { code: unit } } }))
    return (b.effective?.items ?? []) as TemplateItem[]
  },
})
export interface Station { unitCode: string; name: string; level: string; servicePointName: string; latest: any; lastSelfReportOn: string | null; rectifications: { open: number; overdue: number }; staff: number; casesAsAgent30d: number; yiYouSanWu?: boolean }
export const stationsQuery = (unit: string) => queryOptions({
  queryKey: keys.stations(unit),
  queryFn: async () => { const b: any = await data(api.GET('/api/units/{code}/stations', { params: { path: { code: unit } } })); return items<Station>(b.stations ?? b) },
})
export const summaryQuery = (unit: string) => queryOptions({
  queryKey: keys.summary(unit),
  queryFn: async () => (await data(api.GET('/api/units/{code}/standards/summary', { params: { path: { code: unit } } }))) as any,
})
export interface RectificationEvent { action: string; note: string | null; evidence: string[] | null; actorName: string | null; onDay: string; fixedOn: string | null; at: string }
export interface Rectification { id: string; unitCode: string; inspectorUnitCode: string; itemKey: string | null; title: string; detail: string | null; status: 'open' | 'reported' | 'verified'; statusName: string; openedOn: string; dueOn: string; reportedOn: string | null; fixedOn: string | null; verifiedOn: string | null; reopened: number; overdue: boolean; history: RectificationEvent[] }
export type RectificationStatus = Rectification['status']
/** One page of rectification tasks (by deadline, then unit), optionally in one state. */
export const rectificationsPage = (unit: string, cursor: string | undefined, status?: RectificationStatus) =>
  data(api.GET('/api/units/{code}/rectifications', { params: { path: { code: unit }, query: { limit: 50, cursor, status } } })) as Promise<Paged<Rectification>>
export function useInspect(code: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { results: { key: string; value?: unknown; evidence?: string[]; note?: string }[]; note?: string }) =>
      data(api.POST('/api/units/{code}/inspections', { params: { path: { code } }, body: body as any })) as Promise<any>,
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['stations'] }); qc.invalidateQueries({ queryKey: ['rectifications'] }); qc.invalidateQueries({ queryKey: ['standards'] }) },
  })
}
export const uploadEvidence = (code: string, file: File) =>
  upload(`/api/units/${code}/evidence?filename=${encodeURIComponent(file.name)}`, file) as Promise<{ id: string }>
/** The station's answer (report), the issuing side's acceptance (verify) or return (reopen). */
export type RectificationAction = 'report' | 'verify' | 'reopen'
export function useRectificationAction(action: RectificationAction) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: any }) =>
      data(api.POST(`/api/rectifications/{id}/${action}` as '/api/rectifications/{id}/verify', { params: { path: { id } }, body })) as Promise<Rectification>,
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['rectifications'] }); qc.invalidateQueries({ queryKey: ['stations'] }) },
  })
}
