//! Topic feedback: after the evidence has ranked a search's candidates, the terms that the
//! best researchers' cards share describe the topic as the directory writes about it; a
//! candidate whose own terms overlap them works on the same topic, even where its titles
//! say it in other words.
//!
//! This is pseudo-relevance feedback at the level of researchers. Each card's profile is
//! its [`super::neighbours`] terms (the strongest keywords, fields and title words by use
//! and rarity), kept in memory as term ids. For a search, the profiles of the
//! [`FEEDBACK_CARDS`] best candidates vote. Only candidates of the top tier with works on
//! every concept vote, so that `배터리 열폭주` is not described by batteries in general. A
//! term's weight is the share of voters that hold it times its rarity in the directory, and
//! the [`FEEDBACK_TERMS`] heaviest terms that are not the query's own words form the topic.
//! A candidate gains up to [`FEEDBACK_WEIGHT`] by the share of the topic's weight its
//! profile holds: enough to order researchers with similar evidence, less than a body of
//! work on the query itself.
//!
//! Nothing is read from the index: a search pays for a few thousand additions.
//!
//! Measured (docs/search-quality.md): on the real-data set nDCG@10 0.219 → 0.231 with
//! feedback, flat from 25 to 60 voters and 10 to 20 terms, and from a weight of 2.5 to 4; on
//! the demo set 0.957 → 0.964 once only cards with every concept vote (0.944 when every
//! top candidate voted).

use super::analyzer::topic_words;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The best candidates whose profiles describe the topic.
pub(super) const FEEDBACK_CARDS: usize = 40;
/// Terms that describe the topic.
const FEEDBACK_TERMS: usize = 12;
/// What a candidate holding every topic term gains (the evidence weighs 3 per unit of
/// saturated work).
pub(super) const FEEDBACK_WEIGHT: f32 = 3.0;
/// Below this many candidates the best ones say too little about a topic.
const MIN_CANDIDATES: usize = 10;

/// Every card's profile terms, by card id.
#[derive(Debug, Default)]
pub struct Profiles {
    /// Card ids, ascending.
    ids: Vec<i64>,
    /// Card id → 1 + its position in `ids` (0: none), when ids are dense enough (database
    /// row ids are): one read per lookup instead of a binary search's chain of cache misses,
    /// for every candidate of every search.
    slots: Vec<u32>,
    /// Where each card's terms start in `terms`, in the order of `ids`.
    starts: Vec<u32>,
    terms: Vec<u32>,
    /// Per term: its key's topic words, and the cards that hold it.
    keys: Vec<Box<str>>,
    df: Vec<u32>,
}

impl Profiles {
    /// Profiles from `(card id, term ids)` and the keys of the terms they use.
    pub fn new(mut cards: Vec<(i64, Vec<u32>)>, keys: Vec<Box<str>>) -> Profiles {
        cards.sort_unstable_by_key(|(id, _)| *id);
        let mut df = vec![0u32; keys.len()];
        let mut out = Profiles {
            slots: Vec::new(),
            ids: Vec::with_capacity(cards.len()),
            starts: Vec::with_capacity(cards.len()),
            terms: Vec::with_capacity(cards.iter().map(|(_, t)| t.len()).sum()),
            keys,
            df: Vec::new(),
        };
        for (id, terms) in cards {
            out.ids.push(id);
            out.starts.push(out.terms.len() as u32);
            for t in terms {
                df[t as usize] += 1;
                out.terms.push(t);
            }
        }
        out.df = df;
        let max = out.ids.last().copied().unwrap_or(0);
        let dense = out.ids.first().is_some_and(|&min| min >= 0)
            && (max as u64) < 4 * out.ids.len() as u64 + 1024;
        if dense {
            out.slots = vec![0; max as usize + 1];
            for (i, &id) in out.ids.iter().enumerate() {
                out.slots[id as usize] = i as u32 + 1;
            }
        }
        out
    }

