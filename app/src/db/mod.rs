//! Repository functions over the card database: SQLite (the embedded default) or
//! PostgreSQL, chosen at run time by the URL (`sqlite://…` or `postgres://…`).
//!
//! Queries go through sqlx's `Any` driver, are checked at run time and use `$N`
//! placeholders, which both databases understand. The SQL is written to mean the same on
//! both; the few statements that cannot be are chosen by [`Backend`]. Integers are BIGINT
//! (flags 0 or 1) and times Unix seconds on both, so every value decodes the same way.

pub mod account;
pub mod dashboard;
pub mod inquiry;
pub mod lists;
pub mod merge;
pub mod related;
pub mod report;
pub mod review;
pub mod revision;
pub mod setting;

use crate::model::account::Division;
use crate::model::card::{CardRecord, Status};
use sqlx::Connection;
use sqlx::any::AnyPoolOptions;
use std::time::Duration;

/// The database backend, as sqlx sees it: either database behind one type.
pub type Db = sqlx::Any;
/// A pool of connections.
pub type DbPool = sqlx::Pool<Db>;
/// An open transaction.
pub type Tx = sqlx::Transaction<'static, Db>;

/// The schema migrations of each database. They make the same tables, columns and
/// constraint names; the PostgreSQL files are the SQLite ones translated.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
pub static MIGRATOR_POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` for another scheme.
    pub fn of_url(url: &str) -> Option<Backend> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }

    /// The backend of an open pool.
    pub fn of(db: &DbPool) -> Backend {
        Backend::of_url(db.connect_options().database_url.as_str()).unwrap_or(Backend::Sqlite)
    }
}

/// Opens the database at `url` (an SQLite file is created if needed) and brings its schema
/// up to date.
pub async fn connect(url: &str) -> Result<DbPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let Some(backend) = Backend::of_url(url) else {
        return Err(sqlx::Error::Configuration(
            format!(
                "unsupported database URL {:?}: use sqlite://FILE or postgres://…",
                url.split('@').next_back().unwrap_or_default()
            )
            .into(),
        ));
    };
    let options = AnyPoolOptions::new()
        // After some errors (a full disk) SQLite rolls the transaction back by itself; sqlx's
        // own ROLLBACK then fails, and the connection would still count as in a transaction,
        // so that its next BEGIN failed. A connection released inside a transaction (one
        // dropped without commit) is closed instead of reused.
        .after_release(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }));
    let pool = match backend {
        Backend::Sqlite => {
            let url = if url.contains("mode=") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            options
                .max_connections(8)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // write-ahead log; single statements wait for a long import or
                        // reindex to commit instead of failing
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA busy_timeout = 30000",
                            "PRAGMA foreign_keys = ON",
                        ] {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                        Ok(())
                    })
                })
                .connect(&url)
                .await?
        }
        Backend::Postgres => {
            options
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?
        }
    };
    match backend {
        Backend::Sqlite => MIGRATOR.run(&pool).await?,
        Backend::Postgres => MIGRATOR_POSTGRES.run(&pool).await?,
    }
    Ok(pool)
}

/// A key that serialises writers across every node of a PostgreSQL deployment, the way
/// SQLite's single writer does on one machine (`pg_advisory_xact_lock`).
const WRITE_LOCK: i64 = 0x7263_6172_6400;

/// Begins a write transaction that holds the database's write turn until it ends:
/// `BEGIN IMMEDIATE` on SQLite; on PostgreSQL a transaction-scoped advisory lock, so that
/// a read-then-write (a version check, a free slug) cannot interleave with another node's.
pub async fn begin_write(db: &DbPool) -> Result<Tx, sqlx::Error> {
    match Backend::of(db) {
        Backend::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => {
            // read committed, so that what the turn protects is read after it is taken; and
            // a bounded wait, as SQLite's busy timeout bounds it
            let mut tx = db
                .begin_with("BEGIN ISOLATION LEVEL READ COMMITTED")
                .await?;
            sqlx::query("SELECT set_config('lock_timeout', '30s', true)")
                .execute(&mut *tx)
                .await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

/// Whether a database error means the disk is full: SQLite's `SQLITE_FULL` (of any extended
/// code), PostgreSQL's `disk_full`, or `ENOSPC` on one of SQLite's files.
pub fn is_disk_full(e: &sqlx::Error) -> bool {
    match e {
        // PostgreSQL's SQLSTATE 53100 (disk_full)
        sqlx::Error::Database(e)
            if e.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some() =>
        {
            e.code().as_deref() == Some("53100")
        }
        sqlx::Error::Database(e) => e
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| c & 0xff == 13),
        sqlx::Error::Io(e) => is_storage_full(e),
        _ => false,
    }
}

/// Whether a file error means the disk is full (`ENOSPC`).
pub fn is_storage_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
}

/// One stored card.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CardRow {
    pub card_id: i64,
    pub external_id: Option<String>,
    pub slug: String,
    pub status: String,
    pub record: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl CardRow {
    /// The card in the interchange format, with the row's keys filled in.
    pub fn to_record(&self) -> Result<CardRecord, serde_json::Error> {
        let mut record: CardRecord = serde_json::from_str(&self.record)?;
        record.slug = self.slug.clone();
        record.id = self.external_id.clone().unwrap_or_default();
        record.status = Status::from_key(&self.status).unwrap_or(Status::Draft);
        Ok(record)
    }
}

const CARD_COLUMNS: &str =
    "card_id, external_id, slug, status, record, version, created_at, updated_at";

/// The card with this slug.
pub async fn card_by_slug(db: &DbPool, slug: &str) -> sqlx::Result<Option<CardRow>> {
    // a slug from a URL may hold anything; U+0000, which no slug has, PostgreSQL refuses
    if slug.contains('\0') {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT card_id, external_id, slug, status, record, version, created_at, updated_at \
         FROM card WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(db)
    .await
}

/// The card with this external id.
pub async fn card_by_external_id(db: &DbPool, id: &str) -> sqlx::Result<Option<CardRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CARD_COLUMNS} FROM card WHERE external_id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The card with this id, inside a transaction.
pub async fn card_by_id(tx: &mut Tx, card_id: i64) -> sqlx::Result<Option<CardRow>> {
    sqlx::query_as(
        "SELECT card_id, external_id, slug, status, record, version, created_at, updated_at \
         FROM card WHERE card_id = $1",
    )
    .bind(card_id)
    .fetch_optional(&mut **tx)
    .await
}

/// Every (external id, card id) pair.
pub async fn external_ids(tx: &mut Tx) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT external_id, card_id FROM card WHERE external_id IS NOT NULL")
        .fetch_all(&mut **tx)
        .await
}

/// Every slug in use.
pub async fn slugs(tx: &mut Tx) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT slug FROM card")
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Who makes a change to a card, and how; the card history records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The account, or `None` for imports and other system changes.
    pub by: Option<i64>,
    /// `import`, `researcher`, `staff`, `revert`, `review`, `archive`, `restore`, `create` or `merge`.
    pub source: &'static str,
    pub note: String,
}

impl Change {
    /// A change made by an import.
    pub fn import() -> Change {
        Change {
            by: None,
            source: "import",
            note: String::new(),
        }
    }
}

/// Stores new cards (record plus stored JSON) in one statement; returns their ids.
pub async fn insert_cards(
    tx: &mut Tx,
    cards: &[(CardRecord, String)],
    now: i64,
    change: &Change,
) -> sqlx::Result<Vec<i64>> {
    let times = vec![Times::at(now); cards.len()];
    insert_cards_at(tx, cards, &times, change).await
}

/// When a card was created and last changed (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Times {
    pub created_at: i64,
    pub updated_at: i64,
}

impl Times {
    pub fn at(now: i64) -> Times {
        Times {
            created_at: now,
            updated_at: now,
        }
    }
}

/// Inserts cards with the given times (one per card), as an import of an export does.
pub async fn insert_cards_at(
    tx: &mut Tx,
    cards: &[(CardRecord, String)],
    times: &[Times],
    change: &Change,
) -> sqlx::Result<Vec<i64>> {
    // `$N` placeholders written out: sqlx's query builder writes `?` for the Any driver,
    // which PostgreSQL does not take
    const COLUMNS: usize = 11;
    if cards.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from(
        "INSERT INTO card (external_id, slug, name, status, record, version, created_at, updated_at, \
         changed_by, change_source, change_note) VALUES ",
    );
    for i in 0..cards.len().min(times.len()) {
        sql.push_str(if i == 0 { "(" } else { ", (" });
        for k in 1..=COLUMNS {
            if k > 1 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", i * COLUMNS + k));
        }
        sql.push(')');
    }
    sql.push_str(" RETURNING card_id");
    let mut q = sqlx::query_as::<Db, (i64,)>(sqlx::AssertSqlSafe(sql));
    for ((record, json), times) in cards.iter().zip(times) {
        q = q
            .bind((!record.id.is_empty()).then(|| record.id.clone()))
            .bind(record.slug.clone())
            .bind(record.name.clone())
            .bind(record.status.key())
            .bind(json.clone())
            .bind(1_i64)
            .bind(times.created_at)
            .bind(times.updated_at)
            .bind(change.by)
            .bind(change.source)
            .bind(change.note.clone());
    }
    let rows = q.fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Up to `limit` cards with ids above `after`, in id order (keyset paging for bulk reads).
pub async fn cards_after(db: &DbPool, after: i64, limit: i64) -> sqlx::Result<Vec<CardRow>> {
    sqlx::query_as(
        "SELECT card_id, external_id, slug, status, record, version, created_at, updated_at \
         FROM card WHERE card_id > $1 ORDER BY card_id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The cards changed after change `seq`, in pages by card id (`after` is the last card id
/// of the previous page).
pub async fn cards_changed_since(
    db: &DbPool,
    seq: i64,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<CardRow>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM card WHERE change_seq > $1 AND card_id > $2 \
         ORDER BY card_id LIMIT $3"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(seq)
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await
}

/// The cards with these ids.
pub async fn cards_by_ids(db: &DbPool, ids: &[i64]) -> sqlx::Result<Vec<CardRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // ids are integers, so inlining them is safe; SQLite limits bound parameters
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!("SELECT {CARD_COLUMNS} FROM card WHERE card_id IN ({list}) ORDER BY card_id");
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db).await
}

/// Overwrites a card and bumps its version. With `expected`, only when the card is still at
/// that version; returns the new version, or `None` when the card has moved on (or is gone).
pub async fn update_card(
    tx: &mut Tx,
    card_id: i64,
    record: &CardRecord,
    json: &str,
    now: i64,
    change: &Change,
    expected: Option<i64>,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_as(
        "UPDATE card SET slug = $1, name = $2, status = $3, record = $4, version = version + 1, \
         updated_at = $5, changed_by = $6, change_source = $7, change_note = $8 \
         WHERE card_id = $9 AND ($10 IS NULL OR version = $10) RETURNING version",
    )
    .bind(&record.slug)
    .bind(&record.name)
    .bind(record.status.key())
    .bind(json)
    .bind(now)
    .bind(change.by)
    .bind(change.source)
    .bind(&change.note)
    .bind(card_id)
    .bind(expected)
    .fetch_optional(&mut **tx)
    .await
    .map(|row: Option<(i64,)>| row.map(|(v,)| v))
}

/// The channel on which PostgreSQL tells every node that a change was committed (the
/// payload is `card SEQ` or `lists SEQ`). Nodes also poll, so a lost notice only delays.
pub const CHANGE_CHANNEL: &str = "rcard_change";

/// Bumps the change sequence number; returns the new value. On PostgreSQL the other nodes
/// are told when the transaction commits.
pub async fn bump_seq(tx: &mut Tx) -> sqlx::Result<i64> {
    let (seq,): (i64,) =
        sqlx::query_as("UPDATE change_seq SET seq = seq + 1 WHERE singleton = 1 RETURNING seq")
            .fetch_one(&mut **tx)
            .await?;
    notify(tx, &format!("card {seq}")).await?;
    Ok(seq)
}

/// Bumps the lists' sequence number (synonyms, rejected pairs, fields, divisions, sites);
/// returns the new value.
pub async fn bump_lists_seq(tx: &mut Tx) -> sqlx::Result<i64> {
    let (seq,): (i64,) = sqlx::query_as(
        "UPDATE change_seq SET lists_seq = lists_seq + 1 WHERE singleton = 1 RETURNING lists_seq",
    )
    .fetch_one(&mut **tx)
    .await?;
    notify(tx, &format!("lists {seq}")).await?;
    Ok(seq)
}

/// Tells the other nodes of a PostgreSQL deployment, at commit, that something changed.
async fn notify(tx: &mut Tx, payload: &str) -> sqlx::Result<()> {
    if (**tx).backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANGE_CHANNEL)
            .bind(payload)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The change and lists sequence numbers.
pub async fn seqs(db: &DbPool) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as("SELECT seq, lists_seq FROM change_seq WHERE singleton = 1")
        .fetch_one(db)
        .await
}

/// The current change sequence number.
pub async fn seq(db: &DbPool) -> sqlx::Result<i64> {
    let (seq,): (i64,) = sqlx::query_as("SELECT seq FROM change_seq WHERE singleton = 1")
        .fetch_one(db)
        .await?;
    Ok(seq)
}

/// Number of stored cards.
pub async fn count_cards(db: &DbPool) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM card")
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// Published cards' slugs and last changes (Unix seconds), in id order, `limit` after
/// `offset` (for the sitemap).
pub async fn published_slugs(
    db: &DbPool,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM card WHERE status = 'published' \
         ORDER BY card_id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// The number of published cards.
pub async fn count_published(db: &DbPool) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM card WHERE status = 'published'")
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// The controlled list of technology fields, in display order.
pub async fn tech_fields(db: &DbPool) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM tech_field ORDER BY position, name")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// Adds a technology field to the controlled list; returns true when it was new.
pub async fn add_tech_field(tx: &mut Tx, name: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO tech_field (name, position) \
         SELECT $1, COALESCE(MAX(position), 0) + 1 FROM tech_field WHERE true \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The controlled list of divisions, in display order.
pub async fn divisions(db: &DbPool) -> sqlx::Result<Vec<Division>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name, site, contact FROM division ORDER BY position, name")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(name, site, contact)| Division {
            name,
            site,
            contact,
        })
        .collect())
}

/// The contact the list of divisions gives for `division`, if any.
pub async fn division_contact(db: &DbPool, division: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT contact FROM division WHERE name = $1 AND contact <> ''")
            .bind(division)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(contact,)| contact))
}

/// The controlled list of regional sites, in display order.
pub async fn sites(db: &DbPool) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM site ORDER BY position, name")
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// Adds a division (at `site`) and the site to their lists unless they are there already.
pub async fn add_division_and_site(tx: &mut Tx, division: &str, site: &str) -> sqlx::Result<()> {
    if !site.is_empty() {
        sqlx::query(
            "INSERT INTO site (name, position) \
             SELECT $1, COALESCE(MAX(position), 0) + 1 FROM site WHERE true \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(site)
        .execute(&mut **tx)
        .await?;
    }
    if !division.is_empty() {
        sqlx::query(
            "INSERT INTO division (name, site, position) \
             SELECT $1, $2, COALESCE(MAX(position), 0) + 1 FROM division WHERE true \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(division)
        .bind(site)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The unique constraints, by name, with the columns SQLite names in its message
/// (`UNIQUE constraint failed: card.slug`); PostgreSQL reports the name itself.
const UNIQUE_KEYS: &[(&str, &str)] = &[
    ("card_slug_key", "card.slug"),
    ("card_external_id_key", "card.external_id"),
    ("account_email_key", "account.email"),
    ("account_card_key", "account.card_id"),
    ("tech_field_name_key", "tech_field.name"),
    ("synonym_group_term_key", "synonym.group_key, synonym.term"),
    ("division_name_key", "division.name"),
    ("site_name_key", "site.name"),
    ("session_token_hash_key", "session.token_hash"),
    ("account_token_hash_key", "account_token.token_hash"),
    (
        "card_revision_version_key",
        "card_revision.card_id, card_revision.version",
    ),
];

/// The name of the unique constraint a write violated, on either backend: a race past a
/// check (two saves taking one slug) is then a conflict to explain, not a fault.
pub fn violated_unique(e: &sqlx::Error) -> Option<&'static str> {
    let db = e.as_database_error()?;
    if db.kind() != sqlx::error::ErrorKind::UniqueViolation {
        return None;
    }
    if let Some(name) = db.constraint() {
        return UNIQUE_KEYS.iter().map(|(n, _)| *n).find(|n| *n == name);
    }
    let columns = db.message().strip_prefix("UNIQUE constraint failed: ")?;
    UNIQUE_KEYS
        .iter()
        .find(|(_, cols)| *cols == columns)
        .map(|(name, _)| *name)
}

/// Synonym groups: the terms of each group, groups in key order.
pub async fn synonym_groups(db: &DbPool) -> sqlx::Result<Vec<Vec<String>>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT group_key, term FROM synonym ORDER BY group_key, synonym_id")
            .fetch_all(db)
            .await?;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (key, term) in rows {
        match groups.last_mut() {
            Some((k, terms)) if *k == key => terms.push(term),
            _ => groups.push((key, vec![term])),
        }
    }
    Ok(groups.into_iter().map(|(_, terms)| terms).collect())
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub use crate::model::time::{parse_rfc3339, rfc3339};

#[cfg(test)]
mod tests {
    use super::*;

    /// The databases a test runs on: a fresh SQLite file, and a fresh PostgreSQL database
    /// when `RCARD_TEST_POSTGRES` names a cluster (as `scripts/test.sh` does).
    async fn databases(dir: &std::path::Path) -> Vec<DbPool> {
        let mut urls = vec![format!("sqlite://{}/t.db?mode=rwc", dir.display())];
        if let Some(cluster) = std::env::var("RCARD_TEST_POSTGRES")
            .ok()
            .filter(|v| !v.is_empty())
        {
            let name = format!(
                "unit_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            );
            let mut admin = sqlx::postgres::PgConnection::connect(&cluster)
                .await
                .expect("the test cluster answers");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .unwrap();
            let (base, _) = cluster.rsplit_once('/').unwrap();
            urls.push(format!("{base}/{name}"));
        }
        let mut pools = Vec::new();
        for url in urls {
            pools.push(connect(&url).await.unwrap());
        }
        pools
    }

    #[tokio::test]
    async fn unique_violations_are_named_by_their_constraint() {
        let dir = tempfile::tempdir().unwrap();
        for db in databases(dir.path()).await {
            unique_violations_on(&db).await;
        }
    }

    async fn unique_violations_on(db: &DbPool) {
        let backend = Backend::of(db);
        let card = |external: &str, slug: &str| {
            sqlx::query(
                "INSERT INTO card (external_id, slug, name, status, record, created_at, updated_at) \
                 VALUES ($1, $2, 'n', 'published', '{}', 0, 0)",
            )
            .bind(external.to_string())
            .bind(slug.to_string())
        };
        card("A", "kim").execute(db).await.unwrap();
        let e = card("B", "kim").execute(db).await.unwrap_err();
        assert_eq!(violated_unique(&e), Some("card_slug_key"), "{backend:?}");
        let e = card("A", "lee").execute(db).await.unwrap_err();
        assert_eq!(violated_unique(&e), Some("card_external_id_key"));
        let account = |email: &str, card: Option<i64>| {
            let role = if card.is_some() {
                "researcher"
            } else {
                "staff"
            };
            sqlx::query(
                "INSERT INTO account (email, role, card_id, created_at) VALUES ($1, $2, $3, 0)",
            )
            .bind(email.to_string())
            .bind(role)
            .bind(card)
        };
        account("a@x.kr", Some(1)).execute(db).await.unwrap();
        let e = account("a@x.kr", None).execute(db).await.unwrap_err();
        assert_eq!(violated_unique(&e), Some("account_email_key"));
        let e = account("b@x.kr", Some(1)).execute(db).await.unwrap_err();
        assert_eq!(violated_unique(&e), Some("account_card_key"));
        let e = sqlx::query("INSERT INTO tech_field (name) VALUES ('로봇')")
            .execute(db)
            .await
            .unwrap_err();
        assert_eq!(violated_unique(&e), Some("tech_field_name_key"));
        // other failures are not unique violations
        let e = sqlx::query("INSERT INTO card (slug) VALUES ('x')")
            .execute(db)
            .await
            .unwrap_err();
        assert_eq!(violated_unique(&e), None);
    }

    #[test]
    fn rfc3339_round_trips_and_accepts_offsets() {
        for secs in [0, 951_782_400, 1_795_000_000, 1_700_000_123] {
            assert_eq!(parse_rfc3339(&rfc3339(secs)), Some(secs));
        }
        assert_eq!(
            parse_rfc3339("2026-11-18T20:06:40.5+09:00"),
            Some(1_795_000_000)
        );
        assert_eq!(parse_rfc3339("2026-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn unix_seconds_format_as_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
