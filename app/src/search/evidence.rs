//! Evidence-based ranking: a card is scored by how well its profile matches, by the body of
//! work that matches, and by how recent that work is, rather than by one length-normalised
//! text that punishes a prolific researcher.
//!
//! Three passes over the index serve one ranking:
//! - the **card pass** finds the cards (strict tier, filters, facets) and gives each its
//!   text score, which only breaks near-ties;
//! - the **evidence pass** scores every publication, project, patent and video against the
//!   query as its own document (so an item's length normalises only that item), and adds
//!   the item scores up per card with saturation: `ln(1 + Σ wᵢ)`, where `wᵢ` is the item's
//!   score relative to the best item of the query, weighted up for recent work and down for
//!   an item that has only some of the query's concepts; when the search has a partial
//!   tier, it also notes which concepts each candidate's text says, weighted by their
//!   rarity (its coverage, [`COVERAGE_WEIGHT`]), so the rarer part of a query ranks first;
//! - the **key pass** scores names, keywords and technology fields, a short field with a
//!   length of its own, relative to the best profile match of the query;
//! - the **related pass** walks the items of the best candidates once more for work on the
//!   topic in other words (each concept said by itself or one of its mined related terms),
//!   which counts [`RELATED_ITEM`] of a full item.
//!
//! Last, [`super::feedback`] adds what the best candidates' card profiles say the topic is.
//!
//! The weights were chosen on the demo set and on held-out real data (see
//! docs/search-quality.md); the method, not one query set, decides the order.

use super::feedback::{FEEDBACK_CARDS, FEEDBACK_WEIGHT, Profiles};
use super::index::SearchIndex;
use super::neighbours::EvidenceTerms;
use super::query::STRICT_BONUS;
use super::schema::ItemKind;
use super::segments::{FromSegment, PerSegment};
use super::synonyms::Concept;
use crate::model::search::HitEvidence;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocAddress, Score, Searcher};

/// Weight of the profile match (names, keywords, fields), relative to the query's best:
/// a keyword claims expertise that works then show.
const PROFILE_WEIGHT: f32 = 0.5;
/// Weight of the saturated sum of evidence items: the body of work on the topic decides.
const EVIDENCE_WEIGHT: f32 = 3.0;
/// Weight of the whole card's text score relative to the query's best; it carries the
/// bio and project summaries, and breaks ties between cards with the same evidence.
const TEXT_WEIGHT: f32 = 0.3;
/// Weight of `ln(1 + works)`, the size of a card's whole body of work, for cards with works
/// on the topic (in the query's words or in other words): among cards with similar
/// evidence, the more established researcher comes first. It is small next to the evidence
/// (a card needs e³ ≈ 20 times the works to gain what one more matching work gives at the
/// start), and it never lifts a card into the strict tier. On the real-data set the
/// held-out work of a researcher follows the size of their body of work: with topic
/// feedback, nDCG@10 was 0.230 at 0.5, 0.232 at 0.8 and 0.229 at 1.0 (demo: 0.957 at both
/// 0.5 and 0.8).
const WORKS_WEIGHT: f32 = 0.8;
/// How much of [`WORKS_WEIGHT`] a card gets whose works have only some of the query's
/// concepts (a battery researcher for `배터리 열폭주`): their field is near the topic, so the
/// more established of them comes first, but a large body of work next to the topic must not
/// pass a card with work on it. Scored on the first page (docs/search-quality.md), nDCG@10
/// on the real-data set, its long-card variant and the demo set was 0.239 / 0.247 / 0.965
/// at 0, 0.241 / 0.250 / 0.968 at 0.5 and 0.243 / 0.253 / 0.967 at 1; at 1 the demo's
/// sentence class fell from 0.953 to 0.951, at 0.5 no class fell.
const PARTIAL_BODY: f32 = 0.5;
/// Weight of a card's coverage of the query: the share of its specific concepts the card
/// says (itself or by a synonym), each concept weighted by its rarity among the cards. It
/// orders the partial tier, where a card that says `ROS 2` and `로봇` of `ROS 2 기반 로봇
/// 소프트웨어` must come before one that only says the common `소프트웨어`, however many
/// works that one has on it; in the strict tier every card covers the whole query.
const COVERAGE_WEIGHT: f32 = 2.0;
/// How much the (saturated) sum of items with only some of the query's concepts counts
/// against one item with all of them.
const PARTIAL_ITEM: f32 = 0.25;
/// How much an item on the topic in other words (its concepts said by their related terms,
/// [`super::neighbours::EvidenceTerms`]) counts against one item with every concept, before
/// saturation. On the real-data set nDCG@10 is 0.232–0.233 from 0.1 to 0.2 (an earlier form
/// of the rule lost 0.005 at 0.5); on the demo set 0.964 over the same range.
const RELATED_ITEM: f32 = 0.15;

