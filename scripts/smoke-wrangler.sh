#!/usr/bin/env bash
# Smoke test of the Workers entry: `wrangler dev` (workerd, no login) against a fresh database on
# the local PostgreSQL through the Hyperdrive binding's local connection string.
#   bash scripts/smoke-wrangler.sh        (SMOKE_PG_URL=postgres://…/postgres to use another server)
# Creates a uniquely named database, migrates and seeds it, starts wrangler dev on a free port,
# checks the API and the cron handler with curl, and always stops wrangler and drops the database.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false
# wrangler.toml serves the console from dist/ as static assets: build it when it is missing.
[ -f dist/console/index.html ] && [ -f dist/index.html ] || npm run build

ADMIN_URL="${SMOKE_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="gov_smoke_$$_$(date +%s)"
DB_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$ADMIN_URL" "$DB")"
# Miniflare's Hyperdrive refuses a connection string without a password; under trust
# authentication (the local server here) any password is accepted, so add a placeholder.
HYPERDRIVE_URL="$(node -e 'const u = new URL(process.argv[1]); if (!u.password) u.password = "postgres"; console.log(u.toString())' "$DB_URL")"
WORK="$(mktemp -d)"
LOG="$WORK/wrangler.log"
WRANGLER_PID=""
READY_TIMEOUT="${SMOKE_READY_TIMEOUT:-120}"

fail() { echo "SMOKE FAIL: $*" >&2; if [ -f "$LOG" ]; then echo "--- wrangler log (last 40 lines) ---" >&2; tail -n 40 "$LOG" >&2; fi; exit 1; }

# SQL as the server's admin (not through the app): create/drop the database, look at job_runs.
psql_node() { # $1 = url, $2 = sql; prints rows as JSON
  node --input-type=module -e '
    import postgres from "postgres"
    const sql = postgres(process.argv[1], { max: 1, onnotice: () => {} })
    try { console.log(JSON.stringify(await sql.unsafe(process.argv[2]))) } finally { await sql.end() }
  ' "$1" "$2"
}

