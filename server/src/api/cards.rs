//! Editing cards: create, save with the version an edit was based on, history and revert,
//! archive and restore, and merging a duplicate.

use super::ErrorBody;
use super::openapi::CardPath;
use super::{Acting, ApiError, ApiResult, Example, JsonBody, OptionalBody, SignedIn, parse_with};
use app::model::account::{EditableCard, Saved};
use app::model::card::{CardRecord, Status};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/cards", post(create_card))
        .route("/api/cards/{slug}", get(super::search::card).put(save_card))
        .route("/api/cards/{slug}/edit", get(editable_card))
        .route("/api/cards/{slug}/history", get(history))
        .route("/api/cards/{slug}/revert", post(revert))
        .route("/api/cards/{slug}/archive", post(archive))
        .route("/api/cards/{slug}/restore", post(restore))
        .route("/api/cards/{slug}/merge", post(merge))
}

impl Example for CardRecord {
    const EXAMPLE: &'static str = r#"{"id": "K-0042", "name": "김서연", …}"#;
}

/// The example of a saved card: the card plus the version it was based on.
const SAVED_EXAMPLE: &str = r#"{"version": 3, "id": "K-0042", "name": "김서연", …}"#;

#[utoipa::path(
    get,
    path = "/api/cards/{slug}/edit",
    tag = "editing",
    summary = "A card to edit, with its version",
    params(CardPath),
    security(("session" = [])),
    responses(
        (status = 200, description = "The card in the interchange format, its version and the lists to choose from", body = EditableCard),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn editable_card(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<Json<EditableCard>> {
    Ok(Json(state.directory.editable_card(&actor, &slug).await?))
}

/// `PUT /api/cards/{slug}`: a card in the interchange format plus the `version` it was based on.
#[utoipa::path(
    put,
    path = "/api/cards/{slug}",
    tag = "editing",
    summary = "Save a card",
    params(CardPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = CardRecord, description = "The card in the interchange format (docs/card-format.md) plus `version`: the version the edit was based on"),
    responses(
        (status = 200, description = "Saved: the new version and whether it is public or waits for review", body = Saved),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "`stale`: someone saved first; `current` and `version` carry the card as it is now", body = ErrorBody),
        (status = 422, description = "The card breaks the card format; `fields` lists each problem", body = ErrorBody),
    )
)]
pub(super) async fn save_card(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> ApiResult<Json<impl serde::Serialize>> {
    let mut value: Value = parse_with(&bytes, SAVED_EXAMPLE)?;
    let version = match value.as_object_mut().and_then(|o| o.remove("version")) {
        Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or(0),
        _ => {
            return Err(ApiError::bad_request(
                "`version` is missing or not an integer: send the version the edit was based on (from GET /api/cards/{slug}/edit)",
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
    let record: CardRecord = parse_with(value.to_string().as_bytes(), SAVED_EXAMPLE)?;
    Ok(Json(
        state
            .directory
            .save_card(&actor, &slug, record, version)
            .await?,
    ))
}

#[utoipa::path(
    get,
    path = "/api/cards/{slug}/history",
    tag = "editing",
    summary = "A card's versions",
    params(CardPath),
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"versions\": [...]}`, newest first, with what changed in each", body = CardHistory),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn history(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<Json<CardHistory>> {
    let versions = state.directory.history(&actor, &slug).await?;
    Ok(Json(CardHistory { versions }))
}

/// `GET /api/cards/{slug}/history`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct CardHistory {
    versions: Vec<app::model::account::HistoryEntry>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct RevertRequest {
    /// The earlier version to bring back.
    to: i64,
    /// The card's current version, as the client last saw it.
    version: i64,
}

impl Example for RevertRequest {
    const EXAMPLE: &'static str = r#"{"to": 2, "version": 5}"#;
}

#[utoipa::path(
    post,
    path = "/api/cards/{slug}/revert",
    tag = "editing",
    summary = "Bring back an earlier version (staff)",
    params(CardPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = RevertRequest, example = json!({"to": 2, "version": 5})),
    responses(
        (status = 200, description = "Saved: the new version and whether it is public or waits for review", body = Saved),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn revert(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    JsonBody(r): JsonBody<RevertRequest>,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(
        state
            .directory
            .revert(&actor, &slug, r.to, r.version)
            .await?,
    ))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(super) struct NoteRequest {
    #[serde(default)]
    note: String,
}

impl Example for NoteRequest {
    const EXAMPLE: &'static str = r#"{"note": "퇴직"}"#;
}

#[utoipa::path(
    post,
    path = "/api/cards/{slug}/archive",
    tag = "editing",
    summary = "Archive a card: the researcher left (staff)",
    params(CardPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = Option<NoteRequest>, description = "Optional"),
    responses(
        (status = 200, description = "Saved: the new version and whether it is public or waits for review", body = Saved),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn archive(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    OptionalBody(request): OptionalBody<NoteRequest>,
) -> ApiResult<Json<impl serde::Serialize>> {
    set_status(state, actor, slug, request, Status::Archived).await
}

#[utoipa::path(
    post,
    path = "/api/cards/{slug}/restore",
    tag = "editing",
    summary = "Publish an archived card again (staff)",
    params(CardPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = Option<NoteRequest>, description = "Optional"),
    responses(
        (status = 200, description = "Saved: the new version and whether it is public or waits for review", body = Saved),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn restore(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    OptionalBody(request): OptionalBody<NoteRequest>,
) -> ApiResult<Json<impl serde::Serialize>> {
    set_status(state, actor, slug, request, Status::Published).await
}

async fn set_status(
    state: AppState,
    actor: app::service::account::Actor,
    slug: String,
    request: NoteRequest,
    status: Status,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(
        state
            .directory
            .set_status(&actor, &slug, status, &request.note)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct MergeRequest {
    /// The slug of the duplicate to merge into this card.
    from: String,
}

impl Example for MergeRequest {
    const EXAMPLE: &'static str = r#"{"from": "minsu-kim-2"}"#;
}

/// Merges a duplicate card into this one (staff).
#[utoipa::path(
    post,
    path = "/api/cards/{slug}/merge",
    tag = "editing",
    summary = "Merge a duplicate card into this one (staff)",
    params(CardPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = MergeRequest, example = json!({"from": "seoyeon-kim-2"})),
    responses(
        (status = 200, description = "Saved: the new version and whether it is public or waits for review", body = Saved),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn merge(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    JsonBody(request): JsonBody<MergeRequest>,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(
        state
            .directory
            .merge_cards(&actor, &slug, request.from.trim())
            .await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/cards",
    tag = "editing",
    summary = "Start a new card (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = CardRecord, description = "A card in the interchange format; without `status` it is a draft"),
    responses(
        (status = 201, description = "Created", body = Saved),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
        (status = 422, description = "The card breaks the card format; `fields` lists each problem", body = ErrorBody),
    )
)]
pub(super) async fn create_card(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(record): JsonBody<CardRecord>,
) -> ApiResult<(StatusCode, Json<impl serde::Serialize>)> {
    let saved = state.directory.create_card(&actor, record).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}
