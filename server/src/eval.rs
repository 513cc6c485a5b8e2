//! `rcard eval`: search quality on a judged query set, next to three baselines computed
//! over the same cards in the same run: plain BM25 over the card text, a count of each
//! researcher's matching works, and SQLite FTS5.
//!
//! Qrels are JSON Lines: `{"query": "...", "relevant": {"<card id>": grade, ...}}`, where the
//! card id is the `id` of the card file and a grade above 0 means relevant.

use crate::{Config, import, open_directory, progress_bar};
use anyhow::{Context, bail};
use app::model::card::Status;
use app::model::search::{DEFAULT_PER_PAGE, SearchParams};
use app::search::SearchDoc;
use app::service::Directory;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, TantivyDocument, Value};

/// Depth of the ranking that is scored.
const DEPTH: usize = 100;

/// One judged query.
#[derive(Clone, Debug)]
pub struct Qrel {
    pub query: String,
    /// An optional kind of query (`sentence`, `english`, …): scores are also reported per
    /// class.
    pub class: Option<String>,
    pub relevant: HashMap<String, u8>,
}

/// Reads a qrels file, naming the line of any malformed entry.
pub fn read_qrels(path: &Path) -> anyhow::Result<Vec<Qrel>> {
    #[derive(serde::Deserialize)]
    struct Line {
        query: String,
        #[serde(default)]
        class: Option<String>,
        relevant: HashMap<String, u8>,
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line).with_context(|| {
            format!(
                "{} line {}: expected {{\"query\": \"…\", \"relevant\": {{\"<card id>\": grade}}}} with grades 0–255",
                path.display(),
                i + 1
            )
        })?;
        out.push(Qrel {
            query: parsed.query,
            class: parsed.class.filter(|c| !c.trim().is_empty()),
            relevant: parsed.relevant,
        });
    }
    if out.is_empty() {
        bail!("{} holds no judged queries", path.display());
    }
    Ok(out)
}

/// Averages of the three measures over a query set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub ndcg10: f64,
    pub p5: f64,
    pub recall100: f64,
}

/// nDCG@10, P@5 and recall@100 of one ranking (card ids, best first).
pub fn score(ranking: &[String], relevant: &HashMap<String, u8>) -> Scores {
    let gain = |g: u8| 2f64.powi(i32::from(g)) - 1.0;
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = ranking
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| relevant.get(id).map_or(0.0, |g| gain(*g) * discount(i)))
        .sum();
    let mut ideal: Vec<u8> = relevant.values().copied().filter(|g| *g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| gain(*g) * discount(i))
        .sum();
    let is_rel = |id: &String| relevant.get(id).is_some_and(|g| *g > 0);
    let p5 = ranking.iter().take(5).filter(|id| is_rel(id)).count() as f64 / 5.0;
    let found = ranking.iter().take(DEPTH).filter(|id| is_rel(id)).count() as f64;
    Scores {
        ndcg10: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        p5,
        recall100: if ideal.is_empty() {
            0.0
        } else {
            found / ideal.len() as f64
        },
    }
}

fn mean(all: &[Scores]) -> Scores {
    let n = all.len().max(1) as f64;
    Scores {
        ndcg10: all.iter().map(|s| s.ndcg10).sum::<f64>() / n,
        p5: all.iter().map(|s| s.p5).sum::<f64>() / n,
        recall100: all.iter().map(|s| s.recall100).sum::<f64>() / n,
    }
}

/// The baseline: one text field with tantivy's default tokenizer (split on non-alphanumerics,
/// lowercase) and BM25, any query word may match.
struct Baseline {
    index: tantivy::Index,
    text: tantivy::schema::Field,
    id: tantivy::schema::Field,
}

impl Baseline {
    fn new() -> Baseline {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let id = b.add_text_field("id", STRING | STORED);
        Baseline {
            index: tantivy::Index::create_in_ram(b.build()),
            text,
            id,
        }
    }

    fn rank(&self, reader: &tantivy::IndexReader, query: &str) -> anyhow::Result<Vec<String>> {
        let parser = QueryParser::for_index(&self.index, vec![self.text]);
        let (q, _) = parser.parse_query_lenient(query);
        let searcher = reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(DEPTH).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(self.id).and_then(|v| v.as_str()) {
                out.push(id.to_string());
            }
        }
        Ok(out)
    }
}

