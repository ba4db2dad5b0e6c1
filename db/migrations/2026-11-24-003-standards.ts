// Building standards (标准化建设): checklist templates per tier (working copy + immutable
// published versions), self-reports and inspections, evidence files, rectification tasks;
// and local calendar overrides (holidays and make-up workdays a city or county adds).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`
const isAncestor = (col: string) =>
  `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`

const TABLES = ['calendar_overrides', 'standard_template_drafts', 'standard_template_versions', 'standard_evidence',
  'standard_inspections', 'standard_rectifications', 'standard_rectification_events']

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- A unit's calendar = the national one + overrides of itself and its ancestors (nearest wins).
    create table calendar_overrides (
      unit_code char(12) not null references units(code),
      day date not null,
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null check (length(name) between 1 and 100),
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (unit_code, day)
    );

    -- The editable working copy of a unit's checklist for one tier (township or village).
    create table standard_template_drafts (
      unit_code char(12) not null references units(code),
      tier text not null check (tier in ('township', 'village')),
      body jsonb not null,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (unit_code, tier)
    );

    -- Published versions: numbered per unit and tier, immutable (the app role may only insert).
    create table standard_template_versions (
      unit_code char(12) not null references units(code),
      tier text not null check (tier in ('township', 'village')),
      version int not null check (version > 0),
      body jsonb not null,
      digest text not null,
      note text not null default '',
      published_by uuid,
      published_at timestamptz not null default now(),
      primary key (unit_code, tier, version)
    );

    -- Evidence files (photos, PDFs): the bytes live in the storage, the row says what they are.
    create table standard_evidence (
      id uuid primary key,
      unit_code char(12) not null references units(code),
      storage_key text not null unique,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
      size int not null check (size > 0 and size <= 10485760),
      sha256 text not null,
      filename text,
      uploaded_by uuid,
      uploaded_at timestamptz not null default now()
    );
    create index standard_evidence_unit_idx on standard_evidence (unit_code);

    -- Self-reports (自评) and inspections (检查) of a center or station: a record, never edited.
    create table standard_inspections (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      tier text not null check (tier in ('township', 'village')),
      kind text not null check (kind in ('inspection', 'self_report')),
      inspector_unit_code char(12) not null,
      inspector_id uuid,
      inspector_name text not null,
      inspected_on date not null,
      template jsonb not null,
      items jsonb not null,
      score numeric(5, 1) not null check (score between 0 and 100),
      grade text not null check (grade in ('demonstration', 'standard', 'simple', 'substandard')),
      built boolean not null,
      standardised boolean not null,
      yi_you_san_wu boolean not null,
      note text not null default '',
      created_at timestamptz not null default now(),
      check (kind = 'self_report' or inspector_unit_code < unit_code)
    );
    -- The latest inspection of each unit (roll-ups read it with DISTINCT ON over a subtree range).
    create index standard_inspections_latest_idx on standard_inspections (unit_code, kind, inspected_on desc, created_at desc);

    create table standard_rectifications (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      inspector_unit_code char(12) not null,
      inspection_id uuid references standard_inspections(id),
      item_key text,
      title text not null,
      detail text not null default '',
      status text not null check (status in ('open', 'reported', 'verified')),
      opened_on date not null,
      due_on date not null check (due_on >= opened_on),
      reported_on date,
      verified_on date,
      reopened int not null default 0,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (inspector_unit_code < unit_code)
    );
    create index standard_rectifications_unit_idx on standard_rectifications (unit_code, status, due_on);
    -- One unfinished task per unit and checklist item: a re-inspection does not duplicate it.
    create unique index standard_rectifications_item_uniq on standard_rectifications (unit_code, item_key)
      where item_key is not null and status <> 'verified';

    create table standard_rectification_events (
      id bigserial primary key,
      rectification_id uuid not null references standard_rectifications(id),
      unit_code char(12) not null,
      action text not null check (action in ('opened', 'reported', 'reopened', 'verified', 'still_failing')),
      note text not null default '',
      evidence uuid[] not null default '{}',
      actor_id uuid,
      actor_name text not null,
      on_day date not null,
      at timestamptz not null default now()
    );
    create index standard_rectification_events_idx on standard_rectification_events (rectification_id, id);
  `).execute(db)

  for (const t of TABLES) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    -- Local holidays flow down: a county's holiday is read by its townships and villages.
    create policy scope_all on calendar_overrides for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy ancestors_read on calendar_overrides for select to gov_app using (${isAncestor('unit_code')});
    create policy scope_all on standard_template_drafts for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    -- A city's (or county's) published checklist is read by every unit below it.
    create policy scope_read on standard_template_versions for select to gov_app using (${inScope('unit_code')} or ${isAncestor('unit_code')});
    create policy scope_insert on standard_template_versions for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_read on standard_evidence for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on standard_evidence for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_read on standard_inspections for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on standard_inspections for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_all on standard_rectifications for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_read on standard_rectification_events for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on standard_rectification_events for insert to gov_app with check (${inScope('unit_code')});

    grant select, insert, update, delete on calendar_overrides, standard_template_drafts to gov_app;
    -- Published checklists, evidence rows, inspections and task history are never changed.
    grant select, insert on standard_template_versions, standard_evidence, standard_inspections, standard_rectification_events to gov_app;
    grant select, insert, update on standard_rectifications to gov_app;
    grant usage on sequence standard_rectification_events_id_seq to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists ${[...TABLES].reverse().join(', ')}`).execute(db)
}
