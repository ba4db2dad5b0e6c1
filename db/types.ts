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
}
