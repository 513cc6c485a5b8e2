//! The domain layer: the directory of cards over the database and the search index.

use crate::db::{self, CardRow, DbPool};
use crate::model::card::{CardRecord, PublicCard, Status};
use crate::model::search::{
    Evidence, MAX_QUERY_CHARS, MatchHit, MatchRequest, MatchResults, ParamError, SearchParams,
    SearchResults, TopicWorks,
};
use crate::model::validate::{FieldErrors, is_valid_slug};
use crate::search::analyzer::QueryWord;
use crate::search::snippet::Marker;
use crate::search::suggest::{MAX_SUGGESTIONS, Suggester};
use crate::search::{IndexStamp, SCHEMA_VERSION, SearchDoc, SearchIndex};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub mod account;
pub mod edit;
pub mod inquiry;
pub mod lists;
pub mod metrics;
pub mod related;
pub mod report;

/// Cards read from the database per batch in bulk operations.
const BATCH: i64 = 500;

/// New cards written per INSERT statement during an import.
const INSERT_BATCH: usize = 200;

/// What went wrong in the domain layer.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("not found")]
    NotFound,
    /// Something other than a card is not there; the message says what, in Korean.
    #[error("{0}")]
    Missing(String),
    #[error("invalid parameter `{}`: {}", .0.param, .0.message)]
    BadParam(ParamError),
    #[error("invalid card")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    /// The edit was based on an older version; this is the card as it is now.
    #[error("the card was changed by someone else")]
    Stale(Box<crate::model::account::EditableCard>),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("not allowed")]
    Forbidden,
    #[error("{0}")]
    TooMany(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("search index error: {0}")]
    Search(#[from] tantivy::TantivyError),
    #[error("stored card is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("could not write: {0}")]
    Io(#[from] std::io::Error),
}

impl DomainError {
    /// Whether the disk is full: a write failed for want of space, and nothing was written.
    pub fn is_disk_full(&self) -> bool {
        match self {
            DomainError::Db(e) => db::is_disk_full(e),
            DomainError::Io(e) => db::is_storage_full(e),
            _ => false,
        }
    }
}

/// Outcome of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Technology fields that were not yet in the controlled list and were added.
    pub new_fields: Vec<String>,
}

/// The card directory: every read and write goes through here.
#[derive(Clone, Debug)]
pub struct Directory {
    db: DbPool,
    search: Arc<SearchIndex>,
    suggester: Arc<std::sync::RwLock<Arc<Suggester>>>,
    suggest_flags: Arc<RefreshFlags>,
    /// Write transactions take turns here, in order, instead of failing on SQLite's lock.
    writer: Arc<tokio::sync::Mutex<()>>,
    /// Searches to record for the dashboard, written in batches off the request path.
    search_log: SearchLog,
    /// Catch-ups of the index take turns here.
    index_turn: Arc<tokio::sync::Mutex<()>>,
    /// Related terms as last mined from the cards, before staff exclusions.
    mined: Arc<std::sync::RwLock<Arc<crate::search::neighbours::Mined>>>,
    /// When they were mined.
    mined_at: Arc<std::sync::Mutex<Option<std::time::Instant>>>,
    /// This node's counters and latencies, for `GET /metrics`.
    metrics: Arc<metrics::Metrics>,
    /// Wakes the mail sender when mail is queued.
    mail_wake: Arc<tokio::sync::Notify>,
    /// The lists' sequence number this node's synonyms and related terms reflect.
    lists_seen: Arc<std::sync::atomic::AtomicI64>,
}

/// The queue of searches waiting to be recorded; its writer task starts with the first one.
#[derive(Clone, Debug)]
struct SearchLog {
    queue: tokio::sync::mpsc::Sender<LoggedSearch>,
    /// The writer task: waiting for the first search, running, or closed.
    writer: Arc<std::sync::Mutex<LogWriter>>,
    /// Tells the writer task to write what it holds now and stop ([`Directory::close_search_log`]).
    closing: Arc<tokio::sync::Notify>,
}

/// Where the search log's writer task is in its life.
#[derive(Debug)]
enum LogWriter {
    /// Not started: no search yet. Holds the queue's receiving end for the task.
    Waiting(tokio::sync::mpsc::Receiver<LoggedSearch>),
    /// Writing batches as searches arrive.
    Running(tokio::task::JoinHandle<()>),
    /// Stopped by [`Directory::close_search_log`]; later searches are not recorded.
    Closed,
}

