//! A card's works on the topic of a search, for the card page a hit links to: the company
//! searched `semantic segmentation`, the hit said "이 주제 논문 13편", and the card lists
//! those thirteen among its 272 works.
//!
//! The works are found as the search finds evidence ([`super::evidence`]): the card's item
//! documents that have every concept of the query, or, when the card has none, those with
//! some of them; the count on the hit and the list on the card agree.

use super::analyzer;
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

impl SearchIndex {
    /// The works of card `card_id` on the topic of query `q`.
    pub fn topic_works(&self, card_id: i64, q: &str) -> tantivy::Result<TopicWorks> {
        let (q, _) = analyzer::split_exclusions(q);
        let concepts = self.synonyms().concepts(self.query_words(&q));
        if concepts.is_empty() {
            return Ok(TopicWorks::default());
        }
        // with one concept every item found has all of it
        let partial = concepts.len() > 1;
        let card: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_i64(self.fields.card_id, card_id),
            IndexRecordOption::Basic,
        ));
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.item_query(&concepts, partial)),
            (Occur::Must, card),
        ]);
        let searcher = self.reader.searcher();
        let found = searcher.search(
            &query,
            &TopDocs::with_limit(MAX_TOPIC_WORKS).order_by_score(),
        )?;
        let full = |score: f32| !partial || score >= STRICT_BONUS;
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
            let year = fast.i64("latest_year")?.first(address.doc_id).unwrap_or(0);
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
                    html: marker.highlight(title),
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
            partial: !any_full && !works.is_empty(),
            works,
        })
    }
}