/// How many related terms of each concept (and of the whole query) may stand in for it.
pub(super) const RELATED_TERMS: usize = 5;

/// Related work is counted for this many best candidates (by the other signals), or for the
/// whole page asked for if it is longer. Scored on the first page of 20 (`rcard eval`),
/// 50 and 100 are within 0.001 of each other in nDCG@10 on the real-data and demo sets
/// (0.238 / 0.237 and 0.963 / 0.964), and 50 walks half the items; 30 lost 0.010 of P@5 on
/// the real-data set.
pub(super) const RELATED_CARDS: usize = 50;

/// An item from this year counts this much more than one [`RECENCY_YEARS`] old or older.
const ITEM_RECENCY: f32 = 0.3;
/// Work this many years old or older gets no recency weight.
const RECENCY_YEARS: f32 = 10.0;

/// The current year (UTC), from the system clock.
pub(super) fn this_year() -> i64 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    1970 + (days as f64 / 365.2425) as i64
}

/// How much more an item of `year` counts: 1 + [`ITEM_RECENCY`] for this year's work,
/// falling to 1 over [`RECENCY_YEARS`]; an item without a year counts 1.
fn recency(year: i64, this_year: i64) -> f32 {
    if year <= 0 {
        return 1.0;
    }
    let age = (this_year - year).max(0) as f32;
    1.0 + ITEM_RECENCY * (1.0 - age / RECENCY_YEARS).max(0.0)
}

/// One matching document: its card, score and address, and for an evidence item its kind
/// and year.
#[derive(Clone, Copy, Debug)]
pub(super) struct Match {
    pub card_id: i64,
    /// A card's number of works; an item's kind.
    pub works: u64,
    pub score: Score,
    pub address: DocAddress,
    pub year: i64,
}

/// BM25's length normalisation (tantivy's `b`; its `k1` is 1.2).
const BM25_B: f32 = 0.75;

/// The mean length of `field` over the searcher's documents, as tantivy's BM25 takes it.
pub(super) fn mean_length(searcher: &Searcher, field: tantivy::schema::Field) -> f32 {
    let tokens: u64 = searcher
        .segment_readers()
        .iter()
        .filter_map(|r| r.inverted_index(field).ok())
        .map(|i| i.total_num_tokens())
        .sum();
    (tokens as f32 / searcher.num_docs().max(1) as f32).max(1.0)
}

/// How the card pass's window is chosen: by the text score with BM25's length
/// normalisation taken off again, so by how often a card says the query's words rather
/// than how densely. One length normalises a card's whole text, and every title adds to
/// it, so by the plain text score a prolific researcher's card falls behind short cards
/// that mention the query once, and out of the window its evidence would win.
///
/// A term's BM25 is `idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × len / mean))`; times
/// `1 − b + b × len / mean` it is close to `idf × tf × (k1 + 1) / k1` wherever `tf` is
/// small next to the card's length, as it is on any card with more than a few works. On the
/// real-data set (docs/search-quality.md), with a window of 500, nDCG@10 was 0.233 with
/// the earlier lift by the number of works (`1 + 2 ln(1 + works)`) and 0.239 with this one,
/// higher on both halves of the queries (0.218 → 0.223, 0.248 → 0.254); the earlier lift
/// needed a window of 1,000 for 0.237. The demo set is unchanged (0.964).
pub(super) struct LengthLift {
    norms: Option<tantivy::fieldnorm::FieldNormReader>,
    mean: f32,
}

impl LengthLift {
    /// The lift of one segment's documents; `mean` is [`mean_length`] of `text`.
    pub(super) fn of(
        reader: &tantivy::SegmentReader,
        text: tantivy::schema::Field,
        mean: f32,
    ) -> LengthLift {
        LengthLift {
            norms: reader.get_fieldnorms_reader(text).ok(),
            mean,
        }
    }

    /// The length factor of document `doc`'s text score.
    pub(super) fn at(&self, doc: tantivy::DocId) -> f32 {
        let len = self.norms.as_ref().map_or(0, |n| n.fieldnorm(doc)) as f32;
        (1.0 - BM25_B + BM25_B * len / self.mean).max(f32::MIN_POSITIVE)
    }
}

