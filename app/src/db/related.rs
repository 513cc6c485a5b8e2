//! Related-term pairs staff rejected (see [`crate::search::neighbours`]).

use super::{DbPool, Tx};

/// Every rejected pair of term keys, the smaller first.
pub async fn rejected_pairs(db: &DbPool) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("SELECT term_a, term_b FROM related_term_rejection")
        .fetch_all(db)
        .await
}

/// Records a rejected pair (`a` < `b`); rejecting it again changes nothing.
pub async fn reject_pair(tx: &mut Tx, a: &str, b: &str, by: i64, at: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO related_term_rejection (term_a, term_b, rejected_by, rejected_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (term_a, term_b) DO NOTHING",
    )
    .bind(a)
    .bind(b)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
