// Supervision over cases (电子监察): the working-day calendar as a table (so SQL can count working
// days over a whole subtree), warnings per case and per step with their history and the staff
// notifications they raise, the anomaly rules, and the daily roll-up of case counters kept by a
// trigger on case_events (figures read O(units × days), not O(cases)).
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`

// The calendar a unit's clock runs on: the deepest unit of its chain that has a calendar of its
// own (one with local overrides), else the national one ('000000000000'). Descendants' codes are
// greater than their ancestors', so max() picks the nearest.
const CAL_OF = (u: string, day: string) => `(select max(w.cal_code) from work_days w where w.day = ${day} and w.cal_code in
  ('000000000000', rpad(substr(${u}, 1, 4), 12, '0'), rpad(substr(${u}, 1, 6), 12, '0'), rpad(substr(${u}, 1, 9), 12, '0'), ${u}))`

const TENANT_TABLES = ['case_warnings', 'warning_events', 'staff_notifications', 'oversight_settings', 'anomaly_rule_settings', 'case_daily_stats']

const RULES: [string, string, string, object][] = [
  ['deemed_acceptance', '视为受理', '收件后 5 个工作日内未作出受理决定、也未一次性告知，依法自收件之日起视为受理（行政许可法第三十二条）', {}],
  ['outside_hall_acceptance', '大厅外受理进驻事项', '进驻大厅的事项未通过大厅窗口受理（两头受理、体外循环）', {}],
  ['decision_without_right', '无权作出决定', '无审批决定权的人员或窗口试图作出决定（来自系统记录的越权拒绝）', {}],
  ['second_supplement_notice', '二次补正告知', '同一办件出具了第二次补正告知，违反一次性告知要求', {}],
  ['unlawful_suspension', '无法定事由中止', '中止计时的事由不属于听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审或补正材料（行政许可法第四十五条）', {}],
  ['late_certificate', '制证超期', '准予许可决定作出后超过 10 个工作日仍未制发证照（行政许可法第四十四条）', { days: 10 }],
  ['fee_mismatch', '收费与目录不符', '实际收取的费用项目或金额与事项目录公布的收费标准不一致', {}],
  ['refusal_without_reasons', '不予受理或不予许可未说明理由', '不予受理或不予许可的决定未说明理由（行政许可法第三十二、三十八条）', {}],
  ['late_forwarding', '下级转报超期', '下级单位收件后超过规定的工作日才转报有权办理的上级单位', { days: 2 }],
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- Working days as rows: ord = the number of working days from the start of the table up to and
    -- including the day, so "working days after a up to b" = ord(b) - ord(a), an index lookup per
    -- end. The app fills it from the same calendar code that computes due dates (chinese-days +
    -- calendar_overrides), for the national calendar and for every unit with local overrides,
    -- on migrate and whenever an override changes.
    create table work_days (
      cal_code char(12) not null,
      day date not null,
      working boolean not null,
      ord int not null,
      primary key (cal_code, day)
    );
    create index work_days_ord_idx on work_days (cal_code, ord) where working;

    -- Per city: yellow when the remaining working days are at most this share of the limit; red
    -- warnings must be answered within answer_days working days, else they escalate.
    create table oversight_settings (
      unit_code char(12) primary key references units(code),
      yellow_share numeric(4, 3) not null default 0.2 check (yellow_share between 0 and 1),
      answer_days int not null default 3 check (answer_days between 1 and 60),
      updated_by uuid,
      updated_at timestamptz not null default now()
    );

    -- One row per case and warned subject (the case's overall limit, the acceptance decision, the
    -- certificate, a parallel-approval part): its current level. unit_code is the intake unit (the
    -- child tables of cases key on it: every handler and its ancestors read it by a range).
    create table case_warnings (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null,
      handling_unit_code char(12) not null,
      case_id uuid not null references cases(id),
      kind text not null check (kind in ('case', 'acceptance', 'certificate', 'part')),
      subject text not null default '',
      level text not null check (level in ('green', 'yellow', 'red')),
      due_date date not null,
      changed_at timestamptz not null,
      answer_due date,
      answered_at timestamptz,
      answered_by uuid,
      answer_reason text,
      escalated_to char(12),
      escalated_at timestamptz,
      unique (case_id, kind, subject)
    );
    create index case_warnings_unit_idx on case_warnings (unit_code, level);
    create index case_warnings_unanswered_idx on case_warnings (answer_due) where level = 'red' and answered_at is null and escalated_at is null;
    -- Deadlines of open cases and parts, for the sweep and the subtree lists.
    create index cases_open_due_idx on cases (unit_code, due_date) where status in ('accepted', 'reviewed');
    create index case_parts_open_due_idx on case_parts (due_date) where decision is null;

    create table warning_events (
      id bigserial primary key,
      unit_code char(12) not null,
      warning_id uuid not null references case_warnings(id),
      case_id uuid not null,
      type text not null check (type in ('level', 'answered', 'escalated')),
      from_level text,
      to_level text,
      payload jsonb not null default '{}',
      at timestamptz not null
    );
    create index warning_events_warning_idx on warning_events (warning_id, id);

    -- Messages to staff (not applicants): the handling unit's handlers and the supervisors of
    -- every unit above it; addressed to a unit and an audience, read in the unit's inbox.
    create table staff_notifications (
      id bigserial primary key,
      unit_code char(12) not null,
      audience text not null check (audience in ('handlers', 'supervisors')),
      case_id uuid,
      warning_id uuid references case_warnings(id),
      kind text not null,
      text text not null,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index staff_notifications_unit_idx on staff_notifications (unit_code, created_at desc);

    -- Anomaly rules (异常监测规则): the national defaults, each with its Chinese description;
    -- a city switches them on or off for its subtree.
    create table anomaly_rules (
      code text primary key,
      name text not null,
      description text not null,
      params jsonb not null default '{}',
      ord int not null
    );
    create table anomaly_rule_settings (
      unit_code char(12) not null references units(code),
      rule_code text not null references anomaly_rules(code),
      enabled boolean not null,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (unit_code, rule_code)
    );

    -- Daily roll-up of case counters per handling unit, day (Asia/Shanghai), matter and department.
    create table case_daily_stats (
      unit_code char(12) not null,
      day date not null,
      matter_code text not null,
      department text not null,
      received int not null default 0,
      accepted int not null default 0,
      deemed int not null default 0,
      rejected int not null default 0,
      noticed int not null default 0,
      renoticed int not null default 0,
      completed int not null default 0,
      on_time int not null default 0,
      overdue int not null default 0,
      same_day int not null default 0,
      statutory_days bigint not null default 0,
      promised_days bigint not null default 0,
      actual_days bigint not null default 0,
      zero_visit int not null default 0,
      one_visit int not null default 0,
      primary key (unit_code, day, matter_code, department)
    );
    create index case_daily_stats_day_idx on case_daily_stats (day, unit_code);

    -- Kept in the transaction of the event itself: a trigger cannot be forgotten by a new verb.
    -- SECURITY DEFINER with the system scope: a village forwarding up writes its counters on the
    -- township's row. The case row already holds the state after the event (commit() projects first).
    create function case_daily_stats_on_event() returns trigger language plpgsql security definer
      set search_path = public set app.scope_lo = '000000000000' set app.scope_hi = '999999999999'
    as $fn$
    declare
      c cases%rowtype;
      d date := (new.at at time zone 'Asia/Shanghai')::date;
      visits int := 0;
      actual int := 0;
      statutory int := 0;
      cal char(12);
    begin
      if new.type not in ('received', 'accepted', 'rejected', 'supplement_requested', 'delivered') then return new; end if;
      select * into c from cases where id = new.case_id;
      if new.type = 'delivered' then
        statutory := case when c.parallel then 45 else coalesce((c.matter -> 'statutoryLimit' ->> 'days')::int, 20) end;
        if c.clock_start is not null and c.decided_day is not null then
          cal := ${CAL_OF('c.unit_code', 'c.decided_day')};
          select greatest(0, e.ord - s.ord - c.suspended_days) into actual
            from work_days e, work_days s
           where e.cal_code = cal and e.day = c.decided_day and s.cal_code = cal and s.day = c.clock_start;
        end if;
        if c.channel <> 'online' then
          visits := 1 + (select count(*) from case_events ev where ev.case_id = c.id and ev.type = 'supplemented');
        end if;
        visits := visits + case when new.payload ->> 'method' = 'pickup' then 1 else 0 end;
      end if;
      insert into case_daily_stats as s (unit_code, day, matter_code, department, received, accepted, deemed, rejected,
          noticed, renoticed, completed, on_time, overdue, same_day, statutory_days, promised_days, actual_days, zero_visit, one_visit)
      values (c.unit_code, d, c.matter_code, coalesce(c.matter ->> 'department', ''),
        (new.type = 'received')::int,
        (new.type = 'accepted')::int,
        (new.type = 'accepted' and c.deemed_accepted)::int,
        (new.type = 'rejected')::int,
        (new.type = 'supplement_requested' and c.supplement_notices = 1)::int,
        (new.type = 'supplement_requested' and c.supplement_notices = 2)::int,
        (new.type = 'delivered')::int,
        (new.type = 'delivered' and c.decided_day <= c.due_date)::int,
        (new.type = 'delivered' and not coalesce(c.decided_day <= c.due_date, false))::int,
        (new.type = 'delivered' and c.decided_day = c.accepted_day)::int,
        case when new.type = 'delivered' then statutory else 0 end,
        case when new.type = 'delivered' then c.limit_days else 0 end,
        case when new.type = 'delivered' then coalesce(actual, 0) else 0 end,
        (new.type = 'delivered' and visits = 0)::int,
        (new.type = 'delivered' and visits = 1)::int)
      on conflict (unit_code, day, matter_code, department) do update set
        received = s.received + excluded.received, accepted = s.accepted + excluded.accepted, deemed = s.deemed + excluded.deemed,
        rejected = s.rejected + excluded.rejected, noticed = s.noticed + excluded.noticed, renoticed = s.renoticed + excluded.renoticed,
        completed = s.completed + excluded.completed, on_time = s.on_time + excluded.on_time, overdue = s.overdue + excluded.overdue,
        same_day = s.same_day + excluded.same_day, statutory_days = s.statutory_days + excluded.statutory_days,
        promised_days = s.promised_days + excluded.promised_days, actual_days = s.actual_days + excluded.actual_days,
        zero_visit = s.zero_visit + excluded.zero_visit, one_visit = s.one_visit + excluded.one_visit;
      return new;
    end $fn$;
    create trigger case_events_daily_stats after insert on case_events for each row execute function case_daily_stats_on_event();
  `).execute(db)

  for (const t of [...TENANT_TABLES, 'work_days']) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    ${TENANT_TABLES.map((t) => `create policy scope_all on ${t} for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});`).join('\n    ')}
    -- City settings flow down: every unit reads its city's row (the city code is its own prefix).
    create policy city_read on oversight_settings for select to gov_app using (unit_code = rpad(substr(nullif(current_setting('app.scope_lo', true), ''), 1, 4), 12, '0'));
    create policy city_read on anomaly_rule_settings for select to gov_app using (unit_code = rpad(substr(nullif(current_setting('app.scope_lo', true), ''), 1, 4), 12, '0'));
    -- The calendar is public; a unit (re)fills the calendars of its own subtree.
    create policy read_all on work_days for select to gov_app using (true);
    create policy write_scope on work_days for all to gov_app using (${inScope('cal_code')}) with check (${inScope('cal_code')});

    grant select, insert, update, delete on work_days to gov_app;
    grant select, insert, update on case_warnings, oversight_settings, anomaly_rule_settings, staff_notifications to gov_app;
    grant select, insert on warning_events to gov_app;
    grant select on case_daily_stats, anomaly_rules to gov_app;
    grant usage on sequence warning_events_id_seq, staff_notifications_id_seq to gov_app;
  `).execute(db)
  for (const [i, [code, name, description, params]] of RULES.entries()) {
    await sql`insert into anomaly_rules (code, name, description, params, ord) values (${code}, ${name}, ${description}, ${JSON.stringify(params)}::jsonb, ${i + 1})`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop trigger if exists case_events_daily_stats on case_events;
    drop function if exists case_daily_stats_on_event();
    drop index if exists cases_open_due_idx;
    drop index if exists case_parts_open_due_idx;
    drop table if exists case_daily_stats, anomaly_rule_settings, anomaly_rules, staff_notifications, warning_events,
      case_warnings, oversight_settings, work_days;
  `).execute(db)
}
