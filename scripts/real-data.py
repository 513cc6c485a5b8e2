#!/usr/bin/env python3
"""Builds a judged evaluation set for `rcard eval` from real publication metadata.

The source is a git mirror of the ML Anthology (public metadata of machine-learning
conference papers: title, authors with a person slug, venue, year, abstract). Every author
with at least --min-papers papers becomes a card. Their papers are split at random in two
halves: the card lists one half, the other half is held out and used only for judging.
Queries are topic phrases (word bigrams and trigrams) taken mechanically from all titles
and abstracts; an author is relevant to a query when their held-out papers use the phrase
(grade 2 for two or more such papers, grade 1 for one). Nothing here reads search results:
the set is fixed by the data, the seed and the options.

    python3 scripts/real-data.py --source /work/.mirror/rbnyng+mlanthology/repo \
        --out-dir eval/real --sample 20
    ./target/release/rcard eval --cards eval/real/cards.jsonl --qrels eval/real/qrels.jsonl

Writes <out-dir>/cards.jsonl (R-Card JSON Lines, docs/card-format.md) and
<out-dir>/qrels.jsonl (`{"query": ..., "relevant": {"<card id>": grade}}` per line). With
--sample N it also writes a small subset to --sample-dir (default eval/real-sample).
Standard library only; needs `git` on PATH.
"""
import argparse
import gzip
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from array import array
from collections import Counter, defaultdict

# Phrase document-frequency window for queries.
MIN_DF = 30
MAX_DF = 1000
# Log-frequency bins for stratified query sampling.
BINS = 5
# Minimum relevant authors for a query to be kept.
MIN_RELEVANT = 5
MIN_RELEVANT_SAMPLE = 3
# Card-format limits (docs/card-format.md).
MAX_PUBLICATIONS = 2000
MAX_KEYWORDS = 5
# Sample limits.
SAMPLE_MAX_CARDS = 600
SAMPLE_MAX_PUBLICATIONS = 30

STOPWORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway
    anywhere are around as at be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond both but by can cannot could
    did do does doing done down due during each either else elsewhere enough etc even ever
    every everything except few for former formerly from further furthermore had has have
    having he hence her here hereby herein hers herself him himself his how however i ie if
    in indeed into is it its itself just last latter least less may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no
    nobody none nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own per perhaps rather same seem seemed
    seeming seems she should since so some somehow something sometimes somewhat still such
    than that the their theirs them themselves then thence there thereby therefore therein
    thereof these they this those though through throughout thus to together too toward
    towards under unless until up upon us very was we well were what whatever when whence
    whenever where whereas whereby wherein whether which while whilst who whoever whole whom
    whose why will with within without would yet you your yours yourself yourselves
    able across allow allows allowing almost already called can could eg et al i.e e.g
    given give gives make makes making made many several various via new novel paper papers
    propose proposes proposed proposing present presents presented introduce introduces
    introduced approach approaches method methods methodology result results resulting show
    shows showed shown demonstrate demonstrates demonstrated using use used uses based work
    works study studies studied existing prior previous previously recent recently current
    different similar specific particular general generally important key main significant
    significantly substantially effective effectively efficient efficiently better best
    improve improves improved improving improvement improvements achieve achieves achieved
    achieving outperform outperforms outperforming superior state-of-the-art
    experiment experiments experimental extensive empirical empirically evaluate evaluated
    evaluation evaluations benchmark benchmarks demonstrating find finds found first second
    third two three four five six ten number numbers way ways well-known widely commonly
    often typically usually simple simply also first-order furthermore additionally
    respectively consider considers considered problem problems task tasks setting settings
    case cases terms term order thereby provide provides provided providing lead leads
    leading result obtain obtains obtained yield yields enable enables enabling require
    requires required requiring instead addition address addresses addressing aim aims
    goal goals focus focuses need needs like including include includes related relative
    respect despite whereas within able effect effects towards toward shows theoretical
    theoretically analysis analyze analyzes develop develops developed propose approach
    framework frameworks technique techniques strategy strategies way model-based
    posed easier implement contrast exhibit exhibits boost boosts illustrate illustrates
    tackle tackles issue issues remain remains largely fall falls short bridge gap rely
    relies heavily gain gained increasing increasingly highly desirable critical challenge
    challenges challenging carefully publicly available compare compared comparing
    comparison diverse contain contains containing contained solve solves solving desired
    variety performance applications application nature standard relevant explore explores
    baselines datasets real-world additional notably effectiveness remarkable promising
    impressive competitive comparable extensive substantial considerable crucial essential
    fundamental potential possible successful successfully recent great greatly wide
    page conjunction advances findings reveal reveals validate superiority times faster
    advantage higher prove proves dynamically offering insights presence multiple directly
    unlike traditional consisting train trained line research initial quantitative
    qualitative struggle consuming offer offers orders magnitude amount ability form huge
    certain capable capture generates inner workings technical contribution practical side
    gains leveraging facto interest https http www github com
    mathbb mathcal mathrm mathbf mathsf mathit boldsymbol frac sqrt tilde widetilde cdot
    ldots dots textit textbf emph left right
    """.split()
)

# Boilerplate phrases that pass the stopword test but name no topic.
BLOCKED_PHRASES = frozenset({"source code", "code and models", "code and data"})
# The only stopwords allowed inside a trigram (`mixture of experts`, `vision and language`).
MIDDLE_WORDS = frozenset({"of", "and"})

TOKEN_RE = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
NORM_TITLE_RE = re.compile(r"[^\w]+")
# Some legacy abstracts are a scraped publisher page (ACM Digital Library) instead of an
# abstract; such text is ignored.
JUNK_ABSTRACT_RE = re.compile(r"Save to Binder|Citation Alert|Authors Info & Claims")
# A phrase is a fragment of a longer one (`language processing`, `support vector`) when one
# content word, ignoring a plural s, stands next to it on the same side in this share of
# the papers that use it.
FRAGMENT_SHARE = 0.6


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def clean(text, limit):
    """Strips control characters, collapses whitespace, truncates to `limit` code points."""
    if not isinstance(text, str):
        return ""
    text = " ".join(CONTROL_RE.sub(" ", text).split())
    return text[:limit].rstrip()


def tokens(text):
    """Lowercased word tokens (hyphen joins words); punctuation is kept as its own token
    and, like any token that is not purely alphabetic, breaks phrases."""
    return TOKEN_RE.findall(text.lower().replace("\u2010", "-").replace("\u2011", "-"))


def is_word(tok):
    return len(tok) >= 2 and tok.replace("-", "").isalpha()


def is_http_url(value):
    """Mirrors `is_http_url` in app/src/model/validate.rs."""
    for prefix in ("https://", "http://"):
        if value.startswith(prefix):
            rest = value[len(prefix):]
            break
    else:
        return False
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    if not host or not ("." in host or ":" in host or host == "localhost"):
        return False
    return len(value) <= 2000 and not any(
        c.isspace() or unicodedata.category(c) == "Cc" or c in '<>"' for c in value
    )


def parse_year(value):
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


# ----------------------------------------------------------------------------- reading


def read_papers(source):
    def git(*args):
        return subprocess.run(["git", "-C", source, *args], capture_output=True)

    listing = git("ls-tree", "-r", "--name-only", "HEAD", "data/papers", "data/legacy")
    if listing.returncode:
        sys.exit(f"cannot list {source}: {listing.stderr.decode(errors='replace').strip()}")
    names = sorted(
        n for n in listing.stdout.decode().split("\n")
        if n.endswith(".json.gz") or n.endswith(".jsonl.gz")
    )
    papers = []
    missing = []
    for i, name in enumerate(names, 1):
        blob = git("show", f"HEAD:{name}")
        if blob.returncode:
            missing.append(name)
            continue
        raw = gzip.decompress(blob.stdout)
        if name.endswith(".jsonl.gz"):
            batch = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            batch = json.loads(raw).get("papers") or []
        papers.extend(p for p in batch if isinstance(p, dict))
        if i % 20 == 0 or i == len(names):
            log(f"  read {i}/{len(names)} files, {len(papers)} papers")
    for name in missing:
        log(f"  warning: {name} is not in the mirror (object missing), skipped")
    return papers, len(names) - len(missing), missing


def dedupe(papers):
    """One paper per (normalized title, year). A copy with an abstract (then a DOI) wins.
    Scraped-page abstracts are blanked first."""
    kept = {}
    junk = 0
    for p in papers:
        if JUNK_ABSTRACT_RE.search(p.get("abstract") or ""):
            p["abstract"] = ""
            junk += 1
        title = p.get("title")
        if not isinstance(title, str) or not title.strip():
            continue
        key = (" ".join(NORM_TITLE_RE.sub(" ", title.lower()).split()), str(p.get("year", "")).strip())
        old = kept.get(key)
        rank = (bool((p.get("abstract") or "").strip()), bool((p.get("doi") or "").strip()))
        if old is None or rank > old[0]:
            kept[key] = (rank, p)
    if junk:
        log(f"  {junk} scraped-page abstracts ignored")
    return [p for _, p in kept.values()]


# ----------------------------------------------------------------------------- cards


def venue_names(papers):
    """The most common `venue_name` of each (venue code, year), for papers that lack one."""
    counts = defaultdict(Counter)
    for p in papers:
        name = clean(p.get("venue_name") or "", 200)
        if name:
            counts[(p.get("venue"), str(p.get("year")))][name] += 1
    return {v: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for v, c in counts.items()}


def publication(p, venue_name):
    pub = {"title": clean(p.get("title"), 500)}
    venue = clean(p.get("venue_name") or venue_name.get((p.get("venue"), str(p.get("year")))) or p.get("venue") or "", 200)
    if venue:
        pub["venue"] = venue
    year = parse_year(p.get("year"))
    if year is not None:
        pub["year"] = year
    doi = (p.get("doi") or "").strip()
    url = ""
    if doi:
        url = doi if doi.startswith(("https://", "http://")) else "https://doi.org/" + doi
    if not is_http_url(url):
        url = (p.get("venue_url") or "").strip()
    if is_http_url(url):
        pub["url"] = url
    return pub


def title_phrases(title):
    """Content bigrams and trigrams of one title (lowercase, no stopword at either end)."""
    toks = tokens(title)
    out = set()
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            gram = toks[i:i + n]
            if all(is_word(t) for t in gram) and gram[0] not in STOPWORDS and gram[-1] not in STOPWORDS:
                out.add(" ".join(gram))
    return out


def card_keywords(titles):
    counts = Counter()
    for title in titles:
        counts.update(title_phrases(title))
    ranked = sorted(
        ((c, p) for p, c in counts.items() if c >= 2 and len(p) <= 100),
        key=lambda cp: (-cp[0], -len(cp[1].split()), cp[1]),
    )
    chosen = []
    for _, phrase in ranked:
        if any(f" {phrase} " in f" {c} " for c in chosen):
            continue  # a part of an already chosen, at least as frequent phrase
        chosen.append(phrase)
        if len(chosen) == MAX_KEYWORDS:
            break
    return chosen


def build_cards(papers, seed, min_papers):
    """Returns cards (sorted by id) and, per card, the indexes of its held-out papers."""
    by_slug = defaultdict(list)
    names = defaultdict(Counter)
    venue_name = venue_names(papers)
    for idx, p in enumerate(papers):
        seen = set()
        for a in p.get("authors") or []:
            if not isinstance(a, dict):
                continue
            slug = "".join(str(a.get("slug") or "").split())
            if not slug or slug in seen:
                continue
            seen.add(slug)
            by_slug[slug].append(idx)
            name = clean(f"{a.get('given') or ''} {a.get('family') or ''}", 100)
            if name:
                names[slug][name] += 1
    log(f"  {len(by_slug)} distinct author slugs")

    cards, heldout, seen_ids = [], [], set()
    clashes = 0
    for slug in sorted(by_slug):
        idxs = by_slug[slug]
        if len(idxs) < min_papers:
            continue
        card_id = ("ml-" + slug)[:100]
        if card_id in seen_ids:
            clashes += 1
            continue
        seen_ids.add(card_id)
        order = sorted(idxs, key=lambda i: (str(papers[i].get("year", "")), clean(papers[i].get("title"), 500), i))
        random.Random(f"{seed}:{slug}").shuffle(order)
        half = math.ceil(len(order) / 2)
        shown, held = order[:half], order[half:]
        pubs = [publication(papers[i], venue_name) for i in shown]
        pubs.sort(key=lambda pub: (-pub.get("year", 0), pub["title"]))
        name = min(names[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0] if names[slug] else slug[:100]
        card = {"id": card_id, "name": name, "name_en": name}
        keywords = card_keywords(papers[i].get("title") or "" for i in shown)
        if keywords:
            card["keywords"] = keywords
        card["publications"] = pubs[:MAX_PUBLICATIONS]
        card["status"] = "published"
        cards.append(card)
        heldout.append(held)
    if clashes:
        log(f"  warning: {clashes} authors skipped because their truncated id clashed")
    return cards, heldout


# ----------------------------------------------------------------------------- queries


def tokenize_corpus(papers):
    vocab = defaultdict()
    vocab.default_factory = vocab.__len__
    docs = []
    for i, p in enumerate(papers):
        text = f"{p.get('title') or ''} | {p.get('abstract') or ''}"
        docs.append(array("i", map(vocab.__getitem__, tokens(text))))
        if (i + 1) % 50000 == 0:
            log(f"  tokenized {i + 1}/{len(papers)} papers")
    words = [None] * len(vocab)
    for w, i in vocab.items():
        words[i] = w
    return docs, words


def candidate_phrases(docs, words):
    """Bigrams and trigrams with MIN_DF <= document frequency <= MAX_DF, as
    {key: (df, token ids)}. Trigrams are only counted when both their bigrams are frequent."""
    V = len(words)
    word_ok = [is_word(w) for w in words]
    content = [ok and w not in STOPWORDS for ok, w in zip(word_ok, words)]
    middle = bytearray(c or w in MIDDLE_WORDS for c, w in zip(content, words))

    df1 = Counter()
    for t in docs:
        df1.update(set(t))
    ok = bytearray(word_ok[i] and df1[i] >= MIN_DF for i in range(V))
    log(f"  {sum(ok)} frequent words (df >= {MIN_DF}) of {V} distinct tokens")

    df2 = Counter()
    for t in docs:
        df2.update({a * V + b for a, b in zip(t, t[1:]) if ok[a] and ok[b]})
    frequent2 = {k for k, c in df2.items() if c >= MIN_DF}
    log(f"  {len(df2)} distinct bigrams, {len(frequent2)} with df >= {MIN_DF}")

    df3 = Counter()
    for t in docs:
        df3.update({
            ((a + 1) * V + b) * V + c  # trigram keys are >= V * V, above every bigram key
            for a, b, c in zip(t, t[1:], t[2:])
            if content[a] and content[c] and ok[b] and middle[b]
            and a * V + b in frequent2 and b * V + c in frequent2
        })
    log(f"  {len(df3)} distinct candidate trigrams")

    cands = {}
    for k in frequent2:
        c = df2[k]
        a, b = divmod(k, V)
        if c <= MAX_DF and content[a] and content[b] and f"{words[a]} {words[b]}" not in BLOCKED_PHRASES:
            cands[k] = (c, (a, b))
    del df2
    for k, c in df3.items():
        if MIN_DF <= c <= MAX_DF:
            ab, cc = divmod(k, V)
            a1, b = divmod(ab, V)
            ids = (a1 - 1, b, cc)
            if " ".join(words[i] for i in ids) not in BLOCKED_PHRASES:
                cands[k] = (c, ids)
    del df3
    log(f"  {len(cands)} phrases with {MIN_DF} <= df <= {MAX_DF}")

    # A phrase that holds another has a subset of its documents, so the two have identical
    # document sets exactly when their frequencies are equal. Keep the longer phrase then.
    dropped = set()
    for k, (c, ids) in cands.items():
        if len(ids) == 3:
            a, b, cc = ids
            for sub in (a * V + b, b * V + cc):
                if sub in cands and cands[sub][0] == c:
                    dropped.add(sub)
    for k in dropped:
        del cands[k]
    log(f"  {len(dropped)} bigrams dropped as same-documents parts of trigrams; {len(cands)} left")

    # Fragments: count, per phrase, the papers where a given content word (plural s
    # folded) stands right before it or right after it.
    folded = {}
    fold = [folded.setdefault(w[:-1] if len(w) > 3 and w.endswith("s") else w, len(folded)) if c else -1
            for w, c in zip(words, content)]
    cand2 = {k for k, (c, ids) in cands.items() if len(ids) == 2}
    cand3 = set(cands) - cand2
    neighbours = Counter()
    for t in docs:
        n = len(t)
        seen = set()
        for size, hits in (
            (2, [(i, k) for i, k in enumerate(a * V + b for a, b in zip(t, t[1:])) if k in cand2]),
            (3, [(i, k) for i, k in enumerate(((a + 1) * V + b) * V + c for a, b, c in zip(t, t[1:], t[2:])) if k in cand3]),
        ):
            for i, k in hits:
                if i > 0 and fold[t[i - 1]] >= 0:
                    seen.add((k, -1 - fold[t[i - 1]]))
                if i + size < n and fold[t[i + size]] >= 0:
                    seen.add((k, fold[t[i + size]]))
        neighbours.update(seen)
    top = Counter()
    for (k, _), c in neighbours.items():
        if c > top[k]:
            top[k] = c
    fragments = [k for k, (c, _) in cands.items() if top[k] >= FRAGMENT_SHARE * c]
    for k in fragments:
        del cands[k]
    log(f"  {len(fragments)} phrases dropped as fragments of longer phrases; {len(cands)} left")
    return cands


def postings(docs, V, keys):
    """Document indexes of each phrase key in `keys`."""
    bigram_keys = {k for k in keys if k < V * V}
    trigram_keys = keys - bigram_keys
    post = {k: array("i") for k in keys}
    for d, t in enumerate(docs):
        found = {a * V + b for a, b in zip(t, t[1:])} & bigram_keys
        found |= {((a + 1) * V + b) * V + c for a, b, c in zip(t, t[1:], t[2:])} & trigram_keys
        for k in found:
            post[k].append(d)
    return post


def judge(doc_list, heldout_of, card_ids):
    counts = Counter()
    for d in doc_list:
        for c in heldout_of.get(d, ()):
            counts[c] += 1
    return {card_ids[c]: (2 if n >= 2 else 1) for c, n in counts.items()}


def pick_queries(cands, docs, words, heldout_of, card_ids, n_queries, rng):
    """Stratified by log document frequency: the candidates of each bin are drawn in seeded
    random order and a draw is kept when it has >= MIN_RELEVANT relevant authors. Each bin
    gets an equal quota; a bin that runs out passes its shortfall on to the others."""
    V = len(words)
    lo, hi = math.log(MIN_DF), math.log(MAX_DF)
    bins = [[] for _ in range(BINS)]
    for k, (c, ids) in cands.items():
        b = min(BINS - 1, int((math.log(c) - lo) / (hi - lo) * BINS))
        bins[b].append((" ".join(words[i] for i in ids), k))
    for b in bins:
        b.sort()
        rng.shuffle(b)
    edges = [round(math.exp(lo + (hi - lo) * i / BINS)) for i in range(BINS + 1)]
    log("  candidates per document-frequency bin: " + ", ".join(
        f"{edges[i]}-{edges[i + 1]}: {len(b)}" for i, b in enumerate(bins)))

    quota = [n_queries // BINS + (1 if i < n_queries % BINS else 0) for i in range(BINS)]
    kept = [[] for _ in range(BINS)]
    cursor = [0] * BINS
    drawn = 0
    while True:
        # Draw (in order) until every bin meets its quota or runs out. Each round judges a
        # generous chunk per bin, so the corpus is scanned once or twice; the outcome does
        # not depend on the chunk size because draws are always taken in bin order.
        short = [i for i in range(BINS) if len(kept[i]) < quota[i] and cursor[i] < len(bins[i])]
        if short:
            chunks = {i: bins[i][cursor[i]:cursor[i] + 4 * (quota[i] - len(kept[i])) + 200] for i in short}
            post = postings(docs, V, {k for chunk in chunks.values() for _, k in chunk})
            for i, chunk in chunks.items():
                for phrase, k in chunk:
                    if len(kept[i]) >= quota[i]:
                        break
                    cursor[i] += 1
                    drawn += 1
                    relevant = judge(post[k], heldout_of, card_ids)
                    if len(relevant) >= MIN_RELEVANT:
                        kept[i].append((phrase, relevant, cands[k][0]))
            log(f"  drew {drawn} candidates, {sum(map(len, kept))} queries kept")
            continue
        # Every bin is full or exhausted: move the shortfall of exhausted bins elsewhere.
        deficit = sum(quota[i] - len(kept[i]) for i in range(BINS))
        open_bins = [i for i in range(BINS) if cursor[i] < len(bins[i])]
        if deficit == 0 or not open_bins:
            break
        for i in range(BINS):
            quota[i] = min(quota[i], len(kept[i]))
        for j in range(deficit):
            quota[open_bins[j % len(open_bins)]] += 1
    log("  queries per bin: " + ", ".join(map(str, map(len, kept))))
    return [q for b in kept for q in b]


# ----------------------------------------------------------------------------- output


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    return os.path.getsize(path)


def qrel_rows(queries):
    rows = []
    for phrase, relevant in sorted(queries):
        ordered = dict(sorted(relevant.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append({"query": phrase, "relevant": ordered})
    return rows


def make_sample(cards, queries, n, seed):
    """N random queries; up to SAMPLE_MAX_CARDS/2 of their relevant authors (taken in turn
    from each query's shuffled list) plus as many other random cards; judgments restricted
    to the sample cards, queries with < MIN_RELEVANT_SAMPLE relevant left out."""
    rng = random.Random(f"{seed}:sample")
    chosen = rng.sample(sorted(queries), min(n, len(queries)))
    lists = []
    for _, relevant in chosen:
        ids = sorted(relevant)
        rng.shuffle(ids)
        lists.append(ids)
    limit = SAMPLE_MAX_CARDS // 2
    keep = set()
    depth = 0
    while len(keep) < limit and any(depth < len(ids) for ids in lists):
        for ids in lists:
            if depth < len(ids) and len(keep) < limit:
                keep.add(ids[depth])
        depth += 1
    others = sorted(c["id"] for c in cards if c["id"] not in keep)
    keep |= set(rng.sample(others, min(len(others), len(keep), SAMPLE_MAX_CARDS - len(keep))))
    sample_cards = [
        dict(c, publications=c["publications"][:SAMPLE_MAX_PUBLICATIONS])
        for c in cards if c["id"] in keep
    ]
    sample_queries = []
    for phrase, relevant in chosen:
        relevant = {i: g for i, g in relevant.items() if i in keep}
        if len(relevant) >= MIN_RELEVANT_SAMPLE:
            sample_queries.append((phrase, relevant))
    return sample_cards, sample_queries


def main():
    global MIN_DF, MAX_DF
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, help="git mirror of the ML Anthology")
    ap.add_argument("--out-dir", default="eval/real")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-papers", type=int, default=4)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--min-df", type=int, default=MIN_DF, help="least papers a query phrase occurs in")
    ap.add_argument("--max-df", type=int, default=MAX_DF, help="most papers a query phrase occurs in")
    ap.add_argument("--sample", type=int, default=0, metavar="N",
                    help="also write N queries and their cards to --sample-dir")
    ap.add_argument("--sample-dir", default="eval/real-sample")
    args = ap.parse_args()
    MIN_DF, MAX_DF = args.min_df, args.max_df
    started = time.time()

    log(f"reading {args.source}")
    raw, files, missing = read_papers(args.source)
    papers = dedupe(raw)
    papers.sort(key=lambda p: (str(p.get("venue", "")), str(p.get("year", "")), clean(p.get("title"), 500)))
    log(f"{files} files, {len(raw)} papers, {len(papers)} after dedupe ({time.time() - started:.0f}s)")
    del raw

    log("building cards")
    cards, heldout = build_cards(papers, args.seed, args.min_papers)
    card_ids = [c["id"] for c in cards]
    heldout_of = defaultdict(list)
    for c, held in enumerate(heldout):
        for d in held:
            heldout_of[d].append(c)
    log(f"{len(cards)} authors carded (>= {args.min_papers} papers) ({time.time() - started:.0f}s)")

    log("counting phrases")
    docs, words = tokenize_corpus(papers)
    cands = candidate_phrases(docs, words)
    log(f"phrases counted ({time.time() - started:.0f}s)")

    log("picking queries")
    picked = pick_queries(cands, docs, words, heldout_of, card_ids, args.queries, random.Random(args.seed))
    queries = [(phrase, relevant) for phrase, relevant, _ in picked]
    del docs, cands

    cards_path = os.path.join(args.out_dir, "cards.jsonl")
    qrels_path = os.path.join(args.out_dir, "qrels.jsonl")
    size_cards = write_jsonl(cards_path, cards)
    size_qrels = write_jsonl(qrels_path, qrel_rows(queries))
    log(f"wrote {len(cards)} cards to {cards_path} ({size_cards / 1e6:.1f} MB), "
        f"{len(queries)} queries to {qrels_path} ({size_qrels / 1e3:.0f} kB)")

    if args.sample:
        s_cards, s_queries = make_sample(cards, queries, args.sample, args.seed)
        s_cards_path = os.path.join(args.sample_dir, "cards.jsonl")
        s_qrels_path = os.path.join(args.sample_dir, "qrels.jsonl")
        s1 = write_jsonl(s_cards_path, s_cards)
        s2 = write_jsonl(s_qrels_path, qrel_rows(s_queries))
        log(f"wrote sample: {len(s_cards)} cards to {s_cards_path} ({s1 / 1e6:.2f} MB), "
            f"{len(s_queries)} queries to {s_qrels_path} ({s2 / 1e3:.0f} kB)")

    pubs = [len(c["publications"]) for c in cards]
    rel = [len(r) for _, r in queries]
    grades = Counter(g for _, r in queries for g in r.values())
    print("summary:")
    print(f"  source files read      {files}" + (f" ({len(missing)} missing: {', '.join(missing)})" if missing else ""))
    print(f"  papers (deduped)       {len(papers)}")
    print(f"  authors carded         {len(cards)}")
    if pubs:
        print(f"  publications per card  mean {statistics.mean(pubs):.1f}, median {statistics.median(pubs):g}, max {max(pubs)}")
    print(f"  queries                {len(queries)}")
    if rel:
        print(f"  relevant per query     mean {statistics.mean(rel):.1f}, median {statistics.median(rel):g}, "
              f"min {min(rel)}, max {max(rel)} (grade 2: {grades[2]}, grade 1: {grades[1]})")
    print(f"  time                   {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
