// The hall-service API (halls, queue, appointments, consultations, publicity) for the console's
// 大厅服务 screens. Every list is paged by the API ({ items, next }); these screens read the
// first pages they show and follow `next` where they offer "more".
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, data, items } from '../../api/client'

// The typed client checks paths against schema.gen.ts; bodies are shaped by the forms.
const get = (path: string, params: object) => data((api.GET as any)(path, { params }))
const send = (method: 'POST' | 'PUT' | 'PATCH', path: string, params: object, body: unknown) => data((api[method] as any)(path, { params, body }))

export interface Hall { id: string; unitCode: string; kind: 'main' | 'branch'; name: string; address: string; hours: string; phone: string; active: boolean; windows: number }
export interface Group { id: string; hallId: string; prefix: string; name: string; matterCodes: string[]; active: boolean }
export interface Ticket { id: string; hallId: string; groupId: string; day: string; number: string; priority: boolean; priorityReason: string | null; channel: string; name: string; status: 'waiting' | 'called' | 'serving' | 'done' | 'skipped'; callCount: number; windowId: string | null; caseId: string | null; takenAt: string; calledAt: string | null; startedAt: string | null; finishedAt: string | null }
export interface Slot { id: string; hallId: string; groupId: string; day: string; starts: string; ends: string; capacity: number; booked: number; remaining: number }
export interface Appointment { bookingNo: string; hallId: string; groupId: string; day: string; starts: string; ends: string; name: string; idNumber: string; phone: string; status: string; ticketId: string | null }
export interface Consultation { id: string; unitCode: string; questionNo: string; matterCode: string; matterName: string; question: string; asker: string; route: 'window' | 'department'; windowId: string | null; department: string; dueDate: string; overdue: boolean; workingDaysLeft?: number | null; status: 'open' | 'answered'; answer: string | null; answeredAt: string | null; forwards: { from: string; to: string; reason: string; at: string }[]; published: boolean; rating: number | null; askedAt: string }
export interface PublicitySummary { id: string; unitCode: string; type: string; title: string; basis: string; periodDays: number; startsOn: string; endsOn: string; endAction: 'withdraw' | 'archive'; status: 'scheduled' | 'open' | 'withdrawn' | 'archived'; rows: number }
export interface PublicityRow { ord: number; name: string; idNumber: string | null; phone: string | null; items: Record<string, string>; raw: { name: string; idNumber?: string; phone?: string } }
export interface StaffObjection { id: string; rowOrd: number | null; text: string; lodgedAt: string; answer: string | null; answeredAt: string | null; contactName: string; contactPhone: string }
export interface PublicityList extends PublicitySummary { items: PublicityRow[]; objections: StaffObjection[] }
export interface FigureRow { key: string | null; name: string | null; tickets: number; avgWaitSeconds: number | null; avgServiceSeconds: number | null }
export interface QueueFigures { byHall: FigureRow[]; byWindow: FigureRow[]; byGroup: FigureRow[]; byHour: FigureRow[]; byDay: FigureRow[] }
export interface HallSettings { maxCalls: number; noShowLimit: number; noShowWindowDays: number; noShowBlockDays: number; bookAheadDays: number; replyDaysWindow: number; replyDaysDepartment: number }

const K = {
  halls: (u: string) => ['halls', u] as const,
  groups: (u: string, h: string) => ['halls', u, h, 'groups'] as const,
  tickets: (u: string, h: string, day: string) => ['halls', u, h, 'tickets', day] as const,
  slots: (u: string, h: string, from: string, to: string) => ['halls', u, h, 'slots', from, to] as const,
  appointments: (u: string, day: string) => ['appointments', u, day] as const,
  consultations: (u: string, filter: string) => ['consultations', u, filter] as const,
  publicity: (u: string) => ['publicity', u] as const,
  publicityList: (u: string, id: string) => ['publicity', u, id] as const,
  figures: (u: string, from: string, to: string) => ['queue-figures', u, from, to] as const,
  settings: (u: string) => ['hall-settings', u] as const,
}

