#!/usr/bin/env bash
# Installs what R-Card needs to build; with --e2e what its browser tests need; with
# --dictionary the Korean dictionary mecab-ko-dic into .tools/mecab-ko-dic (see docs/search-quality.md);
# with --postgres the PostgreSQL 15 server binaries (Debian's package; the tests start a
# throw-away cluster of their own with scripts/pg.sh, no system service is used).
# Idempotent: every tool already present at the right version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

want_e2e=false
want_dictionary=false
want_postgres=false
for arg in "$@"; do
  case "$arg" in
    --e2e) want_e2e=true ;;
    --dictionary) want_dictionary=true ;;
    --postgres) want_postgres=true ;;
    *) die "unknown option $arg; use --e2e, --dictionary and/or --postgres" ;;
  esac
done

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

# --- Fonts: the server draws each card's link-preview image (server/src/og.rs) with a
# Korean font; the browser tests' screenshots use it too ---
if ! ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 \
   && ! { command -v fc-list >/dev/null && fc-list :lang=ko | grep -q .; }; then
  say "installing Korean fonts (fonts-noto-cjk) from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-noto-cjk
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
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -d end2end/node_modules/@axe-core/playwright ] || [ ! -x end2end/node_modules/.bin/lighthouse ]; then
    say "installing Playwright (using the system Chromium)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi

if $want_dictionary; then
  dictionary=.tools/mecab-ko-dic
  if [ ! -f "$dictionary/sys.dic" ]; then
    say "installing the Korean dictionary mecab-ko-dic (PyPI python-mecab-ko-dic 2.1.1.post2, Apache-2.0)"
    command -v python3 >/dev/null || die "python3 is missing; install it (Debian: apt-get install python3 python3-pip) and run this again"
    if ! python3 -m pip --version >/dev/null 2>&1; then
      as_root apt-get update -q
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-pip
    fi
    wheels=$(mktemp -d)
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$wheels" python-mecab-ko-dic==2.1.1.post2 \
      || die "could not download python-mecab-ko-dic from PyPI; check the network or pip's index settings"
    mkdir -p "$dictionary"
    # the compiled dictionary and its licence; the Python code around it is not needed
    python3 - "$wheels" "$dictionary" <<'PY'
import os, sys, zipfile
wheels, out = sys.argv[1], sys.argv[2]
(wheel,) = [os.path.join(wheels, f) for f in os.listdir(wheels) if f.endswith(".whl")]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if name.startswith("mecab_ko_dic/dictionary/") and base or base == "LICENSE":
            with open(os.path.join(out, base), "wb") as f:
                f.write(z.read(name))
PY
    rm -rf "$wheels"
    [ -f "$dictionary/sys.dic" ] || die "the dictionary was not unpacked into $dictionary; delete it and run this again"
    say "dictionary ready: set RCARD_MECAB_DIR=$PWD/$dictionary to analyse Korean into morphemes"
  fi
fi

if $want_postgres; then
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ] && ! command -v initdb >/dev/null; then
    say "installing PostgreSQL 15 (Debian package; its system service is not used)"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  fi
  [ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null \
    || die "PostgreSQL's initdb is not installed; install Debian's postgresql package and run this again"
fi
