#!/usr/bin/env python3
"""Load on two R-Card nodes over one PostgreSQL database, against one node over SQLite.

    python3 scripts/two-nodes.py [--binary target/release/rcard] [--cards 10000]
                                 [--seconds 120] [--clients 4] [--out FILE.md]

In one run, with the same synthetic cards (`rcard demo --synthetic`) and the same client:

1. **SQLite, one node:** a data directory, `rcard import`, `rcard serve`.
2. **PostgreSQL, one node:** a throw-away cluster (`scripts/pg.sh`), a database with byte
   order for text, `rcard import` through node a's data directory, `rcard serve` on it.
3. **PostgreSQL, two nodes:** node a, and node b with a data directory of its own (it builds
   its index from the database before it answers).

Each configuration gets `--clients` threads searching (keep-alive, queries in turn, nodes
in turn) while one editor creates a card every 250 ms on one node and waits for a search on
the other node to find it (cross-node visibility; on SQLite the same node). Reported:
searches per second, p50/p99 latency, errors (any status but 200, any failed connection),
the visibility p50/p99/max, and the ratio of the PostgreSQL p99 to the SQLite p99.

Progress goes to stderr; the Markdown table to stdout (and `--out`). It exits 1 when any
request failed. Everything it starts is stopped and removed at the end. `scripts/test.sh`
runs a short version (`--cards 3000 --seconds 10`).
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "load-test-password-1"
QUERIES = [
    "반도체", "반도체를", "웨이퍼 결함 검출", "인공지능반도체", "인공지능 반도체", "딥러닝",
    "HBM", "5G 네트워크", "BMS", "이차전지 열폭주", "배터리", "디지털트윈", "머신비전",
    "LLM 경량화", "의료영상 AI", "자율주행 센서", "스마트팩토리", "로봇", "보안",
    "semiconductor", "defect detection", "digital twin", "전력반도체", "센서 융합",
]


def say(*args):
    print("==>", *args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))]


class Node:
    def __init__(self, binary, data_dir, env, name):
        self.port = free_port()
        self.name = name
        self.log = open(os.path.join(data_dir, "serve.log"), "w")
        full = dict(os.environ, **env)
        full.update(
            RCARD_DATA_DIR=data_dir,
            LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
            LEPTOS_SITE_ROOT=os.path.join(ROOT, "target/site"),
            RCARD_DEMO="0",
            RCARD_NODE_ID=name,
            RUST_LOG="warn",
        )
        full.pop("RCARD_MECAB_DIR", None)
        self.proc = subprocess.Popen([binary, "serve"], env=full, stdout=self.log, stderr=self.log)

    def wait_ready(self, timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"node {self.name} exited; see its serve.log")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/api/ready")
                r = c.getresponse()
                body = r.read()
                if r.status == 200 and json.loads(body).get("ready"):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit(f"node {self.name} not ready after {timeout} s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def rcard(binary, data_dir, env, *args, stdin=None):
    full = dict(os.environ, **env, RUST_LOG="warn")
    full.pop("RCARD_MECAB_DIR", None)
    out = subprocess.run([binary, "--data-dir", data_dir, *args], env=full, input=stdin,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"rcard {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def sign_in(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/auth/login", body=json.dumps({"email": "load@rcard.test", "password": PASSWORD}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    if r.status != 200:
        sys.exit(f"sign-in failed: {body}")
    cookie = r.getheader("Set-Cookie").split(";")[0]
    return cookie, body["csrf_token"]


def run_load(nodes, seconds, clients):
    """Searches on every node from `clients` threads, and one editor; returns the figures."""
    stop = time.time() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def searcher(k):
        conns = {n.port: http.client.HTTPConnection("127.0.0.1", n.port, timeout=30) for n in nodes}
        i = k
        while time.time() < stop:
            node = nodes[i % len(nodes)]
            q = QUERIES[i % len(QUERIES)]
            i += 1
            t = time.perf_counter()
            try:
                c = conns[node.port]
                c.request("GET", "/api/search?q=" + urllib.parse.quote(q))
                r = c.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conns[node.port] = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
            ms = (time.perf_counter() - t) * 1000
            with lock:
                if ok:
                    latencies.append(ms)
                else:
                    errors[0] += 1

    visible, edit_errors = [], [0]

    def editor():
        cookie, csrf = sign_in(nodes[0].port)
        n = 0
        while time.time() < stop - 3:
            writer, reader = nodes[n % len(nodes)], nodes[(n + 1) % len(nodes)]
            word = f"loadtopic{n}x{int(time.time())}"
            card = {"id": f"LOAD-{word}", "name": f"부하{n}", "keywords": [word]}
            c = http.client.HTTPConnection("127.0.0.1", writer.port, timeout=30)
            c.request("POST", "/api/cards", body=json.dumps(card),
                      headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf})
            r = c.getresponse()
            r.read()
            saved = time.perf_counter()
            if r.status != 201:
                edit_errors[0] += 1
                continue
            rc = http.client.HTTPConnection("127.0.0.1", reader.port, timeout=30)
            while True:
                rc.request("GET", "/api/search?q=" + word)
                body = json.loads(rc.getresponse().read())
                if body.get("total"):
                    visible.append((time.perf_counter() - saved) * 1000)
                    break
                if time.perf_counter() - saved > 10:
                    edit_errors[0] += 1
                    break
                time.sleep(0.005)
            n += 1
            time.sleep(0.25)

    threads = [threading.Thread(target=searcher, args=(k,)) for k in range(clients)]
    threads.append(threading.Thread(target=editor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "searches": len(latencies),
        "per_s": len(latencies) / seconds,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "errors": errors[0] + edit_errors[0],
        "edits": len(visible),
        "vis_p50": percentile(visible, 0.5),
        "vis_p99": percentile(visible, 0.99),
        "vis_max": max(visible) if visible else float("nan"),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/rcard"))
    ap.add_argument("--cards", type=int, default=10000)
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--out")
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"{a.binary} is missing; build it with `cargo build --release -p server`")

    work = tempfile.mkdtemp(prefix="rcard-two-nodes-")
    os.chmod(work, 0o755)
    pg_dir = tempfile.mkdtemp(prefix="rcard-pg-")
    nodes = []
    try:
        cards = os.path.join(work, "cards.jsonl")
        say(f"generating {a.cards} synthetic cards")
        rcard(a.binary, work, {}, "demo", "--synthetic", str(a.cards), "--cards", cards)

        say("SQLite, one node: import")
        sq = os.path.join(work, "sqlite")
        os.makedirs(sq)
        t = time.time()
        rcard(a.binary, sq, {}, "import", cards)
        sq_import = time.time() - t
        rcard(a.binary, sq, {}, "user", "add", "--email", "load@rcard.test", "--role", "staff",
              "--password-stdin", stdin=PASSWORD + "\n")
        node = Node(a.binary, sq, {}, "sqlite")
        nodes.append(node)
        node.wait_ready()
        say(f"SQLite, one node: {a.seconds} s of load with {a.clients} searching clients and one editor")
        single = run_load([node], a.seconds, a.clients)
        node.stop()
        nodes.clear()

        say("PostgreSQL: starting a throw-away cluster")
        admin = subprocess.run(["bash", os.path.join(ROOT, "scripts/pg.sh"), "start", pg_dir],
                               capture_output=True, text=True, check=True).stdout.strip()
        psql = "/usr/lib/postgresql/15/bin/psql" if os.path.exists("/usr/lib/postgresql/15/bin/psql") else "psql"
        subprocess.run([psql, admin, "-q", "-c",
                        "CREATE DATABASE rcard TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"], check=True)
        url = admin.rsplit("/", 1)[0] + "/rcard"
        env = {"DATABASE_URL": url}
        na, nb = os.path.join(work, "node-a"), os.path.join(work, "node-b")
        os.makedirs(na)
        os.makedirs(nb)
        say("PostgreSQL: import through node a's data directory")
        t = time.time()
        rcard(a.binary, na, env, "import", cards)
        pg_import = time.time() - t
        rcard(a.binary, na, env, "user", "add", "--email", "load@rcard.test", "--role", "staff",
              "--password-stdin", stdin=PASSWORD + "\n")
        say("PostgreSQL, one node: starting node a")
        nodes.append(Node(a.binary, na, env, "a"))
        nodes[0].wait_ready()
        say(f"PostgreSQL, one node: {a.seconds} s of load")
        pg_single = run_load(nodes[:1], a.seconds, a.clients)
        say("PostgreSQL: starting node b (it builds its index from the database)")
        t = time.time()
        nodes.append(Node(a.binary, nb, env, "b"))
        nodes[1].wait_ready()
        start_b = time.time() - t
        say(f"PostgreSQL, two nodes: {a.seconds} s of load")
        double = run_load(nodes, a.seconds, a.clients)
    finally:
        for n in nodes:
            n.stop()
        subprocess.run(["bash", os.path.join(ROOT, "scripts/pg.sh"), "stop", pg_dir],
                       capture_output=True)
        shutil.rmtree(pg_dir, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    rows = [
        ("SQLite, one node", single, sq_import),
        ("PostgreSQL, one node", pg_single, pg_import),
        ("PostgreSQL, two nodes", double, pg_import),
    ]
    out = [
        f"{a.cards} synthetic cards, {a.seconds} s per configuration, {a.clients} searching clients "
        "(keep-alive, nodes in turn) and one editor creating a card every 250 ms and waiting until "
        "a search on the other node finds it.",
        "",
        "| configuration | import (s) | searches/s | search p50 / p99 (ms) | errors | edits | visible on the other node p50 / p99 / max (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r, imp in rows:
        out.append(
            f"| {name} | {imp:.1f} | {r['per_s']:.0f} | {r['p50']:.2f} / {r['p99']:.2f} | {r['errors']} | "
            f"{r['edits']} | {r['vis_p50']:.0f} / {r['vis_p99']:.0f} / {r['vis_max']:.0f} |"
        )
    out.append("")
    out.append(
        f"Search p99, two nodes over PostgreSQL ÷ one node over SQLite: {double['p99'] / single['p99']:.2f} "
        f"(target ≤ 1.5); one node over PostgreSQL ÷ one over SQLite: {pg_single['p99'] / single['p99']:.2f}. "
        f"Node b built its index from the database in {start_b:.1f} s before it reported ready."
    )
    text = "\n".join(out)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    if single["errors"] or pg_single["errors"] or double["errors"]:
        sys.exit("errors under load (the target is none)")


if __name__ == "__main__":
    main()