impl SearchLog {
    fn lock_writer(&self) -> std::sync::MutexGuard<'_, LogWriter> {
        // the state is replaced whole under the lock, so a panic elsewhere leaves it sound
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A normalised query, how many cards it found, and when (Unix seconds).
type LoggedSearch = (String, i64, i64);

/// Writes a batch of searches in one transaction, in its turn with the other writers.
async fn write_search_log(
    db: &DbPool,
    writer: &Arc<tokio::sync::Mutex<()>>,
    batch: &[LoggedSearch],
) -> Result<(), sqlx::Error> {
    let _turn = writer.lock().await;
    let mut tx = db::begin_write(db).await?;
    for (query, total, at) in batch {
        db::dashboard::log_search(&mut tx, query, *total, *at).await?;
    }
    tx.commit().await
}

/// The search log's writer: what arrives within [`SEARCH_LOG_GATHER`] of a search joins its
/// batch, so under steady traffic one small transaction a second is written, not one per
/// search competing with the searches for the cores and with editors for the writer turn.
/// When `closing` is notified it writes everything queued and ends.
async fn write_search_log_batches(
    db: DbPool,
    writer: Arc<tokio::sync::Mutex<()>>,
    mut rx: tokio::sync::mpsc::Receiver<LoggedSearch>,
    closing: Arc<tokio::sync::Notify>,
) {
    let mut batch = Vec::new();
    let mut last = false;
    loop {
        tokio::select! {
            n = rx.recv_many(&mut batch, SEARCH_LOG_BATCH) => {
                if n == 0 {
                    return;
                }
                tokio::select! {
                    () = tokio::time::sleep(SEARCH_LOG_GATHER) => {}
                    () = closing.notified() => last = true,
                }
            }
            () = closing.notified() => last = true,
        }
        loop {
            while batch.len() < SEARCH_LOG_BATCH
                && let Ok(search) = rx.try_recv()
            {
                batch.push(search);
            }
            if batch.is_empty() {
                break;
            }
            if let Err(e) = write_search_log(&db, &writer, &batch).await {
                tracing::warn!(error = %e, searches = batch.len(), "could not record searches for the dashboard");
            }
            batch.clear();
            if !last {
                break;
            }
        }
        if last {
            return;
        }
    }
}

/// Searches waiting to be recorded beyond this are dropped (with a warning), not queued.
const SEARCH_LOG_QUEUE: usize = 10_000;

/// Most searches recorded in one transaction.
const SEARCH_LOG_BATCH: usize = 500;

/// How long the first search of a batch waits for others to join it. The dashboard shows
/// counts by month, so a second's delay is not seen.
const SEARCH_LOG_GATHER: std::time::Duration = std::time::Duration::from_secs(1);

/// A write transaction ([`db::begin_write`]: `BEGIN IMMEDIATE` on SQLite, an advisory lock
/// shared by every node on PostgreSQL), holding the process's writer turn until it is
/// committed or dropped. A deferred SQLite transaction that reads and then writes fails at
/// once with "database is locked" when another connection wrote in between; this takes the
/// write lock up front, and other writers of this process wait for their turn.
pub struct WriteTx {
    tx: db::Tx,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl std::ops::Deref for WriteTx {
    type Target = db::Tx;
    fn deref(&self) -> &db::Tx {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut db::Tx {
        &mut self.tx
    }
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

/// Coalesces background rebuilds of the autocomplete vocabulary.
#[derive(Debug, Default)]
struct RefreshFlags {
    running: AtomicBool,
    dirty: AtomicBool,
    /// When the last rebuild started.
    last: std::sync::Mutex<Option<std::time::Instant>>,
    /// A change came too soon after a rebuild; [`Directory::follow_database`] starts it later.
    deferred: AtomicBool,
}

/// The least time between two rebuilds of the autocomplete vocabulary after changes: a
/// rebuild reads every card, and a stream of edits (on any node) would otherwise keep a core
/// busy rebuilding it.
pub(crate) const SUGGEST_SPACING: std::time::Duration = std::time::Duration::from_secs(10);

impl Directory {
    /// A directory over an open database and index.
    pub fn new(db: DbPool, search: SearchIndex) -> Directory {
        let (queue, pending) = tokio::sync::mpsc::channel(SEARCH_LOG_QUEUE);
        Directory {
            db,
            search: Arc::new(search),
            suggester: Arc::default(),
            suggest_flags: Arc::default(),
            writer: Arc::default(),
            index_turn: Arc::default(),
            mined: Arc::default(),
            mined_at: Arc::default(),
            metrics: Arc::default(),
            mail_wake: Arc::default(),
            lists_seen: Arc::default(),
            search_log: SearchLog {
                queue,
                writer: Arc::new(std::sync::Mutex::new(LogWriter::Waiting(pending))),
                closing: Arc::default(),
            },
        }
    }

    /// Begins a write transaction when this process's earlier writers are done.
    pub async fn write_tx(&self) -> Result<WriteTx, sqlx::Error> {
        let turn = self.writer.clone().lock_owned().await;
        let tx = db::begin_write(&self.db).await?;
        Ok(WriteTx { tx, _turn: turn })
    }

    /// Queues a search for the dashboard. The first call starts the task that writes the
    /// queue in batches, one transaction per batch, taking its turn with other writers.
    fn record_search(&self, query: String, total: i64) {
        {
            let state = &mut *self.search_log.lock_writer();
            *state = match std::mem::replace(state, LogWriter::Closed) {
                LogWriter::Waiting(rx) => {
                    // the task holds the pool and the writer turn, not the directory, so it
                    // ends when the last directory (and with it the queue's sender) is dropped
                    let (db, writer) = (self.db.clone(), self.writer.clone());
                    let closing = self.search_log.closing.clone();
                    LogWriter::Running(tokio::spawn(write_search_log_batches(
                        db, writer, rx, closing,
                    )))
                }
                started => started,
            };
        }
        if self
            .search_log
            .queue
            .try_send((query, total, db::now()))
            .is_err()
        {
            tracing::warn!("search log queue full; a search was not recorded");
        }
    }

    /// Writes the searches waiting to be recorded and stops the task that writes them; a
    /// server calls it once it has stopped serving, so a search made in its last second
    /// still reaches the dashboard. Waits at most a few seconds.
    pub async fn close_search_log(&self) {
        let state = std::mem::replace(&mut *self.search_log.lock_writer(), LogWriter::Closed);
        let LogWriter::Running(task) = state else {
            return;
        };
        self.search_log.closing.notify_one();
        if tokio::time::timeout(std::time::Duration::from_secs(5), task)
            .await
            .is_err()
        {
            tracing::warn!("the search log was not written within 5 s of stopping");
        }
    }

    /// Loads the synonym groups from the database into the search index; returns their number.
    pub async fn reload_synonyms(&self) -> Result<usize, DomainError> {
        let groups = db::synonym_groups(&self.db).await?;
        // analysed as the index analyses queries, so a term and its query match alike
        let synonyms =
            crate::search::synonyms::Synonyms::analysed(groups, |t| self.search.query_words(t));
        let n = synonyms.len();
        self.search.set_synonyms(synonyms);
        Ok(n)
    }

    /// Rebuilds the autocomplete vocabulary from published cards; returns the number of terms.
    /// Mines related terms in the same pass when they are due (see [`Self::mining_due`]).
    pub async fn rebuild_suggestions(&self) -> Result<usize, DomainError> {
        let mut terms: Vec<(String, &'static str)> = Vec::new();
        let mut miner = self
            .mining_due()
            .then(crate::search::neighbours::Miner::default);
        self.for_each_card(|row, card| {
            suggestion_terms(&card, &mut terms);
            if let Some(miner) = &mut miner {
                miner.add(row.card_id, &card);
            }
            Ok(())
        })
        .await?;
        let n = self.install_suggestions(terms).await?;
        if let Some(miner) = miner {
            self.finish_mining(miner).await?;
        }
        Ok(n)
    }

    async fn install_suggestions(
        &self,
        terms: Vec<(String, &'static str)>,
    ) -> Result<usize, DomainError> {
        let suggester = tokio::task::spawn_blocking(move || Suggester::new(terms)).await?;
        let n = suggester.len();
        *self.suggester.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(suggester);
        Ok(n)
    }

    /// The autocomplete vocabulary in use.
    fn suggester(&self) -> Arc<Suggester> {
        self.suggester
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Autocomplete suggestions for a partly typed query.
    pub fn suggest(&self, input: &str, limit: usize) -> Vec<crate::model::search::Suggestion> {
        let suggester = self.suggester();
        let limit = limit.clamp(1, MAX_SUGGESTIONS);
        let whole = suggester.suggest(input, limit);
        if !whole.is_empty() {
            return whole;
        }
        // nothing begins with the whole input (`반도체 결`): complete its last word to a
        // keyword or field and keep the words before it as typed (`반도체 결함 검출`)
        let Some((before, last)) = input.trim().rsplit_once(char::is_whitespace) else {
            return whole;
        };
        let before = before.trim_end();
        if crate::search::analyzer::excluded_word(last).is_some() {
            return whole;
        }
        suggester
            .suggest(last, limit)
            .into_iter()
            .filter(|s| s.kind != "name" && !before.contains(&s.text))
            .map(|s| crate::model::search::Suggestion {
                text: format!("{before} {}", s.text),
                ..s
            })
            .collect()
    }

    /// The database pool.
    pub fn db(&self) -> &DbPool {
        &self.db
    }

    /// Brings the index in step with the database at start-up: rebuilds it when it is of
    /// another schema or analysis, or ahead of the database (a restored backup); catches up
    /// on the changes it missed when it is behind. Returns whether it changed anything.
    pub async fn sync_index(
        &self,
        stamp: Option<IndexStamp>,
        progress: impl FnMut(u64, u64) + Send,
    ) -> Result<bool, DomainError> {
        let seq = db::seq(&self.db).await?;
        let usable = stamp.filter(|s| {
            s.schema_version == SCHEMA_VERSION
                && s.analysis == self.search.analysis()
                && s.seq <= seq
        });
        match usable {
            Some(s) if s.seq == seq => Ok(false),
            Some(s) => {
                tracing::warn!(
                    index = s.seq,
                    database = seq,
                    "search index is behind the database; catching up"
                );
                self.catch_up_index().await?;
                Ok(true)
            }
            None => {
                tracing::info!(
                    ?stamp,
                    seq,
                    "search index is out of step with the database; rebuilding it"
                );
                self.reindex_all(progress).await?;
                Ok(true)
            }
        }
    }

    /// Notes that this node's lists reflect `seq` (it made that change, or loaded them).
    pub fn saw_lists(&self, seq: i64) {
        self.lists_seen
            .fetch_max(seq, std::sync::atomic::Ordering::AcqRel);
    }

    /// Brings this node in step with the database: the cards its index lacks (changed by
    /// another node, or missed after a full disk), the lists (synonyms, rejected related
    /// terms) when another node changed them, and a deferred autocomplete rebuild once it is
    /// due. Called when PostgreSQL announces a change and by the server's periodic check;
    /// returns the cards applied.
    pub async fn follow_database(&self) -> Result<u64, DomainError> {
        use std::sync::atomic::Ordering;
        let (seq, lists_seq) = db::seqs(&self.db).await?;
        let seen = self.lists_seen.load(Ordering::Acquire);
        if lists_seq > seen {
            self.reload_synonyms().await?;
            self.install_neighbours().await?;
            self.lists_seen.fetch_max(lists_seq, Ordering::AcqRel);
            if seen > 0 {
                tracing::info!(lists_seq, "lists changed on another node; reloaded");
            }
        }
        let applied = self.search.stamp().map_or(seq, |s| s.seq);
        let n = if applied < seq {
            self.catch_up_index().await?
        } else {
            0
        };
        if n > 0 {
            // the autocomplete vocabulary follows the cards, as after a local edit
            self.refresh_suggestions();
        }
        self.refresh_deferred_suggestions();
        Ok(n)
    }

    /// How many changes the index has not applied yet (0 when in step).
    pub async fn index_lag(&self) -> Result<i64, DomainError> {
        let seq = db::seq(&self.db).await?;
        let applied = self.search.stamp().map_or(0, |s| s.seq);
        Ok((seq - applied).max(0))
    }

    /// Applies to the index every card changed since the change it last committed, and
    /// stamps it with the database's change number; returns the cards applied. Called after
    /// each write, so a write that could not be indexed (a full disk) is applied by the next
    /// one, by the periodic check and at start-up, instead of being lost to search.
    pub async fn catch_up_index(&self) -> Result<u64, DomainError> {
        let _turn = self.index_turn.lock().await;
        let seq = db::seq(&self.db).await?;
        let Some(from) = self.search.stamp().map(|s| s.seq) else {
            return Ok(0);
        };
        if from >= seq {
            return Ok(0);
        }
        let mut docs = Vec::new();
        let mut after = 0;
        loop {
            let rows = db::cards_changed_since(&self.db, from, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.card_id;
            for row in &rows {
                docs.push(search_doc(row)?);
            }
        }
        let n = docs.len() as u64;
        let search = self.search.clone();
        let applied = tokio::task::spawn_blocking(move || search.apply(&docs, &[], seq)).await?;
        match applied {
            Ok(()) => {
                if seq - from > 1 {
                    tracing::info!(cards = n, from, to = seq, "search index caught up");
                }
                Ok(n)
            }
            Err(e) => {
                tracing::error!(error = %e, behind = seq - from, "search index could not apply the latest changes; it will retry");
                Err(e.into())
            }
        }
    }

    /// Rebuilds the whole index from the database. `progress(done, total)` is called per batch.
    pub async fn reindex_all(
        &self,
        mut progress: impl FnMut(u64, u64) + Send,
    ) -> Result<u64, DomainError> {
        let total = db::count_cards(&self.db).await? as u64;
        let seq = db::seq(&self.db).await?;
        let search = self.search.clone();
        let mut batch = search.batch(true)?.bulk();
        let mut after = 0;
        let mut done = 0;
        loop {
            let rows = db::cards_after(&self.db, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.card_id;
            let docs = rows.iter().map(search_doc).collect::<Result<Vec<_>, _>>()?;
            batch.upsert(&docs)?;
            done += docs.len() as u64;
            progress(done, total);
        }
        batch.finish(seq)?;
        // one segment per search thread: a rebuilt index is searched fastest in that shape
        let merged = tokio::task::spawn_blocking(move || search.compact()).await??;
        tracing::info!(cards = done, seq, merged, "search index rebuilt");
        Ok(done)
    }

    /// Merges the index's segments (see [`SearchIndex::compact`]): an import leaves a
    /// segment per writer flush. Searches go on meanwhile and move to the merged segments
    /// when they are ready. A failure is logged: the index is searched as it was.
    async fn compact_index(&self) {
        let search = self.search.clone();
        match tokio::task::spawn_blocking(move || search.compact()).await {
            Ok(Ok(0)) => {}
            Ok(Ok(merged)) => {
                tracing::info!(
                    merged,
                    segments = self.search.segments(),
                    "search index segments merged"
                )
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "search index segments could not be merged"),
            Err(e) => tracing::warn!(error = %e, "search index segments could not be merged"),
        }
    }

    /// [`Directory::compact_index`] without waiting for it.
    pub fn compact_index_in_background(&self) {
        let directory = self.clone();
        tokio::spawn(async move { directory.compact_index().await });
    }

    /// Searches published cards.
    pub async fn search(&self, params: SearchParams) -> Result<SearchResults, DomainError> {
        params.check().map_err(DomainError::BadParam)?;
        let search = self.search.clone();
        let q = params.q.clone();
        let first_page = params.page <= 1;
        let started = std::time::Instant::now();
        let job = search.clone();
        let mut results = search.run(move || job.search(&params)).await??;
        self.metrics.search.observe(started.elapsed());
        if first_page && !q.trim().is_empty() {
            // what companies look for, for the staff dashboard; never delays the answer
            self.record_search(normalize_query(&q), results.total as i64);
        }
        if (results.total == 0 || results.relaxed) && !q.trim().is_empty() {
            // syllables typed apart are one word (`반 도 체` is `반도체`); then only the
            // words no card has are respelled: `영상` of a long query that found cards with
            // some of its words is not a typo of a name (`양상철`)
            let joined = crate::search::analyzer::join_spaced_syllables(&q);
            let checked = joined.clone().unwrap_or_else(|| q.clone());
            let (job, words) = (search.clone(), checked.clone());
            let found = search.run(move || job.finds_each_word(&words)).await;
            let found = found.ok().and_then(Result::ok).unwrap_or_default();
            results.did_you_mean = self
                .respell(&checked, &found)
                .or(joined.filter(|_| !found.is_empty() && found.iter().all(|&f| f)));
        }
        if results.total == 0 && !q.trim().is_empty() {
            results.related_fields = self.related_fields(&q);
        }
        Ok(results)
    }

    /// Technology fields for a query that found nothing: fields its words (or their
    /// respellings) begin, then the fields with the most researchers.
    fn related_fields(&self, q: &str) -> Vec<String> {
        const WANTED: usize = 6;
        let suggester = self.suggester();
        let mut fields: Vec<String> = Vec::new();
        let words = q.split_whitespace();
        for word in words.filter(|w| crate::search::analyzer::excluded_word(w).is_none()) {
            for s in suggester.suggest(word, MAX_SUGGESTIONS) {
                if s.kind == "field" && !fields.contains(&s.text) {
                    fields.push(s.text);
                }
            }
        }
        for field in suggester.most_frequent("field", WANTED) {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields.truncate(WANTED);
        fields
    }

    /// The query with each word that no card has (`found[i]` false) replaced by the closest
    /// vocabulary term, if any changed. A word whose `found` is missing (beyond
    /// [`crate::search::find::RESPELL_WORDS`]) is left alone.
    fn respell(&self, q: &str, found: &[bool]) -> Option<String> {
        let suggester = self.suggester();
        let mut changed = false;
        let words: Vec<String> = q
            .split_whitespace()
            .enumerate()
            .map(|(i, w)| {
                // one letter or syllable is the start of a word, not a misspelling of one:
                // `웨` is not respelled `웨이퍼`
                if found.get(i).is_none_or(|&f| f) || w.chars().count() < 2 {
                    return w.to_string();
                }
                // a phrase suggestion contributes the word that corresponds to the typed one
                let fix = suggester
                    .suggest(w, 1)
                    .into_iter()
                    .next()
                    .and_then(|s| s.text.split_whitespace().next().map(str::to_string));
                match fix {
                    Some(t) if t != w && t.chars().count() <= w.chars().count() + 2 => {
                        changed = true;
                        t
                    }
                    _ => w.to_string(),
                }
            })
            .collect();
        changed.then(|| words.join(" "))
    }

    /// Researchers for a company's description of its need, with the evidence for each.
    pub async fn match_need(&self, request: MatchRequest) -> Result<MatchResults, DomainError> {
        let started = std::time::Instant::now();
        let params = request.to_params().map_err(DomainError::BadParam)?;
        let search = self.search.clone();
        let text = request.text.clone();
        let job = search.clone();
        let found = search
            .run(move || job.match_need(&text, &params, None))
            .await??;
        let hits = self.with_evidence(found.hits, &found.words).await?;
        Ok(MatchResults {
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            terms: found.terms,
            total: found.total,
            hits,
        })
    }

    /// The works of a published card on the topic of search `q` (its first
    /// [`MAX_QUERY_CHARS`] characters), for the card page a search hit links to. A draft is
    /// not found; an archived card (its page still says whom to contact instead, and old
    /// links lead there) lists no works.
    pub async fn topic_works(&self, slug: &str, q: &str) -> Result<TopicWorks, DomainError> {
        let row = db::card_by_slug(&self.db, slug)
            .await?
            .ok_or(DomainError::NotFound)?;
        match row.to_record()?.status {
            Status::Published => {}
            Status::Archived => return Ok(TopicWorks::default()),
            Status::Draft => return Err(DomainError::NotFound),
        }
        let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
        if q.trim().is_empty() {
            return Ok(TopicWorks::default());
        }
        let job = self.search.clone();
        let id = row.card_id;
        Ok(self.search.run(move || job.topic_works(id, &q)).await??)
    }

    /// Published researchers whose expertise overlaps this card's, with the shared topics.
    pub async fn similar(&self, slug: &str, limit: u32) -> Result<Vec<MatchHit>, DomainError> {
        let row = db::card_by_slug(&self.db, slug)
            .await?
            .ok_or(DomainError::NotFound)?;
        let record = row.to_record()?;
        if record.status == Status::Draft {
            return Err(DomainError::NotFound);
        }
        let mut text: Vec<&str> = record.keywords.iter().map(String::as_str).collect();
        text.extend(record.fields.iter().map(String::as_str));
        text.extend(record.projects.iter().map(|p| p.title.as_str()));
        text.extend(record.publications.iter().map(|p| p.title.as_str()));
        let text = text.join("\n");
        let params = SearchParams {
            page: 1,
            per_page: limit,
            ..Default::default()
        };
        let search = self.search.clone();
        let id = row.card_id;
        let job = search.clone();
        let found = search
            .run(move || job.match_need(&text, &params, Some(id)))
            .await??;
        self.with_evidence(found.hits, &found.words).await
    }

    async fn with_evidence(
        &self,
        hits: Vec<crate::model::search::Hit>,
        words: &[QueryWord],
    ) -> Result<Vec<MatchHit>, DomainError> {
        let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
        let rows = db::cards_by_ids(&self.db, &ids).await?;
        let marker = Marker::new(words);
        let mut out = Vec::with_capacity(hits.len());
        for hit in hits {
            let Some(row) = rows.iter().find(|r| r.card_id == hit.id) else {
                continue;
            };
            let record = row.to_record()?;
            // the pieces of the card take the key `evidence`: the search's counts of works
            // would be a second `evidence` in the same JSON object
            let mut hit = hit;
            hit.evidence = None;
            out.push(MatchHit {
                evidence: evidence(&record, &marker),
                offers: record.offers.iter().map(|o| o.key().to_string()).collect(),
                hit,
            });
        }
        Ok(out)
    }

    /// The public view of a card. Drafts are not found; archived cards show only who to contact instead.
    pub async fn public_card(&self, slug: &str) -> Result<PublicCard, DomainError> {
        let row = db::card_by_slug(&self.db, slug)
            .await?
            .ok_or(DomainError::NotFound)?;
        let record = row.to_record()?;
        match record.status {
            Status::Draft => Err(DomainError::NotFound),
            Status::Published => {
                let contact = db::division_contact(&self.db, &record.division).await?;
                let mut card =
                    PublicCard::from_record(record, db::rfc3339(row.updated_at), row.version);
                card.division_contact = contact.unwrap_or_default();
                Ok(card)
            }
            Status::Archived => {
                let left = CardRecord {
                    id: record.id,
                    slug: record.slug,
                    name: record.name,
                    name_en: record.name_en,
                    organization: record.organization,
                    division: record.division,
                    site: record.site,
                    status: Status::Archived,
                    ..Default::default()
                };
                let contact = db::division_contact(&self.db, &left.division).await?;
                let mut card =
                    PublicCard::from_record(left, db::rfc3339(row.updated_at), row.version);
                card.division_contact = contact.unwrap_or_default();
                card.merged_into = crate::db::merge::merged_into(&self.db, row.card_id)
                    .await?
                    .unwrap_or_default();
                Ok(card)
            }
        }
    }

    /// This node's counters and latencies.
    pub fn metrics(&self) -> &Arc<metrics::Metrics> {
        &self.metrics
    }

    /// A page of the published cards' slugs and last changes, and how many there are.
    pub async fn published_slugs(
        &self,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<(String, i64)>, i64), DomainError> {
        Ok((
            db::published_slugs(&self.db, limit, offset).await?,
            db::count_published(&self.db).await?,
        ))
    }

    /// Number of cards in the database.
    pub async fn count(&self) -> Result<i64, DomainError> {
        Ok(db::count_cards(&self.db).await?)
    }

    /// Upserts validated records by external id in one transaction, then updates the index.
    /// Either every record is written or none is.
    pub async fn import(
        &self,
        records: impl Iterator<Item = CardRecord>,
        progress: impl FnMut(u64),
    ) -> Result<ImportSummary, DomainError> {
        self.import_with_times(records.map(|r| (r, None)), progress)
            .await
    }

    /// Like [`Directory::import`], with each card's `created_at` and `updated_at` when the
    /// file gives them (an export restored keeps its times; without them a card is new now).
    pub async fn import_with_times(
        &self,
        records: impl Iterator<Item = (CardRecord, Option<db::Times>)>,
        mut progress: impl FnMut(u64),
    ) -> Result<ImportSummary, DomainError> {
        use std::sync::atomic::Ordering;
        let metrics = self.metrics.clone();
        metrics.importing.store(true, Ordering::Relaxed);
        metrics.import_done.store(0, Ordering::Relaxed);
        let result = self
            .import_unmetered(records, |n| {
                metrics.import_done.store(n, Ordering::Relaxed);
                progress(n)
            })
            .await;
        metrics.importing.store(false, Ordering::Relaxed);
        metrics.imports.fetch_add(1, Ordering::Relaxed);
        result
    }

    async fn import_unmetered(
        &self,
        records: impl Iterator<Item = (CardRecord, Option<db::Times>)>,
        mut progress: impl FnMut(u64),
    ) -> Result<ImportSummary, DomainError> {
        let mut summary = ImportSummary::default();
        // the import's commit stamps the index with its change number, so changes the index
        // missed before must be applied first
        self.catch_up_index().await?;
        let mut tx = self.write_tx().await?;
        let now = db::now();
        let mut n = 0;
        let mut known_fields: HashSet<String> =
            db::tech_fields(&self.db).await?.into_iter().collect();
        // divisions and sites new to the lists join them, with the site a division is seen at
        let mut known_places: HashSet<(String, String)> = HashSet::new();
        // the keys of every stored card, so new cards need no look-ups (ids and slugs are small)
        let mut ids: HashMap<String, i64> = db::external_ids(&mut tx).await?.into_iter().collect();
        let existing = ids.len() as u64;
        let mut slugs: HashSet<String> = db::slugs(&mut tx).await?.into_iter().collect();
        let mut new_cards: Vec<(CardRecord, String)> = Vec::new();
        let mut new_times: Vec<db::Times> = Vec::new();
        let mut terms: Vec<(String, &'static str)> = Vec::new();
        // sends wait while the indexer is behind, so a large import never outruns it in
        // memory; a failed send means the indexer stopped, and its error is reported after
        // the commit
        let (to_index, indexer) = spawn_indexer(self.search.clone(), now);
        let taken = |slug: &str, record: &CardRecord| {
            DomainError::Conflict(format!(
                "card `{}`: slug `{slug}` is already used by another card; choose another slug or leave it out",
                record.id
            ))
        };
        for (mut record, times) in records {
            record.normalize();
            record.validate().map_err(DomainError::Invalid)?;
            for field in &record.fields {
                if known_fields.insert(field.clone()) && db::add_tech_field(&mut tx, field).await? {
                    summary.new_fields.push(field.clone());
                }
            }
            if known_places.insert((record.division.clone(), record.site.clone())) {
                db::add_division_and_site(&mut tx, &record.division, &record.site).await?;
            }
            suggestion_terms(&record, &mut terms);
            match ids.get(&record.id).copied() {
                Some(card_id) if card_id > 0 => {
                    let row = db::card_by_id(&mut tx, card_id)
                        .await?
                        .ok_or(DomainError::NotFound)?;
                    if record.slug.is_empty() {
                        record.slug = row.slug.clone();
                    } else if record.slug != row.slug && slugs.contains(&record.slug) {
                        return Err(taken(&record.slug, &record));
                    }
                    let json = stored_json_of(&mut record)?;
                    ids.insert(record.id.clone(), -card_id);
                    if json == row.record
                        && record.slug == row.slug
                        && record.status.key() == row.status
                    {
                        summary.unchanged += 1;
                    } else {
                        slugs.remove(&row.slug);
                        slugs.insert(record.slug.clone());
                        db::update_card(
                            &mut tx,
                            row.card_id,
                            &record,
                            &json,
                            times.map_or(now, |t| t.updated_at),
                            &db::Change::import(),
                            None,
                        )
                        .await?;
                        summary.updated += 1;
                        let _ = to_index
                            .send(ToIndex::Changed(row.card_id, Box::new(record)))
                            .await;
                    }
                }
                Some(_) => {
                    return Err(DomainError::Conflict(format!(
                        "card `{}` appears twice; each id may appear once per import",
                        record.id
                    )));
                }
                None => {
                    if record.slug.is_empty() {
                        record.slug = free_slug(&record, &slugs);
                    } else if slugs.contains(&record.slug) {
                        return Err(taken(&record.slug, &record));
                    }
                    slugs.insert(record.slug.clone());
                    ids.insert(record.id.clone(), 0);
                    let json = stored_json_of(&mut record)?;
                    new_cards.push((record, json));
                    new_times.push(times.unwrap_or(db::Times::at(now)));
                    if new_cards.len() >= INSERT_BATCH {
                        let created = db::insert_cards_at(
                            &mut tx,
                            &new_cards,
                            &new_times,
                            &db::Change::import(),
                        )
                        .await?;
                        new_times.clear();
                        summary.created += created.len() as u64;
                        let cards = created.into_iter().zip(new_cards.drain(..).map(|(r, _)| r));
                        let _ = to_index.send(ToIndex::Created(cards.collect())).await;
                    }
                }
            }
            n += 1;
            progress(n);
        }
        if !new_cards.is_empty() {
            let created =
                db::insert_cards_at(&mut tx, &new_cards, &new_times, &db::Change::import()).await?;
            summary.created += created.len() as u64;
            let cards = created.into_iter().zip(new_cards.drain(..).map(|(r, _)| r));
            let _ = to_index.send(ToIndex::Created(cards.collect())).await;
        }
        let seq = db::bump_seq(&mut tx).await?;
        tx.commit().await?;
        let _ = to_index.send(ToIndex::Commit(seq)).await;
        drop(to_index);
        match indexer.await? {
            Ok(indexed) => {
                tracing::info!(cards = indexed, seq, "import indexed");
                // a large import leaves a segment per writer flush (its batch holds merges off);
                // a small one leaves one, for the merge policy. Searches go on meanwhile; the
                // import ends with its index in shape, so the next bulk job (a rebuild, another
                // import) does not race a merge of segments it is about to replace
                if indexed >= COMPACT_AFTER {
                    self.compact_index().await;
                }
            }
            // the database is the source of truth; the next start-up sees the stale stamp and rebuilds
            Err(e) => {
                tracing::error!(error = %e, "import saved but the search index could not be updated; run `rcard reindex`")
            }
        }
        // every stored card passed through this import, so its terms are the whole vocabulary
        let touched = summary.updated + summary.unchanged;
        let suggestions = if touched == existing {
            self.install_suggestions(terms).await
        } else {
            self.rebuild_suggestions().await
        };
        if let Err(e) = suggestions {
            tracing::error!(error = %e, "could not rebuild autocomplete after the import");
        }
        // an import may change the directory's topics: mine them again, off the import's time
        let directory = self.clone();
        tokio::spawn(async move {
            if let Err(e) = directory.mine_neighbours().await {
                tracing::error!(error = %e, "could not mine related terms after the import");
            }
        });
        Ok(summary)
    }

    /// Calls `sink` with every card in id order, reading in batches.
    pub async fn for_each_card(
        &self,
        mut sink: impl FnMut(&CardRow, CardRecord) -> std::io::Result<()>,
    ) -> Result<u64, DomainError> {
        let mut after = 0;
        let mut n = 0;
        loop {
            let rows = db::cards_after(&self.db, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.card_id;
            for row in &rows {
                let record = row.to_record()?;
                sink(row, record).map_err(DomainError::Io)?;
                n += 1;
            }
        }
        Ok(n)
    }
}

/// A query as the dashboard counts it: spaces collapsed, lowercase, at most 200 characters.
fn normalize_query(q: &str) -> String {
    // control characters dropped: PostgreSQL text cannot hold U+0000
    q.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .take(200)
        .collect()
}

/// Most evidence items shown per researcher.
const MAX_EVIDENCE: usize = 6;

/// The parts of a card that contain the words, best first.
fn evidence(card: &CardRecord, marker: &Marker<'_>) -> Vec<Evidence> {
    let mut items: Vec<Evidence> = Vec::new();
    let mut add = |kind: &str, text: &str| {
        let matched = marker.count_matches(text);
        if matched > 0 {
            items.push(Evidence {
                kind: kind.to_string(),
                html: marker.highlight(text),
                matched: matched as u32,
            });
        }
    };
    for k in &card.keywords {
        add("keyword", k);
    }
    for f in &card.fields {
        add("field", f);
    }
    for p in &card.projects {
        add("project", &p.title);
    }
    for p in &card.publications {
        add("publication", &p.title);
    }
    for p in &card.patents {
        add("patent", &p.title);
    }
    for v in &card.videos {
        add("video", &v.title);
    }
    // more matched terms first; ties keep the card's order (keywords before projects …)
    items.sort_by_key(|e| std::cmp::Reverse(e.matched));
    items.truncate(MAX_EVIDENCE);
    items
}

/// The autocomplete terms of a published card.
fn suggestion_terms(card: &CardRecord, terms: &mut Vec<(String, &'static str)>) {
    if card.status == Status::Published {
        terms.extend(card.keywords.iter().map(|k| (k.clone(), "keyword")));
        terms.extend(card.fields.iter().map(|f| (f.clone(), "field")));
        terms.push((card.name.clone(), "name"));
        if !card.name_en.is_empty() {
            terms.push((card.name_en.clone(), "name"));
        }
    }
}

/// Index work handed from an import to its indexing thread.
enum ToIndex {
    /// A changed card's id and record.
    Changed(i64, Box<CardRecord>),
    /// Cards just created, so without documents yet.
    Created(Vec<(i64, CardRecord)>),
    /// The database committed at this change number: commit the index too.
    Commit(i64),
}

/// An import of at least this many cards merges the index's segments afterwards, into one
/// per search thread ([`SearchIndex::compact`]).
const COMPACT_AFTER: u64 = 5_000;

/// Indexes cards on a thread of its own while the import writes the database, so parsing,
/// analysis and SQLite share the cores. The index changes become visible only when
/// [`ToIndex::Commit`] arrives; if the import fails and drops its sender, they are rolled back.
fn spawn_indexer(
    search: Arc<SearchIndex>,
    updated_at: i64,
) -> (
    tokio::sync::mpsc::Sender<ToIndex>,
    tokio::task::JoinHandle<tantivy::Result<u64>>,
) {
    // a message holds up to INSERT_BATCH cards
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<ToIndex>(16);
    let handle = tokio::task::spawn_blocking(move || {
        let mut batch = search.batch(false)?.bulk();
        let mut n = 0;
        while let Some(message) = receiver.blocking_recv() {
            match message {
                ToIndex::Changed(card_id, record) => {
                    batch.upsert(&[SearchDoc::from_card(card_id, &record, updated_at)])?;
                    n += 1;
                }
                ToIndex::Created(cards) => {
                    let docs: Vec<SearchDoc> = cards
                        .iter()
                        .map(|(card_id, record)| SearchDoc::from_card(*card_id, record, updated_at))
                        .collect();
                    batch.add_new(&docs)?;
                    n += docs.len() as u64;
                }
                ToIndex::Commit(seq) => {
                    batch.finish(seq)?;
                    return Ok(n);
                }
            }
        }
        Err(tantivy::TantivyError::InternalError(
            "the import stopped before its commit; its index changes were dropped".into(),
        ))
    });
    (sender, handle)
}

/// The record as stored: the interchange JSON without the keys kept in columns.
fn stored_json(record: &CardRecord) -> Result<String, serde_json::Error> {
    stored_json_of(&mut record.clone())
}

/// [`stored_json`] without copying the record: the slug is taken out while it is written.
fn stored_json_of(record: &mut CardRecord) -> Result<String, serde_json::Error> {
    let slug = std::mem::take(&mut record.slug);
    let json = serde_json::to_string(record);
    record.slug = slug;
    json
}

fn search_doc(row: &CardRow) -> Result<SearchDoc, serde_json::Error> {
    Ok(SearchDoc::from_card(
        row.card_id,
        &row.to_record()?,
        row.updated_at,
    ))
}

/// A slug from the English name, else the external id, made unique against `taken`.
fn free_slug(record: &CardRecord, taken: &HashSet<String>) -> String {
    let base = [slugify(&record.name_en), slugify(&record.id)]
        .into_iter()
        .find(|s| is_valid_slug(s))
        .unwrap_or_else(|| "card".to_string());
    // a few numbered tries, then the external id, so that namesakes get stable slugs
    let id = slugify(&record.id);
    let mut candidates: Vec<String> = vec![base.clone()];
    candidates.extend((2..=4).map(|n| format!("{base}-{n}")));
    if !id.is_empty() && base != id {
        candidates.push(format!("{base}-{id}"));
    }
    candidates
        .into_iter()
        .chain((5..).map(|n| format!("{base}-{n}")))
        .find(|c| !taken.contains(c))
        .unwrap_or(base)
}

/// Lowercase ASCII words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    trimmed
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_ascii_words() {
        assert_eq!(slugify("Seoyeon Kim"), "seoyeon-kim");
        assert_eq!(slugify("K-0042"), "k-0042");
        assert_eq!(slugify("김서연"), "");
        assert_eq!(slugify("  Min-Su  KIM!! "), "min-su-kim");
    }
}
