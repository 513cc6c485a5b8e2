#!/usr/bin/env python3
"""Fault runs: kill -9 during a save, an import and a reindex; PostgreSQL restarted under load.

    python3 scripts/faults.py [--binary target/release/rcard] [--backend both|sqlite|postgres]
                              [--cards 20000]

For each backend, on a fresh database (SQLite in a data directory, or a throw-away
PostgreSQL cluster from `scripts/pg.sh`):

1. **Saves:** an editor creates cards one after another and remembers every card the server
   acknowledged (201); the node is killed with SIGKILL in the middle, and started again.
2. **Import:** `rcard import` of a large file is killed with SIGKILL half-way; the node is
   started again.
3. **Reindex:** `rcard reindex` is killed with SIGKILL half-way; the node is started again.
4. **PostgreSQL restart under load** (PostgreSQL only): searchers and the editor run against
   two nodes while the cluster is restarted; the nodes are not restarted.

After each, the check: every acknowledged card is in the database and found by a search
(no acknowledged write lost), the import is all or nothing, the index holds exactly the
published cards of the database (`total` of an empty search = `COUNT(*) … 'published'`)
and the node reports `index_lag` 0. Prints one line per check and exits 1 on any failure.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "fault-test-password-1"
PSQL = "/usr/lib/postgresql/15/bin/psql" if os.path.exists("/usr/lib/postgresql/15/bin/psql") else "psql"
PG_CTL = "/usr/lib/postgresql/15/bin/pg_ctl" if os.path.exists("/usr/lib/postgresql/15/bin/pg_ctl") else "pg_ctl"
failures = []


def say(*args):
    print("==>", *args, file=sys.stderr, flush=True)


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Backend:
    """Where the database is, and how to count its published cards."""

    def __init__(self, kind, work):
        self.kind, self.work = kind, work
        self.env = {}
        if kind == "postgres":
            self.pg_dir = tempfile.mkdtemp(prefix="rcard-pg-")
            self.admin = subprocess.run(["bash", os.path.join(ROOT, "scripts/pg.sh"), "start", self.pg_dir],
                                        capture_output=True, text=True, check=True).stdout.strip()

    def fresh(self, name):
        """A new data directory (and on PostgreSQL a new database) for one scenario."""
        data = os.path.join(self.work, name)
        os.makedirs(data)
        if self.kind == "postgres":
            subprocess.run([PSQL, self.admin, "-q", "-c",
                            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"], check=True)
            self.env = {"DATABASE_URL": self.admin.rsplit("/", 1)[0] + "/" + name}
        else:
            self.env = {}
        return data

    def published(self, data):
        return self.count(data, "SELECT COUNT(*) FROM card WHERE status = 'published'")

    def cards(self, data):
        return self.count(data, "SELECT COUNT(*) FROM card")

    def count(self, data, sql):
        if self.kind == "postgres":
            out = subprocess.run([PSQL, self.env["DATABASE_URL"], "-At", "-c", sql],
                                 capture_output=True, text=True, check=True)
            return int(out.stdout.strip())
        with sqlite3.connect(os.path.join(data, "rcard.db")) as db:
            return db.execute(sql).fetchone()[0]

    def has_external_ids(self, data, ids):
        if not ids:
            return 0
        if self.kind == "postgres":
            out = subprocess.run([PSQL, self.env["DATABASE_URL"], "-At", "-c",
                                  "SELECT external_id FROM card"], capture_output=True, text=True, check=True)
            stored = set(out.stdout.split())
        else:
            with sqlite3.connect(os.path.join(data, "rcard.db")) as db:
                stored = {r[0] for r in db.execute("SELECT external_id FROM card")}
        return sum(1 for i in ids if i in stored)

    def restart_cluster(self):
        data = os.path.join(self.pg_dir, "data")
        cmd = [PG_CTL, "-D", data, "-m", "fast", "-w", "restart", "-l", os.path.join(self.pg_dir, "postgres.log")]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        subprocess.run(cmd, check=True, capture_output=True)

    def close(self):
        if self.kind == "postgres":
            subprocess.run(["bash", os.path.join(ROOT, "scripts/pg.sh"), "stop", self.pg_dir], capture_output=True)
            shutil.rmtree(self.pg_dir, ignore_errors=True)


class Node:
    def __init__(self, binary, data, env):
        self.port = free_port()
        self.log = open(os.path.join(data, "serve.log"), "a")
        full = dict(os.environ, **env)
        full.update(RCARD_DATA_DIR=data, LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
                    LEPTOS_SITE_ROOT=os.path.join(ROOT, "target/site"), RCARD_DEMO="0", RUST_LOG="warn")
        full.pop("RCARD_MECAB_DIR", None)
        self.proc = subprocess.Popen([binary, "serve"], env=full, stdout=self.log, stderr=self.log)

    def get(self, path, timeout=30):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        c.request("GET", path)
        r = c.getresponse()
        return r.status, json.loads(r.read() or b"null")

    def wait_ready(self, timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit("the node exited; see serve.log")
            try:
                status, body = self.get("/api/ready", timeout=2)
                if status == 200 and body.get("ready"):
                    return
            except (OSError, ValueError, http.client.HTTPException):
                pass
            time.sleep(0.3)
        sys.exit("the node did not become ready")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)
        self.log.close()

    def sign_in(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST", "/api/auth/login", body=json.dumps({"email": "fault@rcard.test", "password": PASSWORD}),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        body = json.loads(r.read())
        return r.getheader("Set-Cookie").split(";")[0], body["csrf_token"]

    def create(self, auth, external_id, word):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        card = {"id": external_id, "name": f"장애{external_id[-4:]}", "keywords": [word]}
        c.request("POST", "/api/cards", body=json.dumps(card),
                  headers={"Content-Type": "application/json", "Cookie": auth[0], "X-CSRF-Token": auth[1]})
        r = c.getresponse()
        r.read()
        return r.status

    def search_total(self, q):
        _, body = self.get("/api/search?per_page=1&q=" + urllib.parse.quote(q))
        return body["total"]


def rcard(binary, data, env, *args, stdin=None):
    full = dict(os.environ, **env, RUST_LOG="warn")
    full.pop("RCARD_MECAB_DIR", None)
    out = subprocess.run([binary, "--data-dir", data, *args], env=full, input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"rcard {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def in_step(backend, data, node, what):
    """The index holds exactly the database's published cards, and says it is in step."""
    deadline = time.time() + 30
    while True:
        _, health = node.get("/api/health")
        indexed = node.search_total("")
        published = backend.published(data)
        if (health["index_lag"] == 0 and indexed == published) or time.time() > deadline:
            break
        time.sleep(0.5)
    check(health["index_lag"] == 0 and indexed == published,
          f"{backend.kind}, {what}: index holds {indexed} cards, database has {published} published, lag {health['index_lag']}")


