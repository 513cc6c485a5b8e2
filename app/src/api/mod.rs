//! Server functions called by the pages. The stable JSON API for other systems lives in the
//! server crate (`/api/...`); these endpoints are for the app itself.

use crate::error::AppError;
use crate::model::card::PublicCard;
use crate::model::search::{SearchParams, SearchResults};
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
