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
mod search;
mod staff;

pub use error::{
    Acting, ApiError, ApiResult, Example, JsonBody, OptionalBody, SignedIn, error_response, parse,
    parse_with, session_actor,
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
        .route("/api/{*rest}", axum::routing::any(unknown))
}

async fn unknown() -> ApiError {
    AppError::NotFound.into()
}
