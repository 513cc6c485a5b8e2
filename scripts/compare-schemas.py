#!/usr/bin/env python3
"""Checks that migrations/postgres makes the same schema as migrations/sqlite.

    scripts/compare-schemas.py postgres://postgres@127.0.0.1:PORT/postgres
    scripts/compare-schemas.py --existing postgres://…/rcard    (a database already migrated)

Without --existing it creates a scratch database on that server, applies every
migrations/postgres/*.sql in order with psql (ON_ERROR_STOP, one transaction each, as sqlx
does), compares, and drops the database again. The SQLite side is migrations/sqlite/*.sql
applied to an in-memory database with Python's sqlite3 module.

Compared: tables; columns (name, order, type INTEGER=bigint TEXT=text REAL=double precision
BLOB=bytea, NOT NULL, default, identity = AUTOINCREMENT); constraint names and kinds (SQLite's
unnamed keys, foreign keys and checks under the names PostgreSQL gives them by default:
t_pkey, t_col_fkey, t_col_check / t_check, t_col_key); explicit indexes (name, table,
columns, uniqueness); triggers (name, table, timing, event, UPDATE OF columns, WHEN or not);
and every row the migrations seed. Prints the differences and exits 1 if there are any.
psql is taken from /usr/lib/postgresql/15/bin or PATH.
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEP = "\x1f"
TYPES = {"INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"}


def psql_bin():
    path = "/usr/lib/postgresql/15/bin/psql"
    return path if os.access(path, os.X_OK) else (shutil.which("psql") or sys.exit("psql not found"))


def psql(url, sql):
    out = subprocess.run(
        [psql_bin(), url, "-X", "-q", "-At", "-F", SEP, "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True, capture_output=True, text=True,
    ).stdout
    return [line.split(SEP) for line in out.splitlines()]


def with_database(url, name):
    head, _, tail = url.rpartition("/")
    query = ""
    if "?" in tail:
        query = "?" + tail.split("?", 1)[1]
    return f"{head}/{name}{query}"


# ---------------------------------------------------------------- SQLite side


def split_top(body):
    """Splits a CREATE TABLE body at the commas outside parentheses and quotes."""
    parts, depth, cur, quote = [], 0, [], None
    for ch in body:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def strip_comments(sql):
    return re.sub(r"--[^\n]*", "", sql)


def sqlite_constraints(table, sql):
    """(name, kind) of every constraint, unnamed ones under PostgreSQL's default names."""
    body = strip_comments(sql)
    body = body[body.index("(") + 1 : body.rindex(")")]
    found = set()
    for part in split_top(body):
        words = part.split()
        first = words[0].upper()
        column = None if first in ("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN") else words[0]
        # each constraint clause, named or not, inside this column definition or table constraint
        for m in re.finditer(
            r"(?:CONSTRAINT\s+(\w+)\s+)?\b(PRIMARY\s+KEY|UNIQUE|CHECK|REFERENCES|FOREIGN\s+KEY)\b(\s*\(([^)]*)\))?",
            part, re.I,
        ):
            name, kind = m.group(1), m.group(2).upper().split()[0]
            if kind == "FOREIGN":
                continue  # the REFERENCES that follows names it
            cols = [column] if column else [c.strip() for c in (m.group(4) or "").split(",")]
            code = {"PRIMARY": "p", "UNIQUE": "u", "CHECK": "c", "REFERENCES": "f"}[kind]
            if not name:
                if code == "p":
                    name = f"{table}_pkey"
                elif code == "f":
                    fcols = [column] if column else re.search(r"FOREIGN\s+KEY\s*\(([^)]*)\)", part, re.I).group(1).split(",")
                    name = f"{table}_{'_'.join(c.strip() for c in fcols)}_fkey"
                elif code == "u":
                    name = f"{table}_{'_'.join(cols)}_key"
                else:
                    name = f"{table}_{column}_check" if column else f"{table}_check"
            found.add((name, code))
    return found


