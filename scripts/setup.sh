#!/usr/bin/env bash
# Installs what R-Card needs to build, and with --e2e what its browser tests need.
# Idempotent: every tool already present at the right version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

want_e2e=false
[ "${1:-}" = "--e2e" ] && want_e2e=true

command -v cargo >/dev/null || die "cargo is missing; install Rust 1.95 with rustup (https://rustup.rs) and run this again"
command -v npm >/dev/null || die "npm is missing; install Node.js 20+ with npm (Debian: apt-get install nodejs npm) and run this again"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install it yourself, then run this again)"; fi
}

# --- Rust: WASM target, cargo-leptos, wasm-bindgen (must match Cargo.lock) ---
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "0.3.5" ]; then
  say "installing cargo-leptos 0.3.5 (10-18 minutes on 2 cores; once per machine)"
  # newer releases need rustc 1.96+; thin LTO builds it in about two thirds of the time
  CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version 0.3.5 --locked --features no_downloads
fi

wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb" ] || die "cannot read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
  say "installing wasm-bindgen-cli $wb (about 3 minutes)"
  # no --locked: its lockfile pins a webpki-roots release the registry no longer serves
  cargo install wasm-bindgen-cli --version "$wb" --force
fi

# --- Node build tools: wasm-opt 132 (Debian's binaryen 108 breaks hydration) ---
if [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  say "installing wasm-opt 132 from npm"
  npm ci --no-audit --no-fund
fi

if $want_e2e; then
  chromium=${CHROMIUM_PATH:-/usr/lib/chromium/chromium}
  if [ ! -x "$chromium" ]; then
    say "installing Chromium from Debian"
    as_root apt-get update -q
    # a dpkg hook in some images deletes downloaded archives mid-install; repair and retry once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk \
      || { as_root apt-get install -f -y -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk; }
    [ -x "$chromium" ] || die "Chromium is not at $chromium after installing; set CHROMIUM_PATH to its binary"
  fi
  if [ ! -x end2end/node_modules/.bin/playwright ]; then
    say "installing Playwright (using the system Chromium)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
