// Migrations are listed in code (not read from disk) so the Workers bundle carries them too.
import type { Migration } from 'kysely'
import * as foundation from './2026-11-24-001-foundation.js'
import * as catalogPowers from './2026-11-24-002-catalog-powers.js'
import * as standards from './2026-11-24-003-standards.js'
import * as cases from './2026-11-25-004-cases.js'
import * as jobs from './2026-11-25-006-jobs.js'
import * as oversight from './2026-11-25-007-oversight.js'

export const migrations: Record<string, Migration> = {
  '2026-11-24-001-foundation': foundation,
  '2026-11-24-002-catalog-powers': catalogPowers,
  '2026-11-24-003-standards': standards,
  '2026-11-25-004-cases': cases,
  '2026-11-25-006-jobs': jobs,
  '2026-11-25-007-oversight': oversight,
}
