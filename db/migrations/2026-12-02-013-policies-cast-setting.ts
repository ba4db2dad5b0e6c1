// Every RLS policy compares its code column with the *setting* cast to the column's type
// (`nullif(current_setting('app.scope_lo', true), '')::bpchar`), never the column with text.
// Migrations 001–007 wrote `unit_code between nullif(current_setting(…), '')`: char(12) against
// text, so PostgreSQL cast the column (`(unit_code)::text >= …`), an expression without
// statistics. The planner then guessed a county's 27,479 open cases at 274, mis-costed the
// list's index walk and started a parallel Gather Merge on every request (14–18 ms instead of
// 0.6 ms); the city's figures sorted and spilled to disk. With the setting cast, the column's
// own statistics and btree indexes apply (test/rls-plans.test.ts watches every policy).
//
// The policies are listed here, frozen (table, name, USING, WITH CHECK, as written by 001–007):
// `up` alters each to the cast-setting form, `down` restores the old text. ALTER POLICY keeps
// each policy's command and role. The case list's index also changes to the list's order,
// `received_at desc, id desc` (keyset paging compares the row `(received_at, id)`; the old
// `received_at desc, id` order could not take a row comparison), and the list by status (the
// common filter: a county's accepted cases) gets the same order after `status`, so its walk skips
// the other statuses instead of reading them: with 1.3 M cases in the next county and the newest
// days not yet accepted, the walk on received_at alone read 14,684 rows for a page of 51 (282 ms).
import { type Kysely, sql } from 'kysely'

type Form = { inScope: (col: string) => string; isAncestor: (col: string) => string; cityOf: () => string }

const OLD: Form = {
  inScope: (col) => `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`,
  isAncestor: (col) => `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`,
  cityOf: () => `unit_code = rpad(substr(nullif(current_setting('app.scope_lo', true), ''), 1, 4), 12, '0')`,
}

const NEW: Form = {
  inScope: (col) => `${col} between nullif(current_setting('app.scope_lo', true), '')::bpchar and nullif(current_setting('app.scope_hi', true), '')::bpchar`,
  isAncestor: (col) => `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ',')::bpchar[])`,
  cityOf: () => `unit_code = rpad(substr(nullif(current_setting('app.scope_lo', true), ''), 1, 4), 12, '0')::bpchar`,
}

/** [table, policy, USING, WITH CHECK] in a given form; null: the policy has no such clause. */
type Policy = [string, string, ((f: Form) => string) | null, ((f: Form) => string) | null]

const both = (table: string, name: string, col = 'unit_code'): Policy => [table, name, (f) => f.inScope(col), (f) => f.inScope(col)]
const read = (table: string, name = 'scope_read'): Policy => [table, name, (f) => f.inScope('unit_code'), null]
const insert = (table: string, name = 'scope_insert'): Policy => [table, name, null, (f) => f.inScope('unit_code')]
const ancestors = (table: string, name = 'ancestors_read', col = 'unit_code'): Policy => [table, name, (f) => f.isAncestor(col), null]
const readOrAncestor = (table: string): Policy => [table, 'scope_read', (f) => `${f.inScope('unit_code')} or ${f.isAncestor('unit_code')}`, null]

const POLICIES: Policy[] = [
  // 001 foundation
  both('units', 'units_scope', 'code'),
  ancestors('units', 'units_ancestors', 'code'),
  both('users', 'users_scope'),
  both('sessions', 'sessions_scope'),
  read('refusals', 'refusals_read'),
  insert('refusals', 'refusals_insert'),
  // 002 catalogs and powers
  both('catalog_items', 'scope_all'),
  readOrAncestor('catalog_versions'),
  insert('catalog_versions'),
  readOrAncestor('catalog_version_items'),
  insert('catalog_version_items'),
  both('hall_entries', 'scope_all'),
  ['grants', 'grants_read', (f) => `${f.inScope('unit_code')} or ${f.inScope('grantee_code')}`, null],
  insert('grants', 'grants_insert'),
  both('grants', 'grants_update'),
  both('windows', 'scope_all'),
  both('window_staff', 'scope_all'),
  both('window_rights', 'scope_all'),
  // 003 standards
  both('calendar_overrides', 'scope_all'),
  ancestors('calendar_overrides'),
  both('standard_template_drafts', 'scope_all'),
  readOrAncestor('standard_template_versions'),
  insert('standard_template_versions'),
  read('standard_evidence'),
  insert('standard_evidence'),
  read('standard_inspections'),
  insert('standard_inspections'),
  both('standard_rectifications', 'scope_all'),
  read('standard_rectification_events'),
  insert('standard_rectification_events'),
  // 004 cases
  ['cases', 'cases_read', (f) => `${f.inScope('unit_code')} or ${f.inScope('intake_unit_code')}`, null],
  ['cases', 'cases_insert', null, (f) => `${f.inScope('unit_code')} and ${f.inScope('intake_unit_code')}`],
  ['cases', 'cases_update', (f) => f.inScope('unit_code'), (f) => f.inScope('intake_unit_code')],
  ...['case_events', 'case_materials', 'case_parts', 'case_fees', 'case_receipt_counters', 'outbox', 'idempotency_keys'].map((t) => both(t, 'scope_all')),
  ancestors('grants', 'grants_read_ancestors', 'grantee_code'),
  // 005 supervision
  read('audit_log'),
  insert('audit_log'),
  both('audit_heads', 'scope_all', 'city_code'),
  both('supervision_settings', 'scope_all'),
  ancestors('supervision_settings'),
  both('complaints', 'scope_all'),
  both('visits', 'scope_all'),
  both('evaluations', 'scope_all'),
  read('inspection_findings'),
  insert('inspection_findings'),
  both('assessment_schemes', 'scope_all'),
  read('assessments'),
  insert('assessments'),
  ancestors('assessments'),
  read('assessment_results'),
  insert('assessment_results'),
  both('statistical_reports', 'scope_all'),
  // 007 oversight
  ...['case_warnings', 'warning_events', 'staff_notifications', 'oversight_settings', 'anomaly_rule_settings', 'case_daily_stats'].map((t) => both(t, 'scope_all')),
  ['oversight_settings', 'city_read', (f) => f.cityOf(), null],
  ['anomaly_rule_settings', 'city_read', (f) => f.cityOf(), null],
  both('work_days', 'write_scope', 'cal_code'),
]

const alterAll = (f: Form) => POLICIES.map(([table, name, using, check]) =>
  `alter policy ${name} on ${table}${using ? ` using (${using(f)})` : ''}${check ? ` with check (${check(f)})` : ''};`).join('\n')

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(alterAll(NEW)).execute(db)
  await sql.raw(`
    drop index if exists cases_received_idx;
    create index cases_received_desc_idx on cases (received_at desc, id desc);
    create index cases_status_received_idx on cases (status, received_at desc, id desc);`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop index if exists cases_status_received_idx;
    drop index if exists cases_received_desc_idx;
    create index cases_received_idx on cases (received_at desc, id);`).execute(db)
  await sql.raw(alterAll(OLD)).execute(db)
}
