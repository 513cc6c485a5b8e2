#!/usr/bin/env bash
# Builds the public pages' script (the `enhance` crate) into target/enhance, where the
# server finds it (RCARD_ENHANCE_DIR, or `enhance` beside the site root): WASM plus its
# JavaScript glue, with a content hash in both names so browsers may keep them for a year.
# `--release` optimises for size (profile wasm-release, then wasm-opt -Oz).
#
# cargo-leptos builds the desk pages' app bundle; it cannot build a second one (it wipes
# its site root and allows one lib per project), so this runs before it: scripts/run.sh,
# scripts/test.sh and `cargo leptos watch` users (after a change under enhance/).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=dev
dir=debug
if [ "${1:-}" = "--release" ]; then
  profile=wasm-release
  dir=wasm-release
fi
out=${RCARD_ENHANCE_DIR:-target/enhance}
echo "building the public pages' script ($profile) into $out" >&2
cargo build -p enhance --lib --target wasm32-unknown-unknown --profile "$profile"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-name rcard-enhance --out-dir "$work" \
  "target/wasm32-unknown-unknown/$dir/enhance.wasm"
if [ "$profile" = wasm-release ]; then
  # the same options cargo-leptos gives its own bundle; binaryen 132 from package.json
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/rcard-enhance_bg.wasm" -o "$work/rcard-enhance_bg.wasm"
fi
hash=$(cat "$work/rcard-enhance.js" "$work/rcard-enhance_bg.wasm" | sha256sum | cut -c1-20)
mkdir -p "$out"
rm -f "$out"/rcard-enhance.*
cp "$work/rcard-enhance_bg.wasm" "$out/rcard-enhance.$hash.wasm"
# the glue's own fallback name for the WASM file would not exist: the page passes the name
cp "$work/rcard-enhance.js" "$out/rcard-enhance.$hash.js"
printf '%s\n' "$hash" >"$out/rcard-enhance.hash.tmp"
mv "$out/rcard-enhance.hash.tmp" "$out/HASH"
wasm_bytes=$(stat -c %s "$out/rcard-enhance.$hash.wasm")
wasm_gzip=$(gzip -9 -c "$out/rcard-enhance.$hash.wasm" | wc -c)
echo "public pages' script: rcard-enhance.$hash (WASM $wasm_bytes B, $wasm_gzip B gzip)" >&2
