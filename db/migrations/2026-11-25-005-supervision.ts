// Supervision (电子监察), the parts that do not depend on case handling: the tamper-evident
// audit log (hash-chained per city), complaints (投诉), hall visits and 好差评 evaluations,
// open/secret inspection findings (明查暗访), assessment schemes and runs (绩效考核), monthly
// statistical reports (统计报表), and per-unit settings (limits in working days).
// Frozen in time: no imports from the app, Kysely<any> only. Later migrations import
// attachAudit() from here to put their new tenant tables under the audit log.
import { type Kysely, sql } from 'kysely'

const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`
const isAncestor = (col: string) =>
  `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`

const TABLES = ['supervision_settings', 'complaints', 'visits', 'evaluations', 'inspection_findings',
  'assessment_schemes', 'assessments', 'assessment_results', 'statistical_reports']
// Not audited: the log itself, sessions (every login/refresh; high churn, written only through
// the auth functions) and refusals (an append-only record of the authorisation layer already).
const NOT_AUDITED = ['audit_log', 'audit_heads', 'sessions', 'refusals']

/**
 * Puts a table under the audit log: AFTER INSERT/UPDATE/DELETE, one row each, chained per city.
 * `codeColumn` names the owning 12-digit unit code; the subject is `table:pk` from the primary key.
 */
export async function attachAudit(db: Kysely<any>, table: string, codeColumn = 'unit_code'): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !/^[a-z_][a-z0-9_]*$/.test(codeColumn)) throw new Error(`bad identifier ${table}.${codeColumn}`)
  const pk = await sql<{ attname: string }>`
    select a.attname from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
     where i.indrelid = ${sql.raw(`'public.${table}'`)}::regclass and i.indisprimary
     order by array_position(i.indkey::int2[], a.attnum)`.execute(db)
  if (!pk.rows.length) throw new Error(`audit: ${table} has no primary key`)
  const args = [codeColumn, ...pk.rows.map((r) => r.attname)].map((a) => `'${a}'`).join(', ')
  await sql.raw(`
    drop trigger if exists audit on ${table};
    create trigger audit after insert or update or delete on ${table}
      for each row execute function audit_row(${args});
  `).execute(db)
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- The audit log: append-only, one hash chain per city. hash = sha256(prev_hash || fields).
    create table audit_log (
      id bigserial primary key,
      city_code char(12) not null,
      unit_code char(12) not null,
      actor_id uuid,
      acting_for uuid,
      action text not null,
      subject text not null,
      before_digest text,
      after_digest text,
      at timestamptz not null,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_city_idx on audit_log (city_code, id);
    create index audit_log_unit_idx on audit_log (unit_code, id);

    -- The head of each city's chain: appends lock it (serialising them per city on both
    -- databases), and it catches rows removed from the end of the chain.
    create table audit_heads (
      city_code char(12) primary key,
      last_id bigint not null,
      last_hash text not null
    );

    create function audit_hash(p_prev text, p_id bigint, p_city text, p_unit text, p_actor uuid, p_acting uuid,
      p_action text, p_subject text, p_before text, p_after text, p_at timestamptz) returns text
      language sql immutable set search_path = public as $fn$
      select encode(sha256(convert_to(concat_ws('|', p_prev, p_id::text, p_city, p_unit, coalesce(p_actor::text, ''),
        coalesce(p_acting::text, ''), p_action, p_subject, coalesce(p_before, ''), coalesce(p_after, ''),
        extract(epoch from p_at)::text), 'UTF8')), 'hex')
    $fn$;

    -- One trigger function for every audited table. SECURITY DEFINER (the app role cannot
    -- insert into the log itself) with its own full scope in the SET clause, restored on return.
    create function audit_row() returns trigger language plpgsql security definer
      set search_path = public
      set app.scope_lo = '000000000000' set app.scope_hi = '999999999999'
    as $fn$
    declare
      o jsonb; n jsonb; r jsonb; code text; city text; pk text; prev text; nid bigint; h text;
      actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
      acting uuid := nullif(current_setting('app.acting_for', true), '')::uuid;
      bd text; ad text; act text := TG_TABLE_NAME || '.' || lower(TG_OP); at timestamptz := now();
    begin
      if TG_OP <> 'INSERT' then o := to_jsonb(OLD); end if;
      if TG_OP <> 'DELETE' then n := to_jsonb(NEW); end if;
      if TG_OP = 'UPDATE' and o = n then return null; end if;
      r := coalesce(n, o);
      code := r ->> TG_ARGV[0];
      city := left(code, 4) || '00000000';
      select string_agg(r ->> k, ',' order by i) into pk from unnest(TG_ARGV[1:]) with ordinality as t(k, i);
      bd := case when o is null then null else encode(sha256(convert_to(o::text, 'UTF8')), 'hex') end;
      ad := case when n is null then null else encode(sha256(convert_to(n::text, 'UTF8')), 'hex') end;
      insert into audit_heads (city_code, last_id, last_hash) values (city, 0, '') on conflict (city_code) do nothing;
      select last_hash into prev from audit_heads where city_code = city for update;
      -- The id is drawn under the head's lock: within a city, id order is chain order.
      nid := nextval('audit_log_id_seq');
      h := audit_hash(prev, nid, city, code, actor, acting, act, TG_TABLE_NAME || ':' || pk, bd, ad, at);
      insert into audit_log (id, city_code, unit_code, actor_id, acting_for, action, subject, before_digest, after_digest, at, prev_hash, hash)
        values (nid, city, code, actor, acting, act, TG_TABLE_NAME || ':' || pk, bd, ad, at, prev, h);
      update audit_heads set last_id = nid, last_hash = h where city_code = city;
      return null;
    end
    $fn$;
    revoke all on function audit_row() from public;

    -- Walks each city's chain in id order and reports the first broken row: 'edited' (its hash
    -- does not match its fields), 'link' (its prev_hash is not the previous row's hash: a row
    -- was inserted or deleted before it), 'tail' (the head does not match the last row: rows
    -- removed from the end). SECURITY DEFINER: a county verifies its city's whole chain.
    create function audit_verify(p_city char(12)) returns table (city_code char(12), checked bigint,
      broken_id bigint, broken_unit char(12), reason text)
      language sql stable security definer set search_path = public
      set app.scope_lo = '000000000000' set app.scope_hi = '999999999999'
    as $fn$
      with cities as (
        select c from (select distinct a.city_code as c from audit_log a where p_city is null or a.city_code = p_city
                       union select h.city_code from audit_heads h where p_city is null or h.city_code = p_city) x
      ), chain as (
        select a.city_code, a.id, a.unit_code, a.hash,
               a.prev_hash <> coalesce(lag(a.hash) over w, '') as bad_link,
               a.hash <> audit_hash(a.prev_hash, a.id, a.city_code, a.unit_code, a.actor_id, a.acting_for, a.action,
                 a.subject, a.before_digest, a.after_digest, a.at) as bad_hash,
               row_number() over (partition by a.city_code order by a.id desc) as from_end
          from audit_log a where a.city_code in (select c from cities)
        window w as (partition by a.city_code order by a.id)
      ), counts as (
        select ch.city_code, count(*) as n from chain ch group by ch.city_code
      ), first_bad as (
        select distinct on (ch.city_code) ch.city_code, ch.id, ch.unit_code,
               case when ch.bad_hash then 'edited' else 'link' end as reason
          from chain ch where ch.bad_hash or ch.bad_link order by ch.city_code, ch.id
      ), tail as (
        select h.city_code, h.last_id, ch.unit_code from audit_heads h
          left join chain ch on ch.city_code = h.city_code and ch.from_end = 1
         where h.city_code in (select c from cities) and (ch.id is distinct from h.last_id or ch.hash is distinct from h.last_hash)
      )
      select c.c::char(12), coalesce(n.n, 0), coalesce(f.id, t.last_id), coalesce(f.unit_code, t.unit_code),
             coalesce(f.reason, case when t.city_code is not null then 'tail' end)
        from cities c left join counts n on n.city_code = c.c left join first_bad f on f.city_code = c.c
        left join tail t on t.city_code = c.c
       order by c.c
    $fn$;
    revoke all on function audit_verify(char(12)) from public;
    grant execute on function audit_verify(char(12)) to gov_app;

    -- Limits per unit (the nearest of the unit and its ancestors wins; defaults in the app).
    create table supervision_settings (
      unit_code char(12) primary key references units(code),
      complaint_answer_days int check (complaint_answer_days between 1 and 250),
      negative_rectification_days int check (negative_rectification_days between 1 and 250),
      updated_by uuid,
      updated_at timestamptz not null default now()
    );

    -- Complaints (投诉): from anyone; unit_code is the unit complained about, handler_code the
    -- unit that must answer now (its parent after an escalation, 逾期升级).
    create table complaints (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      handler_code char(12) not null,
      tracking_no text not null unique,
      query_code_hash text not null,
      window_id uuid,
      staff_id uuid,
      subject text not null,
      body text not null,
      contact_name text not null default '',
      contact_phone text not null,
      status text not null check (status in ('open', 'answered')),
      received_on date not null,
      first_due_on date not null,
      due_on date not null,
      escalations int not null default 0,
      escalated_on date,
      answer text,
      answered_by uuid,
      answered_by_unit char(12),
      answered_on date,
      rating text check (rating in ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
      rating_comment text,
      rated_at timestamptz,
      created_at timestamptz not null default now(),
      check (handler_code <= unit_code)
    );
    create index complaints_unit_idx on complaints (unit_code, received_on);
    create index complaints_due_idx on complaints (due_on) where status = 'open';

    -- A hall visit ticket (取号/办事凭条): the evaluation needs its number and code.
    create table visits (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      visit_no text not null unique,
      evaluation_code_hash text not null,
      window_id uuid,
      staff_id uuid,
      visited_on date not null,
      created_by uuid,
      created_at timestamptz not null default now()
    );

    -- 好差评: one per visit (visit_id unique) or per case (case_ref unique, wired with case handling).
    create table evaluations (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      kind text not null check (kind in ('visit', 'case')),
      visit_id uuid unique references visits(id),
      case_ref text unique,
      window_id uuid,
      staff_id uuid,
      level text not null check (level in ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
      negative boolean not null,
      comment text not null default '',
      evaluated_on date not null,
      rectification_status text not null check (rectification_status in ('none', 'open', 'answered')),
      rectification_due_on date,
      rectification_answer text,
      rectified_on date,
      appeal_status text not null default 'none' check (appeal_status in ('none', 'pending', 'upheld', 'rejected')),
      appeal_reason text,
      appealed_on date,
      appeal_decision_note text,
      appeal_decided_by uuid,
      appeal_decided_by_unit char(12),
      appeal_decided_on date,
      created_at timestamptz not null default now(),
      check (negative = (level in ('dissatisfied', 'very_dissatisfied'))),
      check ((kind = 'visit') = (visit_id is not null)),
      check ((kind = 'case') = (case_ref is not null))
    );
    create index evaluations_unit_idx on evaluations (unit_code, evaluated_on);

    -- 明查暗访: findings of open or secret inspections against a unit, a window or a staff member.
    create table inspection_findings (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      inspector_unit_code char(12) not null,
      mode text not null check (mode in ('open', 'secret')),
      window_id uuid,
      staff_id uuid,
      severity text not null check (severity in ('minor', 'major', 'serious')),
      body text not null,
      found_on date not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      check (inspector_unit_code < unit_code)
    );
    create index inspection_findings_unit_idx on inspection_findings (unit_code, found_on);

    create table assessment_schemes (
      unit_code char(12) primary key references units(code),
      body jsonb not null,
      updated_by uuid,
      updated_at timestamptz not null default now()
    );

    -- One run per assessing unit and period; results per child, readable by the child, the
    -- assessing unit and every unit above it (published upward).
    create table assessments (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      period text not null,
      from_day date not null,
      to_day date not null,
      scheme jsonb not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      unique (unit_code, period)
    );
    create table assessment_results (
      assessment_id uuid not null references assessments(id),
      unit_code char(12) not null references units(code),
      assessor_code char(12) not null,
      inputs jsonb not null,
      score numeric(5, 1),
      grade text check (grade in ('excellent', 'good', 'pass', 'fail')),
      primary key (assessment_id, unit_code),
      check (assessor_code < unit_code)
    );

    create table statistical_reports (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      figures jsonb not null,
      manual jsonb not null,
      status text not null check (status in ('draft', 'submitted', 'approved', 'returned')),
      submitted_on date,
      decided_by uuid,
      decided_by_unit char(12),
      decided_on date,
      decision_note text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (unit_code, period)
    );
  `).execute(db)

  for (const t of [...TABLES, 'audit_log', 'audit_heads']) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    create policy scope_read on audit_log for select to gov_app using (${inScope('unit_code')});
    -- Written only by audit_row() (owner, a member of gov_app, with the full scope it sets).
    create policy scope_insert on audit_log for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_all on audit_heads for all to gov_app using (${inScope('city_code')}) with check (${inScope('city_code')});
    revoke all on audit_log, audit_heads from gov_app;
    grant select on audit_log to gov_app;

    create policy scope_all on supervision_settings for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy ancestors_read on supervision_settings for select to gov_app using (${isAncestor('unit_code')});
    create policy scope_all on complaints for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_all on visits for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_all on evaluations for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_read on inspection_findings for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on inspection_findings for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_all on assessment_schemes for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy scope_read on assessments for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on assessments for insert to gov_app with check (${inScope('unit_code')});
    -- The assessed unit reads the run (period, scheme) its result belongs to; results stay per child.
    create policy ancestors_read on assessments for select to gov_app using (${isAncestor('unit_code')});
    create policy scope_read on assessment_results for select to gov_app using (${inScope('unit_code')});
    create policy scope_insert on assessment_results for insert to gov_app with check (${inScope('unit_code')});
    create policy scope_all on statistical_reports for all to gov_app using (${inScope('unit_code')}) with check (${inScope('unit_code')});

    grant select, insert, update on supervision_settings, complaints, evaluations, assessment_schemes, statistical_reports to gov_app;
    grant select, insert on visits, inspection_findings, assessments, assessment_results to gov_app;
  `).execute(db)

  // Every tenant table that exists now (any column named unit_code), plus units by its code.
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and c.column_name = 'unit_code' and t.table_type = 'BASE TABLE'
     order by c.table_name`.execute(db)
  for (const { table_name } of tables.rows) {
    if (!NOT_AUDITED.includes(table_name)) await attachAudit(db, table_name)
  }
  await attachAudit(db, 'units', 'code')
}

export async function down(db: Kysely<any>): Promise<void> {
  const triggers = await sql<{ tbl: string }>`
    select event_object_table as tbl from information_schema.triggers
     where trigger_schema = 'public' and trigger_name = 'audit' group by 1`.execute(db)
  for (const { tbl } of triggers.rows) await sql.raw(`drop trigger if exists audit on ${tbl}`).execute(db)
  await sql.raw(`
    drop table if exists ${[...TABLES].reverse().join(', ')};
    drop function if exists audit_verify(char(12)), audit_row(), audit_hash(text, bigint, text, text, uuid, uuid, text, text, text, text, timestamptz);
    drop table if exists audit_heads, audit_log;
  `).execute(db)
}
