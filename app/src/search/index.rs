//! The index's life: opening or rebuilding it, commits stamped with the database's change
//! sequence, and batches of changes.

use super::analyzer::{self, Analysis, QueryWord};
use super::evidence::Columns;
use super::facets::FacetCache;
use super::mecab::Dictionary;
use super::neighbours::Neighbours;
use super::schema::{Fields, SearchDoc, schema};
use super::segments::PerSegment;
use super::synonyms::Synonyms;
use crate::model::card::Status;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy, UserOperation};
use tantivy::schema::Facet;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Bumped whenever the schema or the analysis changes; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 12;

/// Memory the index writer may use, shared by its threads.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// What a commit records about the database state it reflects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStamp {
    pub schema_version: u32,
    #[serde(default)]
    pub analysis: Analysis,
    /// The database change sequence number the index is in step with.
    pub seq: i64,
}

/// The search index of one process.
pub struct SearchIndex {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub(super) fields: Fields,
    synonyms: RwLock<Arc<Synonyms>>,
    /// Related terms mined from the cards (see [`super::neighbours`]).
    neighbours: RwLock<Arc<Neighbours>>,
    /// Each segment's facet values, laid out for counting.
    pub(super) facets: FacetCache,
    /// Each segment's fast fields of the evidence passes.
    pub(super) columns: PerSegment<Columns>,
    /// Threads of the search executor.
    pub(super) threads: usize,
    /// Held for the life of the index so no other process opens the same directory.
    lock: Option<std::fs::File>,
    /// The Korean dictionary its text is analysed with; bigrams without one.
    dictionary: Option<Arc<Dictionary>>,
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

pub(super) fn facet_term(fields: &Fields, key: &str, value: &str) -> Term {
    Term::from_facet(fields.facet, &Facet::from_path([key, value]))
}

impl SearchIndex {
    /// An index in memory with bigram analysis, for tests and database-only commands.
    pub fn in_ram() -> tantivy::Result<SearchIndex> {
        Self::in_ram_with(None)
    }

    /// An index in memory that analyses Korean with `dictionary` (bigrams without one).
    pub fn in_ram_with(dictionary: Option<Arc<Dictionary>>) -> tantivy::Result<SearchIndex> {
        let (schema, _) = schema();
        Self::from_index(Index::create_in_ram(schema), dictionary)
    }

    /// Opens the index in `dir`, or creates an empty one when it is missing, unreadable or of
    /// another schema. Returns the stamp of the last commit when the index could be used.
    ///
    /// Fails with `LockFailure` when another process holds the index: a running server and a
    /// command-line import must not both write it, and an index in use is never deleted.
    ///
    /// Korean text is analysed with `dictionary`, or as bigrams without one; an index built
    /// with the other analysis gives no stamp, so it is rebuilt.
    pub fn open_or_create(
        dir: &Path,
        dictionary: Option<Arc<Dictionary>>,
    ) -> tantivy::Result<(SearchIndex, Option<IndexStamp>)> {
        let lock = lock_dir(dir)?;
        let (mut search, stamp) = Self::open_or_create_locked(dir, dictionary)?;
        search.lock = Some(lock);
        Ok((search, stamp))
    }

