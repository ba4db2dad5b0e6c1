// Public, no login, cacheable (ETag): units, published catalogs, service guides (服务指南)
// and the public announcement of entrustments (行政许可法 art. 24). Each request reads in
// the scope of the unit asked about, so nothing unpublished or outside it can appear.
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { etag } from 'hono/etag'
import { sql } from 'kysely'
import type { AppEnv } from '../../platform/context.js'
import type { Tx } from '../../platform/db/database.js'
import { NotFound } from '../../platform/errors.js'
import { CodeParam, errorResponses, json, router, UnitCode, z } from '../../platform/openapi.js'
import { SYSTEM_SCOPE, scopeOf } from '../../platform/scope.js'
import { shanghaiDate } from '../../platform/time.js'
import { MatterCode } from '../catalog/matter-schema.js'
import { resolveCatalog } from '../catalog/queries.js'
import { AtQuery } from '../catalog/routes.js'
import { holdings } from '../powers/holdings.js'
import { findUnit } from '../units/queries.js'
import { Entrustment, Guide, notModified, PublicMatter, PublicUnit } from './responses.js'

const tags = ['公开（无需登录）']

async function asPublic<T>(c: Context<AppEnv>, code: string | null, fn: (db: Tx, today: string) => Promise<T>): Promise<T> {
  const today = shanghaiDate(c.get('deps').clock.now())
  return c.get('db').scoped(code ? scopeOf(code) : SYSTEM_SCOPE, async (db) => {
    if (code) {
      const u = await findUnit(db, code)
      if (!u || !u.active) throw new NotFound('未找到该单位')
    }
    return fn(db, today)
  }, { readOnly: c.req.method === 'GET' })
}

const unitSummary = (u: any) => ({ code: u.code, name: u.name, level: u.level, servicePointName: u.service_point_name })

export const publicApi = router()
publicApi.use('*', etag(), async (c, next) => {
  await next()
  // Routes that set their own policy keep it (a complainant's case is no-store: supervision/routes.ts).
  if (c.res.status === 200 && !c.res.headers.get('cache-control')) c.header('cache-control', 'public, max-age=300')
})

