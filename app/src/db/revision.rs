//! A card's stored versions: those superseded and the current one.

use super::DbPool;

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
