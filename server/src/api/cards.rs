//! Editing cards: create, save with the version an edit was based on, history and revert,
//! archive and restore, and merging a duplicate.

use super::{Acting, ApiError, ApiResult, Example, JsonBody, OptionalBody, SignedIn, parse_with};
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

async fn editable_card(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<Json<impl serde::Serialize>> {
    Ok(Json(state.directory.editable_card(&actor, &slug).await?))
}

/// `PUT /api/cards/{slug}`: a card in the interchange format plus the `version` it was based on.
async fn save_card(
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

async fn history(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    let entries = state.directory.history(&actor, &slug).await?;
    Ok(Json(json!({ "versions": entries })))
}

#[derive(Deserialize)]
struct RevertRequest {
    /// The earlier version to bring back.
    to: i64,
    /// The card's current version, as the client last saw it.
    version: i64,
}

impl Example for RevertRequest {
    const EXAMPLE: &'static str = r#"{"to": 2, "version": 5}"#;
}

async fn revert(
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

#[derive(Deserialize, Default)]
struct NoteRequest {
    #[serde(default)]
    note: String,
}

impl Example for NoteRequest {
    const EXAMPLE: &'static str = r#"{"note": "퇴직"}"#;
}

async fn archive(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(slug): Path<String>,
    OptionalBody(request): OptionalBody<NoteRequest>,
) -> ApiResult<Json<impl serde::Serialize>> {
    set_status(state, actor, slug, request, Status::Archived).await
}

async fn restore(
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

#[derive(Deserialize)]
struct MergeRequest {
    /// The slug of the duplicate to merge into this card.
    from: String,
}

impl Example for MergeRequest {
    const EXAMPLE: &'static str = r#"{"from": "minsu-kim-2"}"#;
}

/// Merges a duplicate card into this one (staff).
async fn merge(
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

async fn create_card(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(record): JsonBody<CardRecord>,
) -> ApiResult<(StatusCode, Json<impl serde::Serialize>)> {
    let saved = state.directory.create_card(&actor, record).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}
