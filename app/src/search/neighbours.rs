//! Related terms mined from the directory itself: terms that occur on the same researchers'
//! cards far more often than chance (normalised pointwise mutual information).
//!
//! A company often names a topic in other words than the cards do: a broad field for its
//! sub-topics, `결함` for `불량`, an English term for its Korean one. The cards themselves
//! say which terms belong together, because one researcher's keywords, fields and work
//! titles share a topic. The mined neighbours serve three purposes:
//! - a low-weight query expansion that fills the partial tier of a search
//!   ([`super::synonyms::Concept::related`]);
//! - the "연관 키워드" links of the search page ([`Neighbours::related`]);
//! - synonym suggestions that staff accept or reject ([`Neighbours::suggestions`]).
//!
//! The terms of a card are its keywords, technology fields and work keywords (as whole
//! phrases) and the topic words of its work titles, weighted by how often the card uses
//! them and how rare they are in the directory; each card contributes its
//! [`KEPT_TERMS`] strongest. Co-occurrence is counted per term over the cards that hold it,
//! so memory follows the number of cards, not the number of term pairs.

use super::analyzer::{QueryWord, is_title_filler, topic_words};
use super::feedback::Profiles;
use super::synonyms::Concept;
use crate::model::card::{CardRecord, Status};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Terms a card keeps while the directory is read (by how often the card uses them).
const CARD_TERMS: usize = 32;
/// Terms a card keeps for counting (by use times rarity).
const KEPT_TERMS: usize = 16;
/// A keyword or field counts as much as this many title mentions.
const PHRASE_WEIGHT: f32 = 3.0;
/// Longer keywords are sentences, not terms.
const MAX_PHRASE_WORDS: usize = 3;
/// Below this association two terms are not neighbours.
const MIN_NPMI: f32 = 0.2;
/// A neighbour of a term is on at least this share of the term's cards: a few cards that
/// happen to share a rare word say little about a broad term, however strong their
/// association (on the real-data set `CNN` offered `counter` and `tampering`, from a handful
/// of crowd-counting and forgery papers, before `convolution`). The rare word may still
/// have the term as its neighbour. On the real-data set nDCG@10 stayed 0.237–0.239 with
/// floors of 0, 1% and 2%, and the demo set 0.964 in every class.
const MIN_SHARE_OF_TERM: f32 = 0.02;
/// Neighbours kept per term.
const PER_TERM: usize = 8;
/// A term on more than this share of the cards is related to everything, so to nothing.
const MAX_SHARE: f64 = 0.2;
/// Neighbours a search adds per concept.
pub const EXPANSION: usize = 3;
/// Related terms shown with a search.
const SHOWN: usize = 8;

/// One mined term.
#[derive(Clone, Debug)]
struct Term {
    /// Topic words joined by a space: how queries and cards are compared.
    key: String,
    /// The term as first written on a card (`설비 예지보전`, `Machine Translation`).
    surface: String,
    /// A keyword or field somewhere (not only title words).
    phrase: bool,
}

/// Reads the cards of a directory, one at a time.
#[derive(Default)]
pub struct Miner {
    ids: HashMap<String, u32>,
    terms: Vec<Term>,
    /// Per card: its terms and how much it uses each.
    cards: Vec<Vec<(u32, f32)>>,
    /// Per card: its id.
    card_ids: Vec<i64>,
    /// Per card: title words written next to each other (a phrase, not two topics).
    adjacent: Vec<Vec<(u32, u32)>>,
}

/// The association of two terms.
#[derive(Clone, Copy, Debug)]
struct Link {
    other: u32,
    score: f32,
    together: u32,
}

/// The result of mining: terms and, per term, its neighbours, strongest first.
#[derive(Debug, Default)]
pub struct Mined {
    terms: Vec<Term>,
    links: HashMap<u32, Vec<Link>>,
    /// Each card's strongest terms, for topic feedback.
    profiles: Arc<Profiles>,
    /// Cards read.
    pub cards: usize,
}

