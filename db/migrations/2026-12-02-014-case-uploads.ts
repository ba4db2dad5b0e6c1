// Files an applicant uploads for a case (网上申请、网上补正): JPEG, PNG or PDF up to 10 MiB, owned
// by the unit the application goes to, referenced by the case's materials (case_materials.files).
// Rows are never changed. And the matter a village agent took the case in under (代办), kept when
// the case is routed to the unit holding the power for the matter it stands for (cases.agent_matter_code).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '')::bpchar and nullif(current_setting('app.scope_hi', true), '')::bpchar`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table case_uploads (
      id uuid primary key,
      unit_code char(12) not null references units(code),
      storage_key text not null unique,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
      size int not null check (size > 0 and size <= 10485760),
      sha256 text not null,
      filename text,
      uploaded_by uuid,
      uploaded_at timestamptz not null
    );
    create index case_uploads_unit_idx on case_uploads (unit_code);
    alter table case_uploads enable row level security;
    alter table case_uploads force row level security;
    create policy scope_read on case_uploads for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on case_uploads for insert to gov_app with check (${inScope('unit_code')});
    grant select, insert on case_uploads to gov_app;

    alter table case_materials add column files uuid[] not null default '{}';
    alter table cases add column agent_matter_code text;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table cases drop column if exists agent_matter_code;
    alter table case_materials drop column if exists files;
    drop table if exists case_uploads;
  `).execute(db)
}
