//! Repository functions for accounts, sessions, one-time tokens, history, review and settings.

use super::{DbPool, Tx};
use crate::model::account::Division;

/// One account. The password hash never leaves the server: this type is not `Serialize`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub account_id: i64,
    pub email: String,
    pub role: String,
    pub card_id: Option<i64>,
    pub password_hash: Option<String>,
    pub created_at: i64,
}

const ACCOUNT_COLUMNS: &str = "account_id, email, role, card_id, password_hash, created_at";

/// The account with this (lowercased) email.
pub async fn account_by_email(db: &DbPool, email: &str) -> sqlx::Result<Option<AccountRow>> {
    if email.contains('\0') {
        return Ok(None);
    }
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account WHERE email = $1"
    )))
    .bind(email)
    .fetch_optional(db)
    .await
}

/// The account with this id.
pub async fn account_by_id(db: &DbPool, account_id: i64) -> sqlx::Result<Option<AccountRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account WHERE account_id = $1"
    )))
    .bind(account_id)
    .fetch_optional(db)
    .await
}

/// Every account, staff first.
pub async fn accounts(db: &DbPool) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY role <> 'admin', role <> 'staff', email"
    )))
    .fetch_all(db)
    .await
}

/// Creates an account without a password; returns its id.
pub async fn insert_account(
    db: &DbPool,
    email: &str,
    role: &str,
    card_id: Option<i64>,
    now: i64,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO account (email, role, card_id, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING account_id",
    )
    .bind(email)
    .bind(role)
    .bind(card_id)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Sets an account's password hash and signs it out everywhere.
pub async fn set_password_hash(tx: &mut Tx, account_id: i64, hash: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE account SET password_hash = $1 WHERE account_id = $2")
        .bind(hash)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM session WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A live session with its account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub session_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
    pub account_id: i64,
    pub email: String,
    pub role: String,
    pub card_id: Option<i64>,
}

/// Stores a new session.
pub async fn insert_session(
    db: &DbPool,
    token_hash: &str,
    account_id: i64,
    csrf_token: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(csrf_token)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The unexpired session with this token hash.
pub async fn session_by_hash(
    db: &DbPool,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "SELECT s.session_id, s.csrf_token, s.expires_at, a.account_id, a.email, a.role, a.card_id \
         FROM session s JOIN account a ON a.account_id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Deletes a session (logout).
pub async fn delete_session(db: &DbPool, session_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM session WHERE session_id = $1")
        .bind(session_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes expired sessions, tokens and old login failures.
pub async fn purge_expired(db: &DbPool, now: i64, failures_before: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM session WHERE expires_at <= $1")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM account_token WHERE expires_at <= $1")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM login_failure WHERE at < $1")
        .bind(failures_before)
        .execute(db)
        .await?;
    Ok(())
}

/// Records a failed sign-in for an email, from a client address.
pub async fn insert_login_failure(
    db: &DbPool,
    email: &str,
    client: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO login_failure (email, client, at) VALUES ($1, $2, $3)")
        .bind(email)
        .bind(client)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Failed sign-ins from this client address since `since`, for any email.
pub async fn client_failures_since(db: &DbPool, client: &str, since: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_failure WHERE client = $1 AND at >= $2")
            .bind(client)
            .bind(since)
            .fetch_one(db)
            .await?;
    Ok(n)
}

/// Failed sign-ins for this email since `since`.
pub async fn login_failures_since(db: &DbPool, email: &str, since: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_failure WHERE email = $1 AND at >= $2")
            .bind(email)
            .bind(since)
            .fetch_one(db)
            .await?;
    Ok(n)
}

/// Forgets the failed sign-ins of this email (after a successful one).
pub async fn clear_login_failures<'e>(
    db: impl sqlx::Executor<'e, Database = super::Db>,
    email: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failure WHERE email = $1")
        .bind(email)
        .execute(db)
        .await?;
    Ok(())
}

/// Stores a one-time token.
pub async fn insert_token(
    db: &DbPool,
    token_hash: &str,
    account_id: i64,
    purpose: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO account_token (token_hash, account_id, purpose, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(purpose)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks an unused, unexpired token used; returns its account.
pub async fn use_token(tx: &mut Tx, token_hash: &str, now: i64) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE account_token SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING account_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Spends every other outstanding one-time link of an account: after a password is set
/// with one link, an older invitation or reset link must not set it again.
pub async fn revoke_tokens(tx: &mut Tx, account_id: i64, now: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE account_token SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// One stored version of a card.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RevisionRow {
    pub version: i64,
    pub slug: String,
    pub status: String,
    pub record: String,
    pub email: Option<String>,
    pub source: String,
    pub note: String,
    pub created_at: i64,
}

/// A card's versions: those superseded (kept in `card_revision` by a trigger) and the
/// current one (the card's own row), for the card bound to `$1`.
macro_rules! versions {
    () => {
        "SELECT version, slug, status, record, account_id, source, note, created_at \
         FROM card_revision WHERE card_id = $1 \
         UNION ALL \
         SELECT version, slug, status, record, changed_by, change_source, change_note, updated_at \
         FROM card WHERE card_id = $1"
    };
}

/// Every version of a card, oldest first.
pub async fn revisions(db: &DbPool, card_id: i64) -> sqlx::Result<Vec<RevisionRow>> {
    sqlx::query_as(concat!(
        "WITH r AS (",
        versions!(),
        ") SELECT r.version, r.slug, r.status, r.record, a.email, r.source, r.note, r.created_at \
         FROM r LEFT JOIN account a ON a.account_id = r.account_id ORDER BY r.version"
    ))
    .bind(card_id)
    .fetch_all(db)
    .await
}

/// One version of a card.
pub async fn revision(
    db: &DbPool,
    card_id: i64,
    version: i64,
) -> sqlx::Result<Option<RevisionRow>> {
    sqlx::query_as(concat!(
        "WITH r AS (",
        versions!(),
        ") SELECT r.version, r.slug, r.status, r.record, a.email, r.source, r.note, r.created_at \
         FROM r LEFT JOIN account a ON a.account_id = r.account_id WHERE r.version = $2"
    ))
    .bind(card_id)
    .bind(version)
    .fetch_optional(db)
    .await
}

/// A setting's value.
pub async fn setting(db: &DbPool, key: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM setting WHERE key = $1")
        .bind(key)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(v,)| v))
}

/// Sets a setting.
pub async fn set_setting(db: &DbPool, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO setting (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

/// A researcher's edit waiting for (or decided in) review.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EditRow {
    pub card_edit_id: i64,
    pub card_id: i64,
    pub account_id: Option<i64>,
    pub email: Option<String>,
    pub base_version: i64,
    pub record: String,
    pub state: String,
    pub comment: String,
    pub created_at: i64,
}

const EDIT_SELECT: &str = "SELECT e.card_edit_id, e.card_id, e.account_id, a.email, e.base_version, \
     e.record, e.state, e.comment, e.created_at \
     FROM card_edit e LEFT JOIN account a ON a.account_id = e.account_id";

/// Stores an edit for review; a researcher's earlier pending edit of the card is replaced.
pub async fn insert_edit(
    tx: &mut Tx,
    card_id: i64,
    account_id: i64,
    base_version: i64,
    record: &str,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query(
        "DELETE FROM card_edit WHERE card_id = $1 AND account_id = $2 AND state = 'pending'",
    )
    .bind(card_id)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO card_edit (card_id, account_id, base_version, record, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING card_edit_id",
    )
    .bind(card_id)
    .bind(account_id)
    .bind(base_version)
    .bind(record)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Pending edits, oldest first.
pub async fn pending_edits(db: &DbPool) -> sqlx::Result<Vec<EditRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDIT_SELECT} WHERE e.state = 'pending' ORDER BY e.created_at, e.card_edit_id"
    )))
    .fetch_all(db)
    .await
}

/// One edit.
pub async fn edit_by_id(db: &DbPool, edit_id: i64) -> sqlx::Result<Option<EditRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDIT_SELECT} WHERE e.card_edit_id = $1"
    )))
    .bind(edit_id)
    .fetch_optional(db)
    .await
}

