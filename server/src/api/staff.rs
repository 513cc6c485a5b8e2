//! The staff desk's API: the review queue, the dashboard, settings, curated lists with the
//! mined synonym suggestions, and bulk import.

use super::ErrorBody;
use super::{Acting, ApiError, ApiResult, Example, JsonBody, SignedIn};
use app::error::AppError;
use app::model::account::{Dashboard, Lists, Saved, SuggestionDecision, SynonymSuggestion};
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

#[utoipa::path(
    get,
    path = "/api/review",
    tag = "staff",
    summary = "Edits waiting for review (staff)",
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"edits\": [...]}`", body = serde_json::Value),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn review_queue(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    let edits = state.directory.pending_edits(&actor).await?;
    Ok(Json(json!({ "edits": edits })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct Decision {
    approve: bool,
    #[serde(default)]
    comment: String,
}

impl Example for Decision {
    const EXAMPLE: &'static str = r#"{"approve": false, "comment": "출처를 적어 주세요"}"#;
}

#[utoipa::path(
    post,
    path = "/api/review/{id}",
    tag = "staff",
    summary = "Approve or reject an edit (staff)",
    params(("id" = i64, Path, description = "The edit's number")),
    security(("session" = [], "csrf" = [])),
    request_body(content = Decision, example = json!({"approve": false, "comment": "연락처를 확인해 주세요"})),
    responses(
        (status = 200, description = "The card after the decision", body = Saved),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn decide(
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

#[utoipa::path(
    get,
    path = "/api/dashboard",
    tag = "staff",
    summary = "The staff dashboard's figures",
    security(("session" = [])),
    responses(
        (status = 200, description = "Cards by state, stale cards, searches without results", body = Dashboard),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn dashboard(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(state.directory.dashboard(&actor).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct Settings {
    review_edits: bool,
}

impl Example for Settings {
    const EXAMPLE: &'static str = r#"{"review_edits": true}"#;
}

#[utoipa::path(
    put,
    path = "/api/settings",
    tag = "staff",
    summary = "Whether researchers' edits wait for review (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = Settings, example = json!({"review_edits": true})),
    responses(
        (status = 200, description = "`{\"review_edits\": bool}`", body = serde_json::Value),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn settings(
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

#[utoipa::path(
    get,
    path = "/api/lists",
    tag = "staff",
    summary = "Synonyms, technology fields, divisions and sites",
    security(("session" = [])),
    responses(
        (status = 200, description = "The lists", body = Lists),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn lists(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Lists>> {
    Ok(Json(state.directory.lists(&actor).await?))
}

#[utoipa::path(
    put,
    path = "/api/lists",
    tag = "staff",
    summary = "Replace the lists (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = Lists, example = json!({"synonyms": [["AI", "인공지능"]], "fields": ["인공지능", "로봇"]})),
    responses(
        (status = 200, description = "The lists as saved", body = Lists),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn replace_lists(
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

#[utoipa::path(
    get,
    path = "/api/lists/suggestions",
    tag = "staff",
    summary = "Related terms mined from the cards, to accept as synonyms (staff)",
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"suggestions\": [SynonymSuggestion]}`", body = serde_json::Value),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn synonym_suggestions(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    Ok(suggestions(
        state.directory.synonym_suggestions(&actor).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/lists/suggestions",
    tag = "staff",
    summary = "Accept or reject a suggested synonym (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = SuggestionDecision, example = json!({"a": "결함", "b": "불량", "accept": true})),
    responses(
        (status = 200, description = "`{\"suggestions\": [SynonymSuggestion]}`: the list the decision leaves", body = serde_json::Value),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn decide_suggestion(
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
#[utoipa::path(
    post,
    path = "/api/import",
    tag = "staff",
    summary = "Import a JSON Lines file of cards (staff)",
    params(
        ("dry_run" = Option<bool>, Query, description = "Check only; nothing is written"),
        ("skip_invalid" = Option<bool>, Query, description = "Import the valid lines and report the rest, instead of all or nothing"),
    ),
    security(("session" = [], "csrf" = [])),
    request_body(content = String, content_type = "application/x-ndjson", description = "One card per line in the interchange format (docs/card-format.md)"),
    responses(
        (status = 200, description = "`{\"dry_run\", \"report\", \"summary\"}`: counts, and each rejected line with its errors", body = serde_json::Value),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 422, description = "The card breaks the card format; `fields` lists each problem", body = ErrorBody),
    )
)]
pub(super) async fn import_cards(
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
