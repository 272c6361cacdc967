#!/usr/bin/env bash
# Runs pressroom's whole test suite on a fresh machine: installs what the tests need
# (Python packages, Debian's PostgreSQL and Chromium when run as root), starts a throwaway
# PostgreSQL server on 127.0.0.1:55432, runs pytest, stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [ "$(id -u)" = 0 ]; then
  need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

# a throwaway PostgreSQL server for the store tests (skipped when none can be started)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PGDIR=""
if [ -n "$PGBIN" ] && [ "$(id -u)" = 0 ] && [ -z "${PRESSROOM_TEST_PG_URL:-}" ]; then
  PGDIR=$(mktemp -d)
  chown postgres: "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p 55432 -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  export PRESSROOM_TEST_PG_URL="postgresql://postgres@127.0.0.1:55432/postgres"
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"' EXIT
fi

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