def killed_mid_save(binary, backend):
    data = backend.fresh("saves")
    rcard(binary, data, backend.env, "user", "add", "--email", "fault@rcard.test", "--role", "staff",
          "--password-stdin", stdin=PASSWORD + "\n")
    node = Node(binary, data, backend.env)
    node.wait_ready()
    auth = node.sign_in()
    acked, stop = [], threading.Event()

    def editor():
        i = 0
        while not stop.is_set():
            eid = f"SAVE-{i:05d}"
            try:
                if node.create(auth, eid, "faultsave") == 201:
                    acked.append(eid)
            except (OSError, http.client.HTTPException):
                return
            i += 1

    t = threading.Thread(target=editor)
    t.start()
    time.sleep(3)
    node.kill()
    stop.set()
    t.join()
    node = Node(binary, data, backend.env)
    node.wait_ready()
    stored = backend.has_external_ids(data, acked)
    check(len(acked) > 0 and stored == len(acked),
          f"{backend.kind}, kill -9 during saves: {stored} of {len(acked)} acknowledged cards stored")
    found = node.search_total("faultsave")
    check(found >= len(acked), f"{backend.kind}, kill -9 during saves: search finds {found} (≥ {len(acked)})")
    in_step(backend, data, node, "kill -9 during saves")
    node.stop()


def lines(path):
    with open(path) as f:
        return sum(1 for _ in f)


