// Case data access (one place to fix when the API's case schemas change).
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { allPages, api, data, items } from '../../api/client'
import { keys } from '../../api/keys'

export interface CaseEvent { id: number; type: string; at: string; actorId: string | null; actorUnitCode: string | null; windowId: string | null; actingFor: any; payload: any }
export interface CaseRow {
  id: string; receiptNo: string; unitCode: string; intakeUnitCode: string; matterCode: string; matterName: string
  channel: string; applicant: { kind: string; idNumber: string; name: string; phone: string }
  status: string; statusName: string; receivedAt: string; receivedDay: string; acceptanceDeadline: string | null
  deemedAccepted: boolean; acceptedAt: string | null; limitDays: number; extendedDays: number; suspendedDays: number
  suspension: any; dueDate: string | null; overdue: boolean; workingDaysLeft?: number | null; decision: any; holder: { code: string; name: string } | null
  certificate: any; version: number
  materials?: { name: string; required: boolean; provided: boolean }[]
  events?: CaseEvent[]; fees?: any[]; parts?: any[]
}
export interface CaseList { items: CaseRow[]; next: string | null }
export interface ListParams { status?: string; due_before?: string; dueWithin?: number; matter?: string; limit?: number; cursor?: string }

export const casesQuery = (unit: string, params: ListParams) => queryOptions({
  queryKey: keys.cases(unit, params),
  queryFn: async (): Promise<CaseList> => {
    const body: any = await data(api.GET('/api/cases', { params: { query: { unit, limit: 20, ...params } as any } }))
    return { items: items<CaseRow>(body), next: body?.next ?? null }
  },
  placeholderData: keepPreviousData,
})

export const caseQuery = (id: string) => queryOptions({
  queryKey: keys.case(id),
  queryFn: async () => (await data(api.GET('/api/cases/{id}', { params: { path: { id } } }))) as unknown as CaseRow,
})

export interface Matter { matterCode: string; name: string; department: string; materials: { name: string; required: boolean; copies?: number; form?: string; notes?: string }[]; promisedLimit?: { days: number }; statutoryLimit?: { days: number }; [k: string]: any }
export const mattersQuery = (unit: string) => queryOptions({
  queryKey: keys.matters(unit),
  // The whole catalog (a unit's, hundreds of matters at most): intake and the grant and window forms pick from it.
  queryFn: () => allPages<Matter>((cursor) => data(api.GET('/api/units/{code}/matters', { params: { path: { code: unit }, query: { limit: 200, cursor } as any } }))),
  staleTime: 300_000,
})
export const myPowersQuery = (unit: string) => queryOptions({
  queryKey: keys.powersMine(unit),
  // Every page: which steps a case offers depends on the rights on its matter.
  queryFn: () => allPages<{ matterCode: string; rights: string[] }>((cursor) => data(api.GET('/api/units/{code}/powers/mine', { params: { path: { code: unit }, query: { limit: 200, cursor } as any } }))),
  staleTime: 300_000,
})

export interface IntakeInput { unitCode: string; matterCode: string; applicant: CaseRow['applicant']; materials: { name: string }[] }
export function useIntake() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: IntakeInput) => (await data(api.POST('/api/cases', { body: body as any }))) as any as { case: CaseRow; receipt: { receiptNo: string; queryCode: string; notice: string }; missingMaterials: string[] },
    onSuccess: (r) => { qc.invalidateQueries({ queryKey: ['cases'] }); qc.setQueryData(keys.case(r.case.id), r.case) },
  })
}

export type CaseAction = 'accept' | 'request-supplement' | 'supplement' | 'reject' | 'review' | 'decide' | 'suspend' | 'resume' | 'extend' | 'certify' | 'pay' | 'deliver'
const PATHS = {
  accept: '/api/cases/{id}/accept', 'request-supplement': '/api/cases/{id}/request-supplement', supplement: '/api/cases/{id}/supplement',
  reject: '/api/cases/{id}/reject', review: '/api/cases/{id}/review', decide: '/api/cases/{id}/decide', suspend: '/api/cases/{id}/suspend',
  resume: '/api/cases/{id}/resume', extend: '/api/cases/{id}/extend', certify: '/api/cases/{id}/certify', pay: '/api/cases/{id}/pay', deliver: '/api/cases/{id}/deliver',
} as const

export function useCaseAction(id: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ action, body }: { action: CaseAction; body: object }) =>
      (await data(api.POST(PATHS[action] as '/api/cases/{id}/accept', { params: { path: { id } }, body: body as any }))) as any,
    onSuccess: () => { qc.invalidateQueries({ queryKey: keys.case(id) }); qc.invalidateQueries({ queryKey: ['cases'] }) },
  })
}
