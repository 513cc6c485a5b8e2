#!/usr/bin/env bash
# Lighthouse (mobile, the default) on the search page, a results page, a card page and its
# English version of a
# running R-Card; prints a Markdown table of the four category scores and the audits that
# cost points. Lighthouse comes from end2end's npm packages (scripts/setup.sh --e2e).
#
#   bash scripts/lighthouse.sh [BASE_URL]     # default http://127.0.0.1:3000
set -euo pipefail
base=${1:-http://127.0.0.1:3000}
root=$(cd "$(dirname "$0")/.." && pwd)
lighthouse="$root/end2end/node_modules/.bin/lighthouse"
[ -x "$lighthouse" ] || { echo "lighthouse is not installed; run: bash scripts/setup.sh --e2e" >&2; exit 1; }
export CHROME_PATH=${CHROME_PATH:-/usr/lib/chromium/chromium}
curl -sf "$base/api/health" >/dev/null || { echo "no R-Card answers at $base" >&2; exit 1; }
slug=$(curl -sf "$base/api/search?q=%EB%B0%B0%ED%84%B0%EB%A6%AC&per_page=1" \
  | python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"]; print(h[0]["slug"] if h else "")')
[ -n "$slug" ] || { echo "the directory has no card for 배터리; load the demo cards" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| page | Performance | Accessibility | Best Practices | SEO | below 0.9 |"
echo "|---|---:|---:|---:|---:|---|"
for page in "search|/" "results|/?q=%EB%B0%B0%ED%84%B0%EB%A6%AC" "card|/cards/$slug" "English card|/en/cards/$slug"; do
  name=${page%%|*}
  path=${page#*|}
  echo "lighthouse: $name ($path)…" >&2
  "$lighthouse" "$base$path" --quiet --output=json --output-path="$work/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
cats = report["categories"]
scores = [round(cats[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
weak = []
for cat in cats.values():
    for ref in cat["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            weak.append(f'{ref["id"]} {audit.get("displayValue", "")}'.strip())
print(f'| {sys.argv[2]} | ' + " | ".join(map(str, scores)) + f' | {"; ".join(weak) or "–"} |')
PY
done
