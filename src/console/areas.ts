// The areas of the console, each a lazy chunk, and who sees them in the menu. The API decides
// what a user may really do; the menu only hides what their roles can never use.
export interface Page { path: string; label: string; roles?: string[]; load: () => Promise<any>; export: string; menu?: boolean }
export interface Area { key: string; label: string; pages: Page[] }

const FRONT = ['window_clerk', 'agent']
export const AREAS: Area[] = [
  { key: 'home', label: '首页', pages: [
    { path: '/', label: '工作台首页', load: () => import('./features/home/home'), export: 'Home' },
    { path: 'notifications', label: '通知', load: () => import('./features/oversight/notifications'), export: 'Notifications' },
  ] },
  { key: 'cases', label: '办件', pages: [
    { path: 'cases', label: '收件受理工作台', roles: [...FRONT, 'center_admin'], load: () => import('./features/cases/workqueue'), export: 'Workqueue' },
    { path: 'cases/new', label: '新收件', roles: FRONT, load: () => import('./features/cases/intake'), export: 'Intake' },
    { path: 'review', label: '待审核', roles: ['reviewer'], load: () => import('./features/cases/queues'), export: 'ReviewQueue' },
    { path: 'decide', label: '待决定', roles: ['approver'], load: () => import('./features/cases/queues'), export: 'DecideQueue' },
  ] },
  { key: 'admin', label: '中心管理', pages: [
    { path: 'admin/units', label: '单位', roles: ['center_admin'], load: () => import('./features/units/unit-tree'), export: 'UnitTree' },
    { path: 'admin/users', label: '人员与角色', roles: ['center_admin'], load: () => import('./features/users/staff'), export: 'Staff' },
    { path: 'admin/windows', label: '窗口', roles: ['center_admin'], load: () => import('./features/powers/windows'), export: 'Windows' },
    { path: 'admin/catalog', label: '事项目录', roles: ['center_admin'], load: () => import('./features/catalog/catalog'), export: 'Catalog' },
    { path: 'admin/hall-entries', label: '进驻事项', roles: ['center_admin'], load: () => import('./features/catalog/hall-entries'), export: 'HallEntries' },
    { path: 'admin/grants', label: '下放与委托', roles: ['center_admin'], load: () => import('./features/powers/grants'), export: 'Grants' },
  ] },
  { key: 'hall', label: '大厅服务', pages: [
    { path: 'hall/calling', label: '窗口叫号', roles: ['window_clerk', 'center_admin'], load: () => import('./features/hall/calling'), export: 'Calling' },
    { path: 'hall/consultations', label: '在线咨询', roles: ['window_clerk', 'center_admin', 'reviewer', 'approver', 'supervisor'], load: () => import('./features/hall/consultations'), export: 'Consultations' },
    { path: 'hall/appointments', label: '预约管理', roles: ['window_clerk', 'center_admin'], load: () => import('./features/hall/appointments'), export: 'Appointments' },
    { path: 'hall/publicity', label: '结果公示', roles: ['center_admin', 'window_clerk'], load: () => import('./features/hall/publicity'), export: 'Publicity' },
    { path: 'hall/figures', label: '排队统计', roles: ['center_admin', 'supervisor'], load: () => import('./features/hall/figures'), export: 'QueueFiguresPage' },
    { path: 'hall/halls', label: '大厅与分中心', roles: ['center_admin'], load: () => import('./features/hall/halls'), export: 'Halls' },
  ] },
  { key: 'oversight', label: '监察', pages: [
    { path: 'oversight/warnings', label: '预警', roles: ['supervisor', 'center_admin'], load: () => import('./features/oversight/warnings'), export: 'Warnings' },
    { path: 'oversight/anomalies', label: '异常办件', roles: ['supervisor'], load: () => import('./features/oversight/anomalies'), export: 'Anomalies' },
    { path: 'oversight/figures', label: '统计分析', roles: ['supervisor', 'center_admin'], load: () => import('./features/oversight/figures'), export: 'Figures' },
    { path: 'supervision/complaints', label: '投诉与差评', roles: ['supervisor', 'center_admin'], load: () => import('./features/supervision/complaints'), export: 'Complaints' },
    { path: 'supervision/assessments', label: '考核', roles: ['supervisor', 'center_admin'], load: () => import('./features/supervision/assessments'), export: 'Assessments' },
    { path: 'supervision/reports', label: '月度报表', roles: ['supervisor', 'center_admin'], load: () => import('./features/supervision/reports'), export: 'Reports' },
    { path: 'supervision/audit', label: '审计校验', roles: ['supervisor', 'center_admin'], load: () => import('./features/supervision/audit'), export: 'Audit' },
  ] },
  { key: 'standards', label: '标准化检查', pages: [
    { path: 'standards/inspect', label: '检查', roles: ['inspector'], load: () => import('./features/standards/inspect'), export: 'Inspect' },
    { path: 'standards/rectifications', label: '整改任务', roles: ['inspector', 'center_admin'], load: () => import('./features/standards/rectifications'), export: 'Rectifications' },
    { path: 'standards/stations', label: '站点与达标', roles: ['inspector', 'center_admin', 'supervisor'], load: () => import('./features/standards/stations'), export: 'Stations' },
  ] },
]
