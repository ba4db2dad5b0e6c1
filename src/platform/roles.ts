import type { Level } from './codes.js'

export const ROLES = ['center_admin', 'window_clerk', 'reviewer', 'approver', 'supervisor', 'inspector', 'agent'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  center_admin: '中心管理员', window_clerk: '窗口受理人员', reviewer: '审核人员', approver: '审批人员',
  supervisor: '监察人员', inspector: '检查人员', agent: '代办员',
}

// Which roles fit which tier. A village station (村为民服务工作站) takes in and passes on
// (代办): it never reviews, decides, supervises or inspects anyone below it.
export const ROLES_BY_LEVEL: Record<Level, readonly Role[]> = {
  city: ['center_admin', 'window_clerk', 'reviewer', 'approver', 'supervisor', 'inspector'],
  county: ['center_admin', 'window_clerk', 'reviewer', 'approver', 'supervisor', 'inspector'],
  township: ['center_admin', 'window_clerk', 'reviewer', 'approver', 'supervisor', 'inspector', 'agent'],
  village: ['center_admin', 'window_clerk', 'agent'],
}
