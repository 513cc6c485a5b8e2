//! `rcard bench`: import, indexing and search figures on synthetic cards, next to SQLite
//! FTS5 over the same text and queries in the same run. Prints the report and writes it
//! to a Markdown file.

use crate::{Config, import, open_directory, progress_bar};
use anyhow::Context;
use app::model::search::{SearchParams, Sort};
use app::search::SearchDoc;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Query mix: Korean with particles and compounds, English, acronyms, names, generic words.
const QUERIES: &[&str] = &[
    "반도체",
    "반도체를",
    "웨이퍼 결함 검출",
    "인공지능반도체",
    "인공지능 반도체",
    "딥러닝",
    "HBM",
    "5G 네트워크",
    "BMS",
    "이차전지 열폭주",
    "배터리",
    "디지털트윈",
    "머신비전",
    "LLM 경량화",
    "의료영상 AI",
    "자율주행 센서",
    "스마트팩토리",
    "로봇",
    "보안",
    "semiconductor",
    "defect detection",
    "battery management",
    "digital twin",
    "김민준",
    "Seoyeon Kim",
    "연구",
    "공정 최적화",
    "전력반도체",
    "센서 융합",
    "에너지 관리 시스템",
];

/// Times each query is run per engine.
const REPEAT: usize = 15;

struct Figures {
    http: HttpFigures,
    cards: usize,
    validate: Duration,
    import: Duration,
    reindex: Duration,
    fts_build: Duration,
    tantivy: Latency,
    tantivy_facets: Latency,
    fts: Latency,
    /// FTS5 prefix queries over the same vocabulary as autocomplete.
    fts_suggest: Latency,
    /// FTS5 OR-queries of every word of the same need descriptions.
    fts_match: Latency,
    rss_mb: f64,
    peak_mb: f64,
    db_mb: f64,
    index_mb: f64,
}

struct Latency {
    p50: Duration,
    p99: Duration,
}