impl Miner {
    fn intern(&mut self, key: &str, surface: &str, phrase: bool) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            if phrase && !self.terms[id as usize].phrase {
                let term = &mut self.terms[id as usize];
                term.phrase = true;
                term.surface = surface.to_string();
            }
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.terms.push(Term {
            key: key.to_string(),
            surface: surface.to_string(),
            phrase,
        });
        id
    }

    /// Reads one card (`card_id` is its row id); unpublished cards are skipped.
    pub fn add(&mut self, card_id: i64, card: &CardRecord) {
        if card.status != Status::Published {
            return;
        }
        let mut weights: HashMap<u32, f32> = HashMap::new();
        let phrases = card
            .keywords
            .iter()
            .chain(&card.fields)
            .chain(card.publications.iter().flat_map(|p| &p.keywords));
        for phrase in phrases {
            let words = topic_words(phrase);
            if words.is_empty() || words.len() > MAX_PHRASE_WORDS {
                continue;
            }
            let surface = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            let id = self.intern(&words.join(" "), &surface, true);
            *weights.entry(id).or_default() += PHRASE_WEIGHT;
        }
        let titles = card
            .publications
            .iter()
            .map(|p| p.title.as_str())
            .chain(card.projects.iter().map(|p| p.title.as_str()))
            .chain(card.patents.iter().map(|p| p.title.as_str()))
            .chain(card.videos.iter().map(|v| v.title.as_str()));
        let mut adjacent: HashSet<(u32, u32)> = HashSet::new();
        for title in titles {
            let ids: Vec<(u32, bool)> = topic_words(title)
                .iter()
                .map(|w| (self.intern(w, w, false), is_title_filler(w)))
                .collect();
            for (id, _) in &ids {
                *weights.entry(*id).or_default() += 1.0;
            }
            // a framing word beside a topic word (`over` `table`) is no phrase of the two
            let pairs = ids.windows(2).filter(|p| !p[0].1 && !p[1].1);
            for pair in pairs.map(|p| [p[0].0, p[1].0]) {
                if pair[0] != pair[1] {
                    adjacent.insert((pair[0].min(pair[1]), pair[0].max(pair[1])));
                }
            }
        }
        let mut kept: Vec<(u32, f32)> = weights.into_iter().collect();
        kept.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(CARD_TERMS);
        let held: HashSet<u32> = kept.iter().map(|(id, _)| *id).collect();
        let adjacent = adjacent
            .into_iter()
            .filter(|(a, b)| held.contains(a) && held.contains(b))
            .collect();
        self.cards.push(kept);
        self.card_ids.push(card_id);
        self.adjacent.push(adjacent);
    }

    /// Counts co-occurrences and keeps each term's strongest neighbours.
    pub fn finish(self) -> Mined {
        let Miner {
            terms,
            mut cards,
            card_ids,
            adjacent,
            ..
        } = self;
        let n = cards.len();
        let min_together: u32 = if n < 2_000 { 2 } else { 3 };
        let max_df = ((n as f64 * MAX_SHARE) as u32).max(min_together + 1);
        let mut df = vec![0u32; terms.len()];
        for card in &cards {
            for (id, _) in card {
                df[*id as usize] += 1;
            }
        }
        // each card keeps the terms it uses most that are rare enough to tell topics apart
        for card in &mut cards {
            card.retain(|(id, _)| (min_together..=max_df).contains(&df[*id as usize]));
            for (id, w) in card.iter_mut() {
                *w *= ((n as f32 + 1.0) / df[*id as usize] as f32).ln();
            }
            card.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            card.truncate(KEPT_TERMS);
        }
        let profiles = Arc::new(profiles(&terms, &cards, &card_ids));
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
        for (c, card) in cards.iter().enumerate() {
            for (id, _) in card {
                postings[*id as usize].push(c as u32);
            }
        }
        let count = |id: usize| postings[id].len() as u32;
        let mut together = vec![0u32; terms.len()];
        let mut next_to = vec![0u32; terms.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut links: HashMap<u32, Vec<Link>> = HashMap::new();
        let mut fragment = vec![false; terms.len()];
        // a word that frames a title (`over`, `towards`) neither has nor is a neighbour
        let filler: Vec<bool> = terms
            .iter()
            .map(|t| !t.phrase && is_title_filler(&t.key))
            .collect();
        for a in 0..terms.len() {
            let df_a = count(a);
            if df_a < min_together || filler[a] {
                continue;
            }
            for &c in &postings[a] {
                for (b, _) in &cards[c as usize] {
                    if *b as usize != a {
                        if together[*b as usize] == 0 {
                            touched.push(*b);
                        }
                        together[*b as usize] += 1;
                    }
                }
                for &(x, y) in &adjacent[c as usize] {
                    if x as usize == a {
                        next_to[y as usize] += 1;
                    } else if y as usize == a {
                        next_to[x as usize] += 1;
                    }
                }
            }
            // a Latin title word mostly written next to one other (`deep` of `deep
            // learning`) is half of a phrase, not a topic of its own
            let strongest = touched
                .iter()
                .map(|&b| next_to[b as usize])
                .max()
                .unwrap_or(0);
            fragment[a] = !terms[a].phrase
                && terms[a].key.is_ascii()
                && !terms[a].key.contains(' ')
                && strongest * 2 >= df_a;
            let mut found: Vec<Link> = Vec::new();
            for &b in &touched {
                let (co, adj) = (together[b as usize], next_to[b as usize]);
                together[b as usize] = 0;
                next_to[b as usize] = 0;
                // written as one phrase more often than not (`machine` `translation`)
                if co < min_together
                    || (co as f32) < MIN_SHARE_OF_TERM * df_a as f32
                    || adj * 2 >= co
                    || contains(&terms[a].key, &terms[b as usize].key)
                {
                    continue;
                }
                let score = npmi(co, df_a, count(b as usize), n);
                if score >= MIN_NPMI {
                    found.push(Link {
                        other: b,
                        score: score * co as f32 / (co as f32 + 2.0),
                        together: co,
                    });
                }
            }
            touched.clear();
            if !found.is_empty() {
                found.sort_unstable_by(|x, y| {
                    y.score.total_cmp(&x.score).then(x.other.cmp(&y.other))
                });
                links.insert(a as u32, found);
            }
        }
        // a fragment may still be asked for, but is not offered as a neighbour
        links.retain(|_, found| {
            found.retain(|l| !fragment[l.other as usize] && !filler[l.other as usize]);
            found.truncate(PER_TERM);
            !found.is_empty()
        });
        Mined {
            terms,
            links,
            profiles,
            cards: n,
        }
    }
}

