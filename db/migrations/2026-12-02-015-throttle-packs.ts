// Throttling with growing delays (OWASP ASVS V2.2) and the record of applied tenant packs.
//
// login_throttle rows keep their key scheme; a key is now locked for base·2^(failures−free−1)
// seconds (capped) once it has more than `free` failures in the window, so every further
// failure doubles the wait instead of a fixed 15-minute lock anyone can trigger.
//
// pack_applications: which tenant pack was applied when, and a fingerprint per item it wrote,
// so a restart never applies it again and `tenant:apply` can tell what was changed through the
// API since. Operator data, not tenant data: no grant to gov_app (only the owner connection).
import { type Kysely, sql } from 'kysely'

const authFn = (sig: string, returns: string, body: string) => `
  create function ${sig} returns ${returns} language sql security definer
    set search_path = public
  as $fn$ ${body} $fn$;
  revoke all on function ${sig} from public;
  grant execute on function ${sig} to gov_app;`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ${authFn('auth_throttle_hit(p_key text, p_free int, p_base int, p_cap int, p_window interval)', 'int', `
      insert into login_throttle as t (key, failures, window_start, locked_until)
        values (p_key, 1, now(), case when p_free < 1 then now() + make_interval(secs => least(p_cap, p_base)) end)
        on conflict (key) do update set
          failures = case when t.window_start < now() - p_window then 1 else t.failures + 1 end,
          window_start = case when t.window_start < now() - p_window then now() else t.window_start end,
          locked_until = case
            when (case when t.window_start < now() - p_window then 1 else t.failures + 1 end) > p_free
            then now() + make_interval(secs => least(p_cap::float8,
                   p_base * power(2, (case when t.window_start < now() - p_window then 1 else t.failures + 1 end) - p_free - 1)))
            else t.locked_until end
        returning coalesce(ceil(extract(epoch from locked_until - now()))::int, 0)`)}
    ${authFn('auth_throttle_state(p_keys text[], p_window interval)', 'table (key text, failures int, wait int)', `
      select t.key, t.failures,
             greatest(0, coalesce(ceil(extract(epoch from t.locked_until - now()))::int, 0))
        from login_throttle t where t.key = any(p_keys) and t.window_start >= now() - p_window`)}
    ${authFn('auth_throttle_clear_prefix(p_key text)', 'int', `
      with d as (delete from login_throttle where key = p_key or starts_with(key, p_key || '|') returning 1)
      select count(*)::int from d`)}

    create table pack_applications (
      id serial primary key,
      city char(12) not null,
      source text not null,
      applied_at timestamptz not null default now(),
      fingerprint text not null,
      items jsonb not null
    );
    create index pack_applications_city_idx on pack_applications (city, id);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists pack_applications;
    drop function if exists auth_throttle_hit(text, int, int, int, interval), auth_throttle_state(text[], interval),
      auth_throttle_clear_prefix(text);
  `).execute(db)
}
