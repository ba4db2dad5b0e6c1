// Read state of staff notifications per user (通知已读): a row when a user has read one. Kept
// apart from staff_notifications (one notification reaches every handler of a unit; each reads
// it on their own), owned by the notification's unit so the scope policy covers it, keyed with
// that unit first (co-located with its notification when distributed by county).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '')::bpchar and nullif(current_setting('app.scope_hi', true), '')::bpchar`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table notification_reads (
      unit_code char(12) not null,
      user_id uuid not null,
      notification_id bigint not null references staff_notifications(id) on delete cascade,
      read_at timestamptz not null,
      primary key (unit_code, user_id, notification_id)
    );
    create index notification_reads_notification_idx on notification_reads (notification_id);
    alter table notification_reads enable row level security;
    alter table notification_reads force row level security;
    create policy scope_read on notification_reads for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on notification_reads for insert to gov_app with check (${inScope('unit_code')});
    grant select, insert on notification_reads to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table if exists notification_reads').execute(db)
}