export const hallsQuery = (unit: string) => queryOptions({
  queryKey: K.halls(unit), queryFn: async () => items<Hall>(await get('/api/units/{code}/halls', { path: { code: unit }, query: { limit: 100 } })),
})
export const groupsQuery = (unit: string, hallId: string) => queryOptions({
  queryKey: K.groups(unit, hallId), enabled: !!hallId,
  queryFn: async () => items<Group>(await get('/api/units/{code}/halls/{hallId}/groups', { path: { code: unit, hallId } })),
})
export const ticketsQuery = (unit: string, hallId: string, day: string) => queryOptions({
  queryKey: K.tickets(unit, hallId, day), enabled: !!hallId, refetchInterval: 5000,
  queryFn: async () => items<Ticket>(await get('/api/units/{code}/halls/{hallId}/tickets', { path: { code: unit, hallId }, query: { day, limit: 200 } })),
})
export const slotsQuery = (unit: string, hallId: string, from: string, to: string) => queryOptions({
  queryKey: K.slots(unit, hallId, from, to), enabled: !!hallId,
  queryFn: async () => items<Slot>(await get('/api/units/{code}/halls/{hallId}/slots', { path: { code: unit, hallId }, query: { from, to, limit: 200 } })),
})
export const appointmentsQuery = (unit: string, day: string) => queryOptions({
  queryKey: K.appointments(unit, day),
  queryFn: async () => items<Appointment>(await get('/api/units/{code}/appointments', { path: { code: unit }, query: { day, limit: 200 } })),
})
export const consultationsQuery = (unit: string, filter: 'open' | 'answered' | 'overdue') => queryOptions({
  queryKey: K.consultations(unit, filter),
  queryFn: async () => items<Consultation>(await get('/api/units/{code}/consultations', { path: { code: unit }, query: filter === 'overdue' ? { overdue: 'true', limit: 100 } : { status: filter, limit: 100 } })),
})
export const publicityQuery = (unit: string) => queryOptions({
  queryKey: K.publicity(unit), queryFn: async () => items<PublicitySummary>(await get('/api/units/{code}/publicity', { path: { code: unit }, query: { limit: 100 } })),
})
export const publicityListQuery = (unit: string, id: string) => queryOptions({
  queryKey: K.publicityList(unit, id), enabled: !!id,
  queryFn: async () => (await get('/api/units/{code}/publicity/{listId}', { path: { code: unit, listId: id } })) as PublicityList,
})
export const queueFiguresQuery = (unit: string, from: string, to: string) => queryOptions({
  queryKey: K.figures(unit, from, to), queryFn: async () => (await get('/api/units/{code}/queue/figures', { path: { code: unit }, query: { from, to } })) as QueueFigures,
})
export const settingsQuery = (unit: string) => queryOptions({
  queryKey: K.settings(unit), queryFn: async () => (await get('/api/units/{code}/hall-settings', { path: { code: unit } })) as HallSettings,
})

/** A mutation that refreshes the given resources (first key parts) on success. */
function useWrite<V, R>(fn: (v: V) => Promise<R>, refresh: string[]) {
  const qc = useQueryClient()
  return useMutation({ mutationFn: fn, onSuccess: () => { for (const r of refresh) qc.invalidateQueries({ queryKey: [r] }) } })
}

export const useCreateHall = (unit: string) => useWrite((b: Omit<Hall, 'id' | 'unitCode' | 'active' | 'windows'>) => send('POST', '/api/units/{code}/halls', { path: { code: unit } }, b), ['halls'])
export const useEditHall = (unit: string) => useWrite(({ id, ...b }: Partial<Hall> & { id: string }) => send('PATCH', '/api/units/{code}/halls/{hallId}', { path: { code: unit, hallId: id } }, b), ['halls'])
export const useWindowHall = (unit: string) => useWrite(({ windowId, hallId }: { windowId: string; hallId: string }) => send('PUT', '/api/units/{code}/windows/{windowId}/hall', { path: { code: unit, windowId } }, { hallId }), ['halls', 'windows'])
export const useCreateGroup = (unit: string) => useWrite(({ hallId, ...b }: { hallId: string; prefix: string; name: string; matterCodes: string[] }) => send('POST', '/api/units/{code}/halls/{hallId}/groups', { path: { code: unit, hallId } }, b), ['halls'])
export const useWindowGroups = (unit: string) => useWrite(({ windowId, groupIds }: { windowId: string; groupIds: string[] }) => send('PUT', '/api/units/{code}/windows/{windowId}/groups', { path: { code: unit, windowId } }, { groupIds }), ['halls', 'windows'])
export const useSettings = (unit: string) => useWrite((b: Partial<HallSettings>) => send('PUT', '/api/units/{code}/hall-settings', { path: { code: unit } }, b), ['hall-settings'])

export const useCallNext = (unit: string) => useWrite((windowId: string) => send('POST', '/api/units/{code}/windows/{windowId}/call-next', { path: { code: unit, windowId } }, {}) as Promise<{ ticket: Ticket | null; spoken: string | null }>, ['halls'])
export const useTicketStep = (unit: string) => useWrite(({ id, step, body = {} }: { id: string; step: 'recall' | 'skip' | 'start' | 'finish' | 'transfer'; body?: object }) =>
  send('POST', `/api/units/{code}/tickets/{ticketId}/${step}`, { path: { code: unit, ticketId: id } }, body) as Promise<any>, ['halls'])
export const useLinkCase = (unit: string) => useWrite(({ id, caseId }: { id: string; caseId: string }) => send('PUT', '/api/units/{code}/tickets/{ticketId}/case', { path: { code: unit, ticketId: id } }, { caseId }), ['halls'])

export const useCreateSlots = (unit: string) => useWrite(({ hallId, ...b }: { hallId: string; groupId: string; from: string; to: string; times: { starts: string; ends: string; capacity: number }[] }) =>
  send('POST', '/api/units/{code}/halls/{hallId}/slots', { path: { code: unit, hallId } }, b) as Promise<{ created: number; days: string[] }>, ['halls'])

export const useConsultationStep = (unit: string) => useWrite(({ id, step, body }: { id: string; step: 'answer' | 'forward' | 'publish'; body: object }) =>
  send('POST', `/api/units/{code}/consultations/{consultationId}/${step}`, { path: { code: unit, consultationId: id } }, body), ['consultations'])

export const usePublish = (unit: string) => useWrite((b: object) => send('POST', '/api/units/{code}/publicity', { path: { code: unit } }, b) as Promise<PublicityList>, ['publicity'])
export const useAnswerObjection = (unit: string) => useWrite(({ listId, objectionId, answer }: { listId: string; objectionId: string; answer: string }) =>
  send('POST', '/api/units/{code}/publicity/{listId}/objections/{objectionId}/answer', { path: { code: unit, listId, objectionId } }, { answer }), ['publicity'])
