//! The JSON API for other systems, one module per area: search and cards ([`search`]),
//! editing ([`cards`]), sign-in and accounts ([`auth`]), the staff desk ([`staff`]) and
//! inquiries from companies with the inbox that answers them ([`inquiries`]).
//! Errors are `{"error": {"code", "message"}}` with a matching status ([`ApiError`]).
//!
//! Requests that change something need a session cookie (from `POST /api/auth/login`) and the
//! session's CSRF token in `X-CSRF-Token`: without a session they get 401, without the token
//! 403 ([`Acting`]).

mod auth;
mod cards;
mod error;
mod inquiries;
pub mod language;
pub mod openapi;
mod search;
mod staff;

pub use error::{
    Acting, ApiError, ApiResult, ErrorBody, Example, JsonBody, OptionalBody, SignedIn,
    error_response, parse, parse_with, session_actor,
};

use app::error::AppError;
use app::state::AppState;
use axum::Router;

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(search::routes())
        .merge(cards::routes())
        .merge(auth::routes())
        .merge(staff::routes())
        .merge(inquiries::routes())
        .route("/api/openapi.json", axum::routing::get(openapi::document))
        .route("/api/{*rest}", axum::routing::any(unknown))
}

/// The JSON API has no such route (a path not found at all, not a missing card).
pub const UNKNOWN_ROUTE: &str = "API에 없는 주소입니다";

async fn unknown(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    AppError::Missing(format!(
        "{UNKNOWN_ROUTE}: {method} {}. 모든 주소는 /api/openapi.json 에 있습니다 (no such API route; every route is in /api/openapi.json)",
        uri.path().chars().take(200).collect::<String>()
    ))
    .into()
}
