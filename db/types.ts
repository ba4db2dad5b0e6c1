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

export interface DB {
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
}