    fn open_or_create_locked(
        dir: &Path,
        dictionary: Option<Arc<Dictionary>>,
    ) -> tantivy::Result<(SearchIndex, Option<IndexStamp>)> {
        let analysis = Analysis::of(dictionary.as_deref());
        let (schema, _) = schema();
        if dir.join("meta.json").exists() {
            match Index::open_in_dir(dir) {
                Ok(index) if index.schema() == schema => {
                    let stamp = index
                        .load_metas()
                        .ok()
                        .and_then(|m| m.payload)
                        .and_then(|p| serde_json::from_str::<IndexStamp>(&p).ok())
                        .filter(|s| s.schema_version == SCHEMA_VERSION && s.analysis == analysis);
                    match Self::from_index(index, dictionary.clone()) {
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
        Ok((Self::from_index(index, dictionary)?, None))
    }

    fn from_index(
        mut index: Index,
        dictionary: Option<Arc<Dictionary>>,
    ) -> tantivy::Result<SearchIndex> {
        index
            .tokenizers()
            .register(analyzer::KO, analyzer::analyzer(dictionary.clone()));
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
            neighbours: RwLock::new(Arc::new(Neighbours::default())),
            facets: FacetCache::default(),
            columns: PerSegment::default(),
            threads,
            lock: None,
            dictionary,
        })
        .inspect(|search: &SearchIndex| {
            if let Err(e) = search.warm() {
                tracing::warn!(error = %e, "facet sets and evidence columns will be read on first use");
            }
        })
    }

    /// How this index analyses Korean text.
    pub fn analysis(&self) -> Analysis {
        Analysis::of(self.dictionary.as_deref())
    }

    /// The words of a query, analysed as this index analyses its text.
    pub fn query_words(&self, query: &str) -> Vec<QueryWord> {
        analyzer::query_words_with(&mut analyzer::analyzer(self.dictionary.clone()), query)
    }

    /// The words of a described need, as this index analyses its text, without the words
    /// of the sentence around its topic ([`analyzer::need_words_with`]).
    pub fn need_words(&self, text: &str) -> Vec<QueryWord> {
        analyzer::need_words_with(&mut analyzer::analyzer(self.dictionary.clone()), text)
    }

    /// Replaces the synonym groups used by searches.
    pub fn set_synonyms(&self, synonyms: Synonyms) {
        *self.synonyms.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(synonyms);
    }

    pub(super) fn synonyms(&self) -> Arc<Synonyms> {
        self.synonyms
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the related terms used by searches.
    pub fn set_neighbours(&self, neighbours: Neighbours) {
        *self.neighbours.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(neighbours);
    }

    /// The related terms in use.
    pub fn neighbours(&self) -> Arc<Neighbours> {
        self.neighbours
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

    fn commit(&self, writer: &mut IndexWriter, seq: i64) -> tantivy::Result<()> {
        let stamp = IndexStamp {
            schema_version: SCHEMA_VERSION,
            analysis: self.analysis(),
            seq,
        };
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&stamp).unwrap_or_default());
        prepared.commit()?;
        self.reader.reload()?;
        self.warm()
    }

    /// Merges the index's segments into one per search thread, of similar sizes, and waits
    /// for the merges. A bulk load leaves a segment per writer flush (eight at 100k cards,
    /// 900k documents); a search pays for each segment's term lookups, scorers and facet
    /// tallies, and its threads share the segments out, so one segment per thread is the
    /// fastest shape. Later edits add small segments, which tantivy's merge policy folds in.
    /// Returns how many merges ran; a merge that fails (a segment already being merged by
    /// the merge policy) is logged and leaves those segments as they were.
    pub fn compact(&self) -> tantivy::Result<usize> {
        // the metas are let go at once: tantivy deletes a merge's old segments as it ends,
        // but not one whose meta is still held, and holding them here kept every merged-away
        // segment on disk until some later commit (140 MB beside 243 MB at 100k cards)
        let sizes: Vec<_> = self
            .index
            .searchable_segment_metas()?
            .iter()
            .map(|m| (m.id(), m.num_docs()))
            .collect();
        if sizes.len() <= self.threads {
            return Ok(0);
        }
        let mut groups = balanced_groups(sizes, self.threads);
        groups.retain(|g| g.len() > 1);
        let merges: Vec<_> = {
            let mut writer = self.lock();
            groups.iter().map(|g| writer.merge(g)).collect()
        };
        let mut merged = 0;
        for merge in merges {
            match merge.wait() {
                Ok(_) => merged += 1,
                Err(e) => tracing::warn!(error = %e, "search index segments were left unmerged"),
            }
        }
        self.reader.reload()?;
        self.warm()?;
        Ok(merged)
    }

    /// Runs `job` (a search) on one of the index's search threads and returns its result.
    ///
    /// There the search's parallel parts (the executor's maps over segments and candidates)
    /// run one share on the calling thread itself and hand only the others out. From a
    /// thread outside the pool, every map woke a search thread for each share and then
    /// the caller again: four maps a search, and on 2 cores those wake-ups cost about as
    /// much as the second thread gained (docs/benchmarks.md). A panic in `job` is an error,
    /// as it was from a blocking task; it does not take the search thread down.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> tantivy::Result<T> {
        let tantivy::Executor::ThreadPool(pool) = self.index.search_executor() else {
            return tokio::task::spawn_blocking(job)
                .await
                .map_err(|e| tantivy::TantivyError::InternalError(format!("search failed: {e}")));
        };
        let (tx, rx) = tokio::sync::oneshot::channel();
        pool.spawn(move || {
            let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)));
        });
        match rx.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(tantivy::TantivyError::InternalError(
                "a search panicked (see the log)".into(),
            )),
            Err(_) => Err(tantivy::TantivyError::InternalError(
                "a search thread stopped".into(),
            )),
        }
    }

    /// Lays out what searches read once per segment (facet sets, evidence columns) for the
    /// segments in use, and forgets retired ones.
    fn warm(&self) -> tantivy::Result<()> {
        let searcher = self.reader.searcher();
        self.facets.warm(&searcher)?;
        self.columns.warm(&searcher)
    }

    /// How many segments searches read.
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
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
            bulk: false,
        })
    }
}

