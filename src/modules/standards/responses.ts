// Response schemas of the building-standards routes.
import { Day, Instant, z } from '../../platform/openapi.js'
import { GRADES, Grading, ITEM_KINDS, Targets, TemplateItem, TIERS } from './schemas.js'

const Tier = z.enum(TIERS).openapi({ description: 'township 乡镇(街道)为民服务中心 / village 村(社区)为民服务工作站' })
const Grade = z.enum(GRADES).openapi({ description: 'demonstration 示范型、standard 标准型、simple 简易型、substandard 不达标' })
const Item = TemplateItem.partial({ critical: true })
const Source = z.object({ unitCode: z.string(), version: z.number().int() })

export const TemplateOut = z.object({
  unitCode: z.string(), tier: Tier,
  draft: z.object({ items: z.array(Item), grading: Grading.optional(), targets: Targets.optional(), rectificationDays: z.number().int().optional(), updatedAt: Instant })
    .nullable().openapi({ description: '本单位草稿' }),
  published: z.object({ unitCode: z.string(), version: z.number().int(), publishedAt: Instant, note: z.string().nullable(), items: z.array(Item),
    grading: Grading.optional(), targets: Targets.optional(), rectificationDays: z.number().int().optional() })
    .nullable().openapi({ description: '本单位最新发布版本' }),
  effective: z.object({
    sources: z.array(Source).openapi({ description: '合成现行清单的各级版本（市、县、乡）' }),
    items: z.array(Item.extend({ source: z.string().openapi({ description: '定义或最后提高该项的单位' }), depth: z.number().int() })),
    grading: Grading, targets: Targets, rectificationDays: z.number().int(),
  }).nullable().openapi({ description: '本辖区现行清单（各级合成）' }),
}).openapi('StandardTemplate')

export const TemplateDraft = z.object({
  unitCode: z.string(), tier: Tier, items: z.array(Item),
  grading: Grading.optional(), targets: Targets.optional(), rectificationDays: z.number().int().optional(),
}).openapi('StandardTemplateDraft')

export const TemplateVersion = z.object({
  unitCode: z.string(), tier: Tier, version: z.number().int(), publishedAt: Instant, note: z.string().nullable(),
  items: z.number().int().openapi({ description: '项目数' }),
}).openapi('StandardTemplateVersion')

export const Inspection = z.object({
  id: z.string().uuid(), unitCode: z.string().openapi({ description: '被检查单位' }), tier: Tier,
  kind: z.enum(['inspection', 'self_report']).openapi({ description: 'inspection 上级检查 / self_report 自评' }),
  inspector: z.object({ unitCode: z.string(), userId: z.string().uuid(), name: z.string() }),
  inspectedOn: Day,
  template: z.object({ grading: Grading, sources: z.array(Source) }).openapi({ description: '检查所依据的清单版本' }),
  items: z.array(z.object({
    key: z.string(), label: z.string(), kind: z.enum(ITEM_KINDS), weight: z.number(), critical: z.boolean(),
    basic: z.string().optional(), source: z.string(), note: z.string(),
    value: z.union([z.boolean(), z.number(), z.string()]).nullable(), expected: z.union([z.number(), z.string()]).optional(),
    present: z.boolean(), passed: z.boolean(), evidence: z.array(z.string().uuid()),
  })),
  score: z.number().openapi({ description: '得分（0–100）' }), grade: Grade, gradeName: z.string(),
  built: z.boolean().openapi({ description: '建成（基本条件齐备）' }), standardised: z.boolean().openapi({ description: '规范化（标准型及以上）' }),
  yiYouSanWu: z.boolean().openapi({ description: '“一有三无”：有牌子、无场所无设备无人员' }),
  flags: z.array(z.string()), note: z.string().nullable(), createdAt: Instant,
}).openapi('Inspection')

