//! Server state handed to handlers and server functions.

use crate::error::AppError;
use crate::service::Directory;
use axum::extract::FromRef;
use leptos::prelude::*;

/// Everything a request needs.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub directory: Directory,
    /// The public pages' script (see [`crate::bundles`]).
    pub public_script: crate::bundles::PublicScript,
}

/// The state, from the Leptos context of the current request.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rcard_session";

/// The session token in a request's `Cookie` header.
pub fn session_token(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// Whether the browser reached us over HTTPS (directly or through a proxy that says so),
/// or `RCARD_SECURE_COOKIES=1` forces secure cookies.
fn secure(headers: &axum::http::HeaderMap) -> bool {
    std::env::var("RCARD_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The client a request comes from, for throttling sign-ins: the peer's IP address, or
/// with `RCARD_TRUST_PROXY=1` (behind a reverse proxy that sets it) the first address of
/// `X-Forwarded-For`.
pub fn client_address(
    peer: Option<std::net::SocketAddr>,
    headers: &axum::http::HeaderMap,
) -> String {
    let trusted = std::env::var("RCARD_TRUST_PROXY").is_ok_and(|v| v.trim() == "1");
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok());
    match (trusted, forwarded, peer) {
        (true, Some(ip), _) => ip.to_string(),
        (_, _, Some(peer)) => peer.ip().to_string(),
        _ => "unknown".into(),
    }
}

/// The `Set-Cookie` value that starts a session (`Some(token)`) or ends it (`None`).
pub fn session_cookie(token: Option<&str>, headers: &axum::http::HeaderMap) -> String {
    let secure = if secure(headers) { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
            crate::service::account::SESSION_SECONDS
        ),
        None => format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}"),
    }
}

/// The signed-in account of the current server-function request, if any.
pub async fn current_actor() -> Result<Option<crate::service::account::Actor>, AppError> {
    let state = app_state()?;
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.map_err(|e| {
        tracing::error!(error = %e, "cannot read request headers");
        AppError::Internal
    })?;
    match session_token(&headers) {
        Some(token) => Ok(state.directory.session(&token).await?),
        None => Ok(None),
    }
}

/// The client address of the current server-function request (see [`client_address`]).
pub async fn request_client() -> String {
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0);
    client_address(peer, &headers)
}

/// The signed-in account of the current server-function request; checks the CSRF token the
/// page sends along with every change.
pub async fn signed_in(csrf: &str) -> Result<crate::service::account::Actor, AppError> {
    let actor = current_actor().await?.ok_or_else(AppError::sign_in)?;
    if actor.csrf_matches(csrf) {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}
