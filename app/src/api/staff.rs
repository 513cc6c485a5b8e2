//! Server functions of the staff desk: review, dashboard, curated lists and synonym
//! suggestions, accounts, and new, merged, archived and restored cards.

#[cfg(feature = "ssr")]
use super::auth::actor;
use crate::error::AppError;
use crate::model::account::{Dashboard, EditSummary, Saved};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Edits waiting for review (staff).
#[server(prefix = "/rpc", endpoint = "review_queue", input = Json)]
pub async fn review_queue() -> Result<Vec<EditSummary>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.pending_edits(&actor().await?).await?)
}

/// Approves or rejects an edit, with a comment for the researcher (staff).
#[server(prefix = "/rpc", endpoint = "decide_edit", input = Json)]
pub async fn decide_edit(
    id: i64,
    approve: bool,
    comment: String,
    csrf: String,
) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state
        .directory
        .decide_edit(&actor, id, approve, &comment)
        .await?)
}

/// What companies look for, stale cards and counts (staff).
#[server(prefix = "/rpc", endpoint = "dashboard", input = Json)]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.dashboard(&actor().await?).await?)
}

/// The synonym groups and technology fields (staff).
#[server(prefix = "/rpc", endpoint = "load_lists", input = Json)]
pub async fn load_lists() -> Result<crate::model::account::Lists, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.lists(&actor().await?).await?)
}

/// Replaces the synonym groups and technology fields (staff).
#[server(prefix = "/rpc", endpoint = "save_lists", input = Json)]
pub async fn save_lists(
    lists: crate::model::account::Lists,
    csrf: String,
) -> Result<crate::model::account::Lists, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state.directory.replace_lists(&actor, lists).await?)
}

/// Pairs of terms the directory uses together, offered as synonyms (staff).
#[server(prefix = "/rpc", endpoint = "load_synonym_suggestions", input = Json)]
pub async fn load_synonym_suggestions()
-> Result<Vec<crate::model::account::SynonymSuggestion>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.synonym_suggestions(&actor().await?).await?)
}

/// Accepts a suggestion into the synonyms or rejects it; returns the suggestions left (staff).
#[server(prefix = "/rpc", endpoint = "decide_synonym_suggestion", input = Json)]
pub async fn decide_synonym_suggestion(
    decision: crate::model::account::SuggestionDecision,
    csrf: String,
) -> Result<Vec<crate::model::account::SynonymSuggestion>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state.directory.decide_suggestion(&actor, decision).await?)
}

/// Creates a researcher account for a card; returns the one-time set-password path.
#[server(prefix = "/rpc", endpoint = "invite_researcher", input = Json)]
pub async fn invite_researcher(
    email: String,
    card: String,
    csrf: String,
) -> Result<String, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let id = state
        .directory
        .add_account(
            Some(&actor),
            &email,
            crate::model::account::Role::Researcher,
            Some(card.trim()),
        )
        .await?;
    let token = state.directory.issue_token(id, "invite").await?;
    Ok(crate::links::set_password(&token))
}

/// Merges the duplicate card `from` into the card `slug` (staff).
#[server(prefix = "/rpc", endpoint = "merge_cards", input = Json)]
pub async fn merge_cards(slug: String, from: String, csrf: String) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state
        .directory
        .merge_cards(&actor, &slug, from.trim())
        .await?)
}

/// A one-time password-reset link for someone who forgot their password (staff).
#[server(prefix = "/rpc", endpoint = "reset_link", input = Json)]
pub async fn reset_link(email: String, csrf: String) -> Result<String, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let token = state.directory.reset_token_by_staff(&actor, &email).await?;
    Ok(crate::links::set_password(&token))
}

/// Starts a new card as a draft (staff): only its key and name; the editor does the rest.
#[server(prefix = "/rpc", endpoint = "new_card", input = Json)]
pub async fn new_card(id: String, name: String, csrf: String) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let record = crate::model::card::CardRecord {
        id: id.trim().to_string(),
        name: name.trim().to_string(),
        status: crate::model::card::Status::Draft,
        ..Default::default()
    };
    Ok(state.directory.create_card(&actor, record).await?)
}

/// Archives (the researcher left) or restores a card (staff).
#[server(prefix = "/rpc", endpoint = "set_card_status", input = Json)]
pub async fn set_card_status(
    slug: String,
    archived: bool,
    note: String,
    csrf: String,
) -> Result<Saved, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let status = if archived {
        crate::model::card::Status::Archived
    } else {
        crate::model::card::Status::Published
    };
    Ok(state
        .directory
        .set_status(&actor, &slug, status, &note)
        .await?)
}