/// The profiles of topic feedback: each card's kept terms, renumbered densely over the
/// terms some card keeps.
fn profiles(terms: &[Term], cards: &[Vec<(u32, f32)>], card_ids: &[i64]) -> Profiles {
    let mut dense: HashMap<u32, u32> = HashMap::new();
    let mut keys: Vec<Box<str>> = Vec::new();
    let kept = cards
        .iter()
        .zip(card_ids)
        .map(|(card, id)| {
            let ids = card
                .iter()
                .map(|(t, _)| {
                    *dense.entry(*t).or_insert_with(|| {
                        keys.push(terms[*t as usize].key.as_str().into());
                        keys.len() as u32 - 1
                    })
                })
                .collect();
            (*id, ids)
        })
        .collect();
    Profiles::new(kept, keys)
}

/// Normalised pointwise mutual information of two terms on `n` cards, in [-1, 1].
fn npmi(together: u32, a: u32, b: u32, n: usize) -> f32 {
    let n = n as f64;
    let p_ab = together as f64 / n;
    if p_ab >= 1.0 {
        return 0.0;
    }
    let pmi = (p_ab / ((a as f64 / n) * (b as f64 / n))).ln();
    (pmi / -p_ab.ln()) as f32
}

/// Whether one key is part of the other (`예지보전` of `설비 예지보전`, `robot` of
/// `robot arm`): a narrower way of saying the same, which search finds already.
fn contains(a: &str, b: &str) -> bool {
    let within = |long: &str, short: &str| {
        if short.chars().all(|c| !c.is_ascii()) {
            long.contains(short)
        } else {
            let words: Vec<&str> = long.split(' ').collect();
            let part: Vec<&str> = short.split(' ').collect();
            words.windows(part.len()).any(|w| w == part.as_slice())
        }
    };
    a.len() >= b.len() && within(a, b) || b.len() > a.len() && within(b, a)
}

/// Analysed words as one text, separated by spaces.
fn joined(words: &[QueryWord]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key a query or a term is looked up by.
pub fn key_of(text: &str) -> String {
    topic_words(text).join(" ")
}

/// One neighbour of a term, ready for searches.
#[derive(Clone, Debug)]
pub struct Neighbour {
    /// As shown (`불량 검출`).
    pub term: String,
    pub key: String,
    /// Analysed as the index analyses queries.
    pub words: Vec<QueryWord>,
    /// Association strength (normalised PMI, damped for few cards).
    pub score: f32,
    /// Cards with both terms.
    pub together: u32,
}

/// A pair staff may make synonyms.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub a: String,
    pub b: String,
    pub score: f32,
    pub together: u32,
}

