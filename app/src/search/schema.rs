//! The index schema, and the documents one card becomes: one card document with the
//! card's whole text, and one evidence document per publication, project, patent and video.

use super::analyzer::KO;
use super::names;
use crate::model::card::{CardRecord, Status};
use crate::model::search::Hit;
use tantivy::schema::Facet;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TantivyDocument,
    TextFieldIndexing, TextOptions,
};

/// The `kind` of a card's document.
pub const CARD: &str = "card";
/// The `kind` of an evidence item's document.
pub const ITEM: &str = "item";

/// Typed handles to the index fields.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub card_id: Field,
    /// A card's searchable text, each part repeated by its weight (see [`NAME_WEIGHT`]).
    pub text: Field,
    /// Names, keywords and technology fields again, with a length of their own.
    pub key: Field,
    pub facet: Field,
    pub updated: Field,
    pub latest_year: Field,
    pub name_sort: Field,
    pub hit: Field,
    /// A card's text for snippets; an evidence item's title.
    pub snippet_src: Field,
    /// `card` or `item`: which of the two kinds of document this is.
    pub kind: Field,
    /// An evidence item's text (a publication, project, patent or video), scored on its own.
    pub item: Field,
    /// An evidence item's [`ItemKind`].
    pub item_kind: Field,
    /// A card's number of evidence items: the size of its body of work.
    pub works: Field,
}

/// How many times each part of a card is written into the `text` field: names, keywords
/// and fields above project and publication titles, above career and bio.
///
/// One field whose term frequencies are weighted by where a term occurs is BM25F: a word
/// met in a card's keywords and again in its bio saturates once, instead of scoring in
/// two fields. It replaced four fields joined by a disjunction-max, which matched every
/// word four times over (one bigram intersection per field); with one field a search
/// costs about half the instructions.
///
/// One length normalises the whole card, so a long publication list would dilute a
/// keyword match. The top candidates are therefore re-scored with the `key` field (names,
/// keywords, technology fields), which has a length of its own; see
/// [`super::evidence`]. The card's works are also indexed one by one as evidence items,
/// so a body of work counts as such instead of as one long text (docs/search-quality.md).
const NAME_WEIGHT: usize = 4;
const TAGS_WEIGHT: usize = 3;
const TITLES_WEIGHT: usize = 2;
const BODY_WEIGHT: usize = 1;

/// Builds the schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KO)
            // no query needs positions: words match by their bigrams, snippets by the stored text
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let item = text.clone();
    let fields = Fields {
        card_id: b.add_i64_field("card_id", INDEXED | STORED | FAST),
        text: b.add_text_field("text", text.clone()),
        key: b.add_text_field("key", text.clone()),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        updated: b.add_i64_field("updated", FAST),
        latest_year: b.add_i64_field("latest_year", FAST),
        name_sort: b.add_text_field("name_sort", STRING | FAST),
        hit: b.add_text_field("hit", STORED),
        snippet_src: b.add_text_field("snippet_src", STORED),
        kind: b.add_text_field("kind", STRING),
        item: b.add_text_field("item", item),
        item_kind: b.add_u64_field("item_kind", FAST),
        works: b.add_u64_field("works", FAST),
    };
    (b.build(), fields)
}

/// Everything the index needs to know about one card.
#[derive(Clone, Debug)]
pub struct SearchDoc {
    pub card_id: i64,
    pub status: Status,
    /// Unix seconds.
    pub updated_at: i64,
    /// The year of the card's most recent project, publication or patent (0 if none).
    pub latest_year: i64,
    pub hit: Hit,
    pub name_text: String,
    pub tags_text: String,
    pub titles_text: String,
    pub body_text: String,
    pub snippet_src: String,
    pub facets: Vec<(&'static str, String)>,
    /// The card's works, each scored on its own as evidence.
    pub items: Vec<EvidenceItem>,
}

/// What kind of work an evidence item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Publication = 0,
    Project = 1,
    Patent = 2,
    Video = 3,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Publication,
        ItemKind::Project,
        ItemKind::Patent,
        ItemKind::Video,
    ];

    /// The kind's name in the API (`publication`, `project`, `patent`, `video`).
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Publication => "publication",
            ItemKind::Project => "project",
            ItemKind::Patent => "patent",
            ItemKind::Video => "video",
        }
    }

    pub fn from_u64(v: u64) -> ItemKind {
        Self::ALL
            .get(v as usize)
            .copied()
            .unwrap_or(ItemKind::Publication)
    }
}

