import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data } from '../../api/client'
import type { Paged } from '../../ui/paged'
import { keys } from '../../api/keys'

export interface Warning { caseId: string; receiptNo: string; handlingUnitCode: string; matterName: string; kind: string; kindName: string; dueDate: string; remainingWorkingDays: number; level: 'yellow' | 'red'; levelName: string; warningId: string | null; answerDue: string | null; answeredAt: string | null; answerReason: string | null; escalatedTo: string | null; escalatedAt: string | null; escalatedBy: { id: string; name: string; unitCode: string } | null; escalationReason: string | null }

export interface ConsultationWarning { consultationId: string; questionNo: string; unitCode: string; matterName: string; route: 'window' | 'department'; department: string; dueDate: string; remainingWorkingDays: number; level: 'yellow' | 'red'; levelName: string }

export type LevelFilter = 'all' | 'red' | 'yellow'
export interface WarningPage extends Paged<Warning> { asOf: string; counts: { red: number; yellow: number } }
const levelQuery = (level: LevelFilter) => (level === 'all' ? {} : { level })
/** One page of the case warnings (red first), with the subtree's counts per level. */
export const warningsPage = (unit: string, level: LevelFilter, cursor?: string) =>
  data(api.GET('/api/units/{code}/supervision/warnings', { params: { path: { code: unit }, query: { ...levelQuery(level), cursor } as any } })) as Promise<WarningPage>
export const consultationWarningsPage = (unit: string, level: LevelFilter, cursor?: string) =>
  data(api.GET('/api/units/{code}/supervision/consultation-warnings', { params: { path: { code: unit }, query: { ...levelQuery(level), cursor } as any } })) as Promise<Paged<ConsultationWarning>>
export function useAnswerWarning() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => data(api.POST('/api/warnings/{id}/answer', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['warnings'] }),
  })
}
export function useEscalateWarning() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => data(api.POST('/api/warnings/{id}/escalate', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['warnings'] }),
  })
}
/** The rules and their hit counts over the subtree (the screen lists the rules; the first page of anomalies comes along). */
export const anomaliesQuery = (unit: string) => queryOptions({
  queryKey: keys.anomalies(unit),
  queryFn: async () => (await data(api.GET('/api/units/{code}/supervision/anomalies', { params: { path: { code: unit } } }))) as any as { asOf: string; rules: { code: string; name: string; description: string; enabled: boolean; findings: number | null }[]; items: any[]; next: string | null },
})
export interface Figures { received: number; accepted: number; rejected: number; completed: number; onTime: number; overdue: number; dailyCompletionRate: number | null; promisedSpeedUp: number | null; handlingSpeedUp: number | null; oneTimeNoticeRate: number | null; [k: string]: any }
export const figuresQuery = (unit: string, params: { by?: string; from?: string; to?: string }) => queryOptions({
  queryKey: keys.figures(unit, params),
  queryFn: async () => (await data(api.GET('/api/units/{code}/supervision/case-figures', { params: { path: { code: unit }, query: params as any } }))) as any as { from: string; to: string; total: Figures; rows: { key: string; name?: string; figures: Figures }[] },
})
export const supervisionFiguresQuery = (unit: string) => queryOptions({
  queryKey: keys.figures(unit, { kind: 'supervision' }),
  queryFn: async () => (await data(api.GET('/api/units/{code}/supervision/figures', { params: { path: { code: unit } } }))) as any,
})
