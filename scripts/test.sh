#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, lints for each target,
# unit and integration tests (real servers on loopback, on SQLite and again on a
# throw-away PostgreSQL cluster), and Playwright journeys in Chromium against the release
# build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --e2e --dictionary --postgres
# the morphological analysis is tested too (see docs/search-quality.md)
export RCARD_MECAB_DIR="$PWD/.tools/mecab-ko-dic"

# A CI run builds everything once: incremental caches would only take disk space.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }

step "formatting"
cargo fmt --all --check
step "lints (server side, browser side, binaries)"
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p server --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p enhance --target wasm32-unknown-unknown -- -D warnings
step "unit tests"
cargo test -p app --features ssr
step "integration tests (SQLite)"
cargo test -p server
step "integration tests (PostgreSQL)"
pg_dir=$(mktemp -d)
e2e_data=
trap 'bash scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir" ${e2e_data:+"$e2e_data"}' EXIT
RCARD_TEST_POSTGRES=$(bash scripts/pg.sh start "$pg_dir")
# the two migration sets make the same tables, columns, constraint names and seed rows
python3 scripts/compare-schemas.py "$RCARD_TEST_POSTGRES"
RCARD_TEST_POSTGRES="$RCARD_TEST_POSTGRES" cargo test -p app --features ssr db::
RCARD_TEST_POSTGRES="$RCARD_TEST_POSTGRES" cargo test -p server --test http
bash scripts/pg.sh stop "$pg_dir" >/dev/null
step "end-to-end tests (release build, Chromium)"
# the public pages' script first: cargo-leptos builds only the desk pages' app
bash scripts/build-enhance.sh --release
bash scripts/wasm-size-check.sh
e2e_data=$(mktemp -d)
RCARD_DATA_DIR="$e2e_data" LEPTOS_SITE_ADDR=${E2E_SITE_ADDR:-127.0.0.1:3917} cargo leptos end-to-end --release
step "two nodes over PostgreSQL under load, and faults (short runs of the benchmark scripts)"
python3 scripts/two-nodes.py --cards 3000 --seconds 10
python3 scripts/faults.py --cards 8000
step "all checks passed"
du -sh target >&2 || true
