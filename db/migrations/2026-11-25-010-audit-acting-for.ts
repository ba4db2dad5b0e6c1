// The audit log's acting-for (以谁的名义) becomes text: an entrusting organ is a unit code and an
// organ name ('341502000000 金安区市场监督管理局'), not an account. The hash input is the same text
// for existing rows (a null stays ''), so chains written before this migration still verify.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table audit_log alter column acting_for type text;
    create function audit_hash(p_prev text, p_id bigint, p_city text, p_unit text, p_actor uuid, p_acting text,
      p_action text, p_subject text, p_before text, p_after text, p_at timestamptz) returns text
      language sql immutable set search_path = public as $fn$
      select encode(sha256(convert_to(concat_ws('|', p_prev, p_id::text, p_city, p_unit, coalesce(p_actor::text, ''),
        coalesce(p_acting::text, ''), p_action, p_subject, coalesce(p_before, ''), coalesce(p_after, ''),
        extract(epoch from p_at)::text), 'UTF8')), 'hex')
    $fn$;
    create or replace function audit_row() returns trigger language plpgsql security definer
      set search_path = public
      set app.scope_lo = '000000000000' set app.scope_hi = '999999999999'
    as $fn$
    declare
      o jsonb; n jsonb; r jsonb; code text; city text; pk text; prev text; nid bigint; h text;
      actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
      -- The organ in whose name the write is made (委托: the entrusting organ), '<code> <name>'.
      acting text := nullif(current_setting('app.acting_for', true), '');
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
    drop function audit_hash(text, bigint, text, text, uuid, uuid, text, text, text, text, timestamptz);
  `).execute(db)
}

// Back to the uuid column of migration 005 and its functions. The hashes stay valid: a uuid's
// text is the text the hash was computed over. An organ name ('<code> <name>') has no uuid to go
// back to, so a log holding one refuses the down rather than lose it (the chain would break).
export async function down(db: Kysely<any>): Promise<void> {
  const names = await sql<{ n: number }>`select count(*)::int as n from audit_log where acting_for is not null
    and acting_for !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`.execute(db)
  if (names.rows[0].n > 0) {
    throw new Error(`irreversible: ${names.rows[0].n} audit_log rows act for an organ name, which a uuid column cannot hold`)
  }
  await sql.raw(`
    create function audit_hash(p_prev text, p_id bigint, p_city text, p_unit text, p_actor uuid, p_acting uuid,
      p_action text, p_subject text, p_before text, p_after text, p_at timestamptz) returns text
      language sql immutable set search_path = public as $fn$
      select encode(sha256(convert_to(concat_ws('|', p_prev, p_id::text, p_city, p_unit, coalesce(p_actor::text, ''),
        coalesce(p_acting::text, ''), p_action, p_subject, coalesce(p_before, ''), coalesce(p_after, ''),
        extract(epoch from p_at)::text), 'UTF8')), 'hex')
    $fn$;
    alter table audit_log alter column acting_for type uuid using acting_for::uuid;
    create or replace function audit_row() returns trigger language plpgsql security definer
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
    drop function audit_hash(text, bigint, text, text, uuid, text, text, text, text, text, timestamptz);
  `).execute(db)
}
