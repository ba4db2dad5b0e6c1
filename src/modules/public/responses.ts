// Response schemas of the public (no login) routes: units, catalogs, service guides, entrustments.
import { Day, z } from '../../platform/openapi.js'
import { MatterElements } from '../catalog/matter-schema.js'

export const PublicUnit = z.object({
  code: z.string().openapi({ description: '12 位区划代码', example: '341502000000' }),
  name: z.string().openapi({ example: '金安区' }),
  level: z.enum(['city', 'county', 'township', 'village']).openapi({ description: '层级：市、县、乡、村' }),
  servicePointName: z.string().nullable().openapi({ description: '服务中心（站）名称' }),
}).openapi('PublicUnit')

const Limit = MatterElements.shape.statutoryLimit
export const PublicMatter = z.object({
  matterCode: z.string(), name: z.string(), type: z.string(), department: z.string().openapi({ description: '实施机关' }),
  exerciseLevel: z.string().openapi({ description: '行使层级' }), handledHere: z.boolean().openapi({ description: '是否在本级办理' }),
  instant: z.boolean(), promisedLimit: Limit.nullable(), statutoryLimit: Limit,
  visits: z.number().int().openapi({ description: '到现场次数' }), online: z.boolean(), agentService: z.boolean(), free: z.boolean(),
}).openapi('PublicMatter')

export const Guide = MatterElements.extend({
  unit: PublicUnit, matterCode: z.string(),
  catalog: z.object({ unitCode: z.string(), version: z.number().int() }).openapi({ description: '取自哪一级目录的哪个版本' }),
  handling: z.object({
    accepts: z.boolean().openapi({ description: '本单位可受理' }),
    agentOnly: z.boolean().openapi({ description: '本单位只代办（收件后转有权单位）' }),
    decision: z.object({
      by: z.string().nullable().openapi({ description: '作出决定的单位' }),
      inNameOf: z.string().openapi({ description: '以谁的名义' }),
      basis: z.string(), statement: z.string().optional().openapi({ description: '受委托时的公告语' }),
    }).nullable().openapi({ description: '由谁以谁的名义决定（本单位不决定为 null）' }),
    rights: z.array(z.string()),
    windows: z.array(z.object({ number: z.string(), name: z.string() })).openapi({ description: '受理窗口' }),
    hall: z.object({
      inHall: z.boolean(), place: z.string().nullable().optional(), office: z.string().nullable().optional(),
      address: z.string().nullable().optional(), phone: z.string().nullable().optional(), approvalDocument: z.string().nullable().optional(),
    }).openapi({ description: '进驻大厅情况；不进驻的公布办理地点' }),
  }),
}).openapi('ServiceGuide')

export const Entrustment = z.object({
  matterCode: z.string(), matterName: z.string().nullable(), entrustingOrgan: z.string().openapi({ description: '委托机关' }),
  grantor: z.object({ code: z.string(), name: z.string() }),
  grantee: z.object({ code: z.string(), name: z.string(), servicePointName: z.string().nullable() }),
  rights: z.array(z.string()), documentNo: z.string(), legalBasis: z.string(), validFrom: Day, validUntil: Day.nullable(),
}).openapi('Entrustment')

/** Cacheable answers: a matching If-None-Match answers 304 without a body. */
export const notModified = { 304: { description: '未改变（If-None-Match 与 ETag 相同）' } }
