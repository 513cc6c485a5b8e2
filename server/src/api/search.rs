//! The public, read-only part of the API: search, cards, need matching, autocomplete and
//! liveness.

use super::{ApiError, ApiResult, Example, JsonBody};
use app::model::search::{MatchRequest, MatchResults, SearchParams, SearchResults};
use app::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/cards/{slug}/similar", get(similar))
        .route("/api/match", post(match_need))
        .route("/api/suggest", get(suggest))
        .route("/api/health", get(health))
}

impl Example for MatchRequest {
    const EXAMPLE: &'static str = r#"{"text": "…", "site": ["성남"]}"#;
}

/// The `key=value` pairs of a query string.
fn pairs(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<SearchResults>> {
    let pairs = pairs(query);
    let params = SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| ApiError::bad_request(format!("`{}`: {}", e.param, e.message)))?;
    Ok(Json(state.directory.search(params).await?))
}

pub(super) async fn card(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<app::model::card::PublicCard>> {
    Ok(Json(state.directory.public_card(&slug).await?))
}

async fn match_need(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<MatchRequest>,
) -> ApiResult<Json<MatchResults>> {
    Ok(Json(state.directory.match_need(request).await?))
}

async fn similar(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    let hits = state.directory.similar(&slug, 5).await?;
    Ok(Json(json!({ "hits": hits })))
}

async fn suggest(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<Value>> {
    let mut q = String::new();
    let mut limit = 8;
    for (k, v) in pairs(query) {
        match &*k {
            "q" => q = v,
            "limit" => match v.parse::<usize>() {
                Ok(n) if (1..=20).contains(&n) => limit = n,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "`limit`: `{v}` is out of range; use 1 to 20"
                    )));
                }
            },
            _ => {}
        }
    }
    if q.chars().count() > 100 {
        return Err(ApiError::bad_request(
            "`q`: longer than 100 characters; autocomplete takes the start of a query",
        ));
    }
    Ok(Json(
        json!({ "suggestions": state.directory.suggest(&q, limit) }),
    ))
}

async fn health(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let index_lag = state.directory.index_lag().await?;
    let cards = state.directory.count().await?;
    Ok(Json(
        json!({"status": "ok", "cards": cards, "index_lag": index_lag}),
    ))
}