/// The collector of the card pass for a ranked search: the `size` best card matches by text
/// score, each lifted by its [`LengthLift`] within its tier (the strict bonus is left
/// alone). [`candidates`] takes the lift off again.
pub(super) fn window_collector(
    size: usize,
    text: tantivy::schema::Field,
    mean: f32,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Score, DocAddress)>> {
    tantivy::collector::TopDocs::with_limit(size).tweak_score(
        move |reader: &tantivy::SegmentReader| {
            let lift = LengthLift::of(reader, text, mean);
            move |doc: tantivy::DocId, score: Score| {
                let (tier, text) = tier_and_text(score);
                tier + text * lift.at(doc)
            }
        },
    )
}

/// The fast fields the evidence passes read, opened once per segment: opening a column
/// reads its layout, and the card ids' layout (a line per block of documents) cost about
/// a tenth of a millisecond a search at 100k cards when opened per search.
pub struct Columns {
    card_id: Column<i64>,
    works: Column<u64>,
    item_kind: Column<u64>,
    latest_year: Column<i64>,
}

impl FromSegment for Columns {
    fn build(reader: &tantivy::SegmentReader) -> tantivy::Result<Columns> {
        let fast = reader.fast_fields();
        Ok(Columns {
            card_id: fast.i64("card_id")?,
            works: fast.u64("works")?,
            item_kind: fast.u64("item_kind")?,
            latest_year: fast.i64("latest_year")?,
        })
    }
}

/// The card matches of a window (from [`window_collector`]) with their ids, numbers of works
/// and text scores, in document order.
pub(super) fn candidates(
    searcher: &Searcher,
    columns: &PerSegment<Columns>,
    mut top: Vec<(Score, DocAddress)>,
    text: tantivy::schema::Field,
    mean: f32,
) -> tantivy::Result<Vec<Match>> {
    top.sort_unstable_by_key(|(_, a)| *a);
    let mut out = Vec::with_capacity(top.len());
    let mut at: Option<(u32, Arc<Columns>, LengthLift)> = None;
    for (score, address) in top {
        if at
            .as_ref()
            .is_none_or(|(s, _, _)| *s != address.segment_ord)
        {
            let reader = searcher.segment_reader(address.segment_ord);
            at = Some((
                address.segment_ord,
                columns.get(reader)?,
                LengthLift::of(reader, text, mean),
            ));
        }
        let Some((_, columns, lift)) = at.as_ref() else {
            continue;
        };
        let (tier, text) = tier_and_text(score);
        out.push(Match {
            card_id: columns.card_id.first(address.doc_id).unwrap_or(0),
            works: columns.works.first(address.doc_id).unwrap_or(0),
            score: tier + text / lift.at(address.doc_id),
            address,
            year: 0,
        });
    }
    Ok(out)
}

/// One card's evidence for one query.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CardEvidence {
    /// Σ of the weights of the card's items with every concept.
    pub weight: f32,
    /// Σ of the weights of the card's items with some of the concepts.
    pub partial: f32,
    /// Σ of the recency weights of the card's items on the topic in other words: each
    /// concept there itself or as a related term, but not every concept itself.
    pub related: f32,
    /// Items with every concept, by [`ItemKind`].
    pub counts: [u32; 4],
    /// Items with some of the concepts, by [`ItemKind`].
    pub partial_counts: [u32; 4],
    /// Σ of the recency weights of the items with every concept.
    pub full_recency: f32,
    /// The most recent year among those items, at most this year (0 if none has one).
    pub latest: i64,
    /// The same among the items with some of the concepts.
    pub partial_latest: i64,
    /// The card's strongest item: its weight and address.
    pub best: Option<(f32, DocAddress)>,
}

impl CardEvidence {
    /// What a company reads on the hit: how many works on the topic, and how recent. A card
    /// without works on all of it (a hit of the partial tier, say) shows its works on part
    /// of it, marked as such.
    pub fn summary(&self) -> Option<HitEvidence> {
        let has = |counts: &[u32; 4]| counts.iter().any(|c| *c > 0);
        let (counts, latest, partial) = if has(&self.counts) {
            (&self.counts, self.latest, false)
        } else if has(&self.partial_counts) {
            (&self.partial_counts, self.partial_latest, true)
        } else {
            return None;
        };
        let of = |k: ItemKind| counts[k as usize];
        Some(HitEvidence {
            publications: of(ItemKind::Publication),
            projects: of(ItemKind::Project),
            patents: of(ItemKind::Patent),
            videos: of(ItemKind::Video),
            latest_year: (latest > 0).then_some(latest as i32),
            partial,
        })
    }
}

