// Kysely table types, kept by hand next to the migrations that define them.
import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface UnitsTable {
  code: string
  parent_code: string | null
  level: 'city' | 'county' | 'township' | 'village'
  name: string
  service_point_name: string
  expanded_power_pilot: Generated<boolean>
  active: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface UsersTable {
  id: Generated<string>
  unit_code: string
  username: string
  display_name: string
  password_hash: string
  roles: string[]
  active: Generated<boolean>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  unit_code: string
  expires_at: Timestamp
  created_at: Timestamp
}

export interface RefusalsTable {
  id: Generated<number>
  unit_code: string
  actor_id: string | null
  action: string
  subject_type: string
  subject_id: string | null
  reason: string
  at: Timestamp
}

export interface CatalogItemsTable {
  unit_code: string
  matter_code: string
  data: ColumnType<any, any, any>
  updated_by: string | null
  updated_at: Timestamp
}
export interface CatalogVersionsTable {
  unit_code: string
  version: number
  effective_from: string
  published_at: Timestamp
  published_by: string | null
  note: string
  digest: string
}
export interface CatalogVersionItemsTable {
  unit_code: string
  version: number
  matter_code: string
  data: ColumnType<any, any, any>
}
export interface HallEntriesTable {
  unit_code: string
  matter_code: string
  in_hall: boolean
  office: string | null
  address: string | null
  phone: string | null
  approval_document: string | null
  approved_by: string | null
  approved_at: Timestamp | null
}
export interface GrantsTable {
  id: Generated<string>
  unit_code: string
  grantee_code: string
  matter_code: string
  kind: 'delegation' | 'entrustment'
  rights: string[]
  document_no: string
  legal_basis: string
  valid_from: string
  valid_until: string | null
  revoked_at: Timestamp | null
  revoke_reason: string | null
  created_by: string | null
  created_at: Timestamp
}
export interface WindowsTable {
  id: Generated<string>
  unit_code: string
  number: string
  name: string
  departments: string[]
  active: Generated<boolean>
  /** Set by a trigger to the unit's main hall when not given (migration 016). */
  hall_id: Generated<string>
}
export interface WindowStaffTable { window_id: string; user_id: string; unit_code: string }
export interface WindowRightsTable { window_id: string; matter_code: string; unit_code: string; rights: string[] }

// Building standards (标准化建设) and calendar overrides (2026-11-24-003-standards).
export interface CalendarOverridesTable {
  unit_code: string
  day: string
  kind: 'holiday' | 'workday'
  name: string
  created_by: string | null
  created_at: Timestamp
}
export interface StandardTemplateDraftsTable {
  unit_code: string
  tier: 'township' | 'village'
  body: ColumnType<any, any, any>
  updated_by: string | null
  updated_at: Timestamp
}
export interface StandardTemplateVersionsTable {
  unit_code: string
  tier: 'township' | 'village'
  version: number
  body: ColumnType<any, any, any>
  digest: string
  note: string
  published_by: string | null
  published_at: Timestamp
}
export interface StandardEvidenceTable {
  id: string
  unit_code: string
  storage_key: string
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf'
  size: number
  sha256: string
  filename: string | null
  uploaded_by: string | null
  uploaded_at: Timestamp
}
export interface StandardInspectionsTable {
  id: Generated<string>
  unit_code: string
  tier: 'township' | 'village'
  kind: 'inspection' | 'self_report'
  inspector_unit_code: string
  inspector_id: string | null
  inspector_name: string
  inspected_on: string
  template: ColumnType<any, any, any>
  items: ColumnType<any, any, any>
  score: number
  grade: 'demonstration' | 'standard' | 'simple' | 'substandard'
  built: boolean
  standardised: boolean
  yi_you_san_wu: boolean
  note: Generated<string>
  created_at: Timestamp
}
export interface StandardRectificationsTable {
  id: Generated<string>
  unit_code: string
  inspector_unit_code: string
  inspection_id: string | null
  item_key: string | null
  title: string
  detail: Generated<string>
  status: 'open' | 'reported' | 'verified'
  opened_on: string
  due_on: string
  reported_on: string | null
  verified_on: string | null
  reopened: Generated<number>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}
export interface StandardRectificationEventsTable {
  id: Generated<number>
  rectification_id: string
  unit_code: string
  action: 'opened' | 'reported' | 'reopened' | 'verified' | 'still_failing'
  note: Generated<string>
  evidence: Generated<string[]>
  actor_id: string | null
  actor_name: string
  on_day: string
  at: Timestamp
}

export interface JobRunsTable {
  id: Generated<number>
  name: string
  at: Timestamp
  status: 'ok' | 'failed'
  result: ColumnType<any, any, any> | null
  error: string | null
  duration_ms: number
  recorded_at: Generated<Date>
}

// Case handling (办件) (2026-11-25-004-cases).
type Json = ColumnType<any, any, any>
export interface CasesTable {
  id: Generated<string>
  unit_code: string
  intake_unit_code: string
  agent_matter_code: Generated<string | null>
  matter_code: string
  matter_name: string
  catalog_unit_code: string
  catalog_version: number
  matter: Json
  bundle: Generated<string[]>
  parallel: Generated<boolean>
  channel: 'window' | 'online' | 'agent'
  applicant_kind: 'person' | 'org'
  applicant_id_number: string
  applicant_id_masked: string
  applicant_name: string
  applicant_name_masked: string
  applicant_phone: string
  applicant_phone_masked: string
  receipt_no: string
  query_code_hash: string
  status: string
  suspended_from: string | null
  suspended_since: string | null
  suspension_ground: string | null
  received_at: Timestamp
  received_day: string
  acceptance_deadline: string
  accepted_at: Timestamp | null
  accepted_day: string | null
  first_notice_day: string | null
  clock_start: string | null
  deemed_accepted: Generated<boolean>
  limit_days: number
  limit_unit: Generated<'working' | 'natural'>
  extended_days: Generated<number>
  suspended_days: Generated<number>
  due_date: string | null
  decision: 'approve' | 'deny' | null
  decided_day: string | null
  certificate_due: string | null
  holder_code: string | null
  holder_name: string | null
  certificate_no: string | null
  certificate_issued: string | null
  supplement_notices: Generated<number>
  version: Generated<number>
  created_by: string | null
  updated_at: Generated<Timestamp>
}
export interface CaseEventsTable {
  id: Generated<number>
  case_id: string
  unit_code: string
  actor_unit_code: string | null
  actor_id: string | null
  window_id: string | null
  acting_for: Json | null
  type: string
  payload: Json
  at: Timestamp
}
export interface CaseMaterialsTable {
  case_id: string
  unit_code: string
  name: string
  required: boolean
  provided: boolean
  provided_at: Timestamp | null
  files: Generated<string[]>
}
export interface CaseUploadsTable {
  id: string
  unit_code: string
  storage_key: string
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf'
  size: number
  sha256: string
  filename: string | null
  uploaded_by: string | null
  uploaded_at: Timestamp
}
export interface CasePartsTable {
  id: Generated<string>
  case_id: string
  unit_code: string
  matter_code: string
  matter_name: string
  department: string
  due_date: string
  decision: 'approve' | 'deny' | null
  reasons: string | null
  decided_by: string | null
  decided_at: Timestamp | null
  created_at: Generated<Timestamp>
}
export interface CaseFeesTable {
  id: Generated<string>
  case_id: string
  unit_code: string
  name: string
  basis: string
  amount: number
  status: 'due' | 'paid' | 'waived'
  fee_receipt_no: string | null
  waiver_basis: string | null
  settled_by: string | null
  settled_at: Timestamp | null
}
export interface CaseReceiptCountersTable { unit_code: string; day: string; last: number }
export interface OutboxTable {
  id: string
  unit_code: string
  case_id: string | null
  kind: string
  payload: Json
  created_at: Timestamp
  attempts: Generated<number>
  next_attempt_at: Timestamp
  sent_at: Timestamp | null
  last_error: string | null
}
export interface IdempotencyKeysTable {
  unit_code: string
  actor_key: string
  key: string
  request_hash: string
  case_id: string
  response: Json
  created_at: Generated<Timestamp>
}

// Supervision (2026-11-25-005-supervision).
export type EvaluationLevel = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied'
export interface AuditLogTable {
  id: Generated<number>
  city_code: string
  unit_code: string
  actor_id: string | null
  acting_for: string | null
  action: string
  subject: string
  before_digest: string | null
  after_digest: string | null
  at: Timestamp
  prev_hash: string
  hash: string
}
export interface AuditHeadsTable { city_code: string; last_id: number; last_hash: string }
export interface SupervisionSettingsTable {
  unit_code: string
  complaint_answer_days: number | null
  negative_rectification_days: number | null
  updated_by: string | null
  updated_at: Timestamp
}
export interface ComplaintsTable {
  id: Generated<string>
  unit_code: string
  handler_code: string
  tracking_no: string
  query_code_hash: string
  window_id: string | null
  staff_id: string | null
  subject: string
  body: string
  contact_name: Generated<string>
  contact_phone: string
  status: 'open' | 'answered'
  received_on: string
  first_due_on: string
  due_on: string
  escalations: Generated<number>
  escalated_on: string | null
  answer: string | null
  answered_by: string | null
  answered_by_unit: string | null
  answered_on: string | null
  rating: EvaluationLevel | null
  rating_comment: string | null
  rated_at: Timestamp | null
  created_at: Timestamp
}
export interface VisitsTable {
  id: Generated<string>
  unit_code: string
  visit_no: string
  evaluation_code_hash: string
  window_id: string | null
  staff_id: string | null
  visited_on: string
  created_by: string | null
  created_at: Timestamp
}
export interface EvaluationsTable {
  id: Generated<string>
  unit_code: string
  kind: 'visit' | 'case'
  visit_id: string | null
  case_ref: string | null
  window_id: string | null
  staff_id: string | null
  level: EvaluationLevel
  negative: boolean
  comment: Generated<string>
  evaluated_on: string
  rectification_status: 'none' | 'open' | 'answered'
  rectification_due_on: string | null
  rectification_answer: string | null
  rectified_on: string | null
  appeal_status: Generated<'none' | 'pending' | 'upheld' | 'rejected'>
  appeal_reason: string | null
  appealed_on: string | null
  appeal_decision_note: string | null
  appeal_decided_by: string | null
  appeal_decided_by_unit: string | null
  appeal_decided_on: string | null
  /** National indicators rated on the five levels (migration 022): { efficiency: 'satisfied', … }. */
  indicators: Generated<unknown>
  created_at: Timestamp
}
export interface InspectionFindingsTable {
  id: Generated<string>
  unit_code: string
  inspector_unit_code: string
  mode: 'open' | 'secret'
  window_id: string | null
  staff_id: string | null
  severity: 'minor' | 'major' | 'serious'
  body: string
  found_on: string
  created_by: string | null
  created_at: Timestamp
}
export interface AssessmentSchemesTable {
  unit_code: string
  body: ColumnType<any, any, any>
  updated_by: string | null
  updated_at: Timestamp
}
export interface AssessmentsTable {
  id: Generated<string>
  unit_code: string
  period: string
  from_day: string
  to_day: string
  scheme: ColumnType<any, any, any>
  created_by: string | null
  created_at: Timestamp
}
export interface AssessmentResultsTable {
  assessment_id: string
  unit_code: string
  assessor_code: string
  inputs: ColumnType<any, any, any>
  score: number | null
  grade: 'excellent' | 'good' | 'pass' | 'fail' | null
}
export interface StatisticalReportsTable {
  id: Generated<string>
  unit_code: string
  period: string
  figures: ColumnType<any, any, any>
  manual: ColumnType<any, any, any>
  status: 'draft' | 'submitted' | 'approved' | 'returned'
  submitted_on: string | null
  decided_by: string | null
  decided_by_unit: string | null
  decided_on: string | null
  decision_note: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

// Supervision over cases (2026-11-25-007-oversight)
export interface WorkDaysTable { cal_code: string; day: string; working: boolean; ord: number }
export interface OversightSettingsTable {
  unit_code: string
  yellow_share: Generated<string>
  answer_days: Generated<number>
  updated_by: string | null
  updated_at: Generated<Timestamp>
}
export interface CaseWarningsTable {
  id: Generated<string>
  unit_code: string
  handling_unit_code: string
  case_id: string
  kind: 'case' | 'acceptance' | 'certificate' | 'part'
  subject: Generated<string>
  level: 'green' | 'yellow' | 'red'
  due_date: string
  changed_at: Timestamp
  answer_due: string | null
  answered_at: Timestamp | null
  answered_by: string | null
  answer_reason: string | null
  escalated_to: string | null
  escalated_at: Timestamp | null
}
export interface WarningEventsTable {
  id: Generated<number>
  unit_code: string
  warning_id: string
  case_id: string
  type: 'level' | 'answered' | 'escalated'
  from_level: string | null
  to_level: string | null
  payload: Generated<Json>
  at: Timestamp
}
export interface StaffNotificationsTable {
  id: Generated<number>
  unit_code: string
  audience: 'handlers' | 'supervisors'
  case_id: string | null
  warning_id: string | null
  kind: string
  text: string
  created_at: Timestamp
  read_at: Timestamp | null
}
/** Who has read which notification (migration 020). */
export interface NotificationReadsTable { unit_code: string; user_id: string; notification_id: number; read_at: Timestamp }
export interface AnomalyRulesTable { code: string; name: string; description: string; params: Json; ord: number }
export interface AnomalyRuleSettingsTable {
  unit_code: string
  rule_code: string
  enabled: boolean
  updated_by: string | null
  updated_at: Generated<Timestamp>
}
type Counter = Generated<number>
export interface CaseDailyStatsTable {
  unit_code: string
  day: string
  matter_code: string
  department: string
  received: Counter; accepted: Counter; deemed: Counter; rejected: Counter; noticed: Counter; renoticed: Counter
  completed: Counter; on_time: Counter; overdue: Counter; same_day: Counter
  statutory_days: Generated<string>; promised_days: Generated<string>; actual_days: Generated<string>
  zero_visit: Counter; one_visit: Counter
}

// Hall services (migration 016).
export interface HallsTable {
  id: Generated<string>; unit_code: string; kind: 'main' | 'branch'; name: string
  address: Generated<string>; hours: Generated<string>; phone: Generated<string>; active: Generated<boolean>; created_at: Timestamp
}
export interface HallSettingsTable {
  unit_code: string; max_calls: Generated<number>; no_show_limit: Generated<number>; no_show_window_days: Generated<number>
  no_show_block_days: Generated<number>; book_ahead_days: Generated<number>; reply_days_window: Generated<number>
  reply_days_department: Generated<number>; updated_at: Timestamp
}
export interface HallCountersTable { unit_code: string; kind: string; day: string; last: number }
export interface ServiceGroupsTable {
  id: Generated<string>; unit_code: string; hall_id: string; prefix: string; name: string; matter_codes: Generated<string[]>; active: Generated<boolean>
}
export interface WindowGroupsTable { window_id: string; group_id: string; unit_code: string }
export interface QueueTicketsTable {
  id: Generated<string>; seq: Generated<string>; unit_code: string; hall_id: string; group_id: string; day: string; number: string
  priority: Generated<boolean>; priority_reason: 'elderly' | 'disabled' | 'appointment' | null; channel: 'kiosk' | 'phone' | 'appointment'
  name_masked: Generated<string>; status: Generated<'waiting' | 'called' | 'serving' | 'done' | 'skipped'>; call_count: Generated<number>
  window_id: string | null; taken_at: Timestamp; called_at: Timestamp | null; started_at: Timestamp | null; finished_at: Timestamp | null
  case_id: string | null; appointment_id: string | null; transferred_from: string | null
}
export interface QueueCallsTable {
  id: Generated<number>; unit_code: string; hall_id: string; ticket_id: string; ticket_number: string; window_number: string
  name_masked: Generated<string>; spoken: string; at: Timestamp
}
export interface AppointmentSlotsTable {
  id: Generated<string>; unit_code: string; hall_id: string; group_id: string; day: string; starts: string; ends: string
  capacity: number; booked: Generated<number>
}
export interface AppointmentsTable {
  id: Generated<string>; unit_code: string; hall_id: string; group_id: string; slot_id: string; day: string; booking_no: string
  query_code_hash: string; id_hash: string; id_masked: string; name_masked: string; phone_masked: Generated<string>
  status: Generated<'booked' | 'cancelled' | 'checked_in'>; ticket_id: string | null; created_at: Timestamp
  cancelled_at: Timestamp | null; checked_in_at: Timestamp | null
}
export interface ConsultationsTable {
  id: Generated<string>; unit_code: string; question_no: string; query_code_hash: string; matter_code: string; matter_name: string
  question: string; asker_masked: string; route: 'window' | 'department'; window_id: string | null; department: Generated<string>
  due_date: string; status: Generated<'open' | 'answered'>; answer: string | null; answered_at: Timestamp | null; answered_by: string | null
  forwards: Generated<unknown>; published: Generated<boolean>; published_at: Timestamp | null; faq_question: string | null; faq_answer: string | null; rating: number | null
  rated_at: Timestamp | null; asked_at: Timestamp
}
export interface PublicityListsTable {
  id: Generated<string>; unit_code: string; type: string; title: string; basis: string; period_days: number
  starts_on: string; ends_on: string; end_action: 'withdraw' | 'archive'; created_by: string | null; created_at: Timestamp
}
export interface PublicityRowsTable { list_id: string; ord: number; unit_code: string; raw: unknown; masked: unknown }
export interface PublicityObjectionsTable {
  id: Generated<string>; unit_code: string; list_id: string; row_ord: number | null; text: string; contact_name: string
  contact_phone: string; lodged_at: Timestamp; answer: string | null; answered_at: Timestamp | null; answered_by: string | null
}
export interface PackApplicationsTable {
  id: Generated<number>
  city: string
  source: string
  applied_at: Generated<Date>
  fingerprint: string
  items: unknown
}

export interface DB {
  pack_applications: PackApplicationsTable
  catalog_items: CatalogItemsTable
  catalog_versions: CatalogVersionsTable
  catalog_version_items: CatalogVersionItemsTable
  hall_entries: HallEntriesTable
  grants: GrantsTable
  windows: WindowsTable
  window_staff: WindowStaffTable
  window_rights: WindowRightsTable
  units: UnitsTable
  users: UsersTable
  sessions: SessionsTable
  refusals: RefusalsTable
  calendar_overrides: CalendarOverridesTable
  standard_template_drafts: StandardTemplateDraftsTable
  standard_template_versions: StandardTemplateVersionsTable
  standard_evidence: StandardEvidenceTable
  standard_inspections: StandardInspectionsTable
  standard_rectifications: StandardRectificationsTable
  standard_rectification_events: StandardRectificationEventsTable
  job_runs: JobRunsTable
  cases: CasesTable
  case_events: CaseEventsTable
  case_materials: CaseMaterialsTable
  case_uploads: CaseUploadsTable
  case_parts: CasePartsTable
  case_fees: CaseFeesTable
  case_receipt_counters: CaseReceiptCountersTable
  outbox: OutboxTable
  idempotency_keys: IdempotencyKeysTable
  audit_log: AuditLogTable
  audit_heads: AuditHeadsTable
  supervision_settings: SupervisionSettingsTable
  complaints: ComplaintsTable
  visits: VisitsTable
  evaluations: EvaluationsTable
  inspection_findings: InspectionFindingsTable
  assessment_schemes: AssessmentSchemesTable
  assessments: AssessmentsTable
  assessment_results: AssessmentResultsTable
  statistical_reports: StatisticalReportsTable
  work_days: WorkDaysTable
  oversight_settings: OversightSettingsTable
  case_warnings: CaseWarningsTable
  warning_events: WarningEventsTable
  staff_notifications: StaffNotificationsTable
  notification_reads: NotificationReadsTable
  anomaly_rules: AnomalyRulesTable
  anomaly_rule_settings: AnomalyRuleSettingsTable
  case_daily_stats: CaseDailyStatsTable
  halls: HallsTable
  hall_settings: HallSettingsTable
  hall_counters: HallCountersTable
  service_groups: ServiceGroupsTable
  window_groups: WindowGroupsTable
  queue_tickets: QueueTicketsTable
  queue_calls: QueueCallsTable
  appointment_slots: AppointmentSlotsTable
  appointments: AppointmentsTable
  consultations: ConsultationsTable
  publicity_lists: PublicityListsTable
  publicity_rows: PublicityRowsTable
  publicity_objections: PublicityObjectionsTable
}