export const FiledInspection = Inspection.extend({
  criticalFailed: z.array(z.string()).openapi({ description: '不合格的关键项' }),
  basics: z.record(z.string(), z.boolean()).openapi({ description: '基本条件：signboard、site、equipment、staff' }),
  rectifications: z.array(z.object({ id: z.string().uuid(), itemKey: z.string(), dueOn: Day, existing: z.boolean().openapi({ description: '已有未完成的同项任务' }) }))
    .openapi({ description: '不合格项生成的整改任务' }),
}).openapi('FiledInspection')

export const Rectification = z.object({
  id: z.string().uuid(), unitCode: z.string(), inspectorUnitCode: z.string(), inspectionId: z.string().uuid().nullable(), itemKey: z.string().nullable(),
  title: z.string(), detail: z.string().nullable(),
  status: z.enum(['open', 'reported', 'verified']).openapi({ description: 'open 待整改、reported 已上报待核验、verified 已核验' }), statusName: z.string(),
  openedOn: Day, dueOn: Day, reportedOn: Day.nullable(),
  fixedOn: Day.nullable().openapi({ description: '整改完成日期（上报时填写；退回后清空）' }), verifiedOn: Day.nullable(), reopened: z.number().int().openapi({ description: '退回次数' }),
  overdue: z.boolean(),
  history: z.array(z.object({ action: z.string(), note: z.string().nullable(), evidence: z.array(z.string()).nullable(), actorName: z.string().nullable(), onDay: Day,
    fixedOn: Day.nullable().openapi({ description: '上报的整改完成日期（仅 reported）' }), at: Instant })),
}).openapi('Rectification')

const TierFigures = z.object({
  total: z.number().int(), inspected: z.number().int(), built: z.number().int(), standardised: z.number().int(), yiYouSanWu: z.number().int(),
  grades: z.record(z.string(), z.number().int()).openapi({ description: '各档次站点数' }), uninspected: z.number().int(),
  builtRate: z.number().nullable().openapi({ description: '建成率（%）' }), standardisedRate: z.number().nullable().openapi({ description: '规范化率（%）' }),
  meetsTargets: z.object({ builtRate: z.boolean().nullable(), standardisedRate: z.boolean().nullable() }).openapi({ description: '是否达到目标（无目标为 null）' }),
})
export const StandardsSummary = z.object({
  unitCode: z.string(), name: z.string(), level: z.string(), asOf: Day,
  targets: z.object({ township: Targets, village: Targets }),
  townships: TierFigures, villages: TierFigures,
  children: z.array(z.object({ unitCode: z.string(), name: z.string(), level: z.string(), lag: z.number().openapi({ description: '与目标的差距（大的在前）' }),
    townships: TierFigures, villages: TierFigures })),
}).openapi('StandardsSummary')

export const Stations = z.object({
  unitCode: z.string(), asOf: Day,
  stations: z.array(z.object({
    unitCode: z.string(), name: z.string(), level: z.string(), servicePointName: z.string().nullable(),
    latest: z.object({ inspectionId: z.string().uuid(), inspectedOn: Day.nullable(), score: z.number(), grade: z.string().nullable(), gradeName: z.string(),
      built: z.boolean().nullable(), standardised: z.boolean().nullable(), flags: z.array(z.string()) }).nullable().openapi({ description: '最近一次检查' }),
    lastSelfReportOn: Day.nullable(),
    rectifications: z.object({ open: z.number().int(), overdue: z.number().int() }),
    staff: z.number().int().openapi({ description: '人员数' }),
    casesAsAgent30d: z.number().int().openapi({ description: '近 30 天代办的办件数' }),
  })),
}).openapi('Stations')

export const Evidence = z.object({
  id: z.string().uuid(), unitCode: z.string(), contentType: z.string(), size: z.number().int().openapi({ description: '字节数' }),
  sha256: z.string(), filename: z.string().nullable(), uploadedAt: Instant,
}).openapi('Evidence')
