//! A disjunction-max query whose scorer moves its clauses only when asked.
//!
//! Scores like tantivy's `DisjunctionMaxQuery` (the best clause, plus `tie_breaker` times the
//! others), but tantivy builds that on its buffered union, which on every seek past its window
//! scores all documents of all clauses in the next 4096 — the whole union, in effect. Our
//! queries put such disjunctions (a concept and its synonyms; a compound's middle bigrams) inside
//! intersections, which seek: a word met in 15,000 cards is intersected with one met in 20,000
//! to find the 7,000 with both. Here a seek moves each clause to the target through its skip
//! list and nothing more.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The best-scoring clause, plus `tie_breaker` times the sum of the other matching ones.
/// A document matches when at least `min_match` clauses (one, unless set) match it.
#[derive(Debug)]
pub struct LazyDisMax {
    disjuncts: Vec<Box<dyn Query>>,
    tie_breaker: Score,
    min_match: usize,
}

impl LazyDisMax {
    pub fn new(disjuncts: Vec<Box<dyn Query>>, tie_breaker: Score) -> LazyDisMax {
        LazyDisMax {
            disjuncts,
            tie_breaker,
            min_match: 1,
        }
    }

    /// Only documents that `min_match` or more clauses match (at least one).
    pub fn at_least(mut self, min_match: usize) -> LazyDisMax {
        self.min_match = min_match.max(1);
        self
    }
}

impl Clone for LazyDisMax {
    fn clone(&self) -> LazyDisMax {
        LazyDisMax {
            disjuncts: self.disjuncts.iter().map(|q| q.box_clone()).collect(),
            tie_breaker: self.tie_breaker,
            min_match: self.min_match,
        }
    }
}

impl Query for LazyDisMax {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .disjuncts
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyDisMaxWeight {
            weights,
            tie_breaker: self.tie_breaker,
            min_match: self.min_match,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.disjuncts {
            q.query_terms(visitor);
        }
    }
}

struct LazyDisMaxWeight {
    weights: Vec<Box<dyn Weight>>,
    tie_breaker: Score,
    min_match: usize,
}

impl Weight for LazyDisMaxWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for weight in &self.weights {
            let scorer = weight.scorer(reader, boost)?;
            // a term this segment lacks, or a clause with no match here, is left out
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            // also when there are none: `min_match` is at least one
            n if n < self.min_match => Box::new(EmptyScorer),
            // alone, a clause's score is the disjunction's
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(LazyDisMaxScorer::new(
                scorers,
                self.tie_breaker,
                self.min_match,
            )),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("disjunction max", scorer.score()))
    }
}

struct LazyDisMaxScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
    tie_breaker: Score,
    min_match: usize,
    /// Scratch space for finding the `min_match`-th smallest clause position.
    docs: Vec<DocId>,
}

impl LazyDisMaxScorer {
    fn new(
        scorers: Vec<Box<dyn Scorer>>,
        tie_breaker: Score,
        min_match: usize,
    ) -> LazyDisMaxScorer {
        let mut scorer = LazyDisMaxScorer {
            scorers,
            doc: TERMINATED,
            tie_breaker,
            min_match,
            docs: Vec::new(),
        };
        scorer.settle();
        scorer
    }

    /// The current document becomes the smallest among the clauses; finished ones are
    /// dropped. Kept apart from [`Self::settle_at_least`]: it runs for every posting.
    #[inline]
    fn settle(&mut self) -> DocId {
        if self.min_match > 1 {
            return self.settle_at_least();
        }
        let mut doc = TERMINATED;
        let mut finished = false;
        for s in &self.scorers {
            let d = s.doc();
            finished |= d == TERMINATED;
            doc = doc.min(d);
        }
        if finished {
            self.scorers.retain(|s| s.doc() != TERMINATED);
        }
        self.doc = doc;
        doc
    }

    /// The current document becomes the smallest that `min_match` clauses are on. No
    /// document before the `min_match`-th smallest clause position can have enough, so
    /// clauses behind it are moved up to it until enough of them meet.
    #[inline(never)]
    fn settle_at_least(&mut self) -> DocId {
        loop {
            self.scorers.retain(|s| s.doc() != TERMINATED);
            if self.scorers.len() < self.min_match {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            self.docs.clear();
            self.docs.extend(self.scorers.iter().map(|s| s.doc()));
            let candidate = *self.docs.select_nth_unstable(self.min_match - 1).1;
            let mut behind = false;
            for s in &mut self.scorers {
                if s.doc() < candidate {
                    s.seek(candidate);
                    behind = true;
                }
            }
            if !behind {
                // the `min_match` smallest positions are all the candidate
                self.doc = candidate;
                return candidate;
            }
        }
    }
}

impl DocSet for LazyDisMaxScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        for s in &mut self.scorers {
            if s.doc() == current {
                s.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for s in &mut self.scorers {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for LazyDisMaxScorer {
    fn score(&mut self) -> Score {
        let (mut max, mut sum) = (0.0, 0.0);
        for s in &mut self.scorers {
            if s.doc() == self.doc {
                let score = s.score();
                sum += score;
                max = Score::max(max, score);
            }
        }
        if self.tie_breaker == 1.0 {
            // a plain sum, added in clause order as tantivy's union adds it
            return sum;
        }
        max + (sum - max) * self.tie_breaker
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    /// Every document set of up to five terms, with tantivy's own "at least m of these"
    /// query as the reference: the same documents, with the same (summed) scores.
    #[test]
    fn at_least_matches_and_scores_like_a_minimum_should_match_query() {
        let mut builder = Schema::builder();
        let field = builder.add_text_field("t", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let terms = ["a", "b", "c", "d", "e"];
        // a fixed pseudo-random spread of the terms (some repeated, to vary the scores)
        let mut state = 12345u32;
        for _ in 0..600 {
            let mut doc = TantivyDocument::default();
            for t in terms {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                for _ in 0..(state >> 16) % 3 {
                    doc.add_text(field, t);
                }
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let run = |q: &dyn Query| {
            let mut hits = searcher
                .search(q, &TopDocs::with_limit(1000).order_by_score())
                .unwrap();
            hits.sort_by_key(|(_, a)| *a);
            hits
        };
        for n in 1..=terms.len() {
            for m in 1..=n {
                let ours =
                    LazyDisMax::new(terms[..n].iter().map(|t| term(t)).collect(), 1.0).at_least(m);
                let reference = BooleanQuery::with_minimum_required_clauses(
                    terms[..n]
                        .iter()
                        .map(|t| (Occur::Should, term(t)))
                        .collect(),
                    m,
                );
                let (got, want) = (run(&ours), run(&reference));
                assert!(
                    !want.is_empty(),
                    "{n} terms, at least {m}: nothing to compare"
                );
                assert_eq!(
                    got.iter().map(|h| h.1).collect::<Vec<_>>(),
                    want.iter().map(|h| h.1).collect::<Vec<_>>(),
                    "{n} terms, at least {m}"
                );
                for (g, w) in got.iter().zip(&want) {
                    assert!(
                        (g.0 - w.0).abs() < 1e-4,
                        "{n} terms, at least {m}: {g:?} vs {w:?}"
                    );
                }
            }
        }
    }
}
