//! A card's works on the topic of a search, for the card page a hit links to: the company
//! searched `semantic segmentation`, the hit said "이 주제 논문 13편", and the card lists
//! those thirteen among its 272 works.
//!
//! The works are found as the search finds evidence ([`super::evidence`]): the card's item
//! documents that have every concept of the query, or, when the card has none, those with
//! some of them; the count on the hit and the list on the card agree.

use super::analyzer;
use super::evidence::this_year;
use super::index::SearchIndex;
use super::query::STRICT_BONUS;
use super::schema::ItemKind;
use super::snippet::Marker;
use crate::model::search::{TopicWork, TopicWorks};
use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};

/// The most works listed: more than any card of the real-data set has.
const MAX_TOPIC_WORKS: usize = 500;

/// The query as the list's heading shows it, at most this many characters.
const SHOWN_QUERY_CHARS: usize = 80;

impl SearchIndex {
    /// The works of card `card_id` on the topic of query `q`.
    pub fn topic_works(&self, card_id: i64, q: &str) -> tantivy::Result<TopicWorks> {
        let (q, _) = analyzer::split_exclusions(q);
        let concepts = self.synonyms().concepts(self.query_words(&q));
        if concepts.is_empty() {
            return Ok(TopicWorks::default());
        }
        // the words searched for, without those left out, as a heading can quote them
        let mut query: String = q.chars().take(SHOWN_QUERY_CHARS).collect();
        if q.chars().count() > SHOWN_QUERY_CHARS {
            query.push('…');
        }
        // items with some of the concepts too: a search in a partial mode counts them when a
        // card has no item with every concept (`CardEvidence::summary`), even for one concept
        // (a long compound, a phrase, a misspelling), and the items with every concept score
        // STRICT_BONUS more
        let card: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_i64(self.fields.card_id, card_id),
            IndexRecordOption::Basic,
        ));
        let query_items = BooleanQuery::new(vec![
            (Occur::Must, self.item_query(&concepts, true)),
            (Occur::Must, card),
        ]);
        let searcher = self.reader.searcher();
        let found = searcher.search(
            &query_items,
            &TopDocs::with_limit(MAX_TOPIC_WORKS).order_by_score(),
        )?;
        let full = |score: f32| score >= STRICT_BONUS;
        // a project running into a later year is shown as this year's work, as the hit's
        // "최근" year is
        let year_now = this_year();
        let any_full = found.iter().any(|(score, _)| full(*score));
        let words: Vec<_> = concepts
            .iter()
            .flat_map(|c| c.own_words().cloned())
            .collect();
        let marker = Marker::new(&words);
        // (words of the query the title says, work)
        let mut works: Vec<(usize, TopicWork)> = Vec::new();
        for (score, address) in found {
            // the works with the whole topic, or else those with part of it
            if any_full && !full(score) {
                continue;
            }
            let reader = searcher.segment_reader(address.segment_ord);
            let fast = reader.fast_fields();
            let kind = fast
                .u64("item_kind")?
                .first(address.doc_id)
                .map_or(ItemKind::Publication, ItemKind::from_u64);
            let year = fast
                .i64("latest_year")?
                .first(address.doc_id)
                .unwrap_or(0)
                .min(year_now);
            let doc: TantivyDocument = searcher.doc(address)?;
            let title = doc
                .get_first(self.fields.snippet_src)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let said = if any_full {
                0
            } else {
                marker.count_matches(title)
            };
            works.push((
                said,
                TopicWork {
                    kind: kind.key().to_string(),
                    html: marker.mark(title),
                    year: (year > 0).then_some(year as i32),
                },
            ));
        }
        // works on the whole topic most recent first; works on part of it by how much of the
        // query they say, then most recent first
        works.sort_by_key(|(said, w)| {
            (
                std::cmp::Reverse(*said),
                std::cmp::Reverse(w.year.unwrap_or(0)),
            )
        });
        let works: Vec<TopicWork> = works.into_iter().map(|(_, w)| w).collect();
        Ok(TopicWorks {
            query,
            partial: !any_full && !works.is_empty(),
            works,
        })
    }
}
