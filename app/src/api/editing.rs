//! Server functions of the card editor: load, save, history and revert.

#[cfg(feature = "ssr")]
use super::auth::actor;
use crate::error::AppError;
use crate::model::account::{EditableCard, HistoryEntry, Saved};
use crate::model::card::CardRecord;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The card as its editor sees it.
#[server(prefix = "/rpc", endpoint = "editable_card", input = Json)]
pub async fn load_editable_card(slug: String) -> Result<EditableCard, AppError> {
    let state = crate::state::app_state()?;
    Ok(state
        .directory
        .editable_card(&actor().await?, &slug)
        .await?)
}

/// Saves an edited card that was based on `version`.
#[server(prefix = "/rpc", endpoint = "save_card", input = Json)]
pub async fn save_card(
    slug: String,
    card: CardRecord,
    version: i64,
    csrf: String,
) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state
        .directory
        .save_card(&actor, &slug, card, version)
        .await?)
}

/// A card's versions, newest first.
#[server(prefix = "/rpc", endpoint = "card_history", input = Json)]
pub async fn card_history(slug: String) -> Result<Vec<HistoryEntry>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.history(&actor().await?, &slug).await?)
}

/// Brings back version `to` of a card that is now at `version` (staff).
#[server(prefix = "/rpc", endpoint = "revert_card", input = Json)]
pub async fn revert_card(
    slug: String,
    to: i64,
    version: i64,
    csrf: String,
) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state.directory.revert(&actor, &slug, to, version).await?)
}