def kill_after(binary, data, env, seconds, *args):
    """Runs `rcard ARGS` on `data` and kills it with SIGKILL after `seconds`."""
    full = dict(os.environ, **env, RUST_LOG="warn")
    full.pop("RCARD_MECAB_DIR", None)
    proc = subprocess.Popen([binary, "--data-dir", data, *args], env=full,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def killed_mid_import(binary, backend, cards_file):
    data = backend.fresh("import")
    total = lines(cards_file)
    # about half-way: an import here writes some 4,000 cards a second
    kill_after(binary, data, backend.env, total / 8000, "import", cards_file)
    node = Node(binary, data, backend.env)
    node.wait_ready()
    stored = backend.cards(data)
    check(stored in (0, total), f"{backend.kind}, kill -9 during import: all or nothing ({stored} of {total} cards)")
    in_step(backend, data, node, "kill -9 during import")
    node.stop()
    return data


def killed_mid_reindex(binary, backend, data, cards_file):
    # a complete import first, then a reindex that is killed
    rcard(binary, data, backend.env, "import", cards_file)
    kill_after(binary, data, backend.env, lines(cards_file) / 13000, "reindex")
    node = Node(binary, data, backend.env)
    node.wait_ready()
    in_step(backend, data, node, "kill -9 during reindex")
    node.stop()


def postgres_restart_under_load(binary, backend, cards_file):
    data_a = backend.fresh("restart")
    env = dict(backend.env)
    rcard(binary, data_a, env, "import", cards_file)
    rcard(binary, data_a, env, "user", "add", "--email", "fault@rcard.test", "--role", "staff",
          "--password-stdin", stdin=PASSWORD + "\n")
    data_b = os.path.join(backend.work, "restart-b")
    os.makedirs(data_b)
    a, b = Node(binary, data_a, env), Node(binary, data_b, env)
    a.wait_ready()
    b.wait_ready()
    stop, errors, served = threading.Event(), [0], [0]

    def searcher(node):
        c = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
        while not stop.is_set():
            try:
                c.request("GET", "/api/search?q=" + urllib.parse.quote("반도체"))
                r = c.getresponse()
                r.read()
                if r.status == 200:
                    served[0] += 1
                else:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                c = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
            time.sleep(0.01)

    threads = [threading.Thread(target=searcher, args=(n,)) for n in (a, b)]
    for t in threads:
        t.start()
    time.sleep(2)
    before = served[0]
    backend.restart_cluster()
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join()
    check(served[0] > before, f"postgres, restart under load: searches served after the restart ({served[0] - before}); "
                              f"{errors[0]} failed while the database was down")
    # writes work again without restarting the nodes, and the other node hears of them
    auth = a.sign_in()
    status = a.create(auth, "RESTART-1", "faultrestart")
    check(status == 201, f"postgres, restart under load: a save on node a after the restart answers {status}")
    deadline = time.time() + 5
    while b.search_total("faultrestart") == 0 and time.time() < deadline:
        time.sleep(0.05)
    check(b.search_total("faultrestart") == 1, "postgres, restart under load: node b finds the save made on a")
    in_step(backend, data_a, b, "restart under load (node b)")
    a.stop()
    b.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/rcard"))
    ap.add_argument("--backend", default="both", choices=["both", "sqlite", "postgres"])
    ap.add_argument("--cards", type=int, default=20000)
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"{a.binary} is missing; build it with `cargo build --release -p server`")
    work = tempfile.mkdtemp(prefix="rcard-faults-")
    os.chmod(work, 0o755)
    try:
        cards = os.path.join(work, "cards.jsonl")
        say(f"generating {a.cards} synthetic cards")
        rcard(a.binary, work, {}, "demo", "--synthetic", str(a.cards), "--cards", cards)
        kinds = ["sqlite", "postgres"] if a.backend == "both" else [a.backend]
        for kind in kinds:
            backend = Backend(kind, os.path.join(work, kind))
            os.makedirs(backend.work)
            try:
                say(f"{kind}: kill -9 during saves")
                killed_mid_save(a.binary, backend)
                say(f"{kind}: kill -9 during an import")
                data = killed_mid_import(a.binary, backend, cards)
                say(f"{kind}: kill -9 during a reindex")
                killed_mid_reindex(a.binary, backend, data, cards)
                if kind == "postgres":
                    say("postgres: the cluster restarted under load")
                    postgres_restart_under_load(a.binary, backend, cards)
            finally:
                backend.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("every check passed", file=sys.stderr)


if __name__ == "__main__":
    main()