def sqlite_schema(migrations):
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    for f in sorted(os.listdir(migrations)):
        if f.endswith(".sql"):
            with open(os.path.join(migrations, f), encoding="utf-8") as fh:
                db.executescript(fh.read())
    s = {"tables": {}, "constraints": set(), "indexes": set(), "triggers": set(), "rows": {}}
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tables:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
        autoinc = "AUTOINCREMENT" in sql.upper()
        cols = []
        for _, name, typ, notnull, default, pk in db.execute(f"PRAGMA table_info({t})"):
            identity = bool(autoinc and pk == 1 and typ.upper() == "INTEGER")
            # PostgreSQL's primary key columns are NOT NULL; SQLite's are only for an INTEGER
            # PRIMARY KEY (the rowid), the others accept NULL (setting.key is the one case here)
            notnull = bool(notnull) or pk > 0
            cols.append((name, TYPES.get(typ.upper(), typ), notnull, norm_default(default), identity))
        s["tables"][t] = cols
        s["constraints"] |= {(t,) + c for c in sqlite_constraints(t, sql)}
        for _, iname, unique, origin, _ in db.execute(f"PRAGMA index_list({t})"):
            if origin == "c":
                icols = tuple(r[2] for r in db.execute(f"PRAGMA index_info({iname})"))
                s["indexes"].add((iname, t, icols, bool(unique)))
        order = ", ".join(c[0] for c in cols)
        s["rows"][t] = [tuple(norm_value(v) for v in r) for r in db.execute(f"SELECT * FROM {t} ORDER BY {order}")]
    for name, table, sql in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        m = re.search(r"\b(BEFORE|AFTER|INSTEAD\s+OF)\s+(INSERT|DELETE|UPDATE)(\s+OF\s+(.*?))?\s+ON\s+\w+(.*?)\bBEGIN\b",
                      strip_comments(sql), re.I | re.S)
        cols = tuple(c.strip() for c in m.group(4).split(",")) if m.group(4) else ()
        s["triggers"].add((name, table, m.group(1).upper(), m.group(2).upper(), cols,
                           bool(re.search(r"\bWHEN\b", m.group(5), re.I))))
    return s


def norm_default(d):
    if d is None:
        return None
    d = re.sub(r"::(text|bigint|integer|double precision|bytea)$", "", str(d).strip())
    return d


def norm_value(v):
    if v is None:
        return None
    if isinstance(v, float):
        return repr(v)
    return str(v)


# ---------------------------------------------------------------- PostgreSQL side


def pg_schema(url):
    s = {"tables": {}, "constraints": set(), "indexes": set(), "triggers": set(), "rows": {}}
    tables = [r[0] for r in psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                      "AND tablename <> '_sqlx_migrations' ORDER BY tablename")]
    for t in tables:
        cols = []
        for name, typ, nullable, default, identity in psql(url, f"""
                SELECT column_name, data_type, is_nullable, COALESCE(column_default, '\\N'), is_identity
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{t}'
                ORDER BY ordinal_position"""):
            cols.append((name, typ, nullable == "NO", None if default == "\\N" else norm_default(default),
                         identity == "YES"))
        s["tables"][t] = cols
        for name, code in psql(url, f"SELECT conname, contype FROM pg_constraint WHERE conrelid = '{t}'::regclass"):
            s["constraints"].add((t, name, code))
        for iname, unique, icols in psql(url, f"""
                SELECT i.relname, x.indisunique,
                       (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY k(att, n)
                        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.att)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = '{t}'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"""):
            s["indexes"].add((iname, t, tuple(icols.split(",")), unique == "t"))
        # text comparison by bytes, as SQLite's BINARY collation
        order = ", ".join(f'{c[0]} COLLATE "C"' if c[1] == "text" else c[0] for c in cols)
        rows = subprocess.run(
            [psql_bin(), url, "-X", "-q", "-At", "-F", SEP, "-v", "ON_ERROR_STOP=1", "-P", "null=\\N",
             "-c", f"SELECT * FROM {t} ORDER BY {order}"],
            check=True, capture_output=True, text=True).stdout.splitlines()
        s["rows"][t] = [tuple(None if v == "\\N" else v for v in r.split(SEP)) for r in rows]
    for name, table, tgtype, cols, has_when in psql(url, """
            SELECT t.tgname, c.relname, t.tgtype,
                   COALESCE((SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(t.tgattr) WITH ORDINALITY k(att, n)
                             JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.att), ''),
                   t.tgqual IS NOT NULL
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"""):
        tgtype = int(tgtype)
        timing = "BEFORE" if tgtype & 2 else ("INSTEAD OF" if tgtype & 64 else "AFTER")
        event = "INSERT" if tgtype & 4 else ("DELETE" if tgtype & 8 else "UPDATE")
        s["triggers"].add((name, table, timing, event, tuple(c for c in cols.split(",") if c), has_when == "t"))
    return s


