//! The JSON API for other systems: search, cards, sign-in, editing and curation.
//! Errors are `{"error": {"code", "message"}}` with a matching status.
//!
//! Requests that change something need a session cookie (from `POST /api/auth/login`) and the
//! session's CSRF token in `X-CSRF-Token`: without a session they get 401, without the token 403.

use app::error::AppError;
use app::model::account::{LoginRequest, Role};
use app::model::card::{CardRecord, Status};
use app::model::search::{MatchRequest, SearchParams};
use app::service::account::Actor;
use app::state::AppState;
use app::state::{session_cookie, session_token};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/cards", post(create_card))
        .route("/api/cards/{slug}", get(card).put(save_card))
        .route("/api/cards/{slug}/similar", get(similar))
        .route("/api/cards/{slug}/edit", get(editable_card))
        .route("/api/cards/{slug}/history", get(history))
        .route("/api/cards/{slug}/revert", post(revert))
        .route("/api/cards/{slug}/archive", post(archive))
        .route("/api/cards/{slug}/restore", post(restore))
        .route("/api/cards/{slug}/merge", post(merge))
        .route("/api/auth/login", post(login))
        .route("/api/auth/logout", post(logout))
        .route("/api/auth/password", post(set_password))
        .route("/api/me", get(me))
        .route("/api/review", get(review_queue))
        .route("/api/review/{id}", post(decide))
        .route("/api/dashboard", get(dashboard))
        .route("/api/accounts", post(add_account))
        .route("/api/accounts/reset", post(reset_password))
        .route("/api/settings", put(settings))
        .route("/api/lists", get(lists).put(replace_lists))
        .route(
            "/api/lists/suggestions",
            get(synonym_suggestions).post(decide_suggestion),
        )
        .route(
            "/api/import",
            post(import_cards).layer(axum::extract::DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/api/match", axum::routing::post(match_need))
        .route("/api/suggest", get(suggest))
        .route("/api/health", get(health))
        .route("/api/{*rest}", axum::routing::any(unknown))
}

/// An error as a JSON response.
pub fn error_response(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error.body())).into_response()
}

async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let params = match SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        Ok(p) => p,
        Err(e) => {
            return error_response(&AppError::BadRequest(format!(
                "`{}`: {}",
                e.param, e.message
            )));
        }
    };
    match state.directory.search(params).await {
        Ok(results) => Json(results).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn card(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match state.directory.public_card(&slug).await {
        Ok(card) => Json(card).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn match_need(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let request: MatchRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error_response(&AppError::BadRequest(format!(
                "the body must be JSON like {{\"text\": \"…\", \"site\": [\"성남\"]}}: {e}"
            )));
        }
    };
    match state.directory.match_need(request).await {
        Ok(results) => Json(results).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn similar(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match state.directory.similar(&slug, 5).await {
        Ok(hits) => Json(json!({ "hits": hits })).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn suggest(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let mut q = String::new();
    let mut limit = 8;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "q" => q = v.into_owned(),
            "limit" => match v.parse::<usize>() {
                Ok(n) if (1..=20).contains(&n) => limit = n,
                _ => {
                    return error_response(&AppError::BadRequest(format!(
                        "`limit`: `{v}` is out of range; use 1 to 20"
                    )));
                }
            },
            _ => {}
        }
    }
    if q.chars().count() > 100 {
        return error_response(&AppError::BadRequest(
            "`q`: longer than 100 characters; autocomplete takes the start of a query".into(),
        ));
    }
    Json(json!({ "suggestions": state.directory.suggest(&q, limit) })).into_response()
}

async fn health(State(state): State<AppState>) -> Response {
    let lag = state.directory.index_lag().await;
    match (state.directory.count().await, lag) {
        (Ok(cards), Ok(index_lag)) => {
            Json(json!({"status": "ok", "cards": cards, "index_lag": index_lag})).into_response()
        }
        (Err(e), _) | (_, Err(e)) => error_response(&AppError::from(e)),
    }
}

async fn unknown() -> Response {
    error_response(&AppError::NotFound)
}

/// The signed-in account; for changes (`csrf`), also the matching `X-CSRF-Token`.
pub(crate) async fn actor(
    state: &AppState,
    headers: &HeaderMap,
    csrf: bool,
) -> Result<Actor, Response> {
    let token = session_token(headers).ok_or_else(|| error_response(&AppError::sign_in()))?;
    let actor = state
        .directory
        .session(&token)
        .await
        .map_err(|e| error_response(&AppError::from(e)))?
        .ok_or_else(|| {
            error_response(&AppError::Unauthorized(
                "세션이 만료되었습니다. 다시 로그인하세요.".into(),
            ))
        })?;
    if csrf {
        let sent = headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !actor.csrf_matches(sent) {
            let body = json!({"error": {"code": "csrf", "message":
                "missing or wrong X-CSRF-Token header; send the csrf_token from the login response (also in GET /api/me)"}});
            return Err((StatusCode::FORBIDDEN, Json(body)).into_response());
        }
    }
    Ok(actor)
}

/// Parses a JSON body, or answers 400 with what the body should look like.
#[expect(
    clippy::result_large_err,
    reason = "the error is the finished response, returned once per request"
)]
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8], example: &str) -> Result<T, Response> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(" at `{path}`")
        };
        error_response(&AppError::BadRequest(format!(
            "the body must be JSON like {example}; problem{at}: {}",
            e.into_inner()
        )))
    })
}