/// Everything a ranking needs beyond the card pass, for one query.
#[derive(Default)]
pub(super) struct Signals {
    evidence: HashMap<i64, CardEvidence>,
    profile: HashMap<i64, f32>,
    best_profile: f32,
    /// Card id → its coverage of the query (0–1), for searches with a partial tier.
    coverage: HashMap<i64, f32>,
}

impl Signals {
    pub fn evidence(&self, card_id: i64) -> Option<&CardEvidence> {
        self.evidence.get(&card_id)
    }

    /// Whether a card has works with every concept of the query.
    fn has_works_on_all(&self, card_id: i64) -> bool {
        self.evidence.get(&card_id).is_some_and(|e| e.weight > 0.0)
    }

    /// A card's ranking score from its text score (with the strict tier's bonus, if any)
    /// and its signals; `best_text` is the best text score among the matches (bonus aside).
    pub fn score(&self, card_id: i64, works: u64, text_score: f32, best_text: f32) -> f32 {
        let (tier, text) = tier_and_text(text_score);
        let profile = match self.profile.get(&card_id) {
            Some(p) if self.best_profile > 0.0 => p / self.best_profile,
            _ => 0.0,
        };
        let found = self.evidence.get(&card_id);
        let evidence = found.map_or(0.0, |e| {
            // works on part of the query saturate on their own first: many works on `AI`
            // are not evidence for `의료영상 AI 진단`
            (e.weight + PARTIAL_ITEM * e.partial.ln_1p() + RELATED_ITEM * e.related).ln_1p()
        });
        // the size of the body of work counts for a card with works on the topic, and less
        // for one with works on part of it only
        let body = match found {
            Some(e) if e.weight > 0.0 || e.related > 0.0 => (works as f32).ln_1p(),
            Some(e) if e.partial > 0.0 => PARTIAL_BODY * (works as f32).ln_1p(),
            _ => 0.0,
        };
        let text = if best_text > 0.0 {
            text / best_text
        } else {
            0.0
        };
        let coverage = self.coverage.get(&card_id).copied().unwrap_or(0.0);
        tracing::trace!(
            card_id,
            tier,
            coverage = COVERAGE_WEIGHT * coverage,
            profile = PROFILE_WEIGHT * profile,
            evidence = EVIDENCE_WEIGHT * evidence,
            text = TEXT_WEIGHT * text,
            body = WORKS_WEIGHT * body,
            "score parts"
        );
        tier + PROFILE_WEIGHT * profile
            + EVIDENCE_WEIGHT * evidence
            + TEXT_WEIGHT * text
            + WORKS_WEIGHT * body
            + COVERAGE_WEIGHT * coverage
    }
}

impl SearchIndex {
    /// The evidence and profile signals of `concepts` for the `candidates` (card matches).
    /// With `partial`, items with only some of the concepts count too, at [`PARTIAL_ITEM`].
    ///
    /// A card's items are indexed right after it, in the same batch, so in every segment
    /// they are the documents `card + 1 ..= card + works` (a block join; deletes and merges
    /// keep a card and its items together). Each candidate's items are therefore found by
    /// moving one item scorer per segment forward to them, and its profile by moving one
    /// key scorer: the cost follows the candidates, not every item that matches a common
    /// word across the directory.
    pub(super) fn signals(
        &self,
        searcher: &Searcher,
        concepts: &[Concept],
        partial: bool,
        candidates: &[Match],
    ) -> tantivy::Result<Signals> {
        if concepts.is_empty() || candidates.is_empty() {
            return Ok(Signals::default());
        }
        debug_assert!(candidates.is_sorted_by_key(|m| m.address));
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let items = self.item_query(concepts, partial).weight(scoring)?;
        let keys = self.key_query(concepts).weight(scoring)?;
        // in the strict tier every card says every concept: coverage only orders the rest
        let covered = if partial {
            self.coverage_weights(searcher, concepts)?
        } else {
            Vec::new()
        };
        let scorers = Scorers {
            items: items.as_ref(),
            keys: Some(keys.as_ref()),
            concepts: &covered,
        };
        // the candidates are split between the search threads, each walking its own scorers
        // forward over its run of documents
        let parts = searcher.index().search_executor().map(
            |part| walk(searcher, &self.columns, &scorers, part, true),
            split(candidates, self.threads, MIN_PER_THREAD).into_iter(),
        )?;
        let mut found: Vec<Match> = Vec::new();
        let mut profile: HashMap<i64, f32> = HashMap::default();
        let mut coverage: HashMap<i64, f32> = HashMap::default();
        for part in parts {
            found.extend(part.items);
            profile.extend(part.profile);
            coverage.extend(part.coverage);
        }
        let year = this_year();
        // an item's text score relative to the best item's, so weights are near 1 for
        // strong items whatever the query's term statistics
        let best = best_text(&found).max(f32::MIN_POSITIVE);
        let mut evidence: HashMap<i64, CardEvidence> =
            HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
        for m in &found {
            let full = !partial || m.score >= STRICT_BONUS;
            let weight = text_part(m.score) / best * recency(m.year, year);
            let e = evidence.entry(m.card_id).or_default();
            if full {
                e.weight += weight;
                e.full_recency += recency(m.year, year);
                e.counts[(m.works as usize).min(3)] += 1;
                // a project that ends in a later year is running now: "최근 2029" would read
                // as a date in the future
                e.latest = e.latest.max(m.year.min(year));
            } else {
                e.partial += weight;
                e.partial_counts[(m.works as usize).min(3)] += 1;
                e.partial_latest = e.partial_latest.max(m.year.min(year));
            }
            let weight = if full { weight } else { weight * PARTIAL_ITEM };
            if e.best.is_none_or(|(w, _)| weight > w) {
                e.best = Some((weight, m.address));
            }
        }
        let best_profile = profile.values().copied().fold(0.0f32, f32::max);
        Ok(Signals {
            evidence,
            profile,
            best_profile,
            coverage,
        })
    }

