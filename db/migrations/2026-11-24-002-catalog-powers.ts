// Matter catalogs per unit (working copy + immutable published versions), hall entry,
// grants of powers down the tree (下放/委托), windows and window rights.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`
const isAncestor = (col: string) =>
  `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- The editable working copy of a unit's catalog (drafts until published).
    create table catalog_items (
      unit_code char(12) not null references units(code),
      matter_code text not null,
      data jsonb not null,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (unit_code, matter_code)
    );

    -- Published versions: numbered per unit, dated, immutable (the app role may only insert).
    create table catalog_versions (
      unit_code char(12) not null references units(code),
      version int not null check (version > 0),
      effective_from date not null,
      published_at timestamptz not null default now(),
      published_by uuid,
      note text not null default '',
      digest text not null,
      primary key (unit_code, version)
    );
    create index catalog_versions_effective_idx on catalog_versions (unit_code, effective_from, version);

    create table catalog_version_items (
      unit_code char(12) not null,
      version int not null,
      matter_code text not null,
      data jsonb not null,
      primary key (unit_code, version, matter_code),
      foreign key (unit_code, version) references catalog_versions (unit_code, version)
    );
    create index catalog_version_items_matter_idx on catalog_version_items (matter_code, unit_code, version);

    -- Hall entry (进驻): in the hall, or out of it with the county center's approval recorded.
    create table hall_entries (
      unit_code char(12) not null references units(code),
      matter_code text not null,
      in_hall boolean not null,
      office text, address text, phone text,
      approval_document text, approved_by uuid, approved_at timestamptz,
      primary key (unit_code, matter_code),
      check (in_hall or (office is not null and address is not null and phone is not null and approved_by is not null))
    );

    -- Grants of a power from a holder to a unit in its subtree. unit_code = grantor (owner).
    create table grants (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      grantee_code char(12) not null references units(code),
      matter_code text not null,
      kind text not null check (kind in ('delegation', 'entrustment')),
      rights text[] not null check (cardinality(rights) > 0 and rights <@ array['accept','review','decide','certify','seal','deliver']),
      document_no text not null,
      legal_basis text not null,
      valid_from date not null,
      valid_until date,
      revoked_at timestamptz,
      revoke_reason text,
      created_by uuid,
      created_at timestamptz not null default now(),
      check (grantee_code > unit_code),
      check (valid_until is null or valid_until >= valid_from)
    );
    create index grants_grantee_idx on grants (grantee_code, matter_code) where revoked_at is null;
    create index grants_grantor_idx on grants (unit_code);
    -- One live grant of a kind per grantee and matter: retries and concurrent requests cannot duplicate.
    create unique index grants_live_uniq on grants (grantee_code, matter_code, kind, valid_from) where revoked_at is null;

    create table windows (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      number text not null,
      name text not null,
      departments text[] not null default '{}',
      active boolean not null default true,
      unique (unit_code, number)
    );
    create table window_staff (
      window_id uuid not null references windows(id),
      user_id uuid not null references users(id),
      unit_code char(12) not null,
      primary key (window_id, user_id)
    );
    create index window_staff_user_idx on window_staff (user_id);
    create table window_rights (
      window_id uuid not null references windows(id),
      matter_code text not null,
      unit_code char(12) not null,
      rights text[] not null check (rights <@ array['accept','review','decide','certify','seal','deliver']),
      primary key (window_id, matter_code)
    );
  `).execute(db)

  for (const t of ['catalog_items', 'catalog_versions', 'catalog_version_items', 'hall_entries', 'grants', 'windows', 'window_staff', 'window_rights']) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    create policy scope_all on catalog_items for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_read on catalog_versions for select to gov_app using (${inScope('unit_code')} or ${isAncestor('unit_code')});
    create policy scope_insert on catalog_versions for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_read on catalog_version_items for select to gov_app using (${inScope('unit_code')} or ${isAncestor('unit_code')});
    create policy scope_insert on catalog_version_items for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_all on hall_entries for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    -- Grants are seen by both ends; only the grantor's side writes them.
    create policy grants_read on grants for select to gov_app using (${inScope('unit_code')} or ${inScope('grantee_code')});
    create policy grants_insert on grants for insert to gov_app with check (${inScope('unit_code')});
    create policy grants_update on grants for update to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_all on windows for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_all on window_staff for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_all on window_rights for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});

    grant select, insert, update, delete on catalog_items, hall_entries, window_staff, window_rights to gov_app;
    grant select, insert on catalog_versions, catalog_version_items to gov_app;
    grant select, insert, update on grants, windows to gov_app;
    -- Once published, a version never changes: not even its owner's app role may update it.
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists window_rights, window_staff, windows, grants, hall_entries, catalog_version_items, catalog_versions, catalog_items`).execute(db)
}