fn reply<T: serde::Serialize>(result: Result<T, app::service::DomainError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn login(
    State(state): State<AppState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let client = app::state::client_address(Some(peer), &headers);
    let request: LoginRequest = match body(&bytes, r#"{"email": "…", "password": "…"}"#) {
        Ok(r) => r,
        Err(response) => return response,
    };
    match state
        .directory
        .login(&request.email, &request.password, &client)
        .await
    {
        Ok(session) => {
            let cookie = session_cookie(Some(&session.token), &headers);
            ([(header::SET_COOKIE, cookie)], Json(session.me)).into_response()
        }
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match state.directory.logout(&actor).await {
        Ok(()) => (
            StatusCode::NO_CONTENT,
            [(header::SET_COOKIE, session_cookie(None, &headers))],
        )
            .into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn me(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(state.directory.me(&actor).await),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct PasswordRequest {
    token: String,
    password: String,
}

/// Sets a password with a one-time invitation or reset token (no session needed).
async fn set_password(State(state): State<AppState>, bytes: axum::body::Bytes) -> Response {
    let request: PasswordRequest = match body(&bytes, r#"{"token": "…", "password": "…"}"#) {
        Ok(r) => r,
        Err(response) => return response,
    };
    match state
        .directory
        .set_password_with_token(&request.token, &request.password)
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn editable_card(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(state.directory.editable_card(&actor, &slug).await),
        Err(response) => response,
    }
}

/// `PUT /api/cards/{slug}`: a card in the interchange format plus the `version` it was based on.
async fn save_card(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let example = r#"{"version": 3, "id": "K-0042", "name": "김서연", …}"#;
    let mut value: serde_json::Value = match body(&bytes, example) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let version = match value.as_object_mut().and_then(|o| o.remove("version")) {
        Some(serde_json::Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or(0),
        _ => {
            return error_response(&AppError::BadRequest(
                "`version` is missing or not an integer: send the version the edit was based on (from GET /api/cards/{slug}/edit)".into(),
            ));
        }
    };
    // a card sent without `status` keeps the one it has, so a save never publishes a draft
    if value.get("status").is_none()
        && let Ok(current) = state.directory.editable_card(&actor, &slug).await
        && let Some(object) = value.as_object_mut()
    {
        object.insert("status".into(), json!(current.card.status));
    }
    let record: CardRecord = match body(value.to_string().as_bytes(), example) {
        Ok(r) => r,
        Err(response) => return response,
    };
    reply(
        state
            .directory
            .save_card(&actor, &slug, record, version)
            .await,
    )
}

async fn history(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(
            state
                .directory
                .history(&actor, &slug)
                .await
                .map(|entries| json!({ "versions": entries })),
        ),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct RevertRequest {
    /// The earlier version to bring back.
    to: i64,
    /// The card's current version, as the client last saw it.
    version: i64,
}

async fn revert(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<RevertRequest>(&bytes, r#"{"to": 2, "version": 5}"#) {
        Ok(r) => reply(state.directory.revert(&actor, &slug, r.to, r.version).await),
        Err(response) => response,
    }
}

#[derive(Deserialize, Default)]
struct NoteRequest {
    #[serde(default)]
    note: String,
}

async fn change_status(
    state: AppState,
    headers: HeaderMap,
    slug: String,
    bytes: axum::body::Bytes,
    status: Status,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let request = if bytes.is_empty() {
        NoteRequest::default()
    } else {
        match body::<NoteRequest>(&bytes, r#"{"note": "퇴직"}"#) {
            Ok(r) => r,
            Err(response) => return response,
        }
    };
    reply(
        state
            .directory
            .set_status(&actor, &slug, status, &request.note)
            .await,
    )
}

async fn archive(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    change_status(state, headers, slug, bytes, Status::Archived).await
}

async fn restore(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    change_status(state, headers, slug, bytes, Status::Published).await
}

#[derive(Deserialize)]
struct MergeRequest {
    /// The slug of the duplicate to merge into this card.
    from: String,
}

/// Merges a duplicate card into this one (staff).
async fn merge(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<MergeRequest>(&bytes, r#"{"from": "minsu-kim-2"}"#) {
        Ok(request) => reply(
            state
                .directory
                .merge_cards(&actor, &slug, request.from.trim())
                .await,
        ),
        Err(response) => response,
    }
}

async fn create_card(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<CardRecord>(&bytes, r#"{"id": "K-0042", "name": "김서연", …}"#) {
        Ok(record) => match state.directory.create_card(&actor, record).await {
            Ok(saved) => (StatusCode::CREATED, Json(saved)).into_response(),
            Err(e) => error_response(&AppError::from(e)),
        },
        Err(response) => response,
    }
}

async fn review_queue(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(
            state
                .directory
                .pending_edits(&actor)
                .await
                .map(|edits| json!({ "edits": edits })),
        ),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct Decision {
    approve: bool,
    #[serde(default)]
    comment: String,
}

async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<Decision>(
        &bytes,
        r#"{"approve": false, "comment": "출처를 적어 주세요"}"#,
    ) {
        Ok(d) => reply(
            state
                .directory
                .decide_edit(&actor, id, d.approve, &d.comment)
                .await,
        ),
        Err(response) => response,
    }
}

async fn dashboard(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(state.directory.dashboard(&actor).await),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct NewAccount {
    email: String,
    role: Role,
    #[serde(default)]
    card: Option<String>,
}

/// Creates an account and answers with its one-time set-password link (to pass on).
async fn add_account(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let request: NewAccount = match body(
        &bytes,
        r#"{"email": "kim@keti.re.kr", "role": "researcher", "card": "seoyeon-kim"}"#,
    ) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let directory = &state.directory;
    let created = async {
        let id = directory
            .add_account(
                Some(&actor),
                &request.email,
                request.role,
                request.card.as_deref(),
            )
            .await?;
        let token = directory.issue_token(id, "invite").await?;
        Ok::<_, app::service::DomainError>((id, token))
    };
    match created.await {
        Ok((id, token)) => (
            StatusCode::CREATED,
            Json(json!({"id": id, "invite_path": format!("/set-password?token={token}")})),
        )
            .into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

#[derive(Deserialize)]
struct ResetRequest {
    email: String,
}

/// Issues a one-time password-reset link for an account (staff: researchers; admin: anyone).
async fn reset_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let request: ResetRequest = match body(&bytes, r#"{"email": "kim@keti.re.kr"}"#) {
        Ok(r) => r,
        Err(response) => return response,
    };
    match state
        .directory
        .reset_token_by_staff(&actor, &request.email)
        .await
    {
        Ok(token) => {
            Json(json!({"reset_path": format!("/set-password?token={token}")})).into_response()
        }
        Err(e) => error_response(&AppError::from(e)),
    }
}

#[derive(Deserialize)]
struct Settings {
    review_edits: bool,
}

async fn settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<Settings>(&bytes, r#"{"review_edits": true}"#) {
        Ok(s) => reply(
            state
                .directory
                .set_review_edits(&actor, s.review_edits)
                .await
                .map(|()| json!({"review_edits": s.review_edits})),
        ),
        Err(response) => response,
    }
}

async fn lists(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => reply(state.directory.lists(&actor).await),
        Err(response) => response,
    }
}

async fn replace_lists(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<app::model::account::Lists>(
        &bytes,
        r#"{"synonyms": [["AI", "인공지능"]], "fields": ["인공지능", "로봇"]}"#,
    ) {
        Ok(lists) => reply(state.directory.replace_lists(&actor, lists).await),
        Err(response) => response,
    }
}

/// `{"suggestions": [...]}`: the list a decision leaves, or the list now.
fn suggestions(
    result: Result<Vec<app::model::account::SynonymSuggestion>, app::service::DomainError>,
) -> Response {
    reply(result.map(|list| serde_json::json!({ "suggestions": list })))
}

async fn synonym_suggestions(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match actor(&state, &headers, false).await {
        Ok(actor) => suggestions(state.directory.synonym_suggestions(&actor).await),
        Err(response) => response,
    }
}

async fn decide_suggestion(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match body::<app::model::account::SuggestionDecision>(
        &bytes,
        r#"{"a": "결함", "b": "불량", "accept": true}"#,
    ) {
        Ok(decision) => suggestions(state.directory.decide_suggestion(&actor, decision).await),
        Err(response) => response,
    }
}

/// Largest import accepted over HTTP; larger files go through `rcard import`.
const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

fn issues(list: &[crate::import::LineIssue]) -> serde_json::Value {
    list.iter()
        .take(200)
        .map(|i| json!({"line": i.line, "path": i.path, "message": i.message}))
        .collect()
}

/// `POST /api/import[?dry_run=true][&skip_invalid=true]`: a JSON Lines file as the body
/// (staff). Every line is checked first; nothing is written unless all are valid, or, with
/// `skip_invalid`, the valid lines are written and the rejected ones sent back.
async fn import_cards(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    bytes: axum::body::Bytes,
) -> Response {
    let actor = match actor(&state, &headers, true).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    if let Err(e) = actor.curator() {
        return error_response(&AppError::from(e));
    }
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
                return error_response(&AppError::BadRequest(format!(
                    "`{key}`: `{other}` is not a boolean; use `true` or `false`, or leave it out"
                )));
            }
        }
    }
    let file = match tempfile::NamedTempFile::new()
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).map(|()| f))
    {
        Ok(f) => f,
        Err(e) if app::db::is_storage_full(&e) => {
            tracing::error!(error = %e, "cannot stage an uploaded import: the disk is full");
            return error_response(&AppError::DiskFull);
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot stage an uploaded import");
            return error_response(&AppError::Internal);
        }
    };
    let path = file.path().to_path_buf();
    let checked =
        match tokio::task::spawn_blocking(move || crate::import::check_file(&path, |_| {})).await {
            Ok(Ok(checked)) => checked,
            Ok(Err(e)) => {
                return error_response(&AppError::BadRequest(format!(
                    "cannot read the upload: {e}"
                )));
            }
            Err(e) => {
                tracing::error!(error = %e, "import check failed");
                return error_response(&AppError::Internal);
            }
        };
    let report = json!({
        "cards": checked.cards,
        "errors": issues(&checked.errors),
        "error_count": checked.errors.len(),
        "warnings": issues(&checked.warnings),
        "warning_count": checked.warnings.len(),
    });
    if !checked.errors.is_empty() && skip_invalid {
        let skip = crate::import::rejected_lines(&checked);
        let rejects = match crate::import::rejects(file.path(), &checked, MAX_REJECTS) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the upload's rejected lines");
                return error_response(&AppError::Internal);
            }
        };
        let mut body = json!({
            "dry_run": dry_run,
            "partial": true,
            "report": report,
            "rejected_count": skip.len(),
            "rejects": rejects,
        });
        if dry_run {
            return Json(body).into_response();
        }
        return match crate::import::apply_file_skipping(
            &state.directory,
            file.path(),
            &skip,
            |_| {},
        )
        .await
        {
            Ok(summary) => {
                body["summary"] = json!(summary);
                Json(body).into_response()
            }
            Err(e) => import_failed(e),
        };
    }
    if !checked.errors.is_empty() {
        let message = format!(
            "오류 {}건: 아무것도 가져오지 않았습니다. 표시된 줄을 고친 뒤 파일을 다시 올리세요.",
            checked.errors.len()
        );
        let body = json!({"error": {"code": "invalid", "message": message, "report": report}});
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
    }
    if dry_run {
        return Json(json!({"dry_run": true, "report": report})).into_response();
    }
    match crate::import::apply_file(&state.directory, file.path(), |_| {}).await {
        Ok(summary) => {
            Json(json!({"dry_run": false, "report": report, "summary": summary})).into_response()
        }
        Err(e) => import_failed(e),
    }
}

/// Rejected lines sent back whole by an import with `skip_invalid`; the rest are counted.
const MAX_REJECTS: usize = 1000;

/// The answer to an import that failed while writing.
fn import_failed(e: anyhow::Error) -> Response {
    match e.downcast::<app::service::DomainError>() {
        Ok(domain) => error_response(&AppError::from(domain)),
        Err(e) => {
            tracing::error!(error = %e, "import failed");
            error_response(&AppError::Internal)
        }
    }
}
