// Hall services (大厅服务): halls and branch halls (分中心) with their windows, service groups and
// queue tickets (排队叫号) with the calls a hall display shows, appointment slots and bookings
// (预约), online consultations (在线咨询) and results publicity (结果公示) with objections.
// Every tenant row carries its unit's code; RLS casts the setting, never the column.
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '')::bpchar and nullif(current_setting('app.scope_hi', true), '')::bpchar`

const TABLES = ['halls', 'hall_settings', 'hall_counters', 'service_groups', 'window_groups', 'queue_tickets', 'queue_calls',
  'appointment_slots', 'appointments', 'consultations', 'publicity_lists', 'publicity_rows', 'publicity_objections']

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table halls (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      kind text not null check (kind in ('main', 'branch')),
      name text not null,
      address text not null default '',
      hours text not null default '',
      phone text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (unit_code, name)
    );
    create unique index halls_one_main_idx on halls (unit_code) where kind = 'main';

    -- Per unit: calls before a no-show may be skipped, the no-show rule of bookings, how far ahead
    -- one may book, and the reply limits of consultations (working days).
    create table hall_settings (
      unit_code char(12) primary key references units(code),
      max_calls int not null default 3 check (max_calls between 1 and 10),
      no_show_limit int not null default 3 check (no_show_limit between 1 and 20),
      no_show_window_days int not null default 30 check (no_show_window_days between 1 and 365),
      no_show_block_days int not null default 30 check (no_show_block_days between 1 and 365),
      book_ahead_days int not null default 7 check (book_ahead_days between 1 and 90),
      reply_days_window int not null default 2 check (reply_days_window between 1 and 30),
      reply_days_department int not null default 3 check (reply_days_department between 1 and 30),
      updated_at timestamptz not null default now()
    );

    -- Numbers per unit, kind (a ticket group, bookings, questions) and day: an upserted counter.
    create table hall_counters (
      unit_code char(12) not null,
      kind text not null,
      day date not null,
      last int not null,
      primary key (unit_code, kind, day)
    );

    alter table windows add column hall_id uuid references halls(id);
    insert into halls (unit_code, kind, name)
      select distinct w.unit_code, 'main', '政务服务大厅' from windows w;
    update windows w set hall_id = h.id from halls h where h.unit_code = w.unit_code and h.kind = 'main';
    -- A window created without a hall goes to its unit's main hall (made on first need).
    create function windows_default_hall() returns trigger language plpgsql as $$
    begin
      if new.hall_id is null then
        select id into new.hall_id from halls where unit_code = new.unit_code and kind = 'main';
        if new.hall_id is null then
          insert into halls (unit_code, kind, name) values (new.unit_code, 'main', '政务服务大厅') returning id into new.hall_id;
        end if;
      end if;
      return new;
    end $$;
    create trigger windows_default_hall before insert or update of hall_id on windows
      for each row execute function windows_default_hall();
    alter table windows alter column hall_id set not null;
    create index windows_hall_idx on windows (hall_id);

    -- Matters grouped for the queue; the letter prefixes the ticket numbers (A012).
    create table service_groups (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      hall_id uuid not null references halls(id),
      prefix text not null check (prefix ~ '^[A-Z]$'),
      name text not null,
      matter_codes text[] not null default '{}',
      active boolean not null default true,
      unique (hall_id, prefix)
    );
    create table window_groups (
      window_id uuid not null references windows(id),
      group_id uuid not null references service_groups(id),
      unit_code char(12) not null,
      primary key (window_id, group_id)
    );

    create table queue_tickets (
      id uuid primary key default gen_random_uuid(),
      seq bigserial not null,
      unit_code char(12) not null,
      hall_id uuid not null references halls(id),
      group_id uuid not null references service_groups(id),
      day date not null,
      number text not null,
      priority boolean not null default false,
      priority_reason text check (priority_reason in ('elderly', 'disabled', 'appointment')),
      channel text not null check (channel in ('kiosk', 'phone', 'appointment')),
      name_masked text not null default '',
      status text not null default 'waiting' check (status in ('waiting', 'called', 'serving', 'done', 'skipped')),
      call_count int not null default 0,
      window_id uuid references windows(id),
      taken_at timestamptz not null,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      case_id uuid references cases(id),
      appointment_id uuid,
      transferred_from uuid references service_groups(id),
      unique (hall_id, day, number),
      check (priority = (priority_reason is not null))
    );
    -- The calling order: priority first, then first come.
    create index queue_tickets_waiting_idx on queue_tickets (hall_id, day, priority desc, taken_at, seq) where status = 'waiting';
    create index queue_tickets_unit_day_idx on queue_tickets (unit_code, day);

    -- Every call and recall, for the hall display (names masked, a sentence for the speaker).
    create table queue_calls (
      id bigserial primary key,
      unit_code char(12) not null,
      hall_id uuid not null references halls(id),
      ticket_id uuid not null references queue_tickets(id),
      ticket_number text not null,
      window_number text not null,
      name_masked text not null default '',
      spoken text not null,
      at timestamptz not null
    );
    create index queue_calls_hall_idx on queue_calls (hall_id, id);

    create table appointment_slots (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      hall_id uuid not null references halls(id),
      group_id uuid not null references service_groups(id),
      day date not null,
      starts text not null check (starts ~ '^[0-2][0-9]:[0-5][0-9]$'),
      ends text not null check (ends ~ '^[0-2][0-9]:[0-5][0-9]$'),
      capacity int not null check (capacity between 1 and 1000),
      booked int not null default 0,
      check (booked between 0 and capacity),
      unique (group_id, day, starts)
    );
    create index appointment_slots_hall_day_idx on appointment_slots (hall_id, day);

    create table appointments (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      hall_id uuid not null references halls(id),
      group_id uuid not null references service_groups(id),
      slot_id uuid not null references appointment_slots(id),
      day date not null,
      booking_no text not null unique,
      query_code_hash text not null,
      id_hash text not null,
      id_masked text not null,
      name_masked text not null,
      phone_masked text not null default '',
      status text not null default 'booked' check (status in ('booked', 'cancelled', 'checked_in')),
      ticket_id uuid references queue_tickets(id),
      created_at timestamptz not null,
      cancelled_at timestamptz,
      checked_in_at timestamptz
    );
    -- One live booking per person and slot.
    create unique index appointments_once_idx on appointments (slot_id, id_hash) where status = 'booked';
    create index appointments_person_idx on appointments (unit_code, id_hash, day);

    create table consultations (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      question_no text not null unique,
      query_code_hash text not null,
      matter_code text not null,
      matter_name text not null,
      question text not null,
      asker_masked text not null,
      route text not null check (route in ('window', 'department')),
      window_id uuid references windows(id),
      department text not null default '',
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'answered')),
      answer text,
      answered_at timestamptz,
      answered_by uuid,
      forwards jsonb not null default '[]',
      -- Published into the guide's common questions (常见问题), as edited for the public.
      published boolean not null default false,
      published_at timestamptz,
      faq_question text,
      faq_answer text,
      rating int check (rating between 1 and 5),
      rated_at timestamptz,
      asked_at timestamptz not null,
      check ((route = 'window') = (window_id is not null))
    );
    create index consultations_unit_idx on consultations (unit_code, status, due_date);
    create index consultations_faq_idx on consultations (unit_code, matter_code) where published;

    create table publicity_lists (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      type text not null,
      title text not null,
      basis text not null,
      period_days int not null check (period_days between 1 and 60),
      starts_on date not null,
      ends_on date not null,
      end_action text not null check (end_action in ('withdraw', 'archive')),
      created_by uuid,
      created_at timestamptz not null
    );
    create index publicity_lists_unit_idx on publicity_lists (unit_code, starts_on desc, id);
    -- raw stays on the server (staff of the unit); public routes read masked only.
    create table publicity_rows (
      list_id uuid not null references publicity_lists(id),
      ord int not null,
      unit_code char(12) not null,
      raw jsonb not null,
      masked jsonb not null,
      primary key (list_id, ord)
    );
    create table publicity_objections (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      list_id uuid not null references publicity_lists(id),
      row_ord int,
      text text not null,
      contact_name text not null,
      contact_phone text not null,
      lodged_at timestamptz not null,
      answer text,
      answered_at timestamptz,
      answered_by uuid
    );
    create index publicity_objections_list_idx on publicity_objections (list_id, lodged_at);
  `).execute(db)

  for (const t of TABLES) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;
      create policy scope_all on ${t} for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});`).execute(db)
  }
  await sql.raw(`
    grant select, insert, update on ${TABLES.filter((t) => t !== 'window_groups').join(', ')} to gov_app;
    grant select, insert, update, delete on window_groups to gov_app;
    grant usage on sequence queue_calls_id_seq, queue_tickets_seq_seq to gov_app;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists publicity_objections, publicity_rows, publicity_lists, consultations, appointments, appointment_slots,
      queue_calls, queue_tickets, window_groups, service_groups, hall_counters, hall_settings cascade;
    drop trigger if exists windows_default_hall on windows;
    drop function if exists windows_default_hall();
    alter table windows drop column if exists hall_id;
    drop table if exists halls;
  `).execute(db)
}
