//! Repository functions for accounts, sessions, sign-in failures and one-time tokens.

use super::{DbPool, Tx};

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
