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

export interface DB {
  units: UnitsTable
  users: UsersTable
  sessions: SessionsTable
  refusals: RefusalsTable
}
