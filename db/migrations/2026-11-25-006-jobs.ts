// Scheduled jobs: one row per run of a registered job (sessions cleanup, later the
// supervision warnings sweep). Not tenant data: jobs run in the system scope, and the app
// role may only append runs (no read, no update: the history is not the app's to edit).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table job_runs (
      id bigserial primary key,
      name text not null check (length(name) between 1 and 100),
      -- the run's time on the injected clock (a cron trigger's scheduled time on Workers)
      at timestamptz not null,
      status text not null check (status in ('ok', 'failed')),
      result jsonb,
      error text,
      duration_ms int not null check (duration_ms >= 0),
      recorded_at timestamptz not null default now()
    );
    create index job_runs_name_idx on job_runs (name, at desc);

    grant insert on job_runs to gov_app;
    grant usage on sequence job_runs_id_seq to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists job_runs`).execute(db)
}
