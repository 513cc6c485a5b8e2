//! The JSON API for other systems: `/api/search` and `/api/cards/{slug}`.
//! Errors are `{"error": {"code", "message"}}` with a matching status.

use app::error::AppError;
use app::model::search::{MatchRequest, SearchParams};
use app::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/cards/{slug}", get(card))
        .route("/api/cards/{slug}/similar", get(similar))
        .route("/api/match", axum::routing::post(match_need))
        .route("/api/suggest", get(suggest))
        .route("/api/health", get(health))
        .route("/api/{*rest}", axum::routing::any(unknown))
}

/// An error as a JSON response.
pub fn error_response(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = json!({"error": {"code": error.code(), "message": error.to_string()}});
    if let AppError::Invalid(fields) = error {
        body["error"]["fields"] = serde_json::to_value(fields).unwrap_or_default();
    }
    (status, Json(body)).into_response()
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
    match state.directory.count().await {
        Ok(cards) => Json(json!({"status": "ok", "cards": cards})).into_response(),
        Err(e) => error_response(&AppError::from(e)),
    }
}

async fn unknown() -> Response {
    error_response(&AppError::NotFound)
}
