//! Researchers' edits waiting for review, and the decisions on them.

use super::{DbPool, Tx};

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
