#!/usr/bin/env bash
# Counts the instructions the server spends answering the benchmark's search queries.
#
# Wall-clock figures on a shared 2-core machine move by 1.5-2x from one hour to the next;
# instruction counts under callgrind move by well under 1%, so they show whether a change
# to the search made it cheaper. Run it before and after a change, on the same binary
# build profile and the same data directory.
#
#   bash scripts/profile-search.sh [BINARY] [CARDS]
#
# BINARY defaults to target/release/rcard, CARDS to 100000. With RCARD_PROFILE_FILTERS=1 every
# query also carries the benchmark's facet filters (site 성남, fields 인공지능 and 시스템반도체). The synthetic cards and their
# data directory are kept in $RCARD_PROFILE_DIR (default /tmp/rcard-profile) for reuse.
# RCARD_PROFILE_PER_QUERY=1 first prints each query's own count.
# Needs valgrind (`apt-get install -y valgrind`) and curl.
set -euo pipefail

bin=${1:-target/release/rcard}
cards=${2:-100000}
work=${RCARD_PROFILE_DIR:-/tmp/rcard-profile}
port=${RCARD_PROFILE_PORT:-3977}

for tool in valgrind callgrind_annotate curl; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool is missing; install it with: apt-get install -y valgrind curl" >&2
    exit 1
  }
done
[[ -x $bin ]] || {
  echo "error: no rcard binary at $bin; build one with: cargo build --release -p server" >&2
  exit 1
}

# the same queries as `rcard bench` (server/src/bench.rs)
queries=(
  "반도체" "반도체를" "웨이퍼 결함 검출" "인공지능반도체" "인공지능 반도체" "딥러닝" "HBM"
  "5G 네트워크" "BMS" "이차전지 열폭주" "배터리" "디지털트윈" "머신비전" "LLM 경량화"
  "의료영상 AI" "자율주행 센서" "스마트팩토리" "로봇" "보안" "semiconductor"
  "defect detection" "battery management" "digital twin" "김민준" "Seoyeon Kim" "연구"
  "공정 최적화" "전력반도체" "센서 융합" "에너지 관리 시스템"
)

data="$work/data-$cards"
if [[ ! -f $data/rcard.db ]]; then
  mkdir -p "$work"
  echo "==> writing and importing $cards synthetic cards into $data"
  "$bin" demo --synthetic "$cards" --cards "$work/cards-$cards.jsonl"
  RCARD_DATA_DIR="$data" "$bin" import "$work/cards-$cards.jsonl"
fi

out="$work/callgrind.out"
rm -f "$out"
echo "==> starting the server under callgrind (one search thread)"
RCARD_SEARCH_THREADS=1 RCARD_DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out" \
  "$bin" serve --no-demo >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  kill -0 $server 2>/dev/null || { echo "error: the server stopped; see $work/server.log" >&2; exit 1; }
  sleep 1
done

filters=()
if [[ ${RCARD_PROFILE_FILTERS:-0} == 1 ]]; then
  filters=(--data-urlencode "site=성남" --data-urlencode "field=인공지능" --data-urlencode "field=시스템반도체")
fi
run_queries() {
  for q in "${queries[@]}"; do
    curl -sf -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$q" "${filters[@]}" >/dev/null
  done
}
echo "==> warming up, then counting ${#queries[@]} queries"
run_queries
if [[ ${RCARD_PROFILE_PER_QUERY:-0} == 1 ]]; then
  # one dump per query: which queries cost the most
  rm -f "$out".*
  i=0
  for q in "${queries[@]}"; do
    i=$((i + 1))
    callgrind_control -z "$server" >/dev/null 2>&1
    callgrind_control -i on "$server" >/dev/null 2>&1
    curl -sf -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$q" "${filters[@]}" >/dev/null
    callgrind_control -i off "$server" >/dev/null 2>&1
    callgrind_control -d "$server" >/dev/null 2>&1
    dump=$(ls -t "$out".* | head -1)
    mv "$dump" "$out.q$i"
    dump="$out.q$i"
    ir=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n++ {print $1}')
    printf '%14s  %s  (%s)\n' "$ir" "$q" "$dump"
  done
fi
callgrind_control -i on "$server" >/dev/null 2>&1
run_queries
callgrind_control -i off "$server" >/dev/null 2>&1
kill -INT $server
wait $server 2>/dev/null || true
trap - EXIT

total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n++ {print $1}')
echo "instructions for ${#queries[@]} searches at $cards cards: $total"
echo "per function: callgrind_annotate --inclusive=yes $out | less"