/// The neighbours in use, by term key.
#[derive(Debug, Default)]
pub struct Neighbours {
    by_key: HashMap<String, Vec<Neighbour>>,
    /// Surface and whether it is a keyword or field, per key.
    terms: HashMap<String, (String, bool)>,
    /// Pairs (smaller key first) that are never neighbours: rejected by staff or
    /// synonyms already.
    excluded: HashSet<(String, String)>,
    /// Each card's strongest terms, for topic feedback.
    profiles: Arc<Profiles>,
    /// Cards mined.
    pub cards: usize,
}

/// The related terms of a search's concepts whose works count as evidence on its topic
/// ([`Neighbours::evidence_terms`]).
#[derive(Debug, Default)]
pub struct EvidenceTerms {
    /// Per concept, in the query's order: terms that may stand in for it.
    pub per_concept: Vec<Vec<Vec<QueryWord>>>,
    /// Terms that may stand in for the whole query.
    pub whole: Vec<Vec<QueryWord>>,
}

impl EvidenceTerms {
    /// True when no term may stand in for a concept or the query.
    pub fn is_empty(&self) -> bool {
        self.whole.is_empty() && self.per_concept.iter().all(Vec::is_empty)
    }
}

/// A pair of keys, smaller first.
pub fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Neighbours {
    /// Neighbours of every mined term except `excluded` pairs of keys (rejected by staff,
    /// or already synonyms), analysed with `analyse`.
    pub fn new(
        mined: &Mined,
        excluded: HashSet<(String, String)>,
        mut analyse: impl FnMut(&str) -> Vec<QueryWord>,
    ) -> Neighbours {
        let mut words: HashMap<u32, Vec<QueryWord>> = HashMap::new();
        let mut by_key = HashMap::new();
        let mut terms = HashMap::new();
        for (&a, links) in &mined.links {
            let term_a = &mined.terms[a as usize];
            terms.insert(term_a.key.clone(), (term_a.surface.clone(), term_a.phrase));
            let list: Vec<Neighbour> = links
                .iter()
                .filter(|l| {
                    !excluded.contains(&pair(&term_a.key, &mined.terms[l.other as usize].key))
                })
                .filter_map(|l| {
                    let term = &mined.terms[l.other as usize];
                    let analysed = words
                        .entry(l.other)
                        .or_insert_with(|| analyse(&term.surface))
                        .clone();
                    (!analysed.is_empty() && analysed.iter().any(|w| !w.generic)).then(|| {
                        Neighbour {
                            term: term.surface.clone(),
                            key: term.key.clone(),
                            words: analysed,
                            score: l.score,
                            together: l.together,
                        }
                    })
                })
                .collect();
            // a neighbour inside another of the same term (`재활` beside `재활 로봇`) says less
            let longer = |n: &Neighbour| {
                list.iter()
                    .any(|m| m.key.len() > n.key.len() && contains(&m.key, &n.key))
            };
            let list: Vec<Neighbour> = list.iter().filter(|n| !longer(n)).cloned().collect();
            if !list.is_empty() {
                by_key.insert(term_a.key.clone(), list);
            }
        }
        Neighbours {
            by_key,
            terms,
            excluded,
            profiles: mined.profiles.clone(),
            cards: mined.cards,
        }
    }

    /// Every card's profile terms, for topic feedback.
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// Terms with neighbours.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when nothing was mined (a new or tiny directory).
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The neighbours of a term, strongest first.
    pub fn of(&self, text: &str) -> &[Neighbour] {
        self.by_key
            .get(&key_of(text))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Adds each concept's strongest neighbours as its related ways of saying it (not for
    /// concepts that only rank, such as `연구`).
    pub fn expand(&self, concepts: &mut [Concept]) {
        for c in concepts.iter_mut().filter(|c| !c.generic()) {
            let own: HashSet<String> = std::iter::once(&c.words)
                .chain(&c.alternatives)
                .map(|w| key_of(&joined(w)))
                .collect();
            c.related = self
                .of(&joined(&c.words))
                .iter()
                .filter(|n| !own.contains(&n.key))
                .take(EXPANSION)
                .map(|n| n.words.clone())
                .collect();
        }
    }

    /// The terms whose works count as related evidence for a search: for each concept its
    /// `k` strongest neighbours (none for a concept that only ranks), and, for a query of
    /// several concepts that is a known term, the `k` strongest neighbours of the whole
    /// query. The query's own ways of saying it are left out.
    pub fn evidence_terms(&self, query: &str, concepts: &[Concept], k: usize) -> EvidenceTerms {
        let own: HashSet<String> = concepts
            .iter()
            .flat_map(|c| std::iter::once(&c.words).chain(&c.alternatives))
            .map(|w| key_of(&joined(w)))
            .chain(std::iter::once(key_of(query)))
            .collect();
        let take = |list: &[Neighbour]| -> Vec<Vec<QueryWord>> {
            list.iter()
                .filter(|n| !own.contains(&n.key))
                .take(k)
                .map(|n| n.words.clone())
                .collect()
        };
        let per_concept = concepts
            .iter()
            .map(|c| {
                if c.generic() {
                    Vec::new()
                } else {
                    take(self.of(&joined(&c.words)))
                }
            })
            .collect();
        let whole = if concepts.len() > 1 {
            take(self.of(query))
        } else {
            Vec::new()
        };
        EvidenceTerms { per_concept, whole }
    }

    /// The terms to offer with a search for `query`: the neighbours of the whole query
    /// when it is a known term, else those of its concepts in turn.
    pub fn related(&self, query: &str, concepts: &[Concept]) -> Vec<String> {
        let whole = self.of(query);
        let mut lists: Vec<&[Neighbour]> = vec![whole];
        if whole.is_empty() {
            lists.extend(concepts.iter().filter(|c| !c.generic()).map(|c| {
                let text: Vec<&str> = c.words.iter().map(|w| w.text.as_str()).collect();
                self.of(&text.join(" "))
            }));
        }
        let asked = key_of(query);
        let mut out: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let longest = lists.iter().map(|l| l.len()).max().unwrap_or(0);
        for i in 0..longest {
            for list in &lists {
                if let Some(n) = list.get(i)
                    && n.key != asked
                    && seen.insert(&n.key)
                    && out.len() < SHOWN
                {
                    out.push(n.term.clone());
                }
            }
        }
        out
    }

    /// Pairs worth making synonyms, strongest first: two keywords or fields, or a term and
    /// one in the other script (`결함`/`defect`), each pair once.
    pub fn suggestions(&self, limit: usize) -> Vec<Suggestion> {
        let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
        let mut out: Vec<Suggestion> = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (key, list) in &self.by_key {
            let Some((surface, phrase)) = self.terms.get(key) else {
                continue;
            };
            for n in list {
                let other_phrase = self.terms.get(&n.key).is_some_and(|(_, p)| *p);
                let worth = *phrase && other_phrase || hangul(key) != hangul(&n.key);
                let p = pair(key, &n.key);
                if worth && !self.excluded.contains(&p) && seen.insert(p) {
                    out.push(Suggestion {
                        a: surface.clone(),
                        b: n.term.clone(),
                        score: n.score,
                        together: n.together,
                    });
                }
            }
        }
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then_with(|| x.a.cmp(&y.a)));
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::card::Publication;
    use crate::search::analyzer::query_words;

    fn card(keywords: &[&str], titles: &[&str]) -> CardRecord {
        CardRecord {
            name: "연구자".into(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            publications: titles
                .iter()
                .map(|t| Publication {
                    title: t.to_string(),
                    ..Default::default()
                })
                .collect(),
            status: Status::Published,
            ..Default::default()
        }
    }

    fn mined(cards: &[CardRecord]) -> Neighbours {
        let mut miner = Miner::default();
        for (i, c) in cards.iter().enumerate() {
            miner.add(i as i64, c);
        }
        Neighbours::new(&miner.finish(), HashSet::new(), query_words)
    }

    fn directory() -> Vec<CardRecord> {
        let mut cards = Vec::new();
        for _ in 0..4 {
            cards.push(card(&["결함", "불량", "비전 검사"], &["PCB 이물 검출"]));
            cards.push(card(&["결함", "defect"], &["웨이퍼 이물 분류"]));
            cards.push(card(&["로봇", "매니퓰레이터"], &["robot arm grasping"]));
            cards.push(card(
                &["배터리", "이차전지"],
                &["battery management system"],
            ));
            cards.push(card(&["음성 인식"], &["speech recognition acoustic model"]));
            cards.push(card(
                &["machine translation"],
                &["neural machine translation"],
            ));
        }
        // researchers of their own topics, so the shared ones are not on most cards
        for i in 0..20 {
            cards.push(card(&[&format!("주제{i}")], &[]));
        }
        cards
    }

    fn keys(list: &[Neighbour]) -> Vec<&str> {
        list.iter().map(|n| n.key.as_str()).collect()
    }

    #[test]
    fn terms_of_the_same_researchers_are_neighbours_and_others_are_not() {
        let n = mined(&directory());
        let of = keys(n.of("결함"));
        assert!(
            of.contains(&"불량") && of.contains(&"defect") && of.contains(&"이물"),
            "{of:?}"
        );
        assert!(!of.contains(&"로봇") && !of.contains(&"배터리"), "{of:?}");
        assert!(
            keys(n.of("배터리를")).contains(&"이차전지"),
            "particles are stripped"
        );
    }

    #[test]
    fn parts_of_one_phrase_are_not_neighbours() {
        let n = mined(&directory());
        // `machine` and `translation` are always written together: one phrase
        let of = keys(n.of("machine"));
        assert!(!of.contains(&"translation"), "{of:?}");
        assert!(!keys(n.of("machine translation")).contains(&"machine"));
    }

    #[test]
    fn expansion_adds_neighbours_to_concepts_but_not_to_generic_words() {
        let n = mined(&directory());
        let mut concepts =
            crate::search::synonyms::Synonyms::default().concepts(query_words("결함 연구"));
        n.expand(&mut concepts);
        assert!(!concepts[0].related.is_empty());
        assert!(concepts[0].related.len() <= EXPANSION);
        assert!(concepts[1].related.is_empty());
    }

    #[test]
    fn related_terms_and_suggestions_skip_excluded_pairs() {
        let cards = directory();
        let mut miner = Miner::default();
        for (i, c) in cards.iter().enumerate() {
            miner.add(i as i64, c);
        }
        let mined = miner.finish();
        let all = Neighbours::new(&mined, HashSet::new(), query_words);
        let related = all.related("결함", &[]);
        assert!(related.contains(&"불량".to_string()), "{related:?}");
        let suggested = all.suggestions(100);
        assert!(
            suggested
                .iter()
                .any(|s| [&s.a, &s.b] == [&"결함", &"불량"] || [&s.a, &s.b] == [&"불량", &"결함"]),
            "{suggested:?}"
        );
        let without = Neighbours::new(&mined, HashSet::from([pair("결함", "불량")]), query_words);
        assert!(!without.related("결함", &[]).contains(&"불량".to_string()));
        assert!(
            !without
                .suggestions(100)
                .iter()
                .any(|s| s.a == "불량" && s.b == "결함" || s.a == "결함" && s.b == "불량")
        );
    }

    #[test]
    fn a_neighbour_inside_a_longer_one_is_left_out() {
        let mut cards = directory();
        for _ in 0..4 {
            cards.push(card(&["rehabilitation robotics", "재활 로봇", "재활"], &[]));
        }
        let n = mined(&cards);
        let of = keys(n.of("rehabilitation robotics"));
        assert!(of.contains(&"재활 로봇") && !of.contains(&"재활"), "{of:?}");
    }

    #[test]
    fn a_rare_word_on_a_few_of_a_large_terms_cards_is_not_its_neighbour() {
        let mut cards = directory();
        // `결함` is on 8 cards, so a neighbour needs at least one; a broad term on 200 needs 4
        for i in 0..200 {
            let titles: &[&str] = if i < 3 {
                &["counter", "tampering"]
            } else {
                &["image"]
            };
            cards.push(card(&["cnn"], titles));
        }
        for _ in 0..2 {
            cards.push(card(&[], &["counter", "tampering"]));
        }
        cards.extend((0..1_000).map(|i| card(&[&format!("other{i}")], &[])));
        let n = mined(&cards);
        let of = keys(n.of("cnn"));
        assert!(of.contains(&"image"), "{of:?}");
        assert!(
            !of.contains(&"counter") && !of.contains(&"tampering"),
            "{of:?}"
        );
        assert!(
            keys(n.of("counter")).contains(&"cnn"),
            "the rare word still leads to it"
        );
    }

    #[test]
    fn a_word_that_frames_a_title_is_never_a_neighbour() {
        let mut cards = directory();
        for _ in 0..4 {
            cards.push(card(&["question answering"], &["reasoning over tables"]));
        }
        let n = mined(&cards);
        let of = keys(n.of("question answering"));
        assert!(of.contains(&"table") && !of.contains(&"over"), "{of:?}");
        assert!(n.of("over").is_empty());
    }

    #[test]
    fn a_term_on_most_cards_relates_to_nothing() {
        let mut cards = directory();
        for c in &mut cards {
            c.keywords.push("인공지능".into());
        }
        let n = mined(&cards);
        assert!(n.of("인공지능").is_empty());
        assert!(!keys(n.of("결함")).contains(&"인공지능"));
    }
}
