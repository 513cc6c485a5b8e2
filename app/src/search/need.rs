//! Need matching: ranking cards against a company's free-text description of its need.

use super::analyzer::QueryWord;
use super::evidence;
use super::index::SearchIndex;
use super::schema::CARD;
use super::snippet;
use super::synonyms::Concept;
use crate::model::search::{Hit, SearchParams};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

/// At most this many terms of a need description are searched for.
const MAX_NEED_TERMS: usize = 32;

/// What [`SearchIndex::match_need`] found.
#[derive(Clone, Debug)]
pub struct NeedMatches {
    /// The words searched for, rarest first, with their synonyms.
    pub words: Vec<QueryWord>,
    /// The text's own terms that were searched for, rarest first.
    pub terms: Vec<String>,
    pub total: u64,
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    /// Ranks published cards against a free-text description: its specific terms are picked
    /// by rarity, any of them may match, and cards covering more of them rank higher.
    pub fn match_need(
        &self,
        text: &str,
        params: &SearchParams,
        exclude: Option<i64>,
    ) -> tantivy::Result<NeedMatches> {
        let searcher = self.reader.searcher();
        let n = searcher
            .doc_freq(&Term::from_field_text(self.fields.kind, CARD))?
            .max(1) as f64;
        let f = self.fields;
        // how many cards hold a word: as many as hold the rarest of its tokens
        let doc_freq = |w: &QueryWord| -> tantivy::Result<u64> {
            let mut rarest = u64::MAX;
            for token in &w.required {
                rarest = rarest.min(searcher.doc_freq(&Term::from_field_text(f.text, token))?);
            }
            Ok(if rarest == u64::MAX { 0 } else { rarest })
        };
        let concepts = self.synonyms().concepts(self.need_words(text));
        let mut scored: Vec<(f64, Concept)> = Vec::new();
        for c in concepts {
            if c.generic() {
                continue;
            }
            // a phrase is as rare as its rarest word; a concept as common as its most common phrasing
            let mut df = 0;
            for way in std::iter::once(&c.words).chain(&c.alternatives) {
                let mut phrase = u64::MAX;
                for w in way {
                    phrase = phrase.min(doc_freq(w)?);
                }
                df = df.max(if phrase == u64::MAX { 0 } else { phrase });
            }
            // absent words cannot help; words most cards share do not tell cards apart
            if df == 0 || (df as f64) > n * 0.5 {
                continue;
            }
            scored.push(((n / df as f64).ln(), c));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(MAX_NEED_TERMS);
        let concepts: Vec<Concept> = scored.into_iter().map(|(_, c)| c).collect();
        // generic words (`시스템` of `배터리 관리 시스템`) would only add noise to the evidence
        let words: Vec<QueryWord> = concepts
            .iter()
            .flat_map(|c| c.own_words().cloned())
            .filter(|w| !w.generic)
            .collect();
        let terms: Vec<String> = concepts
            .iter()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if concepts.is_empty() {
            return Ok(NeedMatches {
                words,
                terms,
                total: 0,
                hits: Vec::new(),
            });
        }
        let mut clauses = self.filter(params);
        clauses.push((
            Occur::Must,
            Box::new(BooleanQuery::new(
                concepts
                    .iter()
                    .map(|c| (Occur::Should, self.concept_query(f.text, c, true, false)))
                    .collect(),
            )),
        ));
        if let Some(id) = exclude {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.card_id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let wanted = params.per_page as usize;
        let mean = evidence::mean_length(&searcher, self.fields.text);
        let window =
            evidence::window_collector(evidence::need_window(wanted), self.fields.text, mean);
        let started = std::time::Instant::now();
        let (matches, total) = searcher.search(&query, &(window, Count))?;
        let cards_done = started.elapsed();
        let window =
            evidence::candidates(&searcher, &self.columns, matches, self.fields.text, mean)?;
        let signals = self.signals(&searcher, &concepts, true, &window)?;
        tracing::debug!(
            concepts = concepts.len(),
            total,
            cards_ms = cards_done.as_secs_f64() * 1e3,
            signals_ms = (started.elapsed() - cards_done).as_secs_f64() * 1e3,
            "need phases"
        );
        let top: Vec<(f32, DocAddress)> = evidence::rank(window, &signals, 0, wanted, None)
            .into_iter()
            .map(|(s, a, _)| (s, a))
            .collect();
        let marker = snippet::Marker::new(&words);
        let hits = self
            .load_hits(&searcher, &top, &marker, &signals)?
            .into_iter()
            .map(|(score, mut hit)| {
                hit.score = score;
                hit
            })
            .collect();
        Ok(NeedMatches {
            words,
            terms,
            total: total as u64,
            hits,
        })
    }
}
