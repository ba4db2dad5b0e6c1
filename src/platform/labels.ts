// Chinese names of request fields and of enumerated values, for validation messages a person
// can read ("查询码：必填"; "中止事由应为以下之一：听证（hearing）、…"). Plain data: the
// platform imports no module, so the few enumerations whose labels the modules also keep
// (roles, rights, suspension grounds, evaluation levels) are repeated here; the test in
// test/validation-messages.test.ts checks that they agree.

export const FIELD_LABELS: Record<string, string> = {
  accept: '受理', active: '启用状态', all: '全部', ids: '通知编号', address: '地址', agentService: '代办服务', amount: '金额', answer: '答复内容',
  answerDays: '答复期限（工作日）', applicant: '申请人', approvalDocument: '批准文件', at: '日期', basic: '基本条件', basis: '依据',
  body: '内容', booking: '预约', builtRate: '建成率目标', certificateNo: '证照编号', channel: '渠道', code: '区划代码',
  comment: '评价意见', commonMistakes: '常见错误', complaintAnswerDays: '投诉答复期限', conditions: '受理条件', contactName: '联系人姓名',
  contactPhone: '联系电话', copies: '份数', cursor: '分页游标', cutoffs: '等级分数线', date: '日期', day: '日期', days: '天数',
  deadlineDays: '办理期限（天）', decision: '决定', delivery: '送达方式', department: '实施部门', departments: '进驻部门',
  displayName: '姓名', documentNo: '文件编号', dueInWorkingDays: '整改期限（工作日）', effectiveFrom: '生效日期', enabled: '是否启用',
  evaluationCode: '评价码', evidence: '佐证材料', exerciseLevel: '行使层级', expandedPowerPilot: '扩权强镇试点', feeReceiptNo: '缴费票据号',
  fees: '收费项目', fixedOn: '整改完成日期', form: '材料形式', free: '是否免费', from: '起始日期', grading: '等级标准', granteeCode: '被授权单位',
  grantorCode: '授权单位', ground: '中止事由', handlingScope: '通办范围', id: '编号', idNumber: '证件号码', inHall: '是否进驻大厅',
  instant: '即办件', items: '清单项目', kind: '类型', label: '名称', legalBasis: '法律依据', level: '评价等级', limit: '每页条数',
  manual: '人工填报项', match: '文字规则', materials: '申请材料', matterCode: '事项编码', method: '方式', mode: '检查方式',
  name: '名称', note: '说明', notes: '备注', number: '编号', office: '办理科室', online: '网上办理', opinion: '审核意见',
  parent: '上级单位', password: '密码', period: '期间', phone: '电话', postDelivery: '邮寄送达', powerSource: '权力来源',
  promisedLimit: '承诺时限', queryCode: '查询码', reason: '理由', remedy: '救济途径告知', required: '是否必需', result: '办理结果',
  results: '检查结果', rights: '权限', roles: '角色', servicePointName: '服务场所名称', severity: '严重程度', status: '状态',
  statutoryLimit: '法定时限', steps: '办理流程', subject: '事由', subtree: '是否含下级', supervisionPhone: '监督电话', text: '内容',
  title: '标题', toUnitCode: '转报单位', trackingNo: '投诉编号', type: '事项类型', unit: '单位', unitCode: '单位区划代码',
  units: '单位', upheld: '是否支持申诉', userIds: '人员', username: '用户名', validFrom: '生效日期', validUntil: '截止日期',
  visits: '跑动次数', weight: '权重', weights: '权重', windowId: '窗口', receiptNo: '受理编号', staffId: '工作人员', partId: '协办部门意见',
  targets: '目标', reserved: '是否保留',
  // Hall services (大厅服务).
  bookingNo: '预约号', caseId: '办件编号', endAction: '公示期满处理方式', groupId: '业务分组', groupIds: '业务分组', hallId: '大厅',
  prefix: '号码前缀', question: '咨询内容', questionNo: '咨询编号', rows: '公示名单', slotId: '预约时段', times: '时段', to: '截止日期',
  periodDays: '公示期', capacity: '名额', starts: '开始时间', ends: '结束时间', hours: '开放时间', priority: '绿色通道',
  priorityReason: '绿色通道原因', maxCalls: '最多呼叫次数', bookAheadDays: '可提前预约天数', rating: '评价', listId: '公示编号',
  ticketId: '号票', consultationId: '咨询', objectionId: '异议', matterCodes: '事项编码', matter: '事项', guidance: '办事指引', severityNames: '严重程度', subjectType: '对象类型',
}

const ROLES = { center_admin: '中心管理员', window_clerk: '窗口受理人员', reviewer: '审核人员', approver: '审批人员', supervisor: '监察人员', inspector: '检查人员', agent: '代办员' }
const RIGHTS = { accept: '受理', review: '审核', decide: '审批决定', certify: '制证', seal: '印章使用', deliver: '送达' }
const GROUNDS = { hearing: '听证', tendering: '招标', auction: '拍卖', inspection: '检验', testing: '检测', quarantine: '检疫', appraisal: '鉴定', expert_review: '专家评审', supplement: '补正材料' }
const EVALUATION = { very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', very_dissatisfied: '非常不满意' }

/** Labels of enumerated values, by the field that holds them (then by value alone). */
export const VALUE_LABELS: Record<string, Record<string, string>> = {
  roles: ROLES, role: ROLES, rights: RIGHTS, ground: GROUNDS, level: EVALUATION,
  severity: { minor: '一般', major: '较重', serious: '严重' },
  mode: { open: '明查', secret: '暗访' },
  decision: { approve: '准予', deny: '不予' },
  delivery: { pickup: '窗口领取', post: '邮寄', electronic: '电子证照' },
  method: { pickup: '窗口领取', post: '邮寄', electronic: '电子证照' },
  form: { original: '原件', copy: '复印件', original_and_copy: '原件和复印件' },
  handlingScope: { county: '县域通办', cross_county: '跨县通办', city: '全市通办' },
  unit: { working: '工作日', natural: '自然日' },
  status: { open: '办理中/待整改', answered: '已答复', reported: '已上报', verified: '已核验' },
  basic: { signboard: '标识牌子', site: '场所', equipment: '设备', staff: '人员' },
  subtree: { true: '是', false: '否' },
  '*': {
    delegation: '下放', entrustment: '委托', person: '自然人', org: '法人或其他组织', holiday: '节假日', workday: '调休工作日',
    window: '窗口', agent: '代办', visit: '办事凭条', case: '办件', inspection: '检查', self_report: '自查',
    boolean: '是/否', number: '数值', text: '文字', evidence: '佐证材料', child: '按下级单位', department: '按部门', matter: '按事项',
    city: '市', county: '县(区)', township: '乡镇(街道)', village: '村(社区)', true: '是', false: '否',
  },
}

/** "查询码" for `queryCode`, "申请材料第 2 项的名称" for `materials.1.name`; the path itself when unknown. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  if (!path.length) return '请求内容'
  const parts: string[] = []
  for (const p of path) {
    if (typeof p === 'number') parts.push(`第 ${p + 1} 项`)
    else {
      const name = FIELD_LABELS[String(p)] ?? String(p)
      parts.push(parts.length ? `的${name}` : name)
    }
  }
  return parts.join('')
}

export function valueLabel(field: PropertyKey | undefined, value: unknown): string {
  const v = String(value)
  const label = (field !== undefined ? VALUE_LABELS[String(field)]?.[v] : undefined) ?? VALUE_LABELS['*']![v]
  return label ? `${label}（${v}）` : v
}
