// Response schemas of the catalog routes: a matter is its elements (the same schema as the
// input, matter-schema.ts) plus where it comes from.
import { Day, Instant, z } from '../../platform/openapi.js'
import { MatterElements } from './matter-schema.js'

const Source = z.object({
  unitCode: z.string().openapi({ description: '目录所属单位代码' }),
  version: z.number().int().openapi({ description: '目录版本号' }),
})

export const CatalogMatter = MatterElements.extend({
  matterCode: z.string(),
  source: Source.extend({ unitName: z.string().openapi({ description: '目录所属单位名称' }) }).openapi({ description: '取自哪一级的哪个版本' }),
}).openapi('CatalogMatter')

export const MatterDetail = z.object({
  matterCode: z.string(),
  published: MatterElements.extend({ source: Source }).nullable().openapi({ description: '已发布版本（未发布为 null）' }),
  draft: MatterElements.nullable().openapi({ description: '本单位草稿（无草稿或无权查看为 null）' }),
}).openapi('MatterDetail')

export const DraftMatter = MatterElements.extend({ matterCode: z.string() }).openapi('DraftMatter')
export const DraftItem = DraftMatter.extend({ updatedAt: Instant }).openapi('DraftItem')

export const CatalogVersion = z.object({
  unitCode: z.string().optional(),
  version: z.number().int().openapi({ description: '版本号（本单位内递增）' }),
  effectiveFrom: Day.openapi({ description: '生效日' }),
  publishedAt: Instant.optional(),
  matters: z.number().int().openapi({ description: '事项数' }),
  note: z.string().nullable().openapi({ description: '发布说明' }),
}).openapi('CatalogVersion')

export const HallEntry = z.object({
  unitCode: z.string(), matterCode: z.string(),
  inHall: z.boolean().openapi({ description: '是否进驻大厅' }),
  office: z.string().nullable().openapi({ description: '不进驻时的办理科室' }),
  address: z.string().nullable(), phone: z.string().nullable(),
  approvalDocument: z.string().nullable().openapi({ description: '不进驻的批准文件' }),
  approvedBy: z.string().uuid().nullable().openapi({ description: '批准人账号' }),
}).openapi('HallEntry')
