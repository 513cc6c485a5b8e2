//! Server functions for signing in and out and setting a password. Changes elsewhere carry
//! the session's CSRF token (`csrf`), which the pages get from [`who_am_i`].

use crate::error::AppError;
use crate::model::account::Me;
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

/// The signed-in account of the request, or the error that asks to sign in.
#[cfg(feature = "ssr")]
pub(super) async fn actor() -> Result<crate::service::account::Actor, AppError> {
    crate::state::current_actor()
        .await?
        .ok_or_else(AppError::sign_in)
}
