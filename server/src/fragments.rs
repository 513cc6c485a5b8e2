//! Parts of pages the public script asks for (see app/src/bundles.rs): the researchers
//! matched to a need, rendered by the same Leptos components as the pages, so that the
//! browser needs no rendering code of its own.
//!
//! `POST /match/results` (and `/en/match/results`), form field `text`: an HTML fragment,
//! with the error's status and message when the need cannot be matched.

use crate::AppState;
use app::error::AppError;
use app::i18n::Lang;
use app::model::search::MatchRequest;
use app::pages::match_page::{MatchOutcome, results_path};
use axum::extract::{Form, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use leptos::prelude::*;

/// The need form's one field.
#[derive(serde::Deserialize)]
pub struct Need {
    #[serde(default)]
    text: String,
}

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route(
            results_path(Lang::Ko),
            post(|state: State<AppState>, need: Form<Need>| matched(state, Lang::Ko, need)),
        )
        .route(
            results_path(Lang::En),
            post(|state: State<AppState>, need: Form<Need>| matched(state, Lang::En, need)),
        )
}

/// The page's results for a need: up to ten researchers with their evidence.
async fn matched(State(state): State<AppState>, lang: Lang, Form(need): Form<Need>) -> Response {
    let request = MatchRequest {
        text: need.text,
        limit: 10,
        ..Default::default()
    };
    let outcome: Result<_, AppError> = state
        .directory
        .match_need(request)
        .await
        .map_err(AppError::from);
    let status = match &outcome {
        Ok(_) => StatusCode::OK,
        Err(e) => StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    };
    let html = Owner::new().with(|| {
        provide_context(lang);
        view! { <MatchOutcome result=outcome /> }.to_html()
    });
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}
