//! The tantivy index: schema, writes and the directory search.
//!
//! The database is the source of truth; this index is derived from it and can always be
//! rebuilt. Every commit records the database's change sequence number in the commit
//! payload, so start-up can tell whether the index is in step.

pub mod analyzer;
pub mod dismax;
pub mod facets;
pub mod mecab;
pub mod names;
pub mod snippet;
pub mod suggest;
pub mod synonyms;

use crate::model::card::{CardRecord, Status};
use crate::model::search::{FACET_KEYS, Facets, Hit, SearchParams, SearchResults, Sort};
use analyzer::{Analysis, KO, QueryWord, analysis, query_words};
use dismax::LazyDisMax;
use facets::{FacetCache, FacetCounter, FacetTally, OtherValuesCounter};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use synonyms::{Concept, Synonyms};
use tantivy::collector::{Count, TopDocs};
use tantivy::indexer::UserOperation;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EnableScoring, Occur,
    Query, Scorer, TermQuery,
};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, Term};

/// Bumped whenever the schema or the analysis changes; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

/// Memory the index writer may use, shared by its threads.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// How the words of a query must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Every (non-generic) word.
    Strict,
    /// Any word; used when no card has them all.
    Relaxed,
    /// Any word, but cards with every word rank first.
    StrictFirst,
}

/// Below this many cards with every word, cards with some of the words follow them.
const FILL_BELOW: usize = 100;

/// Added to the score of cards with every word in [`Mode::StrictFirst`], so they rank first.
const STRICT_BONUS: f32 = 100_000.0;

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
    pub snippet_src: Field,
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
/// [`SearchIndex::add_key_scores`]. Without it, cards given many off-topic publications lost
/// 0.03-0.04 nDCG@10 against the four fields; with it they rank as before or better
/// (docs/search-quality.md).
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
    let fields = Fields {
        card_id: b.add_i64_field("card_id", INDEXED | STORED | FAST),
        text: b.add_text_field("text", text.clone()),
        key: b.add_text_field("key", text),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        updated: b.add_i64_field("updated", FAST),
        latest_year: b.add_i64_field("latest_year", FAST),
        name_sort: b.add_text_field("name_sort", STRING | FAST),
        hit: b.add_text_field("hit", STORED),
        snippet_src: b.add_text_field("snippet_src", STORED),
    };
    (b.build(), fields)
}

/// What a commit records about the database state it reflects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStamp {
    pub schema_version: u32,
    #[serde(default)]
    pub analysis: Analysis,
    /// The database change sequence number the index is in step with.
    pub seq: i64,
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
        if !card.videos.is_empty() {
            facets.push(("has_video", "true".into()));
        }

        SearchDoc {
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
            },
            name_text: join(names),
            tags_text: join(tags),
            titles_text: join(titles),
            body_text: join(body),
            snippet_src: join(snippet_lines),
            facets,
        }
    }
}

/// The search index of one process.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    synonyms: RwLock<Arc<Synonyms>>,
    /// Each segment's facet values, laid out for counting.
    facets: FacetCache,
    /// Threads of the search executor.
    threads: usize,
    /// Held for the life of the index so no other process opens the same directory.
    lock: Option<std::fs::File>,
}