/// One publication, project, patent or video of a card.
#[derive(Clone, Debug)]
pub struct EvidenceItem {
    pub kind: ItemKind,
    /// 0 when not given.
    pub year: i64,
    /// Shown as the hit's snippet when this is the strongest evidence.
    pub title: String,
    /// What is searched: the title, and a publication's keywords or a project's summary.
    pub text: String,
}

impl SearchDoc {
    /// Collects the searchable text of a card.
    pub fn from_card(card_id: i64, card: &CardRecord, updated_at: i64) -> SearchDoc {
        let join = |parts: Vec<&str>| {
            parts
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let romanized = names::romanized(&card.name);
        let mut names = vec![card.name.as_str(), card.name_en.as_str()];
        names.extend(card.name_variants.iter().map(String::as_str));
        names.extend(romanized.iter().map(String::as_str));
        let mut tags: Vec<&str> = card.keywords.iter().map(String::as_str).collect();
        tags.extend(card.fields.iter().map(String::as_str));
        let mut titles: Vec<&str> = Vec::new();
        titles.extend(card.projects.iter().map(|p| p.title.as_str()));
        for p in &card.publications {
            titles.push(&p.title);
            titles.extend(p.keywords.iter().map(String::as_str));
        }
        titles.extend(card.patents.iter().map(|p| p.title.as_str()));
        titles.extend(card.videos.iter().map(|v| v.title.as_str()));
        let mut body = vec![
            card.bio.as_str(),
            card.position.as_str(),
            card.organization.as_str(),
            card.division.as_str(),
            card.site.as_str(),
        ];
        for p in &card.projects {
            body.push(&p.summary);
            body.push(&p.funder);
        }
        for c in &card.career {
            body.push(&c.organization);
            body.push(&c.role);
        }
        body.extend(card.publications.iter().map(|p| p.venue.as_str()));

        let keywords_line = card.keywords.join(", ");
        let mut snippet_lines = vec![card.bio.as_str(), keywords_line.as_str()];
        snippet_lines.extend(card.projects.iter().map(|p| p.title.as_str()));
        snippet_lines.extend(card.projects.iter().map(|p| p.summary.as_str()));
        snippet_lines.extend(card.publications.iter().map(|p| p.title.as_str()));
        snippet_lines.extend(card.patents.iter().map(|p| p.title.as_str()));
        snippet_lines.extend(card.videos.iter().map(|v| v.title.as_str()));

        let mut facets: Vec<(&'static str, String)> = Vec::new();
        facets.extend(card.fields.iter().map(|f| ("field", f.clone())));
        if !card.division.is_empty() {
            facets.push(("division", card.division.clone()));
        }
        if !card.site.is_empty() {
            facets.push(("site", card.site.clone()));
        }
        facets.extend(card.offers.iter().map(|o| ("offer", o.key().to_string())));
        // a status that ended (`until` passed) counts as open; a reindex brings it up to date
        let today = crate::db::rfc3339(crate::db::now());
        let availability = card.availability.status_on(&today[..10]);
        facets.push(("availability", availability.key().to_string()));
        if !card.videos.is_empty() {
            facets.push(("has_video", "true".into()));
        }

        let year_of = |date: &str| date.get(..4).and_then(|y| y.parse::<i64>().ok());
        let mut items = Vec::with_capacity(
            card.publications.len() + card.projects.len() + card.patents.len() + card.videos.len(),
        );
        for p in &card.publications {
            let mut text = p.title.clone();
            for k in &p.keywords {
                text.push('\n');
                text.push_str(k);
            }
            items.push(EvidenceItem {
                kind: ItemKind::Publication,
                year: p.year.map_or(0, i64::from),
                title: p.title.clone(),
                text,
            });
        }
        for p in &card.projects {
            let year = year_of(&p.end).or_else(|| year_of(&p.start)).unwrap_or(0);
            items.push(EvidenceItem {
                kind: ItemKind::Project,
                year,
                title: p.title.clone(),
                text: join(vec![p.title.as_str(), p.summary.as_str()]),
            });
        }
        for p in &card.patents {
            items.push(EvidenceItem {
                kind: ItemKind::Patent,
                year: p.year.map_or(0, i64::from),
                title: p.title.clone(),
                text: p.title.clone(),
            });
        }
        for v in card.videos.iter().filter(|v| !v.title.trim().is_empty()) {
            items.push(EvidenceItem {
                kind: ItemKind::Video,
                year: 0,
                title: v.title.clone(),
                text: v.title.clone(),
            });
        }
        items.retain(|i| !i.text.trim().is_empty());

        SearchDoc {
            items,
            card_id,
            status: card.status,
            updated_at,
            latest_year: latest_year(card),
            hit: Hit {
                id: card_id,
                external_id: card.id.clone(),
                slug: card.slug.clone(),
                name: card.name.clone(),
                name_en: card.name_en.clone(),
                position: card.position.clone(),
                organization: card.organization.clone(),
                division: card.division.clone(),
                site: card.site.clone(),
                fields: card.fields.clone(),
                keywords: card.keywords.clone(),
                snippet: String::new(),
                score: 0.0,
                partial: false,
                evidence: None,
                availability: crate::model::card::Availability {
                    status: availability,
                    ..card.availability.clone()
                },
            },
            name_text: join(names),
            tags_text: join(tags),
            titles_text: join(titles),
            body_text: join(body),
            snippet_src: join(snippet_lines),
            facets,
        }
    }

    /// The card's document followed by one document per evidence item, in that order.
    pub(super) fn documents(&self, f: &Fields) -> Vec<TantivyDocument> {
        let doc = self;
        let mut d = TantivyDocument::default();
        d.add_i64(f.card_id, doc.card_id);
        d.add_text(f.kind, CARD);
        d.add_text(f.key, &doc.name_text);
        d.add_text(f.key, &doc.tags_text);
        for (value, weight) in [
            (&doc.name_text, NAME_WEIGHT),
            (&doc.tags_text, TAGS_WEIGHT),
            (&doc.titles_text, TITLES_WEIGHT),
            (&doc.body_text, BODY_WEIGHT),
        ] {
            if !value.is_empty() {
                for _ in 0..weight {
                    d.add_text(f.text, value);
                }
            }
        }
        for (key, value) in &doc.facets {
            d.add_facet(f.facet, Facet::from_path([*key, value.as_str()]));
        }
        d.add_i64(f.updated, doc.updated_at);
        d.add_i64(f.latest_year, doc.latest_year);
        d.add_text(f.name_sort, &doc.hit.name);
        d.add_text(f.hit, serde_json::to_string(&doc.hit).unwrap_or_default());
        d.add_text(f.snippet_src, &doc.snippet_src);
        d.add_u64(f.works, doc.items.len() as u64);
        let mut out = Vec::with_capacity(1 + doc.items.len());
        out.push(d);
        for item in &doc.items {
            let mut d = TantivyDocument::default();
            d.add_i64(f.card_id, doc.card_id);
            d.add_text(f.kind, ITEM);
            d.add_text(f.item, &item.text);
            d.add_u64(f.item_kind, item.kind as u64);
            d.add_i64(f.latest_year, item.year);
            d.add_text(f.snippet_src, &item.title);
            out.push(d);
        }
        out
    }
}

/// The most recent year among a card's projects, publications and patents, or 0.
pub(super) fn latest_year(card: &CardRecord) -> i64 {
    let year_of = |date: &str| date.get(..4).and_then(|y| y.parse::<i64>().ok());
    card.projects
        .iter()
        .flat_map(|p| [year_of(&p.end), year_of(&p.start)])
        .chain(card.publications.iter().map(|p| p.year.map(i64::from)))
        .chain(card.patents.iter().map(|p| p.year.map(i64::from)))
        .flatten()
        .max()
        .unwrap_or(0)
}