    /// Cards with a profile.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The term ids of a card's profile (none for a card mined before it was published).
    fn of(&self, card_id: i64) -> &[u32] {
        let found = if self.slots.is_empty() {
            self.ids.binary_search(&card_id).ok()
        } else {
            usize::try_from(card_id)
                .ok()
                .and_then(|id| self.slots.get(id))
                .and_then(|&slot| slot.checked_sub(1))
                .map(|i| i as usize)
        };
        let Some(i) = found else {
            return &[];
        };
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.terms.len(), |s| *s as usize);
        &self.terms[start..end]
    }

    /// The topic of a search for `query` whose best candidates are `best` (card ids, best
    /// first); `None` when there are too few of them to tell.
    pub fn topic(&self, query: &str, best: &[i64]) -> Option<Topic> {
        if best.len() < MIN_CANDIDATES || self.ids.is_empty() {
            return None;
        }
        let best = &best[..best.len().min(FEEDBACK_CARDS)];
        let own: HashSet<String> = topic_words(query).into_iter().collect();
        let mut votes: HashMap<u32, u32> = HashMap::default();
        for id in best {
            for t in self.of(*id) {
                *votes.entry(*t).or_default() += 1;
            }
        }
        let n = self.ids.len() as f32;
        let mut weighted: Vec<(u32, f32)> = votes
            .into_iter()
            // a term held by one card of the best is that researcher's, not the topic's
            .filter(|(_, v)| *v >= 2)
            .filter(|(t, _)| !self.keys[*t as usize].split(' ').any(|w| own.contains(w)))
            .map(|(t, v)| {
                let rarity = ((n + 1.0) / self.df[t as usize].max(1) as f32).ln();
                (t, v as f32 / best.len() as f32 * rarity)
            })
            .collect();
        weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weighted.truncate(FEEDBACK_TERMS);
        let total: f32 = weighted.iter().map(|(_, w)| w).sum();
        (total > 0.0).then(|| Topic {
            weights: {
                weighted.sort_unstable_by_key(|(t, _)| *t);
                weighted
            },
            total,
        })
    }

    /// How much of `topic` a card's profile holds, in [0, 1].
    pub fn share(&self, topic: &Topic, card_id: i64) -> f32 {
        self.of(card_id)
            .iter()
            .filter_map(|t| {
                let i = topic
                    .weights
                    .binary_search_by_key(t, |(term, _)| *term)
                    .ok()?;
                Some(topic.weights[i].1)
            })
            .sum::<f32>()
            / topic.total
    }

    /// The keys of a topic's terms, heaviest first (for logs and tests).
    pub fn describe(&self, topic: &Topic) -> Vec<&str> {
        let mut terms: Vec<(&u32, &f32)> = topic.weights.iter().map(|(t, w)| (t, w)).collect();
        terms.sort_unstable_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        terms
            .into_iter()
            .map(|(t, _)| &*self.keys[*t as usize])
            .collect()
    }
}

/// The terms that describe a search's topic, with their weights.
#[derive(Debug)]
pub struct Topic {
    /// Term ids, ascending, with their weights (a dozen: searched, not hashed).
    weights: Vec<(u32, f32)>,
    total: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles() -> Profiles {
        // terms: 0 adversarial, 1 robustness, 2 attack, 3 translation, 4 speech
        let keys = [
            "adversarial",
            "robustness",
            "attack",
            "translation",
            "speech",
        ]
        .map(Box::from)
        .to_vec();
        let mut cards = Vec::new();
        for id in 0..12 {
            cards.push((id, vec![0, 1, 2]));
        }
        cards.push((100, vec![1, 2])); // the topic in other words
        cards.push((101, vec![3, 4])); // another topic
        for id in 200..260 {
            cards.push((id, vec![3]));
        }
        Profiles::new(cards, keys)
    }

    #[test]
    fn sparse_card_ids_are_looked_up_like_dense_ones() {
        let dense = profiles();
        assert!(!dense.slots.is_empty(), "row ids from 0: the direct table");
        let far = 1_000_000_000_000;
        let shifted: Vec<(i64, Vec<u32>)> = dense
            .ids
            .iter()
            .map(|&id| (id + far, dense.of(id).to_vec()))
            .collect();
        let sparse = Profiles::new(shifted, dense.keys.clone());
        assert!(sparse.slots.is_empty(), "ids far apart: binary search");
        for id in [0, 5, 100, 101, 150, 259, 999, -1] {
            assert_eq!(dense.of(id), sparse.of(id + far), "card {id}");
        }
        assert_eq!(dense.of(-1), &[] as &[u32]);
        assert_eq!(dense.of(10_000), &[] as &[u32]);
    }

    #[test]
    fn the_best_cards_shared_terms_are_the_topic_without_the_query_words() {
        let p = profiles();
        let best: Vec<i64> = (0..12).collect();
        let topic = p.topic("adversarial examples", &best).expect("a topic");
        let mut terms = p.describe(&topic);
        terms.sort_unstable();
        assert_eq!(terms, ["attack", "robustness"]);
        assert!((p.share(&topic, 100) - 1.0).abs() < 1e-6);
        assert_eq!(p.share(&topic, 101), 0.0);
        assert_eq!(p.share(&topic, 999), 0.0);
    }

    #[test]
    fn too_few_candidates_give_no_topic() {
        let p = profiles();
        assert!(p.topic("adversarial", &[0, 1, 2]).is_none());
    }
}
