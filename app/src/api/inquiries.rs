//! Server functions of inquiries: the company's form and tracking page, and the inbox where
//! researchers and staff answer.

#[cfg(feature = "ssr")]
use super::auth::actor;
use crate::error::AppError;
use crate::model::inquiry::{Created, InboxItem, NewInquiry, Target, Tracking};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The researchers an inquiry form addresses (published cards only).
#[server(prefix = "/rpc", endpoint = "inquiry_targets", input = Json)]
pub async fn inquiry_targets(slugs: Vec<String>) -> Result<Vec<Target>, AppError> {
    let state = crate::state::app_state()?;
    let mut out = Vec::new();
    for slug in slugs.iter().take(crate::model::inquiry::limits::CARDS) {
        if let Ok(card) = state.directory.public_card(slug).await
            && card.status == crate::model::card::Status::Published
        {
            out.push(Target {
                slug: card.slug,
                name: card.name,
                position: card.position,
                division: card.division,
                offers: card.offers,
                availability: card.availability,
            });
        }
    }
    Ok(out)
}

/// The retention period of inquiries, in years, for the consent text.
#[server(prefix = "/rpc", endpoint = "inquiry_retention", input = Json)]
pub async fn inquiry_retention() -> Result<i64, AppError> {
    Ok((crate::service::inquiry::retention_days() / 365).max(1))
}

/// Sends a company's inquiry.
#[server(prefix = "/rpc", endpoint = "send_inquiry", input = Json)]
pub async fn send_inquiry(inquiry: NewInquiry) -> Result<Created, AppError> {
    let state = crate::state::app_state()?;
    let client = crate::state::request_client().await;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .create_inquiry(inquiry, &client, &base)
        .await?)
}

/// What the company sees through its private link.
#[server(prefix = "/rpc", endpoint = "track_inquiry", input = Json)]
pub async fn track_inquiry(token: String) -> Result<Tracking, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.directory.tracking(&token).await?)
}

/// Adds the company's message through its private link.
#[server(prefix = "/rpc", endpoint = "company_message", input = Json)]
pub async fn company_message(token: String, message: String) -> Result<Tracking, AppError> {
    let state = crate::state::app_state()?;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .company_message(&token, &message, &base)
        .await?)
}

/// The signed-in account's inbox.
#[server(prefix = "/rpc", endpoint = "load_inbox", input = Json)]
pub async fn load_inbox() -> Result<Vec<InboxItem>, AppError> {
    let state = crate::state::app_state()?;
    let actor = actor().await?;
    Ok(state.directory.inbox(&actor).await?)
}

/// Answers an inquiry (or, staff, adds an internal note).
#[server(prefix = "/rpc", endpoint = "reply_inquiry", input = Json)]
pub async fn reply_inquiry(
    id: i64,
    message: String,
    internal: bool,
    reveal: bool,
    csrf: String,
) -> Result<InboxItem, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .reply_revealing(&actor, id, &message, internal, reveal, &base)
        .await?)
}

/// Stops every tracking link of an inquiry from working (staff).
#[server(prefix = "/rpc", endpoint = "revoke_tracking", input = Json)]
pub async fn revoke_tracking(id: i64, csrf: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state.directory.revoke_tracking(&actor, id).await?)
}

/// Closes an inquiry with its outcome (staff).
#[server(prefix = "/rpc", endpoint = "close_inquiry", input = Json)]
pub async fn close_inquiry(
    id: i64,
    outcome: String,
    note: String,
    csrf: String,
) -> Result<InboxItem, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state
        .directory
        .close_inquiry(&actor, id, &outcome, &note)
        .await?)
}

/// Mail not sent yet, with why (staff).
#[server(prefix = "/rpc", endpoint = "load_outbox", input = Json)]
pub async fn load_outbox() -> Result<Vec<crate::model::inquiry::OutboxMail>, AppError> {
    let state = crate::state::app_state()?;
    let actor = actor().await?;
    Ok(state
        .directory
        .unsent_mail(&actor)
        .await?
        .into_iter()
        .map(|m| crate::model::inquiry::OutboxMail {
            id: m.mail_id,
            to: m.recipient,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error,
            saved_as: m.saved_as,
            created_at: crate::db::rfc3339(m.created_at),
        })
        .collect())
}

/// Sends an unsent mail again now (staff).
#[server(prefix = "/rpc", endpoint = "retry_mail", input = Json)]
pub async fn retry_mail(id: i64, csrf: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    Ok(state.directory.retry_mail(&actor, id).await?)
}

/// The collaboration report (staff).
#[server(prefix = "/rpc", endpoint = "load_inquiry_report", input = Json)]
pub async fn load_inquiry_report() -> Result<crate::model::report::InquiryReport, AppError> {
    let state = crate::state::app_state()?;
    let actor = actor().await?;
    Ok(state.directory.inquiry_report(&actor).await?)
}

/// Takes an inquiry on (협의 중), with an optional message to the company.
#[server(prefix = "/rpc", endpoint = "accept_inquiry", input = Json)]
pub async fn accept_inquiry(id: i64, message: String, csrf: String) -> Result<InboxItem, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .accept_inquiry(&actor, id, &message, &base)
        .await?)
}

/// Declines an inquiry with a reason for the company.
#[server(prefix = "/rpc", endpoint = "decline_inquiry", input = Json)]
pub async fn decline_inquiry(id: i64, reason: String, csrf: String) -> Result<InboxItem, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .decline_inquiry(&actor, id, &reason, &base)
        .await?)
}

/// Forwards an inquiry to a colleague (or, staff, reassigns it).
#[server(prefix = "/rpc", endpoint = "forward_inquiry", input = Json)]
pub async fn forward_inquiry(
    id: i64,
    to: String,
    note: String,
    csrf: String,
) -> Result<InboxItem, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::state::signed_in(&csrf).await?;
    let base = crate::seo::base_url();
    Ok(state
        .directory
        .forward_inquiry(&actor, id, &to, &note, &base)
        .await?)
}

/// Colleagues to forward an inquiry to.
#[server(prefix = "/rpc", endpoint = "inquiry_colleagues", input = Json)]
pub async fn inquiry_colleagues(id: i64) -> Result<Vec<crate::model::inquiry::Asked>, AppError> {
    let state = crate::state::app_state()?;
    let actor = actor().await?;
    Ok(state.directory.inquiry_colleagues(&actor, id).await?)
}

/// Posts a company's need (기술 수요).
#[server(prefix = "/rpc", endpoint = "send_need", input = Json)]
pub async fn send_need(need: crate::model::inquiry::NewNeed) -> Result<Created, AppError> {
    let state = crate::state::app_state()?;
    let client = crate::state::request_client().await;
    let base = crate::seo::base_url();
    Ok(state.directory.create_need(need, &client, &base).await?)
}
