//! Query building: how the words and concepts of a search match the card text, the
//! evidence items and the key field.

use super::analyzer::QueryWord;
use super::dismax::LazyDisMax;
use super::index::{SearchIndex, facet_term};
use super::neighbours::EvidenceTerms;
use super::schema::CARD;
use super::synonyms::Concept;
use crate::model::search::{FACET_KEYS, SearchParams};
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// How the words of a query must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Every (non-generic) word.
    Strict,
    /// Any word; used when no card has them all.
    Relaxed,
    /// Any word, but cards with every word rank first.
    StrictFirst,
}

/// Below this many cards with every word, cards with some of the words follow them.
pub(super) const FILL_BELOW: usize = 100;

/// The weight of a related term mined from the directory against the query's own words:
/// low, so cards that only use a related term follow every card with the query's words.
pub(super) const RELATED_WEIGHT: f32 = 0.3;

/// Added to the score of cards with every word in [`Mode::StrictFirst`], so they rank first.
pub(super) const STRICT_BONUS: f32 = 100_000.0;

/// The bigrams of a long Hangul compound, as (first, middle, last), when it may be written
/// whole (`인공지능반도체`, or spaced once, since the index holds bigrams across a space) or
/// split once into two parts of two or more syllables that may stand apart
/// (`인공지능 기반 반도체`: every bigram but the one across the split).
///
/// A split can only fall between two middle bigrams' syllables, so the first and last
/// bigram are always needed and at most one middle bigram may be missing. The compound is
/// then one intersection (the ends, and all but one of the middle), scored as the sum of the
/// bigrams found, which is the best of the ways it may be written. This replaced a "most of
/// the bigrams" disjunction that walked every posting of every bigram, and then one
/// intersection per way of writing, which walked the same postings once per way.
///
/// None for words of four syllables or fewer, which match by all of their bigrams.
fn compound_parts(word: &QueryWord) -> Option<(&str, Vec<&str>, &str)> {
    let syllables: Vec<char> = word.text.chars().collect();
    let n = word.required.len();
    // the bigrams must be the word's own, in order (no repeats dropped, no other script)
    let in_order = word.cjk
        && n >= 4
        && syllables.len() == n + 1
        && word.required.iter().enumerate().all(|(i, t)| {
            let mut c = t.chars();
            c.next() == Some(syllables[i])
                && c.next() == Some(syllables[i + 1])
                && c.next().is_none()
        });
    if !in_order {
        return None;
    }
    let middle = word.required[1..n - 1].iter().map(String::as_str).collect();
    Some((&word.required[0], middle, &word.required[n - 1]))
}

/// The best of `disjuncts` plus `tie_breaker` times the others. Inside an intersection
/// (`nested`), which moves it by seeking, clauses are advanced lazily ([`LazyDisMax`]);
/// on its own it is walked from end to end, which tantivy's buffered union does faster.
fn disjunction_max(
    disjuncts: Vec<Box<dyn Query>>,
    tie_breaker: f32,
    nested: bool,
) -> Box<dyn Query> {
    if nested {
        Box::new(LazyDisMax::new(disjuncts, tie_breaker))
    } else {
        Box::new(DisjunctionMaxQuery::with_tie_breaker(
            disjuncts,
            tie_breaker,
        ))
    }
}