publicApi
  .openapi(createRoute({
    method: 'get', path: '/units', tags, summary: '单位列表（不带 parent 时列出各市）', security: [],
    request: { query: z.object({ parent: UnitCode.optional().describe('上级单位代码') }) }, responses: { 200: json(z.array(PublicUnit), '单位（按代码排序）'), ...notModified, ...errorResponses },
  }), async (c) => {
    const parent = c.req.valid('query').parent ?? null
    return c.json(await asPublic(c, parent, async (db) => {
      const q = db.selectFrom('units').selectAll().where('active', '=', true).orderBy('code')
      const rows = parent ? await q.where('parent_code', '=', parent).execute() : await q.where('level', '=', 'city').execute()
      return rows.map(unitSummary)
    }), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/matters', tags, summary: '单位公开的事项目录', security: [],
    request: { params: z.object({ code: CodeParam }), query: AtQuery }, responses: { 200: json(z.array(PublicMatter), '事项（按事项编码排序）'), ...notModified, ...errorResponses },
  }), async (c) => {
    const code = c.req.valid('param').code
    return c.json(await asPublic(c, code, async (db, today) => {
      const level = (await findUnit(db, code))!.level
      const rows = await resolveCatalog(db, code, c.req.valid('query').at ?? today)
      return rows.map((r) => ({
        matterCode: r.matterCode, name: r.data.name, type: r.data.type, department: r.data.department,
        exerciseLevel: r.data.exerciseLevel, handledHere: r.data.exerciseLevel === level, instant: r.data.instant,
        promisedLimit: r.data.promisedLimit, statutoryLimit: r.data.statutoryLimit, visits: r.data.visits,
        online: r.data.online, agentService: r.data.agentService, free: r.data.free,
      }))
    }), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/matters/{matterCode}/guide', tags, summary: '服务指南（八公开要素、材料、窗口、由谁以谁的名义决定）', security: [],
    request: { params: z.object({ code: CodeParam, matterCode: MatterCode }) }, responses: { 200: json(Guide, '服务指南'), ...notModified, ...errorResponses },
  }), async (c) => {
    const { code, matterCode } = c.req.valid('param')
    return c.json(await asPublic(c, code, async (db, today) => {
      const unit = (await findUnit(db, code))!
      const [m] = await resolveCatalog(db, code, today, matterCode)
      if (!m) throw new NotFound(`${unit.name}的目录中没有事项 ${matterCode}`)
      const held = await holdings(db, code, today, matterCode)
      const grantors = [...new Set(held.map((h) => h.grantor).filter(Boolean))] as string[]
      const names = new Map((grantors.length ? await db.selectFrom('units').select(['code', 'name']).where('code', 'in', grantors).execute() : []).map((u) => [u.code, u.name]))
      const entrusted = held.find((h) => h.source === 'entrustment')
      const own = held.find((h) => h.source !== 'entrustment')
      const decides = held.some((h) => h.rights.includes('decide'))
      const decision = own && decides
        ? { by: unit.service_point_name, inNameOf: own.source === 'statutory' ? m.data.department : unit.name,
            basis: own.source === 'statutory' ? '法定本级行使' : `上级下放（${names.get(own.grantor!)}）` }
        : entrusted && decides
          ? { by: unit.service_point_name, inNameOf: m.data.department, basis: `受${m.data.department}委托`,
              statement: `${unit.service_point_name}受${m.data.department}委托，以${m.data.department}的名义作出决定` }
          : null
      const windows = await sql<{ number: string; name: string }>`
        select w.number, w.name from windows w join window_rights r on r.window_id = w.id
         where w.unit_code = ${code} and w.active and r.matter_code = ${matterCode} and 'accept' = any(r.rights) order by w.number`.execute(db)
      const hall = await db.selectFrom('hall_entries').selectAll().where('unit_code', '=', code).where('matter_code', '=', matterCode).executeTakeFirst()
      return {
        unit: unitSummary(unit), matterCode, ...m.data,
        catalog: { unitCode: m.sourceUnit, version: m.version },
        handling: {
          accepts: held.some((h) => h.rights.includes('accept')),
          agentOnly: held.length > 0 && !decides,
          decision,
          rights: [...new Set(held.flatMap((h) => h.rights))],
          windows: windows.rows,
          hall: hall && !hall.in_hall
            ? { inHall: false, office: hall.office, address: hall.address, phone: hall.phone, approvalDocument: hall.approval_document }
            : { inHall: true, place: unit.service_point_name },
        },
      }
    }), 200)
  })
  .openapi(createRoute({
    method: 'get', path: '/units/{code}/entrustments', tags, summary: '委托公告：谁将什么事项委托给谁，自何时起', security: [],
    request: { params: z.object({ code: CodeParam }) }, responses: { 200: json(z.array(Entrustment), '委托公告（按生效日、事项、受托单位排序）'), ...notModified, ...errorResponses },
  }), async (c) => {
    const code = c.req.valid('param').code
    return c.json(await asPublic(c, code, async (db, today) => {
      const rows = await sql<any>`
        select g.matter_code, g.unit_code, gu.name as grantor_name, g.grantee_code, eu.name as grantee_name,
               eu.service_point_name as grantee_point, g.rights, g.document_no, g.legal_basis, g.valid_from, g.valid_until
          from grants g join units gu on gu.code = g.unit_code join units eu on eu.code = g.grantee_code
         where g.kind = 'entrustment' and g.revoked_at is null and (g.valid_until is null or g.valid_until >= ${today}::date)
           and (g.unit_code = ${code} or g.grantee_code = ${code})
         order by g.valid_from, g.matter_code, g.grantee_code`.execute(db)
      const matters = new Map((await resolveCatalog(db, code, today)).map((m) => [m.matterCode, m.data]))
      return rows.rows.map((r) => ({
        matterCode: r.matter_code, matterName: matters.get(r.matter_code)?.name ?? null,
        entrustingOrgan: matters.get(r.matter_code)?.department ?? r.grantor_name,
        grantor: { code: r.unit_code.trim(), name: r.grantor_name },
        grantee: { code: r.grantee_code.trim(), name: r.grantee_name, servicePointName: r.grantee_point },
        rights: r.rights, documentNo: r.document_no, legalBasis: r.legal_basis, validFrom: r.valid_from, validUntil: r.valid_until,
      }))
    }), 200)
  })
