#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL, Chromium and docker-compose from Debian, npm packages), runs every
# suite (.NET and browser), and ends with one line: "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/.artifacts/test-results"
rm -rf "$RESULTS" client/test-results && mkdir -p "$RESULTS"
SUDO=""; AS_POSTGRES="runuser -u postgres --"
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; AS_POSTGRES="sudo -u postgres"; fi
status=0
step() { echo; echo "=== $*"; }

step "System packages (PostgreSQL, Chromium, Compose to validate deploy/)"
need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; } || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi

step "PostgreSQL"
PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h 2>/dev/null | grep -q "^$PGVER main" || $SUDO pg_createcluster "$PGVER" main >/dev/null
$SUDO pg_ctlcluster "$PGVER" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
$AS_POSTGRES psql -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "could not prepare the PostgreSQL test role"; exit 1; }
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'workspace_test') THEN
    CREATE ROLE workspace_test LOGIN CREATEDB PASSWORD 'workspace_test';
  END IF;
END $$;
SQL
export WORKSPACE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=workspace_test;Password=workspace_test;Database=postgres"

step "npm packages"
(cd client && npm ci --no-audit --no-fund) || { echo "npm ci failed"; exit 1; }

step "Build (server, client)"
dotnet build Workspace.slnx -nologo -v:q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

step ".NET tests"
dotnet test Workspace.slnx --no-build -nologo --logger "trx" --results-directory "$RESULTS/dotnet" || status=1

step "Client unit tests"
(cd client && npm run --silent test:unit) || status=1

step "Browser tests (headless Chromium)"
(cd client && npm run --silent test:e2e) || status=1

step "Summary"
node .ci/summarize.mjs "$RESULTS" client/test-results || status=1
exit $status
