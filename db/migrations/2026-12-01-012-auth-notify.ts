// Every change to who a session belongs to is announced on the 'gov_auth' channel, so that each
// app process can keep validated sessions in memory and still drop them the moment they stop
// being true (src/modules/auth/session-cache.ts). Triggers, not app code: a change made by any
// path (the API, another process, psql, the cleanup job) is announced. NOTIFY is delivered on
// commit and identical payloads within one transaction are sent once (a subtree deactivated in
// one statement sends one '*').
//   s:<session id hash>  a session ended or its expiry changed
//   u:<user id>          an account's roles, unit, status or names changed, or it was deleted
//   *                    a unit was deactivated or reactivated (its staff's sessions end or resume)
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create function auth_notify() returns trigger language plpgsql set search_path = public as $fn$
    begin
      if TG_TABLE_NAME = 'sessions' then perform pg_notify('gov_auth', 's:' || OLD.id_hash);
      elsif TG_TABLE_NAME = 'users' then perform pg_notify('gov_auth', 'u:' || OLD.id::text);
      else perform pg_notify('gov_auth', '*');
      end if;
      return null;
    end $fn$;
    create trigger sessions_auth_notify after update or delete on sessions
      for each row execute function auth_notify();
    create trigger users_auth_notify after update of roles, active, unit_code, username, display_name or delete on users
      for each row execute function auth_notify();
    create trigger units_auth_notify after update of active on units
      for each row when (old.active is distinct from new.active) execute function auth_notify();
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop trigger if exists sessions_auth_notify on sessions;
    drop trigger if exists users_auth_notify on users;
    drop trigger if exists units_auth_notify on units;
    drop function if exists auth_notify();
  `).execute(db)
}