fn latency(mut samples: Vec<Duration>) -> Latency {
    samples.sort_unstable();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    Latency {
        p50: at(0.5),
        p99: at(0.99),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

/// Resident and peak memory of this process in MB, from /proc.
fn memory_mb() -> (f64, f64) {
    memory_in(&std::fs::read_to_string("/proc/self/status").unwrap_or_default())
}

fn memory_in(status: &str) -> (f64, f64) {
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn dir_mb(path: &Path) -> f64 {
    fn walk(p: &Path) -> u64 {
        std::fs::read_dir(p)
            .map(|rd| {
                rd.flatten()
                    .map(|e| match e.metadata() {
                        Ok(m) if m.is_dir() => walk(&e.path()),
                        Ok(m) => m.len(),
                        Err(_) => 0,
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(path) as f64 / 1_048_576.0
}

/// An FTS5 MATCH expression requiring every word, as the directory search does.
/// FTS5 baselines for autocomplete (prefix match on the vocabulary, 10 terms) and need
/// matching (any word of the description, top 20 by BM25 plus the count), in process.
async fn fts_suggest_and_match(db: &app::db::DbPool) -> anyhow::Result<(Latency, Latency)> {
    let (mut suggest, mut matching) = (Vec::new(), Vec::new());
    for round in 0..=REPEAT {
        for p in PREFIXES {
            let q = format!("\"{}\"*", p.replace('"', "\"\""));
            let started = Instant::now();
            let _: Vec<(String,)> =
                sqlx::query_as("SELECT term FROM bench_terms WHERE bench_terms MATCH $1 LIMIT 10")
                    .bind(&q)
                    .fetch_all(db)
                    .await?;
            if round > 0 {
                suggest.push(started.elapsed());
            }
        }
        for need in NEEDS {
            let words: Vec<String> = need
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| format!("\"{w}\""))
                .collect();
            let q = words.join(" OR ");
            let started = Instant::now();
            fts_top_and_count(db, &q).await?;
            if round > 0 {
                matching.push(started.elapsed());
            }
        }
    }
    Ok((latency(suggest), latency(matching)))
}

/// The baseline's work for one query: the top 20 by weighted BM25 and the number of matches.
async fn fts_top_and_count(db: &app::db::DbPool, q: &str) -> anyhow::Result<()> {
    let _: Vec<(i64,)> = sqlx::query_as("SELECT rowid FROM bench_fts WHERE bench_fts MATCH $1 ORDER BY bm25(bench_fts, 4.0, 3.0, 2.0, 1.0) LIMIT 20")
        .bind(q)
        .fetch_all(db)
        .await?;
    let _: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM bench_fts WHERE bench_fts MATCH $1")
        .bind(q)
        .fetch_one(db)
        .await?;
    Ok(())
}

fn fts_query(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `n` synthetic cards (seed 42) as JSON Lines, showing progress.
pub fn write_synthetic(file: &Path, n: usize) -> anyhow::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let bar = progress_bar("generating cards");
    bar.set_length(n as u64);
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?,
    );
    for (i, card) in crate::demo::synthetic_cards(n, 42).enumerate() {
        serde_json::to_writer(&mut out, &card)?;
        out.write_all(b"\n")?;
        bar.set_position(i as u64 + 1);
    }
    out.flush()?;
    bar.finish_and_clear();
    Ok(())
}

async fn measure(n: usize, work: &Path, keep: bool) -> anyhow::Result<Figures> {
    let dir = work.join(format!("n{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("cards.jsonl");
    write_synthetic(&file, n)?;

    let config = Config {
        data_dir: dir.join("data"),
        database_url: None,
        index_dir: None,
        demo: false,
        dictionary: Config::from_env().dictionary,
        smtp_url: None,
        mail_from: None,
    };
    let directory = open_directory(&config).await?;

    let bar = progress_bar("validating");
    bar.set_length(n as u64);
    let started = Instant::now();
    let checked = import::check_file(&file, |i| bar.set_position(i))?;
    let validate = started.elapsed();
    bar.finish_and_clear();
    anyhow::ensure!(
        checked.errors.is_empty(),
        "synthetic cards failed validation: {}",
        checked.errors[0]
    );

    let bar = progress_bar("importing");
    bar.set_length(n as u64);
    let started = Instant::now();
    import::apply_file(&directory, &file, |i| bar.set_position(i)).await?;
    let import_time = started.elapsed();
    bar.finish_and_clear();

    let bar = progress_bar("reindexing");
    let started = Instant::now();
    directory
        .reindex_all(|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    let reindex = started.elapsed();
    bar.finish_and_clear();
    // the database as a user would have it: before the baseline's tables, write-ahead log folded in
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(directory.db())
        .await?;
    let db_mb = dir_mb(&config.data_dir) - dir_mb(&config.index_dir());

    // the baseline: FTS5 over the same four weighted texts
    let db = directory.db();
    let started = Instant::now();
    sqlx::query("CREATE VIRTUAL TABLE bench_fts USING fts5(name, tags, titles, body, tokenize = 'unicode61')")
        .execute(db)
        .await
        .context("this SQLite build lacks FTS5")?;
    let mut tx = db.begin().await?;
    let mut after = 0;
    loop {
        let rows = app::db::cards_after(db, after, 1000).await?;
        let Some(last) = rows.last() else { break };
        after = last.card_id;
        for row in &rows {
            let doc = SearchDoc::from_card(row.card_id, &row.to_record()?, row.updated_at);
            sqlx::query("INSERT INTO bench_fts (rowid, name, tags, titles, body) VALUES ($1, $2, $3, $4, $5)")
                .bind(row.card_id)
                .bind(&doc.name_text)
                .bind(&doc.tags_text)
                .bind(&doc.titles_text)
                .bind(&doc.body_text)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    let fts_build = started.elapsed();
    // the autocomplete baseline: the same vocabulary (keywords, fields, names) with FTS5 prefixes
    sqlx::query("CREATE VIRTUAL TABLE bench_terms USING fts5(term, tokenize = 'unicode61', prefix = '1 2 3')")
        .execute(db)
        .await?;
    let mut terms: std::collections::HashSet<String> = std::collections::HashSet::new();
    directory
        .for_each_card(|_, card| {
            terms.extend(card.keywords);
            terms.extend(card.fields);
            terms.insert(card.name);
            if !card.name_en.is_empty() {
                terms.insert(card.name_en);
            }
            Ok(())
        })
        .await?;
    let mut tx = db.begin().await?;
    for term in &terms {
        sqlx::query("INSERT INTO bench_terms (term) VALUES ($1)")
            .bind(term)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;

    let bar = progress_bar("querying");
    bar.set_length((QUERIES.len() * REPEAT * 3) as u64);
    let mut tantivy = Vec::new();
    let mut tantivy_facets = Vec::new();
    let mut fts = Vec::new();
    for round in 0..=REPEAT {
        for q in QUERIES {
            let params = SearchParams {
                q: q.to_string(),
                page: 1,
                per_page: 20,
                sort: Sort::Relevance,
                ..Default::default()
            };
            let started = Instant::now();
            directory.search(params.clone()).await?;
            let plain = started.elapsed();

            let filtered = SearchParams {
                site: vec!["성남".into()],
                field: vec!["인공지능".into(), "시스템반도체".into()],
                ..params
            };
            let started = Instant::now();
            directory.search(filtered).await?;
            let with_facets = started.elapsed();

            let m = fts_query(q);
            let started = Instant::now();
            fts_top_and_count(db, &m).await?;
            let baseline = started.elapsed();
            if round > 0 {
                // round 0 warms caches
                tantivy.push(plain);
                tantivy_facets.push(with_facets);
                fts.push(baseline);
                bar.inc(3);
            }
        }
    }
    bar.finish_and_clear();
    let (fts_suggest, fts_match) = fts_suggest_and_match(db).await?;
    let (rss_mb, peak_mb) = memory_mb();
    // the server needs the index this process holds
    drop(directory);
    let http = http_latency(&config.data_dir).await?;
    let figures = Figures {
        http,
        cards: n,
        validate,
        import: import_time,
        reindex,
        fts_build,
        tantivy: latency(tantivy),
        tantivy_facets: latency(tantivy_facets),
        fts: latency(fts),
        fts_suggest,
        fts_match,
        rss_mb,
        peak_mb,
        db_mb,
        index_mb: dir_mb(&config.index_dir()),
    };
    if keep {
        eprintln!(
            "kept the data directory of {n} cards: {}",
            config.data_dir.display()
        );
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(figures)
}

/// Client-side latencies over HTTP on loopback against a real `rcard serve` process, and
/// that server's memory.
struct HttpFigures {
    search: Latency,
    suggest: Latency,
    matching: Latency,
    server_rss_mb: f64,
    server_peak_mb: f64,
}

/// A child process killed when dropped.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Resident set and its peak (VmHWM) of a process, in MB.
fn memory_of(pid: u32) -> (f64, f64) {
    memory_in(&std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default())
}

/// Prefixes typed into the search box, as a user types them (including jamo and typos).
const PREFIXES: &[&str] = &[
    "반",
    "반도",
    "반돛",
    "ㅂㄷㅊ",
    "qksehcp",
    "배터",
    "이차",
    "디지",
    "딥러",
    "se",
    "digi",
    "LL",
    "로봇",
    "센서",
    "김",
    "반도채",
];

/// Need descriptions of a few sentences.
const NEEDS: &[&str] = &[
    "반도체 후공정 라인에서 웨이퍼 표면 결함을 카메라 영상으로 자동 검출하고 싶습니다. 딥러닝 기반 검사 장비를 함께 개발할 연구자를 찾습니다.",
    "전기차 배터리 팩의 열폭주를 조기에 감지하는 BMS 알고리즘과 시험 평가가 필요합니다.",
    "We need help deploying a small language model on edge devices in our factory, with on-device inference and quantization.",
    "스마트팩토리 설비의 예지보전을 위해 진동 센서 데이터를 분석하고 디지털트윈으로 시뮬레이션하고 싶습니다.",
    "의료영상 AI로 흉부 X-ray 판독을 보조하는 소프트웨어의 인허가용 임상 검증을 함께 할 연구자를 찾습니다.",
];

/// Writes the compressed copies of the site's files that `rcard serve` would otherwise write
/// at start-up, in the background, while the timed requests run. A node does that once per
/// build (the copies stay beside the files), but for the 3 MB desk-pages WASM it is seconds
/// of a core and a few hundred MB of brotli's working memory: measured inside the requests,
/// it doubled the search p99 and added 100–170 MB to the server's resident set.
fn compress_site_files() -> anyhow::Result<()> {
    let options = crate::leptos_options();
    let site = PathBuf::from(options.site_root.as_ref());
    let dirs = [
        site.join(options.site_pkg_dir.as_ref()),
        crate::public_script_dir(&site),
    ];
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let started = Instant::now();
        let n = crate::assets::precompress(dir)
            .with_context(|| format!("cannot write compressed copies in {}", dir.display()))?;
        if n > 0 {
            eprintln!(
                "compressed {n} site files in {} once, as a server does at its first start ({:.1} s)",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

async fn http_latency(data_dir: &Path) -> anyhow::Result<HttpFigures> {
    compress_site_files()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Child(
        std::process::Command::new(std::env::current_exe()?)
            .arg("--data-dir")
            .arg(data_dir)
            .arg("serve")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RCARD_DEMO", "0")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("cannot start `rcard serve` for the HTTP figures")?,
    );
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        if client
            .get(format!("{base}/api/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(300),
            "`rcard serve` did not answer on {base} within 5 minutes"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let bar = progress_bar("HTTP round trips");
    bar.set_length(((QUERIES.len() + PREFIXES.len() + NEEDS.len()) * REPEAT) as u64);
    let (mut search, mut suggest, mut matching) = (Vec::new(), Vec::new(), Vec::new());
    let encode = app::model::search::encode_component;
    for round in 0..=REPEAT {
        for q in QUERIES {
            let started = Instant::now();
            let r = client
                .get(format!("{base}/api/search?q={}", encode(q)))
                .send()
                .await?;
            anyhow::ensure!(
                r.status().is_success(),
                "search `{q}` answered {}",
                r.status()
            );
            r.bytes().await?;
            if round > 0 {
                search.push(started.elapsed());
                bar.inc(1);
            }
        }
        for p in PREFIXES {
            let started = Instant::now();
            let r = client
                .get(format!("{base}/api/suggest?q={}", encode(p)))
                .send()
                .await?;
            anyhow::ensure!(
                r.status().is_success(),
                "suggest `{p}` answered {}",
                r.status()
            );
            r.bytes().await?;
            if round > 0 {
                suggest.push(started.elapsed());
                bar.inc(1);
            }
        }
        for need in NEEDS {
            let started = Instant::now();
            let r = client
                .post(format!("{base}/api/match"))
                .json(&serde_json::json!({"text": need}))
                .send()
                .await?;
            anyhow::ensure!(r.status().is_success(), "match answered {}", r.status());
            r.bytes().await?;
            if round > 0 {
                matching.push(started.elapsed());
                bar.inc(1);
            }
        }
    }
    bar.finish_and_clear();
    let (server_rss_mb, server_peak_mb) = memory_of(server.0.id());
    drop(server);
    Ok(HttpFigures {
        search: latency(search),
        suggest: latency(suggest),
        matching: latency(matching),
        server_rss_mb,
        server_peak_mb,
    })
}

fn wasm_size(dir: &Path) -> Option<(u64, u64)> {
    // the newest: with hashed names, an earlier build's file may still be there
    let wasm = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())?;
    let bytes = std::fs::read(wasm).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).ok()?;
    let gzipped = gz.finish().ok()?;
    Some((bytes.len() as u64, gzipped.len() as u64))
}

/// Runs the benchmark for each card count, prints the report and writes it to `out`. With
/// `keep`, the generated data directories are left in place.
pub async fn run(counts: &[usize], out: &Path, keep: bool) -> anyhow::Result<()> {
    anyhow::ensure!(
        !counts.is_empty(),
        "give at least one card count, e.g. --cards 10000"
    );
    let work: PathBuf = std::env::temp_dir().join(format!("rcard-bench-{}", std::process::id()));
    let mut rows = Vec::new();
    for &n in counts {
        eprintln!("benchmarking {n} cards…");
        rows.push(measure(n, &work, keep).await?);
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&work);
    }

    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Produced by `rcard bench --cards {}` (release build) on {} cores. Synthetic cards from the demo generator (seed 42); \
         {} queries (Korean with particles and compounds, English, acronyms, names), each run {REPEAT} times after one warm-up round. \
         The baseline is SQLite FTS5 (`unicode61`, BM25 with the same field weights) over the same text in the same database, \
         queried for the top 20 plus the total count, in the same run. Ratios are R-Card ÷ FTS5: below 1 is faster.\n",
        counts
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(","),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        QUERIES.len()
    );
    let _ = writeln!(
        md,
        "| cards | validate (s) | import + index (s) | reindex (s) | FTS5 build (s) | search p50 / p99 (ms) | with facet filters p50 / p99 (ms) | FTS5 p50 / p99 (ms) | p50 ratio | p99 ratio | RSS / peak (MB) | DB / index on disk (MB) |"
    );
    let _ = writeln!(
        md,
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for f in &rows {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} | {:.2} | {:.2} | {:.0} / {:.0} | {:.1} / {:.1} |",
            f.cards,
            secs(f.validate),
            secs(f.import),
            secs(f.reindex),
            secs(f.fts_build),
            ms(f.tantivy.p50),
            ms(f.tantivy.p99),
            ms(f.tantivy_facets.p50),
            ms(f.tantivy_facets.p99),
            ms(f.fts.p50),
            ms(f.fts.p99),
            ratio(f.tantivy.p50, f.fts.p50),
            ratio(f.tantivy.p99, f.fts.p99),
            f.rss_mb,
            f.peak_mb,
            f.db_mb,
            f.index_mb,
        );
    }
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Over HTTP on loopback against a real `rcard serve` process (JSON API), p50 / p99 in ms, measured by a client with keep-alive. \
         The FTS5 columns are the same queries in the same run, called in process (no HTTP, which favours FTS5): \
         search as above; autocomplete as a prefix query over the same vocabulary (it cannot read jamo, initial consonants \
         or English-layout typing); need matching as any word of the description, top 20 by BM25 plus the count:\n"
    );
    let _ = writeln!(
        md,
        "| cards | `GET /api/search` | FTS5 search | `GET /api/suggest` | FTS5 prefix | `POST /api/match` | FTS5 any-word | server RSS / peak (MB) |"
    );
    let _ = writeln!(md, "|---:|---:|---:|---:|---:|---:|---:|---:|");
    for f in &rows {
        let _ = writeln!(
            md,
            "| {} | {} / {} | {} / {} | {} / {} | {} / {} | {} / {} | {} / {} | {:.0} / {:.0} |",
            f.cards,
            ms(f.http.search.p50),
            ms(f.http.search.p99),
            ms(f.fts.p50),
            ms(f.fts.p99),
            ms(f.http.suggest.p50),
            ms(f.http.suggest.p99),
            ms(f.fts_suggest.p50),
            ms(f.fts_suggest.p99),
            ms(f.http.matching.p50),
            ms(f.http.matching.p99),
            ms(f.fts_match.p50),
            ms(f.fts_match.p99),
            f.http.server_rss_mb,
            f.http.server_peak_mb,
        );
    }
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "R-Card's search does more per query than the baseline: facet counts for five dimensions, snippets with highlighting, \
         and particle-aware bigram matching (FTS5 `unicode61` finds `반도체` but not `반도체를`). \
         The first table's memory is the benchmark process's resident set and its peak (VmHWM), which include \
         generating, validating and importing the cards. The database's size is taken after the import and reindex, \
         with its write-ahead log checkpointed and before the baseline's FTS5 tables are added. The HTTP figures come from a separate `rcard serve` process \
         started on the same data directory once the site files' compressed copies are written (as a node writes them \
         once per build) and timed from when it reports ready, with its own resident set and peak after the requests; \
         the index files are memory-mapped, so the pages of them a process reads count in its resident set.\n"
    );
    let site = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let public = std::env::var("RCARD_ENHANCE_DIR").unwrap_or_else(|_| {
        Path::new(&site)
            .with_file_name("enhance")
            .display()
            .to_string()
    });
    let _ = writeln!(
        md,
        "\nWASM per page (what a browser downloads; see app/src/bundles.rs):\n\n\
         | pages | bundle | raw (bytes) | gzip -9 (bytes) |\n|---|---|---:|---:|"
    );
    for (pages, dir, build) in [
        (
            "public: `/`, `/cards/{slug}`, `/match`, not found (and `/en/…`)",
            public,
            "scripts/build-enhance.sh --release",
        ),
        (
            "desk: sign-in, editor, staff, inbox, inquiries, shortlist",
            format!("{site}/pkg"),
            "cargo leptos build --release",
        ),
    ] {
        match wasm_size(Path::new(&dir)) {
            Some((raw, gz)) => {
                let _ = writeln!(md, "| {pages} | `{dir}` | {raw} | {gz} |");
            }
            None => {
                let _ = writeln!(md, "| {pages} | `{dir}` | not built: run `{build}` | |");
            }
        }
    }
    print!("{md}");
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // the sections written by hand below the generated part (from the first `## `) stay
    let kept = std::fs::read_to_string(out).unwrap_or_default();
    let later = later_sections(&kept);
    let gap = if later.is_empty() || md.ends_with("\n\n") {
        ""
    } else {
        "\n"
    };
    let report = format!("{md}{gap}{later}");
    std::fs::write(out, report).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The part of an earlier report that the benchmark did not write: its sections from the
/// first `## ` heading on, each a dated measurement added by hand. Empty if there is none.
fn later_sections(report: &str) -> &str {
    if report.starts_with("## ") {
        return report;
    }
    report.find("\n## ").map_or("", |at| &report[at + 1..])
}

#[cfg(test)]
mod tests {
    use super::later_sections;

    #[test]
    fn a_new_report_keeps_the_sections_added_by_hand() {
        let old = "# Benchmarks\n\n| cards |\n|---|\n| 10 |\n\n## A run, 2026-12-04\n\nText.\n\n## Another\n";
        assert_eq!(
            later_sections(old),
            "## A run, 2026-12-04\n\nText.\n\n## Another\n"
        );
        assert_eq!(later_sections("# Benchmarks\n\n| cards |\n"), "");
        assert_eq!(later_sections(""), "");
        // a `##` inside a line is not a heading
        assert_eq!(later_sections("# B\nsee ## here\n"), "");
    }
}
