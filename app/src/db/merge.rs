//! Merge links between duplicate cards, and the researcher accounts that move with them.

use super::{DbPool, Tx};

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
