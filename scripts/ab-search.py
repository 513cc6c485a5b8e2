#!/usr/bin/env python3
"""Compares the search latency of two running R-Card servers, A and B, on the benchmark's
queries: each query goes to both, interleaved (A then B, then B then A the next round), so
that a noisy machine slows both alike. Prints p50 / p99 of each and B ÷ A, then the slowest
queries' medians.

    python3 scripts/ab-search.py PORT_A PORT_B [ROUNDS]     # default 10 rounds + 1 warm-up

Serve copies of one data directory (e.g. from `rcard bench --cards 100000 --keep`) with the
two builds, e.g. `RCARD_DEMO=0 LEPTOS_SITE_ADDR=127.0.0.1:3961 rcard --data-dir A serve`.
"""
import http.client
import statistics
import sys
import time
import urllib.parse

# the same 30 queries as `rcard bench` (server/src/bench.rs)
QUERIES = [
    "반도체", "반도체를", "웨이퍼 결함 검출", "인공지능반도체", "인공지능 반도체", "딥러닝", "HBM",
    "5G 네트워크", "BMS", "이차전지 열폭주", "배터리", "디지털트윈", "머신비전", "LLM 경량화",
    "의료영상 AI", "자율주행 센서", "스마트팩토리", "로봇", "보안", "semiconductor",
    "defect detection", "battery management", "digital twin", "김민준", "Seoyeon Kim", "연구",
    "공정 최적화", "전력반도체", "센서 융합", "에너지 관리 시스템",
]


def timed(conn, q):
    start = time.perf_counter()
    conn.request("GET", "/api/search?q=" + urllib.parse.quote(q))
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{q}: status {response.status}")
    return (time.perf_counter() - start) * 1e3


def percentiles(results):
    values = sorted(v for times in results.values() for v in times)
    return values[len(values) // 2], values[int(len(values) * 0.99)]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    a = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
    b = http.client.HTTPConnection("127.0.0.1", int(sys.argv[2]))
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    ra = {q: [] for q in QUERIES}
    rb = {q: [] for q in QUERIES}
    for r in range(rounds + 1):
        for q in QUERIES:
            order = [(a, ra), (b, rb)] if r % 2 == 0 else [(b, rb), (a, ra)]
            for conn, results in order:
                ms = timed(conn, q)
                if r:  # the first round warms up
                    results[q].append(ms)
        print(f"round {r}/{rounds}", file=sys.stderr, end="\r")
    pa, pb = percentiles(ra), percentiles(rb)
    print(
        f"A p50 {pa[0]:.2f} p99 {pa[1]:.2f} | B p50 {pb[0]:.2f} p99 {pb[1]:.2f} | "
        f"B/A p50 {pb[0] / pa[0]:.2f} p99 {pb[1] / pa[1]:.2f}"
    )
    for q in sorted(QUERIES, key=lambda q: -statistics.median(ra[q]))[:6]:
        print(f"{q:<20} A {statistics.median(ra[q]):.2f} B {statistics.median(rb[q]):.2f}")


if __name__ == "__main__":
    main()