/// Takes an exclusive lock on `<dir>.lock`, beside the index directory.
fn lock_dir(dir: &Path) -> tantivy::Result<std::fs::File> {
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let path = dir.with_extension("lock");
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(tantivy::TantivyError::LockFailure(
            tantivy::directory::error::LockError::LockBusy,
            Some(format!("{} is held by another process", path.display())),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

fn facet_term(fields: &Fields, key: &str, value: &str) -> Term {
    Term::from_facet(fields.facet, &Facet::from_path([key, value]))
}

impl SearchIndex {
    /// An index in memory, for tests.
    pub fn in_ram() -> tantivy::Result<SearchIndex> {
        let (schema, _) = schema();
        Self::from_index(Index::create_in_ram(schema))
    }

    /// Opens the index in `dir`, or creates an empty one when it is missing, unreadable or of
    /// another schema. Returns the stamp of the last commit when the index could be used.
    ///
    /// Fails with `LockFailure` when another process holds the index: a running server and a
    /// command-line import must not both write it, and an index in use is never deleted.
    pub fn open_or_create(dir: &Path) -> tantivy::Result<(SearchIndex, Option<IndexStamp>)> {
        let lock = lock_dir(dir)?;
        let (mut search, stamp) = Self::open_or_create_locked(dir)?;
        search.lock = Some(lock);
        Ok((search, stamp))
    }

    fn open_or_create_locked(dir: &Path) -> tantivy::Result<(SearchIndex, Option<IndexStamp>)> {
        let (schema, _) = schema();
        if dir.join("meta.json").exists() {
            match Index::open_in_dir(dir) {
                Ok(index) if index.schema() == schema => {
                    let stamp = index
                        .load_metas()
                        .ok()
                        .and_then(|m| m.payload)
                        .and_then(|p| serde_json::from_str::<IndexStamp>(&p).ok())
                        .filter(|s| s.schema_version == SCHEMA_VERSION && s.analysis == analysis());
                    match Self::from_index(index) {
                        Ok(search) => return Ok((search, stamp)),
                        Err(e) => {
                            tracing::warn!(error = %e, "search index unreadable; rebuilding it")
                        }
                    }
                }
                Ok(_) => tracing::info!("search index has an older schema; rebuilding it"),
                Err(e) => tracing::warn!(error = %e, "search index unreadable; rebuilding it"),
            }
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let index = Index::create_in_dir(dir, schema)?;
        Ok((Self::from_index(index)?, None))
    }

    fn from_index(mut index: Index) -> tantivy::Result<SearchIndex> {
        index.tokenizers().register(KO, analyzer::analyzer());
        // one query's segments are searched on every core, so a single search finishes sooner
        let threads = std::env::var("RCARD_SEARCH_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)));
        let threads = threads.max(1);
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        let (_, fields) = schema();
        let writer = index.writer(WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            synonyms: RwLock::new(Arc::new(Synonyms::default())),
            facets: FacetCache::default(),
            threads,
            lock: None,
        })
        .inspect(|search: &SearchIndex| {
            if let Err(e) = search.facets.warm(&search.reader.searcher()) {
                tracing::warn!(error = %e, "facet counts will be laid out on first use");
            }
        })
    }

    /// Replaces the synonym groups used by searches.
    pub fn set_synonyms(&self, synonyms: Synonyms) {
        *self.synonyms.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(synonyms);
    }

    fn synonyms(&self) -> Arc<Synonyms> {
        self.synonyms
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The stamp of the last commit.
    pub fn stamp(&self) -> Option<IndexStamp> {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
    }

    fn to_document(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_i64(f.card_id, doc.card_id);
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
        d
    }

    fn commit(&self, writer: &mut IndexWriter, seq: i64) -> tantivy::Result<()> {
        let stamp = IndexStamp {
            schema_version: SCHEMA_VERSION,
            analysis: analysis(),
            seq,
        };
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&stamp).unwrap_or_default());
        prepared.commit()?;
        self.reader.reload()?;
        self.facets.warm(&self.reader.searcher())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, IndexWriter> {
        // a panic while holding the lock leaves the writer usable; the next commit repairs state
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the given cards' documents and removes `deleted` ones, in one commit.
    pub fn apply(&self, docs: &[SearchDoc], deleted: &[i64], seq: i64) -> tantivy::Result<()> {
        let mut batch = self.batch(false)?;
        batch.upsert(docs)?;
        batch.delete(deleted);
        batch.finish(seq)
    }

    /// Starts a batch of changes that becomes visible in one commit; see [`Batch`].
    /// With `clear`, the batch replaces the whole index.
    pub fn batch(&self, clear: bool) -> tantivy::Result<Batch<'_>> {
        let writer = self.lock();
        if clear {
            writer.delete_all_documents()?;
        }
        Ok(Batch {
            index: self,
            writer,
            cleared: clear,
            finished: false,
        })
    }

    /// One word in the text field. `loose` lets a long compound match by a part
    /// (`인공지능반도체` also finds cards that only say `반도체`), for ranking partial matches.
    fn word_query(&self, word: &QueryWord, loose: bool) -> Box<dyn Query> {
        let text = self.word_in(self.fields.text, word, loose);
        if word.optional.is_empty() {
            return text;
        }
        let mut clauses = vec![(Occur::Must, text)];
        clauses.extend(word.optional.iter().map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(self.fields.text, t),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, q)
        }));
        Box::new(BooleanQuery::new(clauses))
    }

    /// Adds to each candidate's score its concepts' score in the key field: for each concept
    /// its best way of saying it, for a way the sum of its words found there. Runs on the
    /// top candidates only, seeking one scorer per segment to each in turn.
    fn add_key_scores(
        &self,
        searcher: &Searcher,
        concepts: &[Concept],
        docs: &mut [(f32, DocAddress)],
    ) -> tantivy::Result<()> {
        if concepts.is_empty() || docs.is_empty() {
            return Ok(());
        }
        let key = self.fields.key;
        let concept = |c: &Concept| -> Box<dyn Query> {
            let ways = std::iter::once(&c.words)
                .chain(&c.alternatives)
                .map(|words| {
                    let found = words.iter().map(|w| self.word_in(key, w, false)).collect();
                    Box::new(LazyDisMax::new(found, 1.0)) as Box<dyn Query>
                })
                .collect();
            Box::new(LazyDisMax::new(ways, 0.1))
        };
        let query = LazyDisMax::new(concepts.iter().map(concept).collect(), 1.0);
        let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| docs[i].1);
        // one scorer per segment, moved forward through that segment's candidates
        let mut scorer: Option<(u32, Box<dyn Scorer>)> = None;
        for i in order {
            let address = docs[i].1;
            if scorer
                .as_ref()
                .is_none_or(|(segment, _)| *segment != address.segment_ord)
            {
                let reader = searcher.segment_reader(address.segment_ord);
                scorer = Some((address.segment_ord, weight.scorer(reader, 1.0)?));
            }
            let Some((_, s)) = scorer.as_mut() else {
                continue;
            };
            if s.doc() <= address.doc_id && s.seek(address.doc_id) == address.doc_id {
                docs[i].0 += s.score();
            }
        }
        Ok(())
    }

    /// The bigrams (or terms) of one word in one field.
    fn word_in(&self, field: Field, word: &QueryWord, loose: bool) -> Box<dyn Query> {
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
                Box::new(BooleanQuery::with_minimum_required_clauses(required, min))
            }
        }
    }

    /// The facet selections (the index holds published cards only; see [`Batch::upsert`]).
    fn filter(&self, params: &SearchParams) -> Vec<(Occur, Box<dyn Query>)> {
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

    /// All words of a phrase, or any of its alternatives.
    fn concept_query(&self, concept: &Concept, loose: bool, nested: bool) -> Box<dyn Query> {
        let all_of = |words: &[QueryWord]| -> Box<dyn Query> {
            match words {
                [one] => self.word_query(one, loose),
                many => Box::new(BooleanQuery::new(
                    many.iter()
                        .map(|w| (Occur::Must, self.word_query(w, loose)))
                        .collect(),
                )),
            }
        };
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
    fn all_concepts(&self, concepts: &[Concept]) -> BooleanQuery {
        let all_generic = concepts.iter().all(Concept::generic);
        let nested = concepts.len() > 1;
        BooleanQuery::new(
            concepts
                .iter()
                .map(|c| {
                    let occur = if c.generic() && !all_generic {
                        Occur::Should
                    } else {
                        Occur::Must
                    };
                    (occur, self.concept_query(c, false, nested))
                })
                .collect(),
        )
    }

    fn full_query(&self, concepts: &[Concept], mode: Mode, params: &SearchParams) -> BooleanQuery {
        let mut clauses = self.filter(params);
        // any concept, and any specific word of a phrase (`robot` of `robot arm`)
        let any = || -> Box<dyn Query> {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for c in concepts {
                clauses.push((Occur::Should, self.concept_query(c, true, false)));
                if c.words.len() > 1 {
                    clauses.extend(
                        c.words
                            .iter()
                            .filter(|w| !w.generic)
                            .map(|w| (Occur::Should, self.word_query(w, true))),
                    );
                }
            }
            Box::new(BooleanQuery::new(clauses))
        };
        match mode {
            _ if concepts.is_empty() => clauses.push((Occur::Must, Box::new(AllQuery))),
            Mode::Strict => clauses.push((Occur::Must, Box::new(self.all_concepts(concepts)))),
            Mode::Relaxed => clauses.push((Occur::Must, any())),
            Mode::StrictFirst => {
                clauses.push((Occur::Must, any()));
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(self.all_concepts(concepts)),
                        STRICT_BONUS,
                    )),
                ));
            }
        }
        BooleanQuery::new(clauses)
    }

    /// Runs a directory search over published cards.
    pub fn search(&self, params: &SearchParams) -> tantivy::Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let concepts = self.synonyms().concepts(query_words(&params.q));
        let words: Vec<QueryWord> = concepts
            .iter()
            .flat_map(|c| c.all_words().cloned())
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
            let query = self.full_query(&concepts, mode, params);
            let own_facets = FacetCounter {
                cache: &self.facets,
            };
            let top = TopDocs::with_limit(limit).and_offset(offset);
            Ok(match sort {
                Sort::Relevance => {
                    let candidates = TopDocs::with_limit(recency_window(offset + limit));
                    let (mut docs, total, facets) = searcher
                        .search(&query, &(candidates.order_by_score(), Count, own_facets))?;
                    self.add_key_scores(&searcher, &concepts, &mut docs)?;
                    let docs = rerank_by_recency(&searcher, docs)
                        .into_iter()
                        .skip(offset)
                        .take(limit)
                        .collect();
                    (docs, total, facets)
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
                    (docs, total, facets)
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
                    (docs, total, facets)
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
        } else if (concepts.len() > 1 || compound || concepts.iter().any(|c| c.words.len() > 1))
            && strict < FILL_BELOW
            && params.sort == Sort::Relevance
        {
            mode = Mode::StrictFirst;
            collected = run(mode)?;
        }
        // a relaxed search that still found nothing is reported as an empty one
        let relaxed = mode == Mode::Relaxed && collected.1 > 0;
        let (addresses, total, facet_counts) = collected;

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
                has_video: false,
                ..params.clone()
            };
            let q = self.full_query(&concepts, mode, &unfiltered);
            let counter = OtherValuesCounter {
                cache: &self.facets,
                selected,
            };
            let tally = searcher.search(&q, &counter)?;
            for key in FACET_KEYS.into_iter().filter(|k| !unselected.contains(k)) {
                if let Some(list) = facets.get_mut(key) {
                    *list = tally.counts(key);
                }
            }
        }

        let marker = snippet::Marker::new(&words);
        let hits = self
            .load_hits(&searcher, &addresses, &marker)?
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
        })
    }

    /// The stored hits of `found`, in order, with their snippets. The page is split between
    /// the search threads: reading the document store and choosing snippets is about a
    /// fifth of a search, and would otherwise run on one core after the parallel part.
    fn load_hits(
        &self,
        searcher: &Searcher,
        found: &[(f32, DocAddress)],
        marker: &snippet::Marker,
    ) -> tantivy::Result<Vec<(f32, Hit)>> {
        let f = self.fields;
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
                hit.snippet = marker.snippet(text(f.snippet_src));
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

/// At most this many terms of a need description are searched for.
const MAX_NEED_TERMS: usize = 32;

/// What [`SearchIndex::match_need`] found.
#[derive(Clone, Debug)]
pub struct NeedMatches {
    /// The words searched for, rarest first, with their synonyms.
    pub words: Vec<QueryWord>,
    /// The text's own terms that were searched for, rarest first.
    pub terms: Vec<String>,
    pub total: u64,
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    /// Ranks published cards against a free-text description: its specific terms are picked
    /// by rarity, any of them may match, and cards covering more of them rank higher.
    pub fn match_need(
        &self,
        text: &str,
        params: &SearchParams,
        exclude: Option<i64>,
    ) -> tantivy::Result<NeedMatches> {
        let searcher = self.reader.searcher();
        let n = searcher.num_docs().max(1) as f64;
        let f = self.fields;
        // how many cards hold a word: as many as hold the rarest of its tokens
        let doc_freq = |w: &QueryWord| -> tantivy::Result<u64> {
            let mut rarest = u64::MAX;
            for token in &w.required {
                rarest = rarest.min(searcher.doc_freq(&Term::from_field_text(f.text, token))?);
            }
            Ok(if rarest == u64::MAX { 0 } else { rarest })
        };
        let concepts = self.synonyms().concepts(query_words(text));
        let mut scored: Vec<(f64, Concept)> = Vec::new();
        for c in concepts {
            if c.generic() {
                continue;
            }
            // a phrase is as rare as its rarest word; a concept as common as its most common phrasing
            let mut df = 0;
            for way in std::iter::once(&c.words).chain(&c.alternatives) {
                let mut phrase = u64::MAX;
                for w in way {
                    phrase = phrase.min(doc_freq(w)?);
                }
                df = df.max(if phrase == u64::MAX { 0 } else { phrase });
            }
            // absent words cannot help; words most cards share do not tell cards apart
            if df == 0 || (df as f64) > n * 0.5 {
                continue;
            }
            scored.push(((n / df as f64).ln(), c));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(MAX_NEED_TERMS);
        let concepts: Vec<Concept> = scored.into_iter().map(|(_, c)| c).collect();
        // generic words (`시스템` of `배터리 관리 시스템`) would only add noise to the evidence
        let words: Vec<QueryWord> = concepts
            .iter()
            .flat_map(|c| c.all_words().cloned())
            .filter(|w| !w.generic)
            .collect();
        let terms: Vec<String> = concepts
            .iter()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if concepts.is_empty() {
            return Ok(NeedMatches {
                words,
                terms,
                total: 0,
                hits: Vec::new(),
            });
        }
        let mut clauses = self.filter(params);
        clauses.push((
            Occur::Must,
            Box::new(BooleanQuery::new(
                concepts
                    .iter()
                    .map(|c| (Occur::Should, self.concept_query(c, true, false)))
                    .collect(),
            )),
        ));
        if let Some(id) = exclude {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.card_id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let wanted = params.per_page as usize;
        let (mut top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(recency_window(wanted)).order_by_score(),
                Count,
            ),
        )?;
        self.add_key_scores(&searcher, &concepts, &mut top)?;
        let top: Vec<(f32, DocAddress)> = rerank_by_recency(&searcher, top)
            .into_iter()
            .take(wanted)
            .collect();
        let marker = snippet::Marker::new(&words);
        let hits = self
            .load_hits(&searcher, &top, &marker)?
            .into_iter()
            .map(|(score, mut hit)| {
                hit.score = score;
                hit
            })
            .collect();
        Ok(NeedMatches {
            words,
            terms,
            total: total as u64,
            hits,
        })
    }
}

/// At most this much is added to the score of a card with work from this year.
const RECENCY_WEIGHT: f32 = 0.1;

/// Work this many years old or older gets no recency weight.
const RECENCY_YEARS: f32 = 10.0;

/// The current year (UTC), from the system clock.
fn this_year() -> i64 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    1970 + (days as f64 / 365.2425) as i64
}

/// How much a card's score grows for recent work: up to [`RECENCY_WEIGHT`] for work from this
/// year, falling to nothing over [`RECENCY_YEARS`]. Relevance dominates; recency breaks near-ties.
fn recency_factor(latest_year: i64, this_year: i64) -> f32 {
    if latest_year <= 0 {
        return 1.0;
    }
    let age = (this_year - latest_year).max(0) as f32;
    1.0 + RECENCY_WEIGHT * (1.0 - age / RECENCY_YEARS).max(0.0)
}

/// The most recent year among a card's projects, publications and patents, or 0.
fn latest_year(card: &CardRecord) -> i64 {
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

/// How many top documents by score are re-scored with the key field and re-ranked with
/// [`recency_factor`] to fill `wanted`: both move documents by a fraction of their score.
fn recency_window(wanted: usize) -> usize {
    wanted * 3 + 100
}

/// Scales scores by [`recency_factor`] (the strict-match bonus is left as is) and re-sorts.
/// Applied to the top candidates only, which keeps it off the per-document path.
fn rerank_by_recency(
    searcher: &tantivy::Searcher,
    docs: Vec<(f32, DocAddress)>,
) -> Vec<(f32, DocAddress)> {
    let year = this_year();
    let mut columns = std::collections::HashMap::new();
    let mut out: Vec<(f32, DocAddress)> = docs
        .into_iter()
        .map(|(score, address)| {
            let column = columns.entry(address.segment_ord).or_insert_with(|| {
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .i64("latest_year")
                    .ok()
            });
            let latest = column
                .as_ref()
                .and_then(|c| c.first(address.doc_id))
                .unwrap_or(0);
            let factor = recency_factor(latest, year);
            let score = if score >= STRICT_BONUS {
                STRICT_BONUS + (score - STRICT_BONUS) * factor
            } else {
                score * factor
            };
            (score, address)
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// Top documents with their scores, the number of matches and the facet counts.
type Collected = (Vec<(f32, DocAddress)>, usize, FacetTally);

/// Index changes in progress; they become visible at [`Batch::finish`] and are dropped
/// if the batch is dropped unfinished. Holds the writer meanwhile.
pub struct Batch<'a> {
    index: &'a SearchIndex,
    writer: std::sync::MutexGuard<'a, IndexWriter>,
    /// The batch began by emptying the index, so no document has an older copy to replace.
    cleared: bool,
    finished: bool,
}

impl Batch<'_> {
    /// Adds or replaces documents. Only published cards are searched, so a draft's or an
    /// archived card's document is removed instead: searches need no status filter, which
    /// cost a quarter of a search that matches most cards.
    pub fn upsert(&mut self, docs: &[SearchDoc]) -> tantivy::Result<()> {
        self.write(docs, !self.cleared)
    }

    /// Adds documents of cards the index has never held (just created, or after a clear);
    /// unlike [`Batch::upsert`] it queues no deletes, which a bulk load would pay for at
    /// every segment on commit.
    pub fn add_new(&mut self, docs: &[SearchDoc]) -> tantivy::Result<()> {
        self.write(docs, false)
    }

    /// Hands the documents to the indexing threads as one operation batch (one channel
    /// message instead of one per document), each after its card's delete when `replace`.
    fn write(&mut self, docs: &[SearchDoc], replace: bool) -> tantivy::Result<()> {
        let card_id = self.index.fields.card_id;
        let mut ops = Vec::with_capacity(docs.len() * if replace { 2 } else { 1 });
        for doc in docs {
            if replace {
                ops.push(UserOperation::Delete(Term::from_field_i64(
                    card_id,
                    doc.card_id,
                )));
            }
            if doc.status == Status::Published {
                ops.push(UserOperation::Add(self.index.to_document(doc)));
            }
        }
        self.writer.run(ops)?;
        Ok(())
    }

    /// Removes cards.
    pub fn delete(&mut self, card_ids: &[i64]) {
        for id in card_ids {
            self.writer
                .delete_term(Term::from_field_i64(self.index.fields.card_id, *id));
        }
    }

    /// Commits the changes as being in step with the database's `seq`.
    pub fn finish(mut self, seq: i64) -> tantivy::Result<()> {
        self.finished = true;
        self.index.commit(&mut self.writer, seq)
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.writer.rollback();
        }
    }
}

#[cfg(test)]
mod tests;
