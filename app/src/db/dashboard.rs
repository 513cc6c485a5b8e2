//! The search log and the figures of the staff dashboard.

use super::DbPool;

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
