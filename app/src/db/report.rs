//! The queries behind the collaboration report (see [`crate::model::report`]).

use super::{Backend, DbPool};

/// `label, count` pairs of a grouping query, largest first.
async fn counts(db: &DbPool, sql: &str) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_all(db)
        .await
}

pub async fn by_status(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    counts(
        db,
        "SELECT status, COUNT(*) FROM inquiry GROUP BY status ORDER BY 2 DESC, 1",
    )
    .await
}

pub async fn by_division(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    counts(
        db,
        "SELECT CASE WHEN division = '' THEN '(부서 없음)' ELSE division END, \
         COUNT(DISTINCT inquiry_id) FROM inquiry_card GROUP BY 1 ORDER BY 2 DESC, 1",
    )
    .await
}

/// Inquiries per technology field of the researchers asked (an inquiry counts once per field).
pub async fn by_field(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    let fields = match Backend::of(db) {
        Backend::Sqlite => "json_each(c.record, '$.fields') f",
        Backend::Postgres => "jsonb_array_elements_text(c.record::jsonb -> 'fields') AS f(value)",
    };
    counts(
        db,
        &format!(
            "SELECT f.value, COUNT(DISTINCT ic.inquiry_id) FROM inquiry_card ic \
             JOIN card c ON c.card_id = ic.card_id CROSS JOIN {fields} \
             GROUP BY f.value ORDER BY 2 DESC, 1"
        ),
    )
    .await
}

pub async fn by_kind(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    counts(
        db,
        "SELECT kind, COUNT(*) FROM inquiry GROUP BY kind ORDER BY 2 DESC, 1",
    )
    .await
}

pub async fn by_outcome(db: &DbPool) -> sqlx::Result<Vec<(String, i64)>> {
    counts(
        db,
        "SELECT outcome, COUNT(*) FROM inquiry WHERE outcome IS NOT NULL GROUP BY outcome ORDER BY 2 DESC, 1",
    )
    .await
}

/// Seconds from each answered inquiry to its first answer.
pub async fn answer_seconds(db: &DbPool) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT first_answer_at - created_at FROM inquiry WHERE first_answer_at IS NOT NULL",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Open inquiries without an answer, oldest first: id, company, created, researchers' names
/// and divisions (joined with `, `).
pub async fn waiting(
    db: &DbPool,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String, i64, String, String)>> {
    // SQLite's group_concat and PostgreSQL's string_agg join the same way (SQLite's takes
    // no separator with DISTINCT, and then uses a comma)
    let (join, distinct) = match Backend::of(db) {
        Backend::Sqlite => ("group_concat", "group_concat(DISTINCT ic.division)"),
        Backend::Postgres => ("string_agg", "string_agg(DISTINCT ic.division, ',')"),
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT i.inquiry_id, i.company, i.created_at, \
           COALESCE((SELECT {join}(c.name, ', ') FROM inquiry_card ic JOIN card c ON c.card_id = ic.card_id WHERE ic.inquiry_id = i.inquiry_id), ''), \
           COALESCE((SELECT {distinct} FROM inquiry_card ic WHERE ic.inquiry_id = i.inquiry_id), '') \
         FROM inquiry i WHERE i.first_answer_at IS NULL AND i.status IN ('received', 'forwarded') \
         ORDER BY i.created_at LIMIT $1",
    )))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Inquiries that started or changed since `since`: created, first answer, status, outcome,
/// last change.
pub async fn recent(
    db: &DbPool,
    since: i64,
) -> sqlx::Result<Vec<(i64, Option<i64>, String, Option<String>, i64)>> {
    sqlx::query_as(
        "SELECT created_at, first_answer_at, status, outcome, updated_at FROM inquiry \
         WHERE created_at >= $1 OR updated_at >= $1",
    )
    .bind(since)
    .fetch_all(db)
    .await
}

/// Searches per week (weeks start on Monday, Korean time) since `since`: the week's first
/// second, searches, and those that found nothing.
pub async fn demand_weeks(db: &DbPool, since: i64) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    // 1970-01-01 was a Thursday: shifting by three days puts week boundaries on Mondays
    sqlx::query_as(
        "SELECT ((at + 32400 + 259200) / 604800) * 604800 - 259200 - 32400 AS week, \
         COUNT(*), SUM(CASE WHEN total = 0 THEN 1 ELSE 0 END) \
         FROM search_log WHERE at >= $1 GROUP BY week ORDER BY week",
    )
    .bind(since)
    .fetch_all(db)
    .await
}
