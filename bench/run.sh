#!/usr/bin/env bash
# make bench: a throw-away PostgreSQL 15 cluster with pg_stat_statements, the dataset (seed.sql),
# ovgraph, PostGraphile v4 and the raw-SQL server on 127.0.0.1, then the load driver. Everything it
# starts is stopped on exit. Settings: BENCH_CUSTOMERS, BENCH_DURATION (seconds per run),
# BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_WORKLOADS (a comma-separated subset such as W4; the README
# table is only written by a run of every workload), BENCH_README (where the table goes).
set -euo pipefail
cd "$(dirname "$0")/.."

customers=${BENCH_CUSTOMERS:-10000}
duration=${BENCH_DURATION:-10}
rounds=${BENCH_ROUNDS:-3}
concurrency=${BENCH_CONCURRENCY:-32}
GO=${GO:-go}
if ! [ "$customers" -ge 50 ] 2>/dev/null || [ $((customers % 50)) != 0 ]; then
  echo "BENCH_CUSTOMERS must be a multiple of 50 (W3 searches cities of 50 profiles): $customers" >&2
  exit 2
fi

dir=$(mktemp -d /tmp/ovgraph-bench.XXXXXX)
chmod 755 "$dir"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/pg stop "$dir/data" || true
  rm -rf "$dir"
}
trap cleanup EXIT

port=$(scripts/pg port)
PG_SERVER_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" \
  scripts/pg start "$dir/data" "$port" fast
psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'CREATE DATABASE bench'
db="postgres://postgres@127.0.0.1:$port/bench?sslmode=disable"

echo "building ovgraph, the raw-SQL server and the driver"
$GO build -o "$dir/ovgraph" ./cmd/ovgraph
$GO build -o "$dir/rawsql" ./bench/rawsql
$GO build -o "$dir/driver" ./bench/driver

echo "migrating and generating $customers customers"
"$dir/ovgraph" migrate --database-url "$db" >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; exit 1; }
start=$(date +%s)
psql -q -X -h 127.0.0.1 -p "$port" -U postgres -d bench -v customers="$customers" -f bench/seed.sql >/dev/null
echo "dataset ready in $(($(date +%s) - start)) s"

export OVGRAPH_JWT_SECRET OVGRAPH_JWT_ISSUER=ovgraph-bench OVGRAPH_JWT_AUDIENCE=ovgraph
OVGRAPH_JWT_SECRET=$(head -c 32 /dev/urandom | base64)
ovport=$(scripts/pg port)
pgport=$(scripts/pg port)
rawport=$(scripts/pg port)

DATABASE_URL="$db" OVGRAPH_ADDR="127.0.0.1:$ovport" "$dir/ovgraph" serve >"$dir/ovgraph.log" 2>&1 &
pids+=($!); ovpid=$!
NODE_ENV=production node bench/postgraphile/node_modules/postgraphile/cli.js \
  --connection "$db" --host 127.0.0.1 --port "$pgport" --schema public \
  --disable-default-mutations --disable-query-log --max-pool-size 20 >"$dir/postgraphile.log" 2>&1 &
pids+=($!); pgpid=$!
"$dir/rawsql" -addr "127.0.0.1:$rawport" -database-url "$db" -max-conns 20 >"$dir/rawsql.log" 2>&1 &
pids+=($!); rawpid=$!

ready() { # name url [curl options]: wait up to 60 s for a 200
  local name=$1 url=$2; shift 2
  for _ in $(seq 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url")" = 200 ]; then return 0; fi
    sleep 0.1
  done
  echo "$name did not come up; its log:" >&2
  cat "$dir/$name.log" >&2
  exit 1
}
ready ovgraph "http://127.0.0.1:$ovport/readyz"
ready postgraphile "http://127.0.0.1:$pgport/graphql" -H 'Content-Type: application/json' -d '{"query":"{__typename}"}'
ready rawsql "http://127.0.0.1:$rawport/w2?customerNumber=1000001"
token=$("$dir/ovgraph" token --scope touchpoint)

"$dir/driver" -ovgraph "http://127.0.0.1:$ovport" -token "$token" \
  -postgraphile "http://127.0.0.1:$pgport" -raw "http://127.0.0.1:$rawport" \
  -pids "ovgraph=$ovpid,postgraphile=$pgpid,raw=$rawpid" \
  -database-url "$db" -pgdata "$dir/data" -customers "$customers" \
  -duration "${duration}s" -rounds "$rounds" -concurrency "$concurrency" \
  -workloads "${BENCH_WORKLOADS:-}" -results bench/results.json -readme "${BENCH_README-README.md}"
