// Case handling (办件): cases, their append-only event history, materials, parallel-approval
// parts, fees, acceptance-receipt counters, the applicant-message outbox and idempotency keys.
// Frozen in time: no imports from the app, Kysely<any> only.
//
// Tenancy: cases.unit_code is the unit handling the case now; intake_unit_code the unit that
// took it in. Forwarding only goes up the intake unit's ancestor chain, so every unit that ever
// handled a case has the intake unit in its subtree: the child tables key on the intake unit
// (their unit_code) and every handler, the intake unit and all their ancestors read them with a
// subquery-free range policy.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`

const isAncestor = (col: string) =>
  `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`

const CHILD_TABLES = ['case_events', 'case_materials', 'case_parts', 'case_fees', 'case_receipt_counters', 'outbox', 'idempotency_keys']

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      intake_unit_code char(12) not null references units(code),
      matter_code text not null,
      matter_name text not null,
      catalog_unit_code char(12) not null,
      catalog_version int not null,
      matter jsonb not null,
      bundle text[] not null default '{}',
      parallel boolean not null default false,
      channel text not null check (channel in ('window', 'online', 'agent')),
      applicant_kind text not null check (applicant_kind in ('person', 'org')),
      applicant_id_number text not null,
      applicant_id_masked text not null,
      applicant_name text not null,
      applicant_name_masked text not null,
      applicant_phone text not null,
      applicant_phone_masked text not null,
      receipt_no text not null unique,
      query_code_hash text not null,
      status text not null check (status in ('submitted', 'supplement_requested', 'accepted', 'reviewed', 'decided',
        'certified', 'delivered', 'rejected', 'suspended')),
      suspended_from text,
      suspended_since date,
      suspension_ground text,
      received_at timestamptz not null,
      received_day date not null,
      acceptance_deadline date not null,
      accepted_at timestamptz,
      accepted_day date,
      -- The first one-time notice (一次性告知): given after acceptance_deadline, the case counts as
      -- accepted on the day of receipt all the same (art. 32).
      first_notice_day date,
      -- The day the handling clock counts from (acceptance day, or the receipt day when deemed).
      clock_start date,
      deemed_accepted boolean not null default false,
      limit_days int not null check (limit_days between 0 and 3650),
      extended_days int not null default 0,
      suspended_days int not null default 0,
      due_date date,
      decision text check (decision in ('approve', 'deny')),
      decided_day date,
      certificate_due date,
      holder_code char(12),
      holder_name text,
      certificate_no text,
      certificate_issued date,
      supplement_notices int not null default 0,
      version int not null default 1,
      created_by uuid,
      updated_at timestamptz not null default now()
    );
    create index cases_unit_status_idx on cases (unit_code, status, due_date);
    create index cases_intake_idx on cases (intake_unit_code, status);

    -- Append-only history: the case's state is derived from it (cases.status is its projection).
    create table case_events (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      unit_code char(12) not null,
      actor_unit_code char(12),
      actor_id uuid,
      window_id uuid,
      acting_for jsonb,
      type text not null,
      payload jsonb not null default '{}',
      at timestamptz not null
    );
    create index case_events_case_idx on case_events (case_id, id);
    create function case_events_append_only() returns trigger language plpgsql as $fn$
      begin raise exception 'case_events is append-only' using errcode = 'P0001'; end $fn$;
    create trigger case_events_no_change before update or delete on case_events
      for each row execute function case_events_append_only();

    create table case_materials (
      case_id uuid not null references cases(id),
      unit_code char(12) not null,
      name text not null,
      required boolean not null,
      provided boolean not null,
      provided_at timestamptz,
      primary key (case_id, name)
    );

    -- Parallel approval (并联审批): one part per co-department matter, own deadline and decision.
    create table case_parts (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      unit_code char(12) not null,
      matter_code text not null,
      matter_name text not null,
      department text not null,
      due_date date not null,
      decision text check (decision in ('approve', 'deny')),
      reasons text,
      decided_by uuid,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      unique (case_id, matter_code)
    );

    create table case_fees (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      unit_code char(12) not null,
      name text not null,
      basis text not null,
      amount numeric(12, 2) not null check (amount >= 0),
      status text not null check (status in ('due', 'paid', 'waived')),
      fee_receipt_no text,
      waiver_basis text,
      settled_by uuid,
      settled_at timestamptz,
      check (status <> 'paid' or fee_receipt_no is not null),
      check (status <> 'waived' or waiver_basis is not null)
    );
    create index case_fees_case_idx on case_fees (case_id);

    -- Receipt numbers <unit>-<yyyymmdd>-<seq>: one counter row per unit and day (upserted).
    create table case_receipt_counters (
      unit_code char(12) not null,
      day date not null,
      last int not null,
      primary key (unit_code, day)
    );

    create table outbox (
      id uuid primary key,
      unit_code char(12) not null,
      case_id uuid references cases(id),
      kind text not null,
      payload jsonb not null,
      created_at timestamptz not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      sent_at timestamptz,
      last_error text
    );
    create index outbox_pending_idx on outbox (next_attempt_at) where sent_at is null;

    create table idempotency_keys (
      unit_code char(12) not null,
      actor_key text not null,
      key text not null,
      request_hash text not null,
      case_id uuid not null references cases(id),
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (actor_key, key)
    );
  `).execute(db)

  for (const t of ['cases', ...CHILD_TABLES]) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    -- Read: the handling unit's and the intake unit's subtrees (and so every ancestor of either).
    create policy cases_read on cases for select to gov_app using (${inScope('unit_code')} or ${inScope('intake_unit_code')});
    create policy cases_insert on cases for insert to gov_app with check (${inScope('unit_code')} and ${inScope('intake_unit_code')});
    -- Only the handling side writes; forwarding moves unit_code up the intake chain.
    create policy cases_update on cases for update to gov_app using (${inScope('unit_code')}) with check (${inScope('intake_unit_code')});
    ${CHILD_TABLES.map((t) => `create policy scope_all on ${t} for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});`).join('\n    ')}

    -- A unit forwarding up the tree checks that the receiver holds the power: the grants its
    -- ancestors received are readable from below (they are public: guides and announcements).
    create policy grants_read_ancestors on grants for select to gov_app using (${isAncestor('grantee_code')});

    grant select, insert, update on cases, case_materials, case_parts, case_fees, case_receipt_counters, outbox to gov_app;
    grant select, insert on idempotency_keys to gov_app;
    -- Events are never changed, not even by the app's own role (and the trigger stops the owner).
    grant select, insert on case_events to gov_app;
    revoke update, delete, truncate on case_events from gov_app;
    grant usage on sequence case_events_id_seq to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists idempotency_keys, outbox, case_receipt_counters, case_fees, case_parts, case_materials, case_events, cases;
    drop function if exists case_events_append_only();
    drop policy if exists grants_read_ancestors on grants;
  `).execute(db)
}
