// Hall services under supervision and city-wide: consultation warnings recorded by the sweep
// (yellow near the reply limit, red overdue, like cases), and the no-shows of a person counted
// across every hall of the city while a booking runs in one unit's scope.
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '')::bpchar and nullif(current_setting('app.scope_hi', true), '')::bpchar`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- The level the sweep last recorded for an open consultation (a change is notified once).
    create table consultation_warnings (
      consultation_id uuid primary key references consultations(id),
      unit_code char(12) not null,
      level text not null check (level in ('green', 'yellow', 'red')),
      due_date date not null,
      changed_at timestamptz not null
    );
    create index consultation_warnings_unit_idx on consultation_warnings (unit_code, level);
    alter table consultation_warnings enable row level security;
    alter table consultation_warnings force row level security;
    create policy scope_all on consultation_warnings for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    grant select, insert, update on consultation_warnings to gov_app;

    -- A person's live bookings by identity across units (the no-show count of the city).
    create index appointments_person_city_idx on appointments (id_hash, day) where status = 'booked';

    -- The days of a person's no-shows (booked, never checked in, the day passed) in [p_since,
    -- p_before) at every unit of the caller's city. SECURITY DEFINER: the booking runs in one
    -- unit's scope and must not read other units' bookings; this function reveals only days of
    -- one identity hash, and only inside the city of the caller's own scope. It fails closed
    -- (no scope, no rows) and leaves the caller's scope as it found it.
    create function appointment_no_show_days(p_id_hash text, p_since date, p_before date) returns setof date
      language plpgsql security definer set search_path = public
    as $fn$
    declare
      lo text := nullif(current_setting('app.scope_lo', true), '');
      hi text := nullif(current_setting('app.scope_hi', true), '');
      city text;
    begin
      if lo is null or hi is null or lo !~ '^[0-9]{12}$' then return; end if;
      city := left(lo, 4);
      perform set_config('app.scope_lo', city || '00000000', true), set_config('app.scope_hi', city || '99999999', true);
      return query select a.day from appointments a
        where a.id_hash = p_id_hash and a.status = 'booked' and a.day >= p_since and a.day < p_before
          and a.unit_code between (city || '00000000')::bpchar and (city || '99999999')::bpchar
        order by a.day;
      perform set_config('app.scope_lo', lo, true), set_config('app.scope_hi', hi, true);
    end $fn$;
    revoke all on function appointment_no_show_days(text, date, date) from public;
    grant execute on function appointment_no_show_days(text, date, date) to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists appointment_no_show_days(text, date, date);
    drop index if exists appointments_person_city_idx;
    drop table if exists consultation_warnings;
  `).execute(db)
}