    /// Each specific concept of the query in the card text (itself or a synonym, nearly
    /// spelt as in the partial tier), with its share of the query: its rarity among the cards,
    /// BM25's `ln(1 + (N − n + ½) / (n + ½))` with `n` estimated from the rarest term of each
    /// way of saying it, over the sum for every specific concept. Generic concepts take no
    /// share, unless every concept is generic.
    fn coverage_weights(
        &self,
        searcher: &Searcher,
        concepts: &[Concept],
    ) -> tantivy::Result<Vec<(Box<dyn Weight>, f32)>> {
        let all_generic = concepts.iter().all(Concept::generic);
        let specific: Vec<&Concept> = concepts
            .iter()
            .filter(|c| all_generic || !c.generic())
            .collect();
        if specific.len() < 2 {
            // one concept: every candidate says it
            return Ok(Vec::new());
        }
        let text = self.fields.text;
        let cards = searcher.doc_freq(&tantivy::Term::from_field_text(
            self.fields.kind,
            super::schema::CARD,
        ))? as f32;
        let term_df = |t: &str| searcher.doc_freq(&tantivy::Term::from_field_text(text, t));
        let mut rarity = Vec::with_capacity(specific.len());
        for c in &specific {
            let mut df = 0u64;
            for way in std::iter::once(&c.words).chain(&c.alternatives) {
                let mut way_df = u64::MAX;
                for w in way.iter().filter(|w| !w.generic || all_generic) {
                    for t in &w.required {
                        way_df = way_df.min(term_df(t)?);
                    }
                }
                if way_df != u64::MAX {
                    df += way_df;
                }
            }
            let n = (df as f32).min(cards);
            rarity.push((1.0 + (cards - n + 0.5) / (n + 0.5)).ln());
        }
        let total: f32 = rarity.iter().sum();
        if total <= 0.0 {
            return Ok(Vec::new());
        }
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        specific
            .iter()
            .zip(rarity)
            .map(|(c, r)| {
                let query = self.concept_query(text, c, true, true);
                Ok((query.weight(scoring)?, r / total))
            })
            .collect()
    }

    /// Adds to `signals` the works of `leaders` (candidates in document order) on the topic
    /// in other words: items where the `related` terms stand in for concepts. Only the
    /// leaders are walked, as related work orders researchers near the top and a walk over
    /// every candidate's items with a few dozen more terms would double a search's time.
    pub(super) fn add_related(
        &self,
        searcher: &Searcher,
        concepts: &[Concept],
        related: &EvidenceTerms,
        leaders: &[Match],
        signals: &mut Signals,
    ) -> tantivy::Result<()> {
        if related.is_empty() || leaders.is_empty() {
            return Ok(());
        }
        debug_assert!(leaders.is_sorted_by_key(|m| m.address));
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let items = self.related_item_query(concepts, related).weight(scoring)?;
        // a few dozen terms per item: worth both threads even for a few dozen leaders
        let scorers = Scorers {
            items: items.as_ref(),
            keys: None,
            concepts: &[],
        };
        let parts = searcher.index().search_executor().map(
            |part| walk(searcher, &self.columns, &scorers, part, false),
            split(leaders, self.threads, MIN_RELATED_PER_THREAD).into_iter(),
        )?;
        let year = this_year();
        let mut on_topic: HashMap<i64, f32> = HashMap::default();
        for m in parts.into_iter().flat_map(|p| p.items) {
            *on_topic.entry(m.card_id).or_default() += recency(m.year, year);
        }
        // the items with every concept are on the topic too, and counted already
        for (card_id, sum) in on_topic {
            let e = signals.evidence.entry(card_id).or_default();
            e.related = (sum - e.full_recency).max(0.0);
        }
        Ok(())
    }
}

