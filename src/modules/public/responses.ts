// Response schemas of the public (no login) routes: units, catalogs, service guides, entrustments.
// They describe what the verbs of this module answer (catalog.ts, guide.ts, units.ts,
// announcements.ts); the test harness checks every answer against them (test/helpers/contract.ts).
import { Day, z } from '../../platform/openapi.js'
import { MatterElements, POWER_SOURCES } from '../catalog/index.js'
import { LEVELS } from '../units/index.js'

export const PublicUnit = z.object({
  code: z.string().openapi({ description: '12 位区划代码', example: '341502000000' }),
  name: z.string().openapi({ description: '单位名称', example: '金安区' }),
  level: z.enum(LEVELS).openapi({ description: '层级：city 市、county 县、township 乡镇（街道）、village 村（社区）', example: 'county' }),
  servicePointName: z.string().nullable().openapi({ description: '服务中心（站）名称', example: '金安区政务服务中心' }),
}).openapi('PublicUnit')

/** A unit in short (code, name, service point), as the catalog names the unit that decides or the place to go. */
const UnitRef = z.object({
  code: z.string().openapi({ description: '12 位区划代码', example: '341502000000' }),
  name: z.string().openapi({ description: '单位名称', example: '金安区' }),
  servicePointName: z.string().nullable().openapi({ description: '服务中心（站）名称', example: '金安区政务服务中心' }),
})

const Availability = z.enum(['here', 'agent', 'above', 'none'])
  .openapi({ description: 'here 本单位办理；agent 可代办（本单位收件转报，上级决定）；above 在上级办理；none 本单位不办理', example: 'here' })
const Limit = MatterElements.shape.statutoryLimit
const PowerSource = z.enum(POWER_SOURCES).openapi({ description: '权力来源（按实际行使：受下放为上级下放，受委托为上级委托）', example: '法定本级行使' })
const Level = z.enum(LEVELS).openapi({ description: '行使层级', example: 'county' })

export const PublicMatter = z.object({
  matterCode: z.string().openapi({ description: '事项编码', example: '3415-SCJG-XK-0001' }),
  name: z.string().openapi({ description: '事项名称', example: '食品经营许可' }),
  type: MatterElements.shape.type.openapi({ description: '事项类型', example: '行政许可' }),
  department: z.string().openapi({ description: '实施机关', example: '金安区市场监督管理局' }),
  availability: Availability,
  handledHere: z.boolean().openapi({ description: '可在本单位申请（本单位办理或代办）' }),
  powerSource: PowerSource,
  exerciseLevel: Level,
  decidedAt: UnitRef.nullable().openapi({ description: '代办事项由哪个单位决定（其他为 null）' }),
  place: UnitRef.nullable().openapi({ description: '在上级办理的事项到哪里办（其他为 null）' }),
  instant: z.boolean().openapi({ description: '即办件' }),
  promisedLimit: Limit.nullable().openapi({ description: '承诺时限；即办件为 null' }),
  statutoryLimit: Limit.openapi({ description: '法定时限' }),
  visits: z.number().int().openapi({ description: '到现场次数', example: 1 }),
  online: z.boolean().openapi({ description: '可网上办理' }),
  agentService: z.boolean().openapi({ description: '可代办' }),
  free: z.boolean().openapi({ description: '不收费' }),
}).openapi('PublicMatter')

const Decision = z.object({
  by: z.string().nullable().openapi({ description: '作出决定的服务中心（站）', example: '金安区政务服务中心' }),
  inNameOf: z.string().openapi({ description: '以谁的名义决定', example: '金安区市场监督管理局' }),
  basis: z.string().openapi({ description: '决定权的来源', example: '法定本级行使' }),
  statement: z.string().optional().openapi({ description: '受委托时的公告语', example: '东市街道为民服务中心受金安区市场监督管理局委托，以金安区市场监督管理局的名义作出决定' }),
}).openapi({ description: '由谁以谁的名义决定（不决定为 null）' })

const Power = z.object({
  source: PowerSource,
  exerciseLevel: Level,
  grantor: z.object({ code: z.string().openapi({ description: '下放或委托单位的区划代码' }), name: z.string().openapi({ description: '下放或委托单位' }) })
    .nullable().openapi({ description: '下放或委托单位（本级行使为 null）' }),
  documentNo: z.string().nullable().openapi({ description: '下放或委托文件文号', example: '金政〔2026〕12号' }),
  validFrom: Day.nullable().openapi({ description: '下放或委托起始日' }),
  validUntil: Day.nullable().openapi({ description: '下放或委托截止日（长期为 null）' }),
}).openapi({ description: '行使的权力：来源、层级、下放或委托文件' })

