// Hall-service state at a unit for the isolation matrix: its main hall (made with its first
// window), a service group served by that window, a waiting ticket, a consultation, a publicity
// list with an objection. Everything public is taken through the public routes.
import { bearer, type Harness } from './app.js'

export async function hallTarget(h: Harness, code: string, windowId: string, matterCode: string) {
  const admin = await h.token(code, 'center_admin')
  const ok = (r: any, what: string) => { if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`); return r.body }
  const hall = ok(await h.http.get(`/api/units/${code}/halls`).set(bearer(admin)), 'halls').items[0].id as string
  const group = ok(await h.http.post(`/api/units/${code}/halls/${hall}/groups`).set(bearer(admin)).send({ prefix: 'A', name: '综合受理', matterCodes: [matterCode] }), 'group').id as string
  ok(await h.http.put(`/api/units/${code}/windows/${windowId}/groups`).set(bearer(admin)).send({ groupIds: [group] }), 'window groups')
  const ticket = ok(await h.http.post(`/api/public/units/${code}/halls/${hall}/tickets`).send({ groupId: group, channel: 'kiosk' }), 'ticket').id as string
  const asked = ok(await h.http.post(`/api/public/units/${code}/consultations`).send({ matterCode, question: '这个事项怎么办理？', name: '张三' }), 'consultation')
  const [{ id: consultation }] = await h.db.query<{ id: string }>('select id from consultations where question_no = $1', [asked.questionNo])
  const list = ok(await h.http.post(`/api/units/${code}/publicity`).set(bearer(admin)).send({ type: '低保', title: '矩阵公示', basis: '《社会救助暂行办法》',
    endAction: 'archive', rows: [{ name: '张三', idNumber: '341502199003071235', items: {} }] }), 'publicity').id as string
  const objection = ok(await h.http.post(`/api/public/units/${code}/publicity/${list}/objections`).send({ text: '矩阵测试的异议', name: '李四', phone: '13700001111' }), 'objection').id as string
  return { hall, group, ticket, consultation, list, objection }
}
