//! A disjunction-max query whose scorer moves its clauses only when asked.
//!
//! Scores like tantivy's `DisjunctionMaxQuery` (the best clause, plus `tie_breaker` times the
//! others), but tantivy builds that on its buffered union, which on every seek past its window
//! scores all documents of all clauses in the next 4096 — the whole union, in effect. Our
//! queries put such disjunctions (one word in four fields; a concept and its synonyms) inside
//! intersections, which seek: a word met in 15,000 cards is intersected with one met in 20,000
//! to find the 7,000 with both. Here a seek moves each clause to the target through its skip
//! list and nothing more.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The best-scoring clause, plus `tie_breaker` times the sum of the other matching ones.
#[derive(Debug)]
pub struct LazyDisMax {
    disjuncts: Vec<Box<dyn Query>>,
    tie_breaker: Score,
}

impl LazyDisMax {
    pub fn new(disjuncts: Vec<Box<dyn Query>>, tie_breaker: Score) -> LazyDisMax {
        LazyDisMax {
            disjuncts,
            tie_breaker,
        }
    }
}

impl Clone for LazyDisMax {
    fn clone(&self) -> LazyDisMax {
        LazyDisMax {
            disjuncts: self.disjuncts.iter().map(|q| q.box_clone()).collect(),
            tie_breaker: self.tie_breaker,
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
            0 => Box::new(EmptyScorer),
            // alone, a clause's score is the disjunction's
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(LazyDisMaxScorer::new(scorers, self.tie_breaker)),
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
}

impl LazyDisMaxScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>, tie_breaker: Score) -> LazyDisMaxScorer {
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        LazyDisMaxScorer {
            scorers,
            doc,
            tie_breaker,
        }
    }

    /// The current document becomes the smallest among the clauses; finished ones are dropped.
    fn settle(&mut self) -> DocId {
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
        max + (sum - max) * self.tie_breaker
    }
}
