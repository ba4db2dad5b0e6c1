// Building standards in tests: the 六安市 checklists published by the city, evidence files,
// and filled checklists built from the template in force.
import { readFileSync } from 'node:fs'
import { bearer, type Harness, T } from './app.js'

export const LUAN = JSON.parse(readFileSync(new URL('../../tenants/luan/standards.json', import.meta.url), 'utf8'))

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')])
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake image body')])
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n')

export type Tier = 'township' | 'village'

/** PUT + publish a checklist at `code` (throws unless both succeed). */
export async function publishTemplate(h: Harness, token: string, code: string, tier: Tier, body: object) {
  const put = await h.http.put(`/api/units/${code}/standards/templates/${tier}`).set(bearer(token)).send(body)
  if (put.status !== 200) throw new Error(`PUT ${code} ${tier}: ${put.status} ${JSON.stringify(put.body)}`)
  const pub = await h.http.post(`/api/units/${code}/standards/templates/${tier}/publish`).set(bearer(token)).send({})
  if (pub.status !== 201) throw new Error(`publish ${code} ${tier}: ${pub.status} ${JSON.stringify(pub.body)}`)
  return pub.body
}

/** The city publishes the 六安市 checklists for both tiers. */
export async function publishLuan(h: Harness) {
  const city = await h.token(T.city, 'center_admin')
  for (const tier of ['township', 'village'] as const) await publishTemplate(h, city, T.city, tier, LUAN.templates[tier])
}

export async function upload(h: Harness, token: string, code: string, bytes: Buffer = PNG, type = 'image/png') {
  const res = await h.http.post(`/api/units/${code}/evidence`).set(bearer(token)).set('content-type', type).send(bytes)
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

export async function effective(h: Harness, token: string, code: string, tier: Tier) {
  const res = await h.http.get(`/api/units/${code}/standards/templates/${tier}`).set(bearer(token))
  if (res.status !== 200) throw new Error(`GET template: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.effective as { items: any[]; grading: any; targets: any; sources: any[] }
}

/**
 * A filled checklist: every item passing (numbers at their minimum, the exact signboard,
 * enough evidence) unless `over` says otherwise (a value, or { value, evidence }).
 */
export function results(template: { items: any[] }, signboard: string, evidence: string[], over: Record<string, unknown> = {}) {
  return template.items.map((i) => {
    const pass = i.kind === 'boolean' ? true : i.kind === 'number' ? i.min : i.kind === 'text' ? signboard : undefined
    const o = over[i.key]
    if (o && typeof o === 'object' && !Array.isArray(o)) return { key: i.key, ...(o as object) }
    if (i.kind === 'evidence') return { key: i.key, evidence: o === undefined ? evidence.slice(0, i.minFiles ?? 1) : o }
    return { key: i.key, value: o === undefined ? pass : o }
  })
}

/** State for the isolation matrix: the city's checklists, evidence at the township and one open task there. */
export async function standardsTarget(h: Harness) {
  await publishLuan(h)
  const county = await h.token(T.county, 'center_admin')
  const evidence = [await upload(h, county, T.town), await upload(h, county, T.town, JPEG, 'image/jpeg')]
  const template = await effective(h, county, T.town, 'township')
  const passing = results(template, '中市街道为民服务中心', evidence)
  const failing = results(template, '中市街道为民服务中心', evidence, { service_flow: false })
  const res = await h.http.post(`/api/units/${T.town}/inspections`).set(bearer(county)).send({ results: failing })
  if (res.status !== 201) throw new Error(`inspection: ${res.status} ${JSON.stringify(res.body)}`)
  return { evidenceId: evidence[0], rectificationId: res.body.rectifications[0].id as string, passing }
}