cleanup() {
  local code=$?
  if [ -n "$WRANGLER_PID" ]; then
    # wrangler runs workerd as a child: stop the whole process group we started (setsid below).
    kill -TERM -- "-$WRANGLER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$WRANGLER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$WRANGLER_PID" 2>/dev/null || true
  fi
  psql_node "$ADMIN_URL" "drop database if exists $DB with (force)" >/dev/null 2>&1 \
    || echo "warning: could not drop database $DB" >&2
  rm -rf "$WORK"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'; }

echo "== database $DB =="
psql_node "$ADMIN_URL" "create database $DB" >/dev/null || fail "cannot create database $DB on $ADMIN_URL"
DATABASE_URL="$DB_URL" npm run --silent db:migrate || fail "db:migrate failed"
DATABASE_URL="$DB_URL" npm run --silent db:seed || fail "db:seed failed"

# start_wrangler [wrangler dev args…]: a wrangler dev on a free port, ready; sets BASE.
start_wrangler() {
  PORT="$(free_port)"
  INSPECTOR_PORT="$(free_port)"
  echo "== wrangler dev on 127.0.0.1:$PORT $* =="
  CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE="$HYPERDRIVE_URL" CI=true \
    setsid npx wrangler dev --ip 127.0.0.1 --port "$PORT" --inspector-port "$INSPECTOR_PORT" \
      --test-scheduled --persist-to "$WORK/state" --log-level info "$@" >"$LOG" 2>&1 </dev/null &
  WRANGLER_PID=$!
  BASE="http://127.0.0.1:$PORT"
  deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; do
    kill -0 "$WRANGLER_PID" 2>/dev/null || fail "wrangler dev exited before it was ready"
    [ "$(date +%s)" -lt "$deadline" ] || fail "wrangler dev not ready after ${READY_TIMEOUT}s"
    sleep 1
  done
  echo "ready"
}
stop_wrangler() {
  kill -TERM -- "-$WRANGLER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$WRANGLER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$WRANGLER_PID" 2>/dev/null || true
  WRANGLER_PID=""
}
start_wrangler

# status URL [curl args…] → prints the status; the body goes to $WORK/body
status() { local url=$1; shift; curl -sS -o "$WORK/body" -w '%{http_code}' "$@" "$url"; }
expect() { # expect NAME WANT GOT
  if [ "$2" = "$3" ]; then echo "ok   $1 ($3)"; else echo "--- body ---" >&2; head -c 600 "$WORK/body" >&2; echo >&2; fail "$1: expected HTTP $2, got $3"; fi
}
json() { node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$WORK/body" "$1"; }

expect "GET /healthz" 200 "$(status "$BASE/healthz")"
[ "$(json 'b.database')" = postgres ] || fail "/healthz does not report the postgres database"

expect "POST /api/auth/login" 200 "$(status "$BASE/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"341502000000-center_admin","password":"demo-password"}')"
TOKEN="$(json 'b.token')"
USER_ID="$(json 'b.user.id')"
[ -n "$TOKEN" ] && [ "$TOKEN" != undefined ] || fail "login answered no token"
AUTH=(-H "authorization: Bearer $TOKEN")

expect "GET /api/auth/me" 200 "$(status "$BASE/api/auth/me" "${AUTH[@]}")"
expect "GET /api/units/341502000000/children (first page of {items, next})" 200 "$(status "$BASE/api/units/341502000000/children" "${AUTH[@]}")"
TOWNSHIPS="$(json 'b.items.filter((u) => u.level === "township").length')"
[ "$TOWNSHIPS" -gt 0 ] || fail "金安区 lists no townships"
echo "     $TOWNSHIPS townships of 金安区, e.g. $(json 'b.items[0].name')"

# A sibling county (裕安区) is outside the subtree: 404, not 403 (RLS holds on Workers too).
expect "GET /api/units/341503000000 (sibling county)" 404 "$(status "$BASE/api/units/341503000000" "${AUTH[@]}")"
expect "GET /api/units/341503000000/children (sibling county)" 404 "$(status "$BASE/api/units/341503000000/children" "${AUTH[@]}")"
expect "GET /api/openapi.json" 200 "$(status "$BASE/api/openapi.json")"
[ "$(json 'b.openapi')" = 3.1.0 ] || fail "/api/openapi.json is not an OpenAPI 3.1 document"
# The console: its shell at /console/ and at any client route (SPA fallback), its hashed assets.
expect "GET /console/" 200 "$(status "$BASE/console/")"
grep -q '工作台' "$WORK/body" || fail "/console/ is not the console's shell"
expect "GET /console/cases/new (SPA fallback)" 200 "$(status "$BASE/console/cases/new")"
grep -q '/console/assets/' "$WORK/body" || fail "/console/cases/new does not fall back to the console's shell"
ASSET="$(grep -o '/console/assets/[^"]*\.js' "$WORK/body" | head -1)"
expect "GET $ASSET" 200 "$(status "$BASE$ASSET")"
expect "GET /api/no-such-route" 404 "$(status "$BASE/api/no-such-route")"
[ "$(json 'b.type.endsWith("/problems/not-found")')" = true ] || fail "unknown route is not a JSON problem"
expect "GET /api/units/341502000000/children without a session" 401 "$(status "$BASE/api/units/341502000000/children")"

# The cron handler, on a second wrangler dev without [assets]: wrangler 4.86's local runtime answers
# "exception" to the scheduled handler whenever static assets are configured (workers-sdk#9882,
# fixed in miniflare after the version pinned here). Deployed Workers are not affected.
stop_wrangler
NO_ASSETS="wrangler.smoke-$$.toml"
sed '/^\[assets\]/,/^$/d' wrangler.toml > "$NO_ASSETS"
trap 'rm -f "$NO_ASSETS"; cleanup' EXIT
start_wrangler --config "$NO_ASSETS"
# The cron handler: an expired session must be gone afterwards and the run recorded.
psql_node "$DB_URL" "insert into sessions (id_hash, user_id, unit_code, expires_at)
  values ('smoke-expired', '$USER_ID', '341502000000', now() - interval '1 hour')" >/dev/null || fail "cannot insert an expired session"
expect "GET /cdn-cgi/handler/scheduled" 200 "$(status "$BASE/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*")"
RUNS="$(psql_node "$DB_URL" "select status, result from job_runs where name = 'sessions:cleanup'")"
node -e 'const r = JSON.parse(process.argv[1]); process.exit(r.length === 1 && r[0].status === "ok" ? 0 : 1)' "$RUNS" \
  || fail "the cron handler did not record one successful sessions:cleanup run: $RUNS"
LEFT="$(psql_node "$DB_URL" "select count(*)::int as n from sessions where id_hash = 'smoke-expired'")"
[ "$LEFT" = '[{"n":0}]' ] || fail "the expired session survived the cron handler"
echo "ok   cron: sessions:cleanup ran ($RUNS)"
expect "GET /api/auth/me after the cron" 200 "$(status "$BASE/api/auth/me" "${AUTH[@]}")"

echo "SMOKE OK: wrangler dev serves the app on the Workers runtime against PostgreSQL"
