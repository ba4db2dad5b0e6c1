// Routes of online consultation: the unit's list (overdue for supervision), answer, forward,
// publish (staff, /api/units); asking, lookup, rating and the common questions (public).
import { createRoute } from '@hono/zod-openapi'
import { asActor } from '../../platform/context.js'
import { NotFound } from '../../platform/errors.js'
import { body, CodeParam, errorResponses, json, router, z } from '../../platform/openapi.js'
import { page } from '../../platform/paging.js'
import { asPublicUnit } from '../halls/index.js'
import { levelOf } from '../units/index.js'
import { commonQuestions, listConsultations } from './queries.js'
import { AnswerBody, AskBody, Asked, Consultation, ConsultationParams, Faq, FaqParams, FaqQuery, ForwardBody, ListQuery, PublicConsultation, PublishBody, QueryCodeQuery, QuestionParam, RatingBody } from './schemas.js'
import { answer, ask, forward, lookup, NOT_FOUND, publish, rate } from './verbs.js'

const tags = ['大厅服务：在线咨询']
const Code = z.object({ code: CodeParam })

/** Mounted at /api/units. */
export const consultations = router()
  .openapi(createRoute({ method: 'get', path: '/{code}/consultations', tags, summary: '本辖区的咨询（overdue=true：超期未答复，供督办）', description: '按（答复期限, 编号）升序分页：最急的在前。',
    request: { params: Code, query: ListQuery }, responses: { 200: json(page(Consultation), '咨询'), ...errorResponses } }),
  async (c) => c.json(await asActor(c, (ctx) => listConsultations(ctx, c.req.valid('param').code, c.req.valid('query'))), 200))
  .openapi(createRoute({ method: 'post', path: '/{code}/consultations/{consultationId}/answer', tags, summary: '答复咨询',
    request: { params: ConsultationParams, ...body(AnswerBody) }, responses: { 200: json(Consultation, '已答复'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => answer(ctx, p.code, p.consultationId, c.req.valid('json').answer)), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/consultations/{consultationId}/forward', tags, summary: '转办：转给负责的窗口或部门（重新计算答复期限）',
    request: { params: ConsultationParams, ...body(ForwardBody) }, responses: { 200: json(Consultation, '已转办'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => forward(ctx, p.code, p.consultationId, c.req.valid('json'))), 200) })
  .openapi(createRoute({ method: 'post', path: '/{code}/consultations/{consultationId}/publish', tags, summary: '公开为服务指南的常见问题',
    request: { params: ConsultationParams, ...body(PublishBody) }, responses: { 200: json(Consultation, '已公开'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asActor(c, (ctx) => publish(ctx, p.code, p.consultationId, c.req.valid('json'))), 200) })

const ptags = ['公开（无需登录）']
const unitOf = (no: string) => { const u = no.slice(0, 12); if (!levelOf(u)) throw new NotFound(NOT_FOUND); return u }
/** Mounted at /api/public. */
export const publicConsultations = router()
  .openapi(createRoute({ method: 'post', path: '/units/{code}/consultations', tags: ptags, summary: '在线咨询：返回咨询编号和查询码（答复期限按工作日）', security: [],
    request: { params: Code, ...body(AskBody) }, responses: { 201: json(Asked, '已提交'), ...errorResponses } }),
  async (c) => { const code = c.req.valid('param').code; return c.json(await asPublicUnit(c, code, (db, now) => ask(db, now, code, c.req.valid('json'))), 201) })
  .openapi(createRoute({ method: 'get', path: '/consultations/{questionNo}', tags: ptags, summary: '查询咨询答复（咨询编号 + 查询码）', security: [],
    request: { params: QuestionParam, query: QueryCodeQuery }, responses: { 200: json(PublicConsultation, '咨询'), ...errorResponses } }),
  async (c) => { const no = c.req.valid('param').questionNo; return c.json(await asPublicUnit(c, unitOf(no), (db) => lookup(db, no, c.req.valid('query').queryCode)), 200) })
  .openapi(createRoute({ method: 'post', path: '/consultations/{questionNo}/rating', tags: ptags, summary: '评价答复（1–5 分，一次）', security: [],
    request: { params: QuestionParam, ...body(RatingBody) }, responses: { 200: json(PublicConsultation, '已评价'), ...errorResponses } }),
  async (c) => {
    const no = c.req.valid('param').questionNo
    const b = c.req.valid('json')
    return c.json(await asPublicUnit(c, unitOf(no), (db, now) => rate(db, now, no, b.queryCode, b.rating)), 200)
  })
  .openapi(createRoute({ method: 'get', path: '/units/{code}/matters/{matterCode}/questions', tags: ptags, summary: '事项的常见问题（由已答复的咨询公开而来）', description: '按公开时间倒序（最新的在前）分页。', security: [],
    request: { params: FaqParams, query: FaqQuery }, responses: { 200: json(page(Faq), '常见问题'), ...errorResponses } }),
  async (c) => { const p = c.req.valid('param'); return c.json(await asPublicUnit(c, p.code, (db) => commonQuestions(db, p.code, p.matterCode, c.req.valid('query'))), 200) })
