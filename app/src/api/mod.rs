//! Server functions called by the pages. The stable JSON API for other systems lives in the
//! server crate (`/api/...`); these endpoints are for the app itself.

pub mod auth;
pub mod editing;
pub mod inquiries;
pub mod staff;

use crate::error::AppError;
use crate::model::card::PublicCard;
use crate::model::search::{
    MatchHit, MatchRequest, MatchResults, SearchParams, SearchResults, Suggestion, TopicWorks,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Searches the directory.
#[server(prefix = "/rpc", endpoint = "search", input = Json)]
pub async fn search_cards(params: SearchParams) -> Result<SearchResults, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.search(params).await?)
}

/// The public view of one card.
#[server(prefix = "/rpc", endpoint = "card", input = Json)]
pub async fn get_card(slug: String) -> Result<PublicCard, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.public_card(&slug).await?)
}

/// The works of a card on the topic of a search, for the card page a hit links to.
#[server(prefix = "/rpc", endpoint = "topic", input = Json)]
pub async fn card_topic(slug: String, q: String) -> Result<TopicWorks, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.topic_works(&slug, &q).await?)
}

/// Researchers for a described need.
#[server(prefix = "/rpc", endpoint = "match", input = Json)]
pub async fn match_need(request: MatchRequest) -> Result<MatchResults, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.match_need(request).await?)
}

/// Researchers with related expertise.
#[server(prefix = "/rpc", endpoint = "similar", input = Json)]
pub async fn similar_cards(slug: String) -> Result<Vec<MatchHit>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.similar(&slug, 5).await?)
}

/// Autocomplete for the search box.
#[server(prefix = "/rpc", endpoint = "suggest", input = leptos::server_fn::codec::GetUrl)]
pub async fn suggest_terms(q: String) -> Result<Vec<Suggestion>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state
        .directory
        .suggest(&q.chars().take(100).collect::<String>(), 8))
}