/// Fewer candidates than this are not worth handing to a second thread.
const MIN_PER_THREAD: usize = 128;

/// The same for the related-work pass, whose items are checked against many more terms.
const MIN_RELATED_PER_THREAD: usize = 16;

/// `matches` (in document order) in about equal runs for `threads` search threads, none
/// shorter than `min` unless it is all there is. Each run's walk sets up its scorers again
/// for every segment it enters, which costs about as much as walking a few dozen cards, so
/// a cut is moved to the nearest segment boundary within a quarter of a run: two segments
/// and two threads give each thread one segment.
fn split(matches: &[Match], threads: usize, min: usize) -> Vec<&[Match]> {
    let share = matches.len().div_ceil(threads.max(1)).max(min.max(1));
    let slack = share / 4;
    let mut parts = Vec::with_capacity(threads);
    let mut rest = matches;
    while rest.len() > share + slack {
        let starts_segment =
            |i: usize| rest[i - 1].address.segment_ord != rest[i].address.segment_ord;
        let cut = (0..=slack)
            .flat_map(|d| [share - d, share + d])
            .find(|&i| i > 0 && starts_segment(i))
            .unwrap_or(share);
        let (part, after) = rest.split_at(cut);
        parts.push(part);
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}

/// What [`walk`] moves forward over a run of candidates.
struct Scorers<'a> {
    /// The evidence items.
    items: &'a dyn Weight,
    /// The profile (key field), if scored.
    keys: Option<&'a dyn Weight>,
    /// Each specific concept in the card text, with its share of the query's weight (see
    /// [`SearchIndex::coverage_weights`]); empty when coverage is not needed.
    concepts: &'a [(Box<dyn Weight>, f32)],
}

/// What [`walk`] finds for its run of candidates.
struct Walked {
    /// The matching evidence items.
    items: Vec<Match>,
    /// Card id → profile score, for cards whose profile matches.
    profile: Vec<(i64, f32)>,
    /// Card id → coverage of the query, for cards that say some concept.
    coverage: Vec<(i64, f32)>,
}

/// The evidence items and profile scores of `part` (candidates in document order): the
/// item and key scorers of each segment are moved forward to each card's documents.
/// Unless `scored`, items are only found: their score and kind are left at zero.
fn walk(
    searcher: &Searcher,
    columns: &PerSegment<Columns>,
    scorers: &Scorers<'_>,
    part: &[Match],
    scored: bool,
) -> tantivy::Result<Walked> {
    let mut found = Vec::new();
    let mut profile = Vec::new();
    let mut coverage = Vec::new();
    let mut at: Option<u32> = None;
    let mut item_scorer: Option<Box<dyn Scorer>> = None;
    let mut key_scorer: Option<Box<dyn Scorer>> = None;
    let mut concept_scorers: Vec<(Box<dyn Scorer>, f32)> = Vec::new();
    let mut fast: Option<Arc<Columns>> = None;
    // whether a scorer is on `doc`, moving it there if it is behind
    let on = |s: &mut Box<dyn Scorer>, doc: tantivy::DocId| {
        s.doc() <= doc && (s.doc() == doc || s.seek(doc) == doc)
    };
    for card in part {
        let (segment, doc) = (card.address.segment_ord, card.address.doc_id);
        if at != Some(segment) {
            let reader = searcher.segment_reader(segment);
            item_scorer = Some(scorers.items.scorer(reader, 1.0)?);
            key_scorer = scorers.keys.map(|k| k.scorer(reader, 1.0)).transpose()?;
            concept_scorers = scorers
                .concepts
                .iter()
                .map(|(w, share)| Ok((w.scorer(reader, 1.0)?, *share)))
                .collect::<tantivy::Result<_>>()?;
            fast = Some(columns.get(reader)?);
            at = Some(segment);
        }
        if let Some(k) = key_scorer.as_mut()
            && on(k, doc)
        {
            profile.push((card.card_id, k.score()));
        }
        let covered: f32 = concept_scorers
            .iter_mut()
            .filter_map(|(s, share)| on(s, doc).then_some(*share))
            .sum();
        if covered > 0.0 {
            coverage.push((card.card_id, covered));
        }
        let (Some(scorer), Some(fast)) = (item_scorer.as_mut(), fast.as_ref()) else {
            continue;
        };
        let last = doc.saturating_add(card.works.min(u64::from(u32::MAX)) as u32);
        if card.works == 0 || scorer.doc() > last {
            continue;
        }
        if scorer.doc() <= doc {
            scorer.seek(doc + 1);
        }
        while scorer.doc() <= last {
            let item = scorer.doc();
            let (works, score) = if scored {
                (fast.item_kind.first(item).unwrap_or(0), scorer.score())
            } else {
                (0, 0.0)
            };
            found.push(Match {
                card_id: card.card_id,
                works,
                score,
                address: DocAddress::new(segment, item),
                year: fast.latest_year.first(item).unwrap_or(0),
            });
            scorer.advance();
        }
    }
    Ok(Walked {
        items: found,
        profile,
        coverage,
    })
}

