//! `rcard eval`: search quality on a judged query set, next to a plain BM25 baseline
//! computed over the same cards in the same run.
//!
//! Qrels are JSON Lines: `{"query": "...", "relevant": {"<card id>": grade, ...}}`, where the
//! card id is the `id` of the card file and a grade above 0 means relevant.

use crate::{Config, import, open_directory, progress_bar};
use anyhow::{Context, bail};
use app::model::card::Status;
use app::model::search::SearchParams;
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
    pub relevant: HashMap<String, u8>,
}

/// Reads a qrels file, naming the line of any malformed entry.
pub fn read_qrels(path: &Path) -> anyhow::Result<Vec<Qrel>> {
    #[derive(serde::Deserialize)]
    struct Line {
        query: String,
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

/// Imports `cards` into a temporary data directory and scores R-Card and the baseline on `qrels`.
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
    let mut systems: Vec<(&str, Vec<Scores>)> = Vec::new();
    let mut baseline_scores = Vec::new();
    for (i, (name, dict)) in analyses.into_iter().enumerate() {
        let config = Config {
            data_dir: work.path().join(format!("analysis-{i}")),
            database_url: None,
            index_dir: None,
            demo: false,
            dictionary: dict.map(Path::to_path_buf),
        };
        let directory = open_directory(&config).await?;
        let bar = progress_bar("importing");
        bar.set_length(checked.cards as u64);
        import::apply_file(&directory, cards, |n| bar.set_position(n)).await?;
        bar.finish_and_clear();
        if i == 0 {
            baseline_scores = baseline(&directory, &judged).await?;
        }
        let bar = progress_bar("querying");
        bar.set_length(judged.len() as u64);
        let mut scores = Vec::new();
        for q in &judged {
            let params = SearchParams {
                q: q.query.clone(),
                page: 1,
                per_page: DEPTH as u32,
                ..Default::default()
            };
            let ranking: Vec<String> = directory
                .search(params)
                .await?
                .hits
                .into_iter()
                .map(|h| h.external_id)
                .collect();
            scores.push(score(&ranking, &q.relevant));
            bar.inc(1);
        }
        bar.finish_and_clear();
        systems.push((name, scores));
    }
    app::search::analyzer::use_dictionary(None);
    let ours = systems[0].1.clone();
    let base = baseline_scores;
    let rows: Vec<(String, Scores, Scores)> = judged
        .iter()
        .zip(ours.iter().zip(&base))
        .map(|(q, (s, b))| (q.query.clone(), *s, *b))
        .collect();

    let b = mean(&base);
    let mut md = String::new();
    let _ = writeln!(md, "| system | nDCG@10 | P@5 | recall@100 |");
    let _ = writeln!(md, "|---|---:|---:|---:|");
    for (name, scores) in &systems {
        let m = mean(scores);
        let _ = writeln!(
            md,
            "| {name} | {:.3} | {:.3} | {:.3} |",
            m.ndcg10, m.p5, m.recall100
        );
    }
    let _ = writeln!(
        md,
        "| plain BM25 (baseline) | {:.3} | {:.3} | {:.3} |",
        b.ndcg10, b.p5, b.recall100
    );
    let _ = writeln!(
        md,
        "\n{} judged queries, {} cards ({}).",
        judged.len(),
        checked.cards,
        cards.display()
    );
    if verbose {
        let _ = writeln!(
            md,
            "\n| query | R-Card nDCG@10 | baseline nDCG@10 | R-Card recall@100 | baseline recall@100 |"
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---:|");
        for (query, s, b) in &rows {
            let _ = writeln!(
                md,
                "| {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                query.replace('|', "\\|"),
                s.ndcg10,
                b.ndcg10,
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

/// Ranks every judged query with the plain BM25 baseline over the directory's published cards.
async fn baseline(directory: &Directory, judged: &[Qrel]) -> anyhow::Result<Vec<Scores>> {
    let baseline = Baseline::new();
    let mut writer: tantivy::IndexWriter = baseline.index.writer(64 * 1024 * 1024)?;
    directory
        .for_each_card(|row, record| {
            if record.status == Status::Published {
                let d = SearchDoc::from_card(row.card_id, &record, row.updated_at);
                let mut doc = TantivyDocument::default();
                doc.add_text(baseline.id, &record.id);
                doc.add_text(
                    baseline.text,
                    [d.name_text, d.tags_text, d.titles_text, d.body_text].join("\n"),
                );
                writer.add_document(doc).map_err(std::io::Error::other)?;
            }
            Ok(())
        })
        .await?;
    writer.commit()?;
    let reader = baseline.index.reader()?;
    judged
        .iter()
        .map(|q| Ok(score(&baseline.rank(&reader, &q.query)?, &q.relevant)))
        .collect()
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
            &serde_json::json!({"query": q.query, "relevant": relevant}),
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