const Hall = z.discriminatedUnion('inHall', [
  z.object({ inHall: z.literal(true).openapi({ description: '进驻大厅' }), place: z.string().openapi({ description: '办理地点（服务中心）', example: '金安区政务服务中心' }) }),
  z.object({
    inHall: z.literal(false).openapi({ description: '经批准不进驻大厅' }),
    office: z.string().nullable().openapi({ description: '办理科室', example: '金安区市场监督管理局登记科' }),
    address: z.string().nullable().openapi({ description: '办理地址', example: '六安市金安区梅山南路 1 号' }),
    phone: z.string().nullable().openapi({ description: '咨询电话', example: '0564-3379000' }),
    approvalDocument: z.string().nullable().openapi({ description: '不进驻的批准文件', example: '金政办〔2026〕8号' }),
  }),
]).openapi({ description: '进驻大厅情况；不进驻的公布办理地点' })

export const Guide = MatterElements.extend({
  unit: PublicUnit,
  matterCode: z.string().openapi({ description: '事项编码', example: '3415-SCJG-XK-0001' }),
  powerSource: PowerSource,
  exerciseLevel: Level,
  catalog: z.object({
    unitCode: z.string().openapi({ description: '目录所属单位', example: '341502000000' }),
    version: z.number().int().openapi({ description: '目录版本', example: 2 }),
  }).openapi({ description: '取自哪一级目录的哪个版本' }),
  handling: z.object({
    availability: Availability,
    availabilityName: z.string().openapi({ description: '办理方式的中文名', example: '本单位办理' }),
    accepts: z.boolean().openapi({ description: '本单位可受理（含代办收件）' }),
    agentOnly: z.boolean().openapi({ description: '本单位只代办（收件后转有权单位）' }),
    decision: Decision.nullable(),
    rights: z.array(z.string()).openapi({ description: '本单位对该事项的权限：accept 受理、review 审查、decide 决定、certify 制证、seal 用印、deliver 送达', example: ['accept', 'decide'] }),
    place: PublicUnit.nullable().openapi({ description: '到哪里办（本单位或受理的上级单位；不办理为 null）' }),
    windows: z.array(z.object({
      number: z.string().openapi({ description: '窗口号', example: '3' }),
      name: z.string().openapi({ description: '窗口名称', example: '市场监管综合窗口' }),
    })).openapi({ description: '受理窗口' }),
    hall: Hall.nullable(),
    decidedAt: PublicUnit.extend({ decision: Decision.nullable() }).nullable().openapi({ description: '作出决定的单位及决定方式（无人决定为 null）' }),
    power: Power,
    agentBasis: Power.nullable().openapi({ description: '代办事项：本单位代办所依据的委托（其他为 null）' }),
  }),
}).openapi('ServiceGuide')

export const Entrustment = z.object({
  matterCode: z.string().openapi({ description: '事项编码', example: 'FOOD' }),
  matterName: z.string().nullable().openapi({ description: '事项名称（目录中已无该事项为 null）', example: '食品经营许可' }),
  entrustingOrgan: z.string().openapi({ description: '委托机关', example: '金安区市场监督管理局' }),
  grantor: z.object({ code: z.string().openapi({ description: '委托单位区划代码', example: '341502000000' }), name: z.string().openapi({ description: '委托单位', example: '金安区' }) }),
  grantee: UnitRef.openapi({ description: '受委托单位' }),
  rights: z.array(z.string()).openapi({ description: '委托的权限', example: ['accept', 'decide'] }),
  documentNo: z.string().openapi({ description: '委托文件文号', example: '金政〔2026〕12号' }),
  legalBasis: z.string().openapi({ description: '法律依据', example: '《中华人民共和国行政许可法》' }),
  validFrom: Day.openapi({ description: '生效日' }),
  validUntil: Day.nullable().openapi({ description: '截止日（长期为 null）' }),
  status: z.enum(['in_force', 'upcoming', 'expired', 'revoked']).openapi({ description: 'in_force 有效、upcoming 尚未生效、expired 已到期、revoked 已撤销', example: 'in_force' }),
  statusName: z.string().openapi({ description: '状态的中文名', example: '有效' }),
  revocation: z.object({
    revokedOn: Day.openapi({ description: '撤销日期' }),
    reason: z.string().nullable().openapi({ description: '撤销理由', example: '受委托单位不再具备条件' }),
  }).nullable().openapi({ description: '撤销公告（未撤销为 null）' }),
}).openapi('Entrustment')

/** Cacheable answers: a matching If-None-Match answers 304 without a body. */
export const notModified = { 304: { description: '未改变（If-None-Match 与 ETag 相同）' } }