/// Index changes in progress; they become visible at [`Batch::finish`] and are dropped
/// if the batch is dropped unfinished. Holds the writer meanwhile.
pub struct Batch<'a> {
    index: &'a SearchIndex,
    writer: std::sync::MutexGuard<'a, IndexWriter>,
    /// The batch began by emptying the index, so no document has an older copy to replace.
    cleared: bool,
    finished: bool,
    /// Merges wait for the commit ([`Batch::bulk`]).
    bulk: bool,
}

impl Batch<'_> {
    /// Marks the batch as a bulk load: tantivy's merge policy waits until it is committed.
    /// Left on, the policy merges the writer's flushed segments while they come, into one
    /// large segment beside a few small ones; [`SearchIndex::compact`] never splits a
    /// segment, so at 100k cards the two segments the threads share out held 651k and 253k
    /// documents, and the thread with the larger did 72% of every card pass. Held off, the
    /// load leaves segments of one flush each, which compaction groups evenly.
    pub fn bulk(mut self) -> Self {
        self.writer.set_merge_policy(Box::new(NoMergePolicy));
        self.bulk = true;
        self
    }

    /// Gives the writer its usual merge policy back after a bulk load.
    fn resume_merges(&mut self) {
        if std::mem::take(&mut self.bulk) {
            self.writer
                .set_merge_policy(Box::new(LogMergePolicy::default()));
        }
    }

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
                let fields = &self.index.fields;
                ops.extend(doc.documents(fields).into_iter().map(UserOperation::Add));
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
        let committed = self.index.commit(&mut self.writer, seq);
        if committed.is_err() {
            // a failed commit (a full disk) leaves the writer with half-written segments;
            // rolling back restarts it from the last commit, so the next batch can succeed
            if let Err(e) = self.writer.rollback() {
                tracing::error!(error = %e, "search index writer could not be reset after a failed commit");
            }
        }
        committed
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.writer.rollback();
        }
        // after the commit too: `finish` ends by dropping the batch
        self.resume_merges();
    }
}

/// Splits segments (id, documents) into at most `n` groups of similar total size: the
/// largest segment goes first, each into the group with the fewest documents so far.
fn balanced_groups<T>(mut segments: Vec<(T, u32)>, n: usize) -> Vec<Vec<T>> {
    segments.sort_by_key(|&(_, docs)| std::cmp::Reverse(docs));
    let mut groups: Vec<(u64, Vec<T>)> = (0..n.max(1)).map(|_| (0, Vec::new())).collect();
    for (id, docs) in segments {
        if let Some(group) = groups.iter_mut().min_by_key(|(total, _)| *total) {
            group.0 += u64::from(docs);
            group.1.push(id);
        }
    }
    groups
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| !ids.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::balanced_groups;

    #[test]
    fn segments_are_grouped_by_size() {
        let segments = vec![
            ("a", 139),
            ("b", 136),
            ("c", 136),
            ("d", 135),
            ("e", 135),
            ("f", 135),
            ("g", 45),
            ("h", 40),
        ];
        let groups = balanced_groups(segments, 2);
        assert_eq!(groups.len(), 2);
        let size = |g: &Vec<&str>| -> u32 {
            g.iter()
                .map(|id| match *id {
                    "a" => 139,
                    "b" | "c" => 136,
                    "g" => 45,
                    "h" => 40,
                    _ => 135,
                })
                .sum()
        };
        let (x, y) = (size(&groups[0]), size(&groups[1]));
        assert_eq!(x + y, 901);
        assert!(x.abs_diff(y) <= 45, "{x} against {y}");
        // fewer segments than groups: one group each, none empty
        assert_eq!(balanced_groups(vec![("a", 5)], 4), vec![vec!["a"]]);
        assert!(balanced_groups(Vec::<(u8, u32)>::new(), 2).is_empty());
    }
}
