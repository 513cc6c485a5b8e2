//! The staff desk's API: the review queue, the dashboard, settings, curated lists with the
//! mined synonym suggestions, and bulk import.

use super::{Acting, ApiError, ApiResult, Example, JsonBody, SignedIn};
use app::error::AppError;
use app::model::account::{Lists, SuggestionDecision, SynonymSuggestion};
use app::state::AppState;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

/// Largest import accepted over HTTP; larger files go through `rcard import`.
const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;
/// Rejected lines sent back whole by an import with `skip_invalid`; the rest are counted.
const MAX_REJECTS: usize = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/review", get(review_queue))
        .route("/api/review/{id}", post(decide))
        .route("/api/dashboard", get(dashboard))
        .route("/api/settings", put(settings))
        .route("/api/lists", get(lists).put(replace_lists))
        .route(
            "/api/lists/suggestions",
            get(synonym_suggestions).post(decide_suggestion),
        )
        .route(
            "/api/import",
            post(import_cards).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
}

impl Example for Lists {
    const EXAMPLE: &'static str =
        r#"{"synonyms": [["AI", "인공지능"]], "fields": ["인공지능", "로봇"]}"#;
}

impl Example for SuggestionDecision {
    const EXAMPLE: &'static str = r#"{"a": "결함", "b": "불량", "accept": true}"#;
}

async fn review_queue(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    let edits = state.directory.pending_edits(&actor).await?;
    Ok(Json(json!({ "edits": edits })))
}

#[derive(Deserialize)]
struct Decision {
    approve: bool,
    #[serde(default)]
    comment: String,
}

impl Example for Decision {
    const EXAMPLE: &'static str = r#"{"approve": false, "comment": "출처를 적어 주세요"}"#;
}

async fn decide(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    JsonBody(d): JsonBody<Decision>,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(
        state
            .directory
            .decide_edit(&actor, id, d.approve, &d.comment)
            .await?,
    ))
}

async fn dashboard(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(state.directory.dashboard(&actor).await?))
}

#[derive(Deserialize)]
struct Settings {
    review_edits: bool,
}

impl Example for Settings {
    const EXAMPLE: &'static str = r#"{"review_edits": true}"#;
}

async fn settings(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(s): JsonBody<Settings>,
) -> ApiResult<Json<Value>> {
    state
        .directory
        .set_review_edits(&actor, s.review_edits)
        .await?;
    Ok(Json(json!({"review_edits": s.review_edits})))
}

async fn lists(State(state): State<AppState>, SignedIn(actor): SignedIn) -> ApiResult<Json<Lists>> {
    Ok(Json(state.directory.lists(&actor).await?))
}

async fn replace_lists(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(lists): JsonBody<Lists>,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(state.directory.replace_lists(&actor, lists).await?))
}

/// `{"suggestions": [...]}`: the list a decision leaves, or the list now.
fn suggestions(list: Vec<SynonymSuggestion>) -> Json<Value> {
    Json(json!({ "suggestions": list }))
}

async fn synonym_suggestions(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    Ok(suggestions(
        state.directory.synonym_suggestions(&actor).await?,
    ))
}

async fn decide_suggestion(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(decision): JsonBody<SuggestionDecision>,
) -> ApiResult<Json<Value>> {
    Ok(suggestions(
        state.directory.decide_suggestion(&actor, decision).await?,
    ))
}

fn issues(list: &[crate::import::LineIssue]) -> Value {
    list.iter()
        .take(200)
        .map(|i| json!({"line": i.line, "path": i.path, "message": i.message}))
        .collect()
}

/// The `dry_run` and `skip_invalid` flags of an import's query string.
fn import_flags(query: Option<String>) -> ApiResult<(bool, bool)> {
    let (mut dry_run, mut skip_invalid) = (false, false);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let flag = match key.as_ref() {
            "dry_run" => &mut dry_run,
            "skip_invalid" => &mut skip_invalid,
            _ => continue,
        };
        match value.as_ref() {
            "true" | "1" => *flag = true,
            "false" | "0" => *flag = false,
            other => {
                return Err(ApiError::bad_request(format!(
                    "`{key}`: `{other}` is not a boolean; use `true` or `false`, or leave it out"
                )));
            }
        }
    }
    Ok((dry_run, skip_invalid))
}

/// `POST /api/import[?dry_run=true][&skip_invalid=true]`: a JSON Lines file as the body
/// (staff). Every line is checked first; nothing is written unless all are valid, or, with
/// `skip_invalid`, the valid lines are written and the rejected ones sent back.
async fn import_cards(
    State(state): State<AppState>,
    Acting(actor): Acting,
    RawQuery(query): RawQuery,
    bytes: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    actor.curator()?;
    let (dry_run, skip_invalid) = import_flags(query)?;
    let file = tempfile::NamedTempFile::new()
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).map(|()| f))
        .map_err(|e| {
            if app::db::is_storage_full(&e) {
                tracing::error!(error = %e, "cannot stage an uploaded import: the disk is full");
                AppError::DiskFull
            } else {
                tracing::error!(error = %e, "cannot stage an uploaded import");
                AppError::Internal
            }
        })?;
    let path = file.path().to_path_buf();
    let checked = tokio::task::spawn_blocking(move || crate::import::check_file(&path, |_| {}))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "import check failed");
            AppError::Internal
        })?
        .map_err(|e| ApiError::bad_request(format!("cannot read the upload: {e}")))?;
    let report = json!({
        "cards": checked.cards,
        "errors": issues(&checked.errors),
        "error_count": checked.errors.len(),
        "warnings": issues(&checked.warnings),
        "warning_count": checked.warnings.len(),
    });
    if !checked.errors.is_empty() && skip_invalid {
        let skip = crate::import::rejected_lines(&checked);
        let rejects = crate::import::rejects(file.path(), &checked, MAX_REJECTS).map_err(|e| {
            tracing::error!(error = %e, "cannot read the upload's rejected lines");
            AppError::Internal
        })?;
        let mut body = json!({
            "dry_run": dry_run,
            "partial": true,
            "report": report,
            "rejected_count": skip.len(),
            "rejects": rejects,
        });
        if !dry_run {
            let summary =
                crate::import::apply_file_skipping(&state.directory, file.path(), &skip, |_| {})
                    .await
                    .map_err(import_failed)?;
            body["summary"] = json!(summary);
        }
        return Ok(Json(body));
    }
    if !checked.errors.is_empty() {
        return Err(ApiError::Detailed {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid",
            message: format!(
                "오류 {}건: 아무것도 가져오지 않았습니다. 표시된 줄을 고친 뒤 파일을 다시 올리세요.",
                checked.errors.len()
            ),
            extra: json!({ "report": report }),
        });
    }
    if dry_run {
        return Ok(Json(json!({"dry_run": true, "report": report})));
    }
    let summary = crate::import::apply_file(&state.directory, file.path(), |_| {})
        .await
        .map_err(import_failed)?;
    Ok(Json(
        json!({"dry_run": false, "report": report, "summary": summary}),
    ))
}

/// The answer to an import that failed while writing.
fn import_failed(e: anyhow::Error) -> ApiError {
    match e.downcast::<app::service::DomainError>() {
        Ok(domain) => domain.into(),
        Err(e) => {
            tracing::error!(error = %e, "import failed");
            AppError::Internal.into()
        }
    }
}