/// The count-of-matching-works baseline: each publication, project, patent and video is a
/// document (title and keywords, tantivy's default tokenizer); a work matches when it has
/// every query word, and researchers rank by how many of their works match (ties by the
/// summed BM25 of those works).
struct WorkCount {
    index: tantivy::Index,
    text: tantivy::schema::Field,
    owner: tantivy::schema::Field,
    /// Card ids by owner number.
    ids: Vec<String>,
}

impl WorkCount {
    fn new() -> WorkCount {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let owner = b.add_u64_field("owner", tantivy::schema::FAST);
        WorkCount {
            index: tantivy::Index::create_in_ram(b.build()),
            text,
            owner,
            ids: Vec::new(),
        }
    }

    fn rank(&self, reader: &tantivy::IndexReader, query: &str) -> anyhow::Result<Vec<String>> {
        let mut parser = QueryParser::for_index(&self.index, vec![self.text]);
        parser.set_conjunction_by_default();
        let (q, _) = parser.parse_query_lenient(query);
        let searcher = reader.searcher();
        let works = searcher.search(&q, &TopDocs::with_limit(1_000_000).order_by_score())?;
        let mut per_owner: HashMap<u64, (u32, f32)> = HashMap::new();
        let mut columns = HashMap::new();
        for (score, address) in works {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .u64("owner")?,
                ),
            };
            if let Some(owner) = column.first(address.doc_id) {
                let e = per_owner.entry(owner).or_default();
                e.0 += 1;
                e.1 += score;
            }
        }
        let mut ranked: Vec<(u64, (u32, f32))> = per_owner.into_iter().collect();
        ranked.sort_by(|a, b| {
            b.1.0
                .cmp(&a.1.0)
                .then(b.1.1.total_cmp(&a.1.1))
                .then(a.0.cmp(&b.0))
        });
        Ok(ranked
            .into_iter()
            .take(DEPTH)
            .filter_map(|(o, _)| self.ids.get(o as usize).cloned())
            .collect())
    }
}

/// The FTS5 baseline: SQLite FTS5 (`unicode61`) over the same four texts as the plain
/// baseline, BM25 weighted 4 : 3 : 2 : 1 as R-Card weighs them, any query word may match.
struct Fts5 {
    db: sqlx::SqlitePool,
    ids: Vec<String>,
}

impl Fts5 {
    async fn new() -> anyhow::Result<Fts5> {
        let db = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await?;
        sqlx::query(
            "CREATE VIRTUAL TABLE fts USING fts5(name, tags, titles, body, tokenize = 'unicode61')",
        )
        .execute(&db)
        .await
        .context("this SQLite build lacks FTS5")?;
        Ok(Fts5 {
            db,
            ids: Vec::new(),
        })
    }

    async fn rank(&self, query: &str) -> anyhow::Result<Vec<String>> {
        // every word quoted, so FTS5 syntax in a query is taken literally
        let words: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT rowid FROM fts WHERE fts MATCH $1 ORDER BY bm25(fts, 4.0, 3.0, 2.0, 1.0) LIMIT $2",
        )
        .bind(words.join(" OR "))
        .bind(DEPTH as i64)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(r,)| self.ids.get(r as usize).cloned())
            .collect())
    }
}