/// How many of a search's best card matches by text are ranked by their evidence: the
/// window a page is drawn from. It is at least twice the last rank asked for, so every page
/// comes from it; the matches beyond it are counted, not ranked. A window of 250 instead of
/// 500 left nDCG@10 unchanged on the real-data and demo sets (0.238 and 0.964, every demo
/// class too) and took a quarter off a search at 100k cards (docs/search-quality.md).
pub(super) fn window(wanted: usize) -> usize {
    (wanted * 2).max(250)
}

/// The window of need matching (`POST /api/match`), kept at 500: matching was not
/// re-evaluated with the smaller search window, and it meets its latency target.
pub(super) fn need_window(wanted: usize) -> usize {
    (wanted * 5).max(500)
}

/// A score split into its tier (the strict bonus, or 0) and its text part.
fn tier_and_text(score: f32) -> (f32, f32) {
    if score >= STRICT_BONUS {
        (STRICT_BONUS, score - STRICT_BONUS)
    } else {
        (0.0, score)
    }
}

/// A score without the strict bonus.
fn text_part(score: f32) -> f32 {
    tier_and_text(score).1
}

/// The best text score among matches, cards or items (the strict bonus aside).
fn best_text(matches: &[Match]) -> f32 {
    matches
        .iter()
        .map(|m| text_part(m.score))
        .fold(0.0f32, f32::max)
}

/// The `n` best card matches by their signals so far, in document order.
pub(super) fn leaders(matches: &[Match], signals: &Signals, n: usize) -> Vec<Match> {
    let best_text = best_text(matches);
    let mut scored: Vec<(f32, Match)> = matches
        .iter()
        .map(|m| (signals.score(m.card_id, m.works, m.score, best_text), *m))
        .collect();
    if n < scored.len() {
        scored.select_nth_unstable_by(n, |a, b| b.0.total_cmp(&a.0));
        scored.truncate(n);
    }
    let mut out: Vec<Match> = scored.into_iter().map(|(_, m)| m).collect();
    out.sort_unstable_by_key(|m| m.address);
    out
}

