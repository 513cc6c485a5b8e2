#!/usr/bin/env bash
# Installs what is missing, builds R-Card in release mode and serves it with demo data
# on http://127.0.0.1:3000 (LEPTOS_SITE_ADDR to change), keeping data in ./data
# (RCARD_DATA_DIR to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export RCARD_DATA_DIR=${RCARD_DATA_DIR:-data}
# the public pages' script (cargo-leptos builds the desk pages' app)
bash scripts/build-enhance.sh --release
exec cargo leptos serve --release