# ---------------------------------------------------------------- comparison


def compare(lite, pg):
    problems = []
    if set(lite["tables"]) != set(pg["tables"]):
        problems.append(f"tables only in SQLite: {sorted(set(lite['tables']) - set(pg['tables']))}; "
                        f"only in PostgreSQL: {sorted(set(pg['tables']) - set(lite['tables']))}")
    for t in sorted(set(lite["tables"]) & set(pg["tables"])):
        a, b = lite["tables"][t], pg["tables"][t]
        if a != b:
            for x, y in zip(a + [None] * (len(b) - len(a)), b + [None] * (len(a) - len(b))):
                if x != y:
                    problems.append(f"column of {t}: SQLite {x} / PostgreSQL {y}")
    for key, label in (("constraints", "constraint"), ("indexes", "index"), ("triggers", "trigger")):
        for x in sorted(lite[key] - pg[key], key=str):
            problems.append(f"{label} only in SQLite: {x}")
        for x in sorted(pg[key] - lite[key], key=str):
            problems.append(f"{label} only in PostgreSQL: {x}")
    for t in sorted(set(lite["rows"]) & set(pg["rows"])):
        if lite["rows"][t] != pg["rows"][t]:
            problems.append(f"rows of {t} differ: SQLite {len(lite['rows'][t])}, PostgreSQL {len(pg['rows'][t])}"
                            f" (first difference: {next(((x, y) for x, y in zip(lite['rows'][t], pg['rows'][t]) if x != y), None)})")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url", help="a PostgreSQL server (superuser) URL, or with --existing a migrated database")
    ap.add_argument("--existing", action="store_true", help="compare the database at URL as it is")
    ap.add_argument("--sqlite-migrations", default=os.path.join(ROOT, "migrations", "sqlite"))
    ap.add_argument("--postgres-migrations", default=os.path.join(ROOT, "migrations", "postgres"))
    args = ap.parse_args()

    url, scratch = args.url, None
    if not args.existing:
        scratch = f"rcard_compare_{os.getpid()}"
        psql(url, f"CREATE DATABASE {scratch}")
        url = with_database(args.url, scratch)
    try:
        if scratch:
            for f in sorted(os.listdir(args.postgres_migrations)):
                if f.endswith(".sql"):
                    subprocess.run([psql_bin(), url, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
                                    "-f", os.path.join(args.postgres_migrations, f)], check=True)
        lite_files = sorted(f for f in os.listdir(args.sqlite_migrations) if f.endswith(".sql"))
        pg_files = sorted(f for f in os.listdir(args.postgres_migrations) if f.endswith(".sql"))
        problems = []
        if lite_files != pg_files:
            problems.append(f"migration files differ: only SQLite {sorted(set(lite_files) - set(pg_files))}, "
                            f"only PostgreSQL {sorted(set(pg_files) - set(lite_files))}")
        lite, pg = sqlite_schema(args.sqlite_migrations), pg_schema(url)
        problems += compare(lite, pg)
    finally:
        if scratch:
            psql(args.url, f"DROP DATABASE IF EXISTS {scratch}")
    for p in problems:
        print(p)
    n = len(lite["tables"])
    print(f"{n} tables, {sum(len(c) for c in lite['tables'].values())} columns, {len(lite['constraints'])} constraints, "
          f"{len(lite['indexes'])} indexes, {len(lite['triggers'])} triggers, "
          f"{sum(len(r) for r in lite['rows'].values())} seeded rows compared: "
          + ("the same" if not problems else f"{len(problems)} differences"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
