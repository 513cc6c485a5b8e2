//! Server functions for signing in, the card editor and curation. Changes carry the session's
//! CSRF token (`csrf`), which the pages get from [`who_am_i`].

use crate::error::AppError;
use crate::model::account::{Dashboard, EditSummary, EditableCard, HistoryEntry, Me, Saved};
use crate::model::card::CardRecord;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Signs in; the session cookie is set on the response.
#[server(prefix = "/rpc", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<Me, AppError> {
    let state = crate::state::app_state()?;
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0);
    let client = crate::state::client_address(peer, &headers);
    let session = state.directory.login(&email, &password, &client).await?;
    let cookie = crate::state::session_cookie(Some(&session.token), &headers);
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&cookie),
    ) {
        response.insert_header(axum::http::header::SET_COOKIE, value);
    }
    Ok(session.me)
}

/// Signs out and clears the cookie.
#[server(prefix = "/rpc", endpoint = "sign_out")]
pub async fn sign_out(csrf: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    state.directory.logout(&actor).await?;
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&crate::state::session_cookie(None, &headers)),
    ) {
        response.insert_header(axum::http::header::SET_COOKIE, value);
    }
    Ok(())
}

/// The signed-in account, or `None`.
#[server(prefix = "/rpc", endpoint = "me", input = Json)]
pub async fn who_am_i() -> Result<Option<Me>, AppError> {
    let state = crate::state::app_state()?;
    match crate::state::current_actor().await? {
        Some(actor) => Ok(Some(state.directory.me(&actor).await?)),
        None => Ok(None),
    }
}

/// Sets a password with a one-time link's token.
#[server(prefix = "/rpc", endpoint = "set_password")]
pub async fn set_password(token: String, password: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    Ok(state
        .directory
        .set_password_with_token(&token, &password)
        .await?)
}

#[cfg(feature = "ssr")]
async fn actor() -> Result<crate::service::account::Actor, AppError> {
    crate::state::current_actor()
        .await?
        .ok_or_else(AppError::sign_in)
}

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
