// Foundation: units (the tenancy tree), users, sessions, refusals, login throttle.
// Frozen in time: no imports from the app, Kysely<any> only.
import { type Kysely, sql } from 'kysely'

// Policies compare the owning code with the request's scope range. nullif(): an unset
// custom setting reads as '' after any earlier SET LOCAL on a pooled connection, and a
// comparison with '' would open everything; NULL closes it. No subqueries (Citus).
const inScope = (col: string) =>
  `${col} between nullif(current_setting('app.scope_lo', true), '') and nullif(current_setting('app.scope_hi', true), '')`
// Rows flowing down the tree are readable by descendants: the actor's ancestors' codes.
const isAncestor = (col: string) =>
  `${col} = any (string_to_array(nullif(current_setting('app.ancestors', true), ''), ','))`

export async function up(db: Kysely<any>): Promise<void> {
  // The app's role: owns nothing, so RLS applies; every request does SET LOCAL ROLE gov_app.
  await sql.raw(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'gov_app') then
        begin create role gov_app nologin; exception when duplicate_object then null; end;
      end if;
    end $$;
    do $$ begin
      execute format('grant gov_app to %I', current_user);
    exception when others then null; end $$;
  `).execute(db)

  await sql.raw(`
    create table units (
      code char(12) primary key check (code ~ '^[0-9]{12}$'),
      parent_code char(12) references units(code),
      level text not null check (level in ('city','county','township','village')),
      name text not null check (length(name) between 1 and 100),
      service_point_name text not null,
      expanded_power_pilot boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index units_parent_idx on units (parent_code, code);

    create table users (
      id uuid primary key default gen_random_uuid(),
      unit_code char(12) not null references units(code),
      username text not null unique check (username ~ '^[A-Za-z0-9._-]{3,64}$'),
      display_name text not null,
      password_hash text not null,
      roles text[] not null check (cardinality(roles) > 0),
      active boolean not null default true,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index users_unit_idx on users (unit_code);

    -- Session ids are stored only as their SHA-256 (a leaked table yields no usable token).
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      unit_code char(12) not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expiry_idx on sessions (expires_at);

    -- Every refusal of the authorisation layer (supervision reads these).
    create table refusals (
      id bigserial primary key,
      unit_code char(12) not null,
      actor_id uuid,
      action text not null,
      subject_type text not null,
      subject_id text,
      reason text not null,
      at timestamptz not null default now()
    );
    create index refusals_unit_idx on refusals (unit_code, at);

    -- Failed logins per account and per address (not tenant data: keyed by name/address).
    create table login_throttle (
      key text primary key,
      failures int not null,
      window_start timestamptz not null,
      locked_until timestamptz
    );
  `).execute(db)

  for (const t of ['units', 'users', 'sessions', 'refusals']) {
    await sql.raw(`alter table ${t} enable row level security; alter table ${t} force row level security;`).execute(db)
  }
  await sql.raw(`
    create policy units_scope on units for all to gov_app
      using (${inScope('code')}) with check (${inScope('code')});
    create policy units_ancestors on units for select to gov_app using (${isAncestor('code')});
    create policy users_scope on users for all to gov_app
      using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy sessions_scope on sessions for all to gov_app
      using (${inScope('unit_code')}) with check (${inScope('unit_code')});
    create policy refusals_read on refusals for select to gov_app using (${inScope('unit_code')});
    create policy refusals_insert on refusals for insert to gov_app with check (${inScope('unit_code')});

    grant select, insert, update on units, users to gov_app;
    grant select, insert, delete on sessions to gov_app;
    grant select, insert on refusals to gov_app;
    grant usage on sequence refusals_id_seq to gov_app;
  `).execute(db)

  // Authentication needs to find a user before any scope is known. These functions are the
  // only door: SECURITY DEFINER with their own full-range scope in the SET clause, which
  // Postgres restores on return, so a caller's transaction never inherits the wide scope.
  const authFn = (sig: string, returns: string, body: string) => sql.raw(`
    create function ${sig} returns ${returns} language sql security definer
      set search_path = public
      set app.scope_lo = '000000000000' set app.scope_hi = '999999999999'
    as $fn$ ${body} $fn$;
    revoke all on function ${sig} from public;
    grant execute on function ${sig} to gov_app;
  `).execute(db)
  await authFn('auth_find_login(p_username text)',
    'table (id uuid, password_hash text, active boolean, unit_code char(12))',
    `select u.id, u.password_hash, u.active and un.active, u.unit_code from users u
       join units un on un.code = u.unit_code where u.username = p_username`)
  await authFn('auth_session_get(p_hash text)',
    'table (user_id uuid, expires_at timestamptz, username text, display_name text, unit_code char(12), roles text[])',
    `select s.user_id, s.expires_at, u.username, u.display_name, u.unit_code, u.roles
       from sessions s join users u on u.id = s.user_id join units un on un.code = u.unit_code
      where s.id_hash = p_hash and u.active and un.active`)
  await authFn('auth_user_sessions(p_user uuid)', 'table (id_hash text, expires_at timestamptz)',
    `select id_hash, expires_at from sessions where user_id = p_user`)
  await authFn('auth_session_put(p_hash text, p_user uuid, p_expires timestamptz)', 'void',
    `insert into sessions (id_hash, user_id, unit_code, expires_at)
       select p_hash, id, unit_code, p_expires from users where id = p_user`)
  await authFn('auth_session_touch(p_hash text, p_expires timestamptz)', 'void',
    `update sessions set expires_at = p_expires where id_hash = p_hash`)
  await authFn('auth_session_delete(p_hash text)', 'void', `delete from sessions where id_hash = p_hash`)
  await authFn('auth_user_sessions_delete(p_user uuid)', 'void', `delete from sessions where user_id = p_user`)
  await authFn('auth_sessions_expired_delete()', 'void', `delete from sessions where expires_at <= now()`)
  // Throttle: counts failures in a sliding window; returns the lock end if locked.
  await authFn('auth_throttle_fail(p_key text, p_max int, p_window interval, p_lock interval)', 'timestamptz',
    `insert into login_throttle as t (key, failures, window_start) values (p_key, 1, now())
       on conflict (key) do update set
         failures = case when t.window_start < now() - p_window then 1 else t.failures + 1 end,
         window_start = case when t.window_start < now() - p_window then now() else t.window_start end,
         locked_until = case when (case when t.window_start < now() - p_window then 1 else t.failures + 1 end) >= p_max
                             then now() + p_lock else t.locked_until end
       returning locked_until`)
  await authFn('auth_throttle_locked(p_keys text[])', 'timestamptz',
    `select max(locked_until) from login_throttle where key = any(p_keys) and locked_until > now()`)
  await authFn('auth_throttle_clear(p_key text)', 'void', `delete from login_throttle where key = p_key`)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists auth_find_login(text), auth_session_get(text), auth_user_sessions(uuid),
      auth_session_put(text, uuid, timestamptz), auth_session_touch(text, timestamptz),
      auth_session_delete(text), auth_user_sessions_delete(uuid), auth_sessions_expired_delete(),
      auth_throttle_fail(text, int, interval, interval), auth_throttle_locked(text[]), auth_throttle_clear(text);
    drop table if exists login_throttle, refusals, sessions, users, units;
  `).execute(db)
}
