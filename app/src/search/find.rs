//! The directory search: strict first, then partial matches, with facets and snippets.

use super::analyzer::{self, QueryWord};
use super::evidence::{self, CardEvidence, Signals};
use super::facets::{FacetCounter, FacetTally, OtherValuesCounter};
use super::index::SearchIndex;
use super::query::{FILL_BELOW, Mode, STRICT_BONUS};
use super::snippet;
use crate::model::search::{FACET_KEYS, Facets, Hit, SearchParams, SearchResults, Sort};
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Field, TantivyDocument, Value};
use tantivy::{DocAddress, Order, Searcher};

impl SearchIndex {
    /// Runs a directory search over published cards.
    pub fn search(&self, params: &SearchParams) -> tantivy::Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let mean = evidence::mean_length(&searcher, self.fields.text);
        let (q, excluded) = analyzer::split_exclusions(&params.q);
        let excluded = self.query_words(&excluded.join(" "));
        let mut concepts = self.synonyms().concepts(self.query_words(&q));
        let neighbours = self.neighbours();
        neighbours.expand(&mut concepts);
        let related = neighbours.related(&q, &concepts);
        let words: Vec<QueryWord> = concepts
            .iter()
            .flat_map(|c| c.own_words().cloned())
            .collect();
        let related_words: Vec<QueryWord> = concepts
            .iter()
            .flat_map(|c| c.related.iter().flatten().cloned())
            .collect();
        let offset = ((params.page.max(1) - 1) * params.per_page) as usize;
        let limit = params.per_page as usize;

        let unselected: Vec<&str> = FACET_KEYS
            .into_iter()
            .filter(|k| params.selected(k).is_empty())
            .collect();
        let sort = if concepts.is_empty() && params.sort == Sort::Relevance {
            Sort::Name
        } else {
            params.sort
        };
        let run = |mode: Mode| -> tantivy::Result<Collected> {
            let query = self.full_query(&concepts, &excluded, mode, params);
            let own_facets = FacetCounter {
                cache: &self.facets,
            };
            let top = TopDocs::with_limit(limit).and_offset(offset);
            Ok(match sort {
                Sort::Relevance => {
                    // the best text matches, ranked by their evidence once the mode is settled
                    let window = evidence::window_collector(
                        evidence::window(offset + limit),
                        self.fields.text,
                        mean,
                    );
                    let (matches, total, facets) =
                        searcher.search(&query, &(window, Count, own_facets))?;
                    (Found::Unranked(matches), total, facets)
                }
                Sort::Updated => {
                    let (docs, total, facets) = searcher.search(
                        &query,
                        &(
                            top.order_by_fast_field::<i64>("updated", Order::Desc),
                            Count,
                            own_facets,
                        ),
                    )?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (Found::Ranked(docs), total, facets)
                }
                Sort::Name => {
                    let (docs, total, facets) = searcher.search(
                        &query,
                        &(
                            top.order_by_string_fast_field("name_sort", Order::Asc),
                            Count,
                            own_facets,
                        ),
                    )?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (Found::Ranked(docs), total, facets)
                }
            })
        };

        // the strict search first: usually enough cards have every word, and one pass suffices
        let mut mode = Mode::Strict;
        let mut collected = run(mode)?;
        let compound = concepts
            .iter()
            .flat_map(|c| &c.words)
            .any(|w| w.required.len() >= 4);
        let strict = collected.1;
        if strict == 0 && !concepts.is_empty() {
            // a misspelled syllable (`머신비젼`) or a word no card has: show near matches
            mode = Mode::Relaxed;
            collected = run(mode)?;
        } else if (concepts.len() > 1
            || compound
            || concepts
                .iter()
                .any(|c| c.words.len() > 1 || !c.related.is_empty()))
            && strict < FILL_BELOW
            && params.sort == Sort::Relevance
        {
            mode = Mode::StrictFirst;
            collected = run(mode)?;
        }
        // a relaxed search that still found nothing is reported as an empty one
        let relaxed = mode == Mode::Relaxed && collected.1 > 0;
        let (found, total, facet_counts) = collected;
        let cards_done = started.elapsed();
        let (mut signals_ms, mut related_ms) = (0.0, 0.0);
        let (addresses, signals) = match found {
            Found::Ranked(docs) => (docs, Signals::default()),
            Found::Unranked(matches) => {
                let window = evidence::candidates(
                    &searcher,
                    &self.columns,
                    matches,
                    self.fields.text,
                    mean,
                )?;
                let t = Instant::now();
                let mut signals =
                    self.signals(&searcher, &concepts, mode != Mode::Strict, &window)?;
                signals_ms = t.elapsed().as_secs_f64() * 1e3;
                let related_terms =
                    neighbours.evidence_terms(&q, &concepts, evidence::RELATED_TERMS);
                let leaders = evidence::leaders(
                    &window,
                    &signals,
                    evidence::RELATED_CARDS.max(offset + limit),
                );
                let t = Instant::now();
                self.add_related(&searcher, &concepts, &related_terms, &leaders, &mut signals)?;
                related_ms = t.elapsed().as_secs_f64() * 1e3;
                let feedback = Some((neighbours.profiles(), q.as_str()));
                let docs = evidence::rank(window, &signals, offset, limit, feedback)
                    .into_iter()
                    .map(|(s, a, _)| (s, a))
                    .collect();
                (docs, signals)
            }
        };
        let ranked = started.elapsed();