/// Ranks the card matches by their signals and returns the `offset..offset + limit` window,
/// best first, with the final scores.
pub(super) fn rank(
    matches: Vec<Match>,
    signals: &Signals,
    offset: usize,
    limit: usize,
    feedback: Option<(&Profiles, &str)>,
) -> Vec<(f32, DocAddress, i64)> {
    let best_text = best_text(&matches);
    let mut scored: Vec<(f32, DocAddress, i64)> = matches
        .into_iter()
        .map(|m| {
            (
                signals.score(m.card_id, m.works, m.score, best_text),
                m.address,
                m.card_id,
            )
        })
        .collect();
    let order = |a: &(f32, DocAddress, i64), b: &(f32, DocAddress, i64)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
    };
    if let Some((profiles, query)) = feedback {
        // the best candidates by evidence describe the topic, and every candidate gains by
        // how much of it its own profile holds. Only cards of the top tier with works on
        // every concept describe it: one with works on part of the query (`배터리` of
        // `배터리 열폭주`) would pull the topic towards that part.
        let top_tier = scored.iter().any(|s| s.0 >= STRICT_BONUS);
        let mut best: Vec<(f32, DocAddress, i64)> = scored
            .iter()
            .filter(|s| (!top_tier || s.0 >= STRICT_BONUS) && signals.has_works_on_all(s.2))
            .copied()
            .collect();
        let n = FEEDBACK_CARDS.min(best.len());
        if n > 0 && n < best.len() {
            best.select_nth_unstable_by(n - 1, order);
            best.truncate(n);
        }
        best.sort_unstable_by(order);
        let ids: Vec<i64> = best.iter().map(|(_, _, id)| *id).collect();
        if let Some(topic) = profiles.topic(query, &ids) {
            for s in &mut scored {
                s.0 += FEEDBACK_WEIGHT * profiles.share(&topic, s.2);
            }
        }
    }
    let end = (offset + limit).min(scored.len());
    if end == 0 {
        return Vec::new();
    }
    if end < scored.len() {
        scored.select_nth_unstable_by(end - 1, order);
        scored.truncate(end);
    }
    scored.sort_unstable_by(order);
    scored.drain(..offset.min(scored.len()));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_segments(sizes: &[usize]) -> Vec<Match> {
        let mut out = Vec::new();
        for (segment, &n) in sizes.iter().enumerate() {
            for doc in 0..n {
                out.push(Match {
                    card_id: out.len() as i64,
                    works: 0,
                    score: 0.0,
                    address: DocAddress::new(segment as u32, doc as u32 * 10),
                    year: 0,
                });
            }
        }
        out
    }

    fn lengths(parts: &[&[Match]]) -> Vec<usize> {
        parts.iter().map(|p| p.len()).collect()
    }

    #[test]
    fn each_thread_walks_whole_segments_where_a_boundary_is_near_its_share() {
        // two segments, two threads: the cut moves from 125 to the boundary at 110
        let two = in_segments(&[110, 140]);
        let parts = split(&two, 2, 16);
        assert_eq!(lengths(&parts), vec![110, 140]);
        assert!(
            parts
                .iter()
                .all(|p| p[0].address.segment_ord == p[p.len() - 1].address.segment_ord)
        );
        // a boundary far from the share is not worth an uneven split
        assert_eq!(
            lengths(&split(&in_segments(&[30, 220]), 2, 16)),
            vec![125, 125]
        );
        // one segment: even halves; too few to split: one part; nothing: no part
        assert_eq!(lengths(&split(&in_segments(&[250]), 2, 16)), vec![125, 125]);
        assert_eq!(lengths(&split(&in_segments(&[40, 60]), 2, 128)), vec![100]);
        assert!(split(&[], 2, 16).is_empty());
        // every candidate is in exactly one part, in order
        let many = in_segments(&[70, 90, 45, 100]);
        let parts = split(&many, 3, 16);
        let joined: Vec<i64> = parts
            .iter()
            .flat_map(|p| p.iter().map(|m| m.card_id))
            .collect();
        assert_eq!(joined, (0..305).collect::<Vec<i64>>());
    }

    #[test]
    fn the_body_of_work_counts_for_work_on_the_topic_and_less_for_work_next_to_it() {
        let mut s = Signals::default();
        let with = |weight: f32, partial: f32, related: f32| CardEvidence {
            weight,
            partial,
            related,
            ..Default::default()
        };
        s.evidence.insert(1, with(1.0, 0.0, 0.0));
        s.evidence.insert(2, with(0.0, 0.0, 1.0));
        s.evidence.insert(3, with(0.0, 1.0, 0.0));
        // card 4 matched by its text alone: no evidence
        let lift = |id: i64| s.score(id, 100, 0.5, 1.0) - s.score(id, 0, 0.5, 1.0);
        assert!(lift(1) > 0.0 && (lift(1) - lift(2)).abs() < 1e-4);
        assert!((lift(3) - PARTIAL_BODY * lift(1)).abs() < 1e-4);
        assert_eq!(lift(4), 0.0);
        // a hundred works next to the topic stay behind one work on it among three
        assert!(s.score(3, 100, 0.5, 1.0) < s.score(1, 3, 0.5, 1.0));
    }

    #[test]
    fn recent_items_count_more_and_undated_ones_count_one() {
        assert!((recency(2026, 2026) - 1.3).abs() < 1e-6);
        assert!(recency(2021, 2026) > recency(2016, 2026));
        assert_eq!(recency(2000, 2026), 1.0);
        assert_eq!(recency(0, 2026), 1.0);
    }

    #[test]
    fn a_body_of_work_outweighs_one_mention_and_each_further_work_adds_less() {
        let mut s = Signals::default();
        for n in [1, 2, 7, 8] {
            let e = CardEvidence {
                weight: n as f32,
                ..Default::default()
            };
            s.evidence.insert(n, e);
        }
        // the card with one mention has the better text score (a short card)
        let score = |n: i64, text: f32| s.score(n, n as u64, text, 1.0);
        assert!(score(7, 0.2) > score(1, 1.0));
        let (first, later) = (score(2, 0.5) - score(1, 0.5), score(8, 0.5) - score(7, 0.5));
        assert!(later < first, "saturation: {later} < {first}");
        assert!(later > 0.0);
    }
}