/// Documents that any of `clauses` matches, scored by the sum of those that do. Moved by
/// seeking (`seek`), the clauses advance lazily ([`LazyDisMax`]); walked from end to end,
/// tantivy's buffered union is faster.
fn any_of(mut clauses: Vec<Box<dyn Query>>, seek: bool) -> Box<dyn Query> {
    match clauses.len() {
        1 => clauses.remove(0),
        _ if seek => Box::new(LazyDisMax::new(clauses, 1.0)),
        _ => Box::new(BooleanQuery::new(
            clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

impl SearchIndex {
    /// One word in a text field. `loose` lets a long compound match by a part
    /// (`인공지능반도체` also finds cards that only say `반도체`), for ranking partial matches.
    fn word_query(&self, field: Field, word: &QueryWord, loose: bool) -> Box<dyn Query> {
        let text = self.word_in(field, word, loose);
        if word.optional.is_empty() {
            return text;
        }
        let mut clauses = vec![(Occur::Must, text)];
        clauses.extend(word.optional.iter().map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, q)
        }));
        Box::new(BooleanQuery::new(clauses))
    }

    /// The bigrams (or terms) of one word in one field.
    pub(super) fn word_in(&self, field: Field, word: &QueryWord, loose: bool) -> Box<dyn Query> {
        let term_query = |text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let compound = if loose { None } else { compound_parts(word) };
        match compound {
            Some((first, middle, last)) => {
                // summed, like the intersection of a whole word's bigrams
                let min = middle.len() - 1;
                let middle = LazyDisMax::new(middle.into_iter().map(term_query).collect(), 1.0)
                    .at_least(min);
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term_query(first)),
                    (Occur::Must, term_query(last)),
                    (Occur::Must, Box::new(middle)),
                ]))
            }
            None => {
                let required: Vec<(Occur, Box<dyn Query>)> = word
                    .required
                    .iter()
                    .map(|t| (Occur::Should, term_query(t)))
                    .collect();
                // bigrams across a space in a compound (`인공지능반도체`) need not all match;
                // the index also holds the bigram across a space, so a word of up to four
                // syllables has every bigram whether written spaced (`의료 영상`) or not
                let n = required.len();
                let min = match n {
                    3 if loose => 2,
                    0..=3 => n,
                    _ if loose => n.div_ceil(3).max(2),
                    _ => (n * 3).div_ceil(5),
                };
                if min >= n {
                    // every one: an intersection
                    return Box::new(BooleanQuery::with_minimum_required_clauses(required, min));
                }
                // not tantivy's minimum-should-match disjunction: it has no seek of its own
                // and steps through every posting to a target, which the evidence walk's
                // seeks from card to card turn into a scan of the whole list
                let terms = required.into_iter().map(|(_, q)| q).collect();
                Box::new(LazyDisMax::new(terms, 1.0).at_least(min))
            }
        }
    }

    /// The facet selections (the index holds published cards only; see [`Batch::upsert`]).
    pub(super) fn filter(&self, params: &SearchParams) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for key in FACET_KEYS {
            let values = params.selected(key);
            if values.is_empty() {
                continue;
            }
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            facet_term(f, key, v),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect();
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0)),
            ));
        }
        clauses
    }

    /// Every word of a phrase.
    fn all_words(&self, field: Field, words: &[QueryWord], loose: bool) -> Box<dyn Query> {
        match words {
            [one] => self.word_query(field, one, loose),
            many => Box::new(BooleanQuery::new(
                many.iter()
                    .map(|w| (Occur::Must, self.word_query(field, w, loose)))
                    .collect(),
            )),
        }
    }

    /// All words of a phrase, or any of its alternatives.
    pub(super) fn concept_query(
        &self,
        field: Field,
        concept: &Concept,
        loose: bool,
        nested: bool,
    ) -> Box<dyn Query> {
        let all_of = |words: &[QueryWord]| self.all_words(field, words, loose);
        if concept.alternatives.is_empty() {
            return all_of(&concept.words);
        }
        let mut ways = vec![all_of(&concept.words)];
        // the user's own words count a little more than their synonyms
        ways.extend(
            concept
                .alternatives
                .iter()
                .map(|alt| Box::new(BoostQuery::new(all_of(alt), 0.8)) as Box<dyn Query>),
        );
        disjunction_max(ways, 0.1, nested)
    }

    /// Every non-generic concept must match; generic ones (`연구`, `system`) only add score.
    /// `seek`: the query will be moved by seeking (see [`disjunction_max`]).
    fn all_concepts(&self, field: Field, concepts: &[Concept], seek: bool) -> BooleanQuery {
        let all_generic = concepts.iter().all(Concept::generic);
        let nested = seek || concepts.len() > 1;
        BooleanQuery::new(
            concepts
                .iter()
                .map(|c| {
                    let occur = if c.generic() && !all_generic {
                        Occur::Should
                    } else {
                        Occur::Must
                    };
                    (occur, self.concept_query(field, c, false, nested))
                })
                .collect(),
        )
    }

    /// Any specific concept, and any specific word of a phrase (`robot` of `robot arm`);
    /// with `related`, also the concepts' related terms at [`RELATED_WEIGHT`]. A generic
    /// concept (`기술` of `악성코드를 탐지하는 기술`) adds to the score of what matches but
    /// matches nothing alone, as in [`Self::all_concepts`]: otherwise every card and work
    /// that says `기술` would join the partial tier. When every concept is generic, any of
    /// them matches.
    fn any_concept(
        &self,
        field: Field,
        concepts: &[Concept],
        seek: bool,
        related: bool,
    ) -> Box<dyn Query> {
        let all_generic = concepts.iter().all(Concept::generic);
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        let mut ranking_only: Vec<Box<dyn Query>> = Vec::new();
        for c in concepts {
            if c.generic() && !all_generic {
                ranking_only.push(self.concept_query(field, c, true, true));
                continue;
            }
            clauses.push(self.concept_query(field, c, true, seek));
            if related {
                clauses.extend(c.related.iter().map(|words| {
                    Box::new(BoostQuery::new(
                        self.all_words(field, words, false),
                        RELATED_WEIGHT,
                    )) as Box<dyn Query>
                }));
            }
            if c.words.len() > 1 {
                clauses.extend(
                    c.words
                        .iter()
                        .filter(|w| !w.generic)
                        .map(|w| self.word_query(field, w, true)),
                );
            }
        }
        let any = any_of(clauses, seek);
        if ranking_only.is_empty() {
            return any;
        }
        // the generic concepts are moved to each match by seeking
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, any),
            (Occur::Should, any_of(ranking_only, true)),
        ]))
    }

    /// Matches every card document and no evidence item.
    pub(super) fn every_card(&self) -> Box<dyn Query> {
        Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.kind, CARD),
                IndexRecordOption::Basic,
            )),
            0.0,
        ))
    }

    /// The cards a search finds, with the facet selections of `params`, without the cards
    /// that say any word of `excluded` (`-결함`). In [`Mode::StrictFirst`], cards with every
    /// concept score [`STRICT_BONUS`] more.
    pub(super) fn full_query(
        &self,
        concepts: &[Concept],
        excluded: &[QueryWord],
        mode: Mode,
        params: &SearchParams,
    ) -> BooleanQuery {
        let text = self.fields.text;
        let mut clauses = self.filter(params);
        clauses.extend(
            excluded
                .iter()
                .map(|w| (Occur::MustNot, self.word_in(text, w, false))),
        );
        match mode {
            _ if concepts.is_empty() => clauses.push((Occur::Must, self.every_card())),
            Mode::Strict => clauses.push((
                Occur::Must,
                Box::new(self.all_concepts(text, concepts, false)),
            )),
            Mode::Relaxed => {
                clauses.push((Occur::Must, self.any_concept(text, concepts, false, true)))
            }
            Mode::StrictFirst => {
                clauses.push((Occur::Must, self.any_concept(text, concepts, false, true)));
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(self.all_concepts(text, concepts, false)),
                        STRICT_BONUS,
                    )),
                ));
            }
        }
        BooleanQuery::new(clauses)
    }

    /// The evidence items on a search's concepts, built to be moved by seeking (the block
    /// join of [`super::evidence`]): the items with every concept, by their text score.
    /// With `partial`, items with some of them match too, for the partial tier and need
    /// matching, and those with every concept score [`STRICT_BONUS`] more.
    pub(super) fn item_query(&self, concepts: &[Concept], partial: bool) -> Box<dyn Query> {
        let item = self.fields.item;
        let all = || {
            Box::new(ConstScoreQuery::new(
                Box::new(self.all_concepts(item, concepts, true)),
                STRICT_BONUS,
            )) as Box<dyn Query>
        };
        if partial {
            return Box::new(BooleanQuery::new(vec![
                (Occur::Must, self.any_concept(item, concepts, true, false)),
                (Occur::Should, all()),
            ]));
        }
        // every item found has every concept: its text score is all there is to know
        Box::new(self.all_concepts(item, concepts, true))
    }

    /// Evidence items on the topic, in the query's words or in other words: each specific
    /// concept appears itself or as one of its related terms, or a related term of the whole
    /// query appears. Built to be moved by seeking.
    pub(super) fn related_item_query(
        &self,
        concepts: &[Concept],
        related: &EvidenceTerms,
    ) -> Box<dyn Query> {
        let item = self.fields.item;
        let mut each: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (c, terms) in concepts.iter().zip(&related.per_concept) {
            if c.generic() {
                continue;
            }
            let mut ways = vec![self.concept_query(item, c, false, true)];
            ways.extend(terms.iter().map(|words| self.all_words(item, words, false)));
            each.push((Occur::Must, any_of(ways, true)));
        }
        let mut ways: Vec<Box<dyn Query>> = related
            .whole
            .iter()
            .map(|words| self.all_words(item, words, false))
            .collect();
        if !each.is_empty() {
            ways.push(Box::new(BooleanQuery::new(each)));
        }
        any_of(ways, true)
    }

    /// The concepts in the key field (names, keywords, technology fields): for each concept
    /// its best way of saying it, for a way the sum of its words found there.
    pub(super) fn key_query(&self, concepts: &[Concept]) -> Box<dyn Query> {
        let key = self.fields.key;
        let concept = |c: &Concept| -> Box<dyn Query> {
            let ways = std::iter::once(&c.words)
                .chain(&c.alternatives)
                .map(|words| {
                    any_of(
                        words.iter().map(|w| self.word_in(key, w, false)).collect(),
                        true,
                    )
                })
                .collect();
            disjunction_max(ways, 0.1, true)
        };
        // moved by seeking to each candidate, so every level advances lazily: a buffered
        // union here would score its clauses' next 4096 documents on each seek
        any_of(concepts.iter().map(concept).collect(), true)
    }
}