        let mut facets = Facets::default();
        for key in &unselected {
            if let Some(list) = facets.get_mut(key) {
                *list = facet_counts.counts(key);
            }
        }
        // a facet with a selection is counted without it, so its other values stay visible:
        // one pass without facet filters counts, for each selected facet, the cards that
        // pass every other selection
        let selected: Vec<(usize, Vec<String>)> = FACET_KEYS
            .iter()
            .enumerate()
            .filter(|(_, k)| !unselected.contains(k))
            .map(|(i, k)| (i, params.selected(k)))
            .collect();
        if !selected.is_empty() {
            let unfiltered = SearchParams {
                field: Vec::new(),
                division: Vec::new(),
                site: Vec::new(),
                offer: Vec::new(),
                availability: Vec::new(),
                has_video: false,
                ..params.clone()
            };
            let all = self.full_query(&concepts, &excluded, mode, &unfiltered);
            let counter = OtherValuesCounter {
                cache: &self.facets,
                selected,
            };
            let tally = searcher.search(&all, &counter)?;
            for key in FACET_KEYS.into_iter().filter(|k| !unselected.contains(k)) {
                if let Some(list) = facets.get_mut(key) {
                    *list = tally.counts(key);
                }
            }
        }

        let marker = snippet::Marker::new(&words).or_else(&related_words);
        let hits = self
            .load_hits(&searcher, &addresses, &marker, &signals)?
            .into_iter()
            .map(|(score, mut hit)| {
                hit.partial = relaxed || (mode == Mode::StrictFirst && score < STRICT_BONUS);
                hit.score = if score >= STRICT_BONUS {
                    score - STRICT_BONUS
                } else {
                    score
                };
                hit
            })
            .collect();
        tracing::debug!(
            q = %params.q,
            ?mode,
            total,
            cards_ms = cards_done.as_secs_f64() * 1e3,
            rank_ms = (ranked - cards_done).as_secs_f64() * 1e3,
            signals_ms,
            related_ms,
            rest_ms = (started.elapsed() - ranked).as_secs_f64() * 1e3,
            "search phases"
        );
        Ok(SearchResults {
            total: total as u64,
            page: params.page,
            per_page: params.per_page,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
            relaxed,
            did_you_mean: None,
            related_fields: Vec::new(),
            related,
        })
    }

    /// For each of the first [`RESPELL_WORDS`] words of `q` (split at spaces), whether a
    /// search for it alone finds a card. A word without searchable letters (a particle, a
    /// sign) or one the query leaves out (`-결함`) counts as found: there is nothing in it
    /// to respell.
    pub fn finds_each_word(&self, q: &str) -> tantivy::Result<Vec<bool>> {
        let searcher = self.reader.searcher();
        let params = SearchParams::default();
        q.split_whitespace()
            .take(RESPELL_WORDS)
            .map(|word| {
                if analyzer::excluded_word(word).is_some() {
                    return Ok(true);
                }
                let concepts = self.synonyms().concepts(self.query_words(word));
                if concepts.is_empty() {
                    return Ok(true);
                }
                let query = self.full_query(&concepts, &[], Mode::Strict, &params);
                any_match(&searcher, &query)
            })
            .collect()
    }

    /// The stored hits of `found`, in order, with their snippets: the strongest evidence
    /// item when the card has one, else the best passage of the card. The page is split
    /// between the search threads: reading the document store and choosing snippets is
    /// about a fifth of a search, and would otherwise run on one core after the parallel part.
    pub(super) fn load_hits(
        &self,
        searcher: &Searcher,
        found: &[(f32, DocAddress)],
        marker: &snippet::Marker,
        signals: &Signals,
    ) -> tantivy::Result<Vec<(f32, Hit)>> {
        let f = self.fields;
        let stored = |address: DocAddress, field: Field| -> tantivy::Result<String> {
            let doc: TantivyDocument = searcher.doc(address)?;
            Ok(doc
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string())
        };
        let load = |part: &[(f32, DocAddress)]| -> tantivy::Result<Vec<(f32, Hit)>> {
            let mut hits = Vec::with_capacity(part.len());
            for &(score, address) in part {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field: Field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                };
                // a document written by this schema always holds its hit; skip one that cannot
                let Ok(mut hit) = serde_json::from_str::<Hit>(text(f.hit)) else {
                    continue;
                };
                let evidence = signals.evidence(hit.id);
                hit.evidence = evidence.and_then(CardEvidence::summary);
                hit.snippet = match evidence.and_then(|e| e.best) {
                    Some((_, item)) => marker.snippet(&stored(item, f.snippet_src)?),
                    None => String::new(),
                };
                if hit.snippet.is_empty() {
                    hit.snippet = marker.snippet(text(f.snippet_src));
                }
                hits.push((score, hit));
            }
            Ok(hits)
        };
        let per_thread = found.len().div_ceil(self.threads).max(1);
        let parts = searcher
            .index()
            .search_executor()
            .map(load, found.chunks(per_thread))?;
        Ok(parts.into_iter().flatten().collect())
    }
}

/// Whether `query` matches a live document: the first match of each segment is enough, where
/// a count would walk every match (all of `스마트팩토리`'s thousands, for each word of a
/// sentence that found no card with every word).
fn any_match(searcher: &Searcher, query: &dyn tantivy::query::Query) -> tantivy::Result<bool> {
    let weight = query.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        searcher,
    ))?;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != tantivy::TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                return Ok(true);
            }
            doc = scorer.advance();
        }
    }
    Ok(false)
}

/// The words of a query checked for respelling: one check for a first match each, so a
/// sentence pasted into the search box costs a bounded number of them. Later words are
/// left as typed.
pub const RESPELL_WORDS: usize = 10;

/// The page of a search in a fixed order, or the window of best text matches, to rank by
/// relevance.
enum Found {
    Ranked(Vec<(f32, DocAddress)>),
    Unranked(Vec<(f32, DocAddress)>),
}

/// What one pass found, the number of matches and the facet counts.
type Collected = (Found, usize, FacetTally);
