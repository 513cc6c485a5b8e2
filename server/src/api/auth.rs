//! Sign-in, sessions and accounts: `POST /api/auth/login|logout|password`, `GET /api/me`,
//! and the staff's `POST /api/accounts` and `POST /api/accounts/reset`, which answer with a
//! one-time link to pass on.

use super::{Acting, ApiResult, Example, JsonBody, SignedIn};
use app::model::account::{LoginRequest, Role};
use app::state::{AppState, session_cookie};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/auth/login", post(login))
        .route("/api/auth/logout", post(logout))
        .route("/api/auth/password", post(set_password))
        .route("/api/me", get(me))
        .route("/api/accounts", post(add_account))
        .route("/api/accounts/reset", post(reset_password))
}

impl Example for LoginRequest {
    const EXAMPLE: &'static str = r#"{"email": "…", "password": "…"}"#;
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<LoginRequest>,
) -> ApiResult<Response> {
    let client = app::state::client_address(Some(peer), &headers);
    let session = state
        .directory
        .login(&request.email, &request.password, &client)
        .await?;
    let cookie = session_cookie(Some(&session.token), &headers);
    Ok(([(header::SET_COOKIE, cookie)], Json(session.me)).into_response())
}

async fn logout(
    State(state): State<AppState>,
    Acting(actor): Acting,
    headers: HeaderMap,
) -> ApiResult<Response> {
    state.directory.logout(&actor).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session_cookie(None, &headers))],
    )
        .into_response())
}

async fn me(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<app::model::account::Me>> {
    Ok(Json(state.directory.me(&actor).await?))
}

#[derive(Deserialize)]
struct PasswordRequest {
    token: String,
    password: String,
}

impl Example for PasswordRequest {
    const EXAMPLE: &'static str = r#"{"token": "…", "password": "…"}"#;
}

/// Sets a password with a one-time invitation or reset token (no session needed).
async fn set_password(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<PasswordRequest>,
) -> ApiResult<StatusCode> {
    state
        .directory
        .set_password_with_token(&request.token, &request.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct NewAccount {
    email: String,
    role: Role,
    #[serde(default)]
    card: Option<String>,
}

impl Example for NewAccount {
    const EXAMPLE: &'static str =
        r#"{"email": "kim@keti.re.kr", "role": "researcher", "card": "seoyeon-kim"}"#;
}

/// Creates an account and answers with its one-time set-password link (to pass on).
async fn add_account(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(request): JsonBody<NewAccount>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let directory = &state.directory;
    let id = directory
        .add_account(
            Some(&actor),
            &request.email,
            request.role,
            request.card.as_deref(),
        )
        .await?;
    let token = directory.issue_token(id, "invite").await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "invite_path": app::links::set_password(&token)})),
    ))
}

#[derive(Deserialize)]
struct ResetRequest {
    email: String,
}

impl Example for ResetRequest {
    const EXAMPLE: &'static str = r#"{"email": "kim@keti.re.kr"}"#;
}

/// Issues a one-time password-reset link for an account (staff: researchers; admin: anyone).
async fn reset_password(
    State(state): State<AppState>,
    Acting(actor): Acting,
    JsonBody(request): JsonBody<ResetRequest>,
) -> ApiResult<Json<Value>> {
    let token = state
        .directory
        .reset_token_by_staff(&actor, &request.email)
        .await?;
    Ok(Json(
        json!({"reset_path": app::links::set_password(&token)}),
    ))
}