/// The latest edit of a card by an account.
pub async fn latest_edit(
    db: &DbPool,
    card_id: i64,
    account_id: i64,
) -> sqlx::Result<Option<EditRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDIT_SELECT} WHERE e.card_id = $1 AND e.account_id = $2 \
         ORDER BY e.created_at DESC, e.card_edit_id DESC LIMIT 1"
    )))
    .bind(card_id)
    .bind(account_id)
    .fetch_optional(db)
    .await
}

/// Records a decision on a pending edit; returns false when it was no longer pending.
pub async fn decide_edit(
    tx: &mut Tx,
    edit_id: i64,
    state: &str,
    comment: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE card_edit SET state = $1, comment = $2, decided_by = $3, decided_at = $4 \
         WHERE card_edit_id = $5 AND state = 'pending'",
    )
    .bind(state)
    .bind(comment)
    .bind(by)
    .bind(now)
    .bind(edit_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Puts a decided edit back in the review queue.
pub async fn reopen_edit(db: &DbPool, edit_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE card_edit SET state = 'pending', comment = '', decided_by = NULL, decided_at = NULL \
         WHERE card_edit_id = $1",
    )
    .bind(edit_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Records a search for the staff dashboard.
pub async fn log_search(
    db: &mut sqlx::AnyConnection,
    query: &str,
    total: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO search_log (query, total, at) VALUES ($1, $2, $3)")
        .bind(query)
        .bind(total)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// The most frequent queries since `since`, with how often they ran and how many found nothing.
pub async fn top_queries(
    db: &DbPool,
    since: i64,
    only_empty: bool,
    limit: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT query, COUNT(*) AS n FROM search_log WHERE at >= $1 AND ($2 = 0 OR total = 0) \
         GROUP BY query ORDER BY n DESC, query LIMIT $3",
    )
    .bind(since)
    .bind(i64::from(only_empty))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Cards per status.
pub async fn status_counts(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT status, COUNT(*) FROM card GROUP BY status ORDER BY status")
        .fetch_all(db)
        .await
}

/// Published cards not updated since `before`, oldest first.
pub async fn stale_cards(
    db: &DbPool,
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as(
        "SELECT slug, name, updated_at FROM card WHERE status = 'published' AND updated_at < $1 \
         ORDER BY updated_at LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Replaces every synonym group.
pub async fn replace_synonyms(tx: &mut Tx, groups: &[Vec<String>]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM synonym")
        .execute(&mut **tx)
        .await?;
    for (i, group) in groups.iter().enumerate() {
        let key = format!("g{:04}", i + 1);
        for term in group {
            sqlx::query("INSERT INTO synonym (group_key, term) VALUES ($1, $2)")
                .bind(&key)
                .bind(term)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Replaces the controlled list of technology fields, in this order.
pub async fn replace_tech_fields(tx: &mut Tx, names: &[String]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM tech_field")
        .execute(&mut **tx)
        .await?;
    for (i, name) in names.iter().enumerate() {
        sqlx::query("INSERT INTO tech_field (name, position) VALUES ($1, $2)")
            .bind(name)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the controlled list of divisions, in this order.
pub async fn replace_divisions(tx: &mut Tx, divisions: &[Division]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM division")
        .execute(&mut **tx)
        .await?;
    for (i, d) in divisions.iter().enumerate() {
        sqlx::query("INSERT INTO division (name, site, contact, position) VALUES ($1, $2, $3, $4)")
            .bind(&d.name)
            .bind(&d.site)
            .bind(&d.contact)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the controlled list of regional sites, in this order.
pub async fn replace_sites(tx: &mut Tx, names: &[String]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM site").execute(&mut **tx).await?;
    for (i, name) in names.iter().enumerate() {
        sqlx::query("INSERT INTO site (name, position) VALUES ($1, $2)")
            .bind(name)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Marks `card_id` as merged into `into` at `into`'s version `at_version`, with the
/// researcher `account` that moved along (if one did), so that undoing the merge can move it back.
pub async fn record_merge(
    tx: &mut Tx,
    card_id: i64,
    into: i64,
    account: Option<i64>,
    at_version: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE card SET merged_into = $1, merged_account_id = $2, merged_at_version = $3 \
         WHERE card_id = $4",
    )
    .bind(into)
    .bind(account)
    .bind(at_version)
    .bind(card_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the account that a merge took from `card_id` back to it, if it is still on the card
/// it was merged into and `card_id` has no account meanwhile; returns whether it moved.
async fn return_merged_account(tx: &mut Tx, card_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE account SET card_id = $1 \
         WHERE account_id = (SELECT merged_account_id FROM card WHERE card_id = $1) \
         AND card_id = (SELECT merged_into FROM card WHERE card_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM account WHERE card_id = $1)",
    )
    .bind(card_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Undoes the merge of `card_id` into another card: its researcher account comes back (see
/// [`return_merged_account`]) and it stands on its own again. Returns whether an account moved.
pub async fn unmerge(tx: &mut Tx, card_id: i64) -> sqlx::Result<bool> {
    let moved = return_merged_account(tx, card_id).await?;
    sqlx::query(
        "UPDATE card SET merged_into = NULL, merged_account_id = NULL, merged_at_version = NULL \
         WHERE card_id = $1",
    )
    .bind(card_id)
    .execute(&mut **tx)
    .await?;
    Ok(moved)
}

/// After card `card_id` went back to its version `version`: the accounts that merges after
/// that version brought to it return to their duplicates. Returns how many moved.
pub async fn return_accounts_merged_after(
    tx: &mut Tx,
    card_id: i64,
    version: i64,
) -> sqlx::Result<u64> {
    let duplicates: Vec<(i64,)> = sqlx::query_as(
        "SELECT card_id FROM card WHERE merged_into = $1 \
         AND merged_account_id IS NOT NULL AND merged_at_version > $2",
    )
    .bind(card_id)
    .bind(version)
    .fetch_all(&mut **tx)
    .await?;
    let mut moved = 0;
    for (duplicate,) in duplicates {
        moved += u64::from(return_merged_account(tx, duplicate).await?);
        sqlx::query("UPDATE card SET merged_account_id = NULL WHERE card_id = $1")
            .bind(duplicate)
            .execute(&mut **tx)
            .await?;
    }
    Ok(moved)
}

/// The slug of the card `card_id` was merged into, if it was.
pub async fn merged_into(db: &DbPool, card_id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT target.slug FROM card JOIN card AS target ON target.card_id = card.merged_into \
         WHERE card.card_id = $1",
    )
    .bind(card_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(slug,)| slug))
}

/// Moves the researcher account of card `from` to card `to` when `to` has none; returns
/// the account that moved.
pub async fn move_account(tx: &mut Tx, from: i64, to: i64) -> sqlx::Result<Option<i64>> {
    let moved: Option<(i64,)> = sqlx::query_as(
        "UPDATE account SET card_id = $1 WHERE card_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM account WHERE card_id = $1) RETURNING account_id",
    )
    .bind(to)
    .bind(from)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(moved.map(|(id,)| id))
}