/// The ranking of each judged query, scored against its judgments. nDCG@10 and P@5 are
/// scored on the first page a company sees (the default page size), recall@100 on a page of
/// 100: how many candidates are ranked by their evidence follows the page asked for, so a
/// 100-deep page alone would score a ranking no company gets.
async fn ask(directory: &app::service::Directory, judged: &[Qrel]) -> anyhow::Result<Vec<Scores>> {
    let bar = progress_bar("querying");
    bar.set_length(judged.len() as u64);
    let mut scores = Vec::new();
    for q in judged {
        let ranking = |per_page: u32| {
            let params = SearchParams {
                q: q.query.clone(),
                page: 1,
                per_page,
                ..Default::default()
            };
            async move {
                let hits = directory.search(params).await?.hits;
                anyhow::Ok(
                    hits.into_iter()
                        .map(|h| h.external_id)
                        .collect::<Vec<String>>(),
                )
            }
        };
        let first = score(&ranking(DEFAULT_PER_PAGE).await?, &q.relevant);
        let deep = score(&ranking(DEPTH as u32).await?, &q.relevant);
        scores.push(Scores {
            recall100: deep.recall100,
            ..first
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(scores)
}

/// Imports `cards` into a temporary data directory and scores R-Card and the baselines on `qrels`.
pub async fn run(
    cards: &Path,
    qrels: &Path,
    out: Option<&Path>,
    verbose: bool,
    dictionary: Option<&Path>,
) -> anyhow::Result<()> {
    let judged = read_qrels(qrels)?;
    let work = tempfile::tempdir().context("cannot create a temporary data directory")?;

    let bar = progress_bar("checking cards");
    let checked = import::check_file(cards, |n| bar.set_position(n))
        .with_context(|| format!("cannot read {}", cards.display()))?;
    bar.finish_and_clear();
    if !checked.errors.is_empty() {
        for e in checked.errors.iter().take(20) {
            eprintln!("error: {e}");
        }
        bail!(
            "{} error(s) in {}; fix them (see `rcard import --dry-run`) and run the evaluation again",
            checked.errors.len(),
            cards.display()
        );
    }
    // each analysis gets a directory of its own; the baseline reads the cards of the first
    let mut analyses: Vec<(&str, Option<&Path>)> = vec![("R-Card", None)];
    if let Some(dir) = dictionary {
        analyses.push(("R-Card, mecab-ko-dic morphemes", Some(dir)));
    }
    let mut systems: Vec<(String, Vec<Scores>)> = Vec::new();
    let mut baseline_scores: Option<[(&str, Vec<Scores>); 3]> = None;
    for (i, (name, dict)) in analyses.into_iter().enumerate() {
        let config = Config {
            data_dir: work.path().join(format!("analysis-{i}")),
            database_url: None,
            index_dir: None,
            demo: false,
            dictionary: dict.map(Path::to_path_buf),
            smtp_url: None,
            mail_from: None,
        };
        let directory = open_directory(&config).await?;
        let bar = progress_bar("importing");
        bar.set_length(checked.cards as u64);
        import::apply_file(&directory, cards, |n| bar.set_position(n)).await?;
        bar.finish_and_clear();
        if i == 0 {
            baseline_scores = Some(baselines(&directory, &judged).await?);
        }
        // related terms are mined after an import in the background; mine them now, so
        // every query runs with them
        directory.mine_neighbours().await?;
        systems.push((name.to_string(), ask(&directory, &judged).await?));
        if i == 0 {
            // the same directory without the mined terms (related terms and the card profiles
            // of topic feedback), to measure what they add
            directory.forget_neighbours();
            systems.push((
                format!("{name} without mined terms (related terms, topic feedback)"),
                ask(&directory, &judged).await?,
            ));
        }
    }
    let Some(baselines) = baseline_scores else {
        bail!("no analysis ran");
    };
    let ours = &systems[0].1;
    let plain = &baselines[0].1;
    let works = &baselines[1].1;
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{:.2}", a / b)
        } else {
            "–".into()
        }
    };
    let mut md = String::new();
    let _ = writeln!(md, "| system | nDCG@10 | P@5 | recall@100 |");
    let _ = writeln!(md, "|---|---:|---:|---:|");
    for (name, scores) in systems
        .iter()
        .map(|(n, s)| (n.as_str(), s))
        .chain(baselines.iter().map(|(n, s)| (*n, s)))
    {
        let m = mean(scores);
        let _ = writeln!(
            md,
            "| {name} | {:.3} | {:.3} | {:.3} |",
            m.ndcg10, m.p5, m.recall100
        );
    }
    let (o, p, w) = (mean(ours), mean(plain), mean(works));
    let _ = writeln!(
        md,
        "\nnDCG@10 ratios: R-Card ÷ plain BM25 = {}, R-Card ÷ count of matching works = {}.",
        ratio(o.ndcg10, p.ndcg10),
        ratio(o.ndcg10, w.ndcg10)
    );
    let _ = writeln!(
        md,
        "\n{} judged queries, {} cards ({}).",
        judged.len(),
        checked.cards,
        cards.display()
    );
    class_table(&mut md, &judged, &systems, &baselines);
    if verbose {
        let _ = writeln!(
            md,
            "\n| query | R-Card nDCG@10 | BM25 nDCG@10 | works nDCG@10 | R-Card recall@100 | BM25 recall@100 |"
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|");
        for (i, q) in judged.iter().enumerate() {
            let (s, b, w) = (ours[i], plain[i], works[i]);
            let _ = writeln!(
                md,
                "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                q.query.replace('|', "\\|"),
                s.ndcg10,
                b.ndcg10,
                w.ndcg10,
                s.recall100,
                b.recall100
            );
        }
    }
    print!("{md}");
    if let Some(path) = out {
        std::fs::write(path, &md).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// nDCG@10 per class of query (in the order classes first appear), for every system and
/// baseline; nothing when the judged queries carry no classes.
fn class_table(
    md: &mut String,
    judged: &[Qrel],
    systems: &[(String, Vec<Scores>)],
    baselines: &[(&'static str, Vec<Scores>)],
) {
    let mut classes: Vec<&str> = Vec::new();
    for c in judged.iter().filter_map(|q| q.class.as_deref()) {
        if !classes.contains(&c) {
            classes.push(c);
        }
    }
    if classes.is_empty() {
        return;
    }
    let _ = write!(md, "\nnDCG@10 by class of query:\n\n| system |");
    for c in &classes {
        let n = judged
            .iter()
            .filter(|q| q.class.as_deref() == Some(c))
            .count();
        let _ = write!(md, " {c} ({n}) |");
    }
    let _ = writeln!(md, "\n|---|{}", "---:|".repeat(classes.len()));
    let rows = systems
        .iter()
        .map(|(n, s)| (n.as_str(), s))
        .chain(baselines.iter().map(|(n, s)| (*n, s)));
    for (name, scores) in rows {
        let _ = write!(md, "| {name} |");
        for c in &classes {
            let of: Vec<Scores> = judged
                .iter()
                .zip(scores)
                .filter(|(q, _)| q.class.as_deref() == Some(c))
                .map(|(_, s)| *s)
                .collect();
            // `+ 0.0` turns a mean of negative zeros into 0.000
            let _ = write!(md, " {:.3} |", mean(&of).ndcg10 + 0.0);
        }
        let _ = writeln!(md);
    }
}

/// The baselines' scores for every judged query: plain BM25, count of matching works, FTS5.
async fn baselines(
    directory: &Directory,
    judged: &[Qrel],
) -> anyhow::Result<[(&'static str, Vec<Scores>); 3]> {
    let plain = Baseline::new();
    let mut works = WorkCount::new();
    let mut fts = Fts5::new().await?;
    let mut plain_writer: tantivy::IndexWriter = plain.index.writer(64 * 1024 * 1024)?;
    let mut works_writer: tantivy::IndexWriter = works.index.writer(64 * 1024 * 1024)?;
    let mut rows: Vec<[String; 4]> = Vec::new();
    directory
        .for_each_card(|row, record| {
            if record.status != Status::Published {
                return Ok(());
            }
            let d = SearchDoc::from_card(row.card_id, &record, row.updated_at);
            let mut doc = TantivyDocument::default();
            doc.add_text(plain.id, &record.id);
            doc.add_text(
                plain.text,
                [&d.name_text, &d.tags_text, &d.titles_text, &d.body_text]
                    .map(String::as_str)
                    .join("\n"),
            );
            plain_writer
                .add_document(doc)
                .map_err(std::io::Error::other)?;
            let owner = works.ids.len() as u64;
            for item in &d.items {
                let mut doc = TantivyDocument::default();
                doc.add_text(works.text, &item.text);
                doc.add_u64(works.owner, owner);
                works_writer
                    .add_document(doc)
                    .map_err(std::io::Error::other)?;
            }
            works.ids.push(record.id.clone());
            rows.push([d.name_text, d.tags_text, d.titles_text, d.body_text]);
            Ok(())
        })
        .await?;
    plain_writer.commit()?;
    works_writer.commit()?;
    let mut tx = fts.db.begin().await?;
    for (i, [name, tags, titles, body]) in rows.iter().enumerate() {
        sqlx::query(
            "INSERT INTO fts (rowid, name, tags, titles, body) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(i as i64)
        .bind(name)
        .bind(tags)
        .bind(titles)
        .bind(body)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    fts.ids = works.ids.clone();
    let plain_reader = plain.index.reader()?;
    let works_reader = works.index.reader()?;
    let bar = progress_bar("baselines");
    bar.set_length(judged.len() as u64);
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for q in judged {
        a.push(score(&plain.rank(&plain_reader, &q.query)?, &q.relevant));
        b.push(score(&works.rank(&works_reader, &q.query)?, &q.relevant));
        c.push(score(&fts.rank(&q.query).await?, &q.relevant));
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok([
        ("plain BM25 (baseline)", a),
        ("count of matching works", b),
        ("SQLite FTS5", c),
    ])
}

/// Writes the demo cards and their judged queries as JSON Lines.
pub fn write_demo(cards: &Path, qrels: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    for path in [cards, qrels] {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(cards)
            .with_context(|| format!("cannot create {}", cards.display()))?,
    );
    let demo = crate::demo::demo_cards();
    for card in &demo {
        serde_json::to_writer(&mut out, card)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(qrels)
            .with_context(|| format!("cannot create {}", qrels.display()))?,
    );
    let judged = crate::demo::demo_qrels();
    for q in &judged {
        let relevant: serde_json::Map<String, serde_json::Value> = q
            .relevant
            .iter()
            .map(|(id, g)| (id.clone(), (*g).into()))
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"query": q.query, "class": q.class, "relevant": relevant}),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "wrote {} cards to {} and {} judged queries to {}",
        demo.len(),
        cards.display(),
        judged.len(),
        qrels.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(pairs: &[(&str, u8)]) -> HashMap<String, u8> {
        pairs.iter().map(|(k, g)| (k.to_string(), *g)).collect()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scores_are_also_reported_per_class_of_query_when_the_qrels_name_classes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qrels.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"query": "배터리 열폭주 방지 기술", "class": "sentence", "relevant": {"a": 2}}"#,
                "\n",
                r#"{"query": "BMS", "class": "acronym", "relevant": {"b": 1}}"#,
                "\n",
                r#"{"query": "디지털트윈", "relevant": {"c": 1}}"#,
                "\n",
            ),
        )
        .unwrap();
        let judged = read_qrels(&path).unwrap();
        let classes: Vec<Option<&str>> = judged.iter().map(|q| q.class.as_deref()).collect();
        assert_eq!(classes, [Some("sentence"), Some("acronym"), None]);
        let perfect = |i: usize| Scores {
            ndcg10: [1.0, 0.5, 0.0][i],
            ..Default::default()
        };
        let systems = vec![("R-Card".to_string(), (0..3).map(perfect).collect())];
        let baselines = [("plain BM25 (baseline)", vec![Scores::default(); 3])];
        let mut md = String::new();
        class_table(&mut md, &judged, &systems, &baselines);
        assert!(
            md.contains("| system | sentence (1) | acronym (1) |"),
            "{md}"
        );
        assert!(md.contains("| R-Card | 1.000 | 0.500 |"), "{md}");
        assert!(
            md.contains("| plain BM25 (baseline) | 0.000 | 0.000 |"),
            "{md}"
        );
        // without classes there is no table
        let unclassed: Vec<Qrel> = judged.into_iter().filter(|q| q.class.is_none()).collect();
        let mut md = String::new();
        class_table(&mut md, &unclassed, &systems, &baselines);
        assert!(md.is_empty());
    }

    #[test]
    fn a_perfect_ranking_scores_one() {
        let s = score(&ids(&["a", "b"]), &rel(&[("a", 2), ("b", 1)]));
        assert!((s.ndcg10 - 1.0).abs() < 1e-9);
        assert!((s.recall100 - 1.0).abs() < 1e-9);
        assert!((s.p5 - 0.4).abs() < 1e-9);
    }

    #[test]
    fn a_reversed_ranking_scores_less_and_misses_count_against_recall() {
        let s = score(&ids(&["b", "a"]), &rel(&[("a", 2), ("b", 1)]));
        assert!(s.ndcg10 < 1.0 && s.ndcg10 > 0.5, "{s:?}");
        let s = score(&ids(&["x", "a"]), &rel(&[("a", 2), ("b", 1)]));
        assert!((s.recall100 - 0.5).abs() < 1e-9);
        assert_eq!(score(&ids(&["x"]), &rel(&[("a", 2)])).ndcg10, 0.0);
    }
}
