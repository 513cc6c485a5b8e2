#!/usr/bin/env bash
# Fails when the public pages' WASM (search, cards, need matching) is over its budget of
# 250 KB gzip (issue 17). Run after scripts/build-enhance.sh --release.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${WASM_BUDGET_BYTES:-250000}
dir=${RCARD_ENHANCE_DIR:-target/enhance}
hash=$(cat "$dir/HASH")
wasm="$dir/rcard-enhance.$hash.wasm"
size=$(gzip -9 -c "$wasm" | wc -c)
if [ "$size" -gt "$budget" ]; then
  echo "the public pages' WASM is $size B gzip, over the budget of $budget B: $wasm" >&2
  exit 1
fi
echo "the public pages' WASM: $size B gzip (budget $budget B)" >&2
