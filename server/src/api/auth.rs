//! Sign-in, sessions and accounts: `POST /api/auth/login|logout|password`, `GET /api/me`,
//! and the staff's `POST /api/accounts` and `POST /api/accounts/reset`, which answer with a
//! one-time link to pass on.

use super::ErrorBody;
use super::{Acting, ApiResult, Example, JsonBody, SignedIn};
use app::model::account::{LoginRequest, Me, Role};
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

#[utoipa::path(
    post,
    path = "/api/auth/login",
    tag = "accounts",
    summary = "Sign in",
    request_body(content = LoginRequest, example = json!({"email": "researcher@keti.re.kr", "password": "a long passphrase"})),
    responses(
        (status = 200, description = "Signed in: the session cookie is set; the body is the account with its `csrf_token`", body = Me),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 429, description = "Too many requests from this client", body = ErrorBody),
    )
)]
pub(super) async fn login(
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

#[utoipa::path(
    post,
    path = "/api/auth/logout",
    tag = "accounts",
    summary = "Sign out",
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn logout(
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

#[utoipa::path(
    get,
    path = "/api/me",
    tag = "accounts",
    summary = "The signed-in account",
    security(("session" = [])),
    responses(
        (status = 200, description = "The account, its role, its card and its CSRF token", body = Me),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
    )
)]
pub(super) async fn me(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Me>> {
    Ok(Json(state.directory.me(&actor).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct PasswordRequest {
    token: String,
    password: String,
}

impl Example for PasswordRequest {
    const EXAMPLE: &'static str = r#"{"token": "…", "password": "…"}"#;
}

/// Sets a password with a one-time invitation or reset token (no session needed).
#[utoipa::path(
    post,
    path = "/api/auth/password",
    tag = "accounts",
    summary = "Set a password with a one-time link's token",
    request_body(content = PasswordRequest),
    responses(
        (status = 204, description = "Set; sign in with it"),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "The link is unknown, used or expired", body = ErrorBody),
    )
)]
pub(super) async fn set_password(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<PasswordRequest>,
) -> ApiResult<StatusCode> {
    state
        .directory
        .set_password_with_token(&request.token, &request.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct NewAccount {
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
#[utoipa::path(
    post,
    path = "/api/accounts",
    tag = "accounts",
    summary = "Add an account (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = NewAccount),
    responses(
        (status = 201, description = "`{\"email\", \"role\", \"link\"}`: the one-time link for setting its password", body = serde_json::Value),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn add_account(
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

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct ResetRequest {
    email: String,
}

impl Example for ResetRequest {
    const EXAMPLE: &'static str = r#"{"email": "kim@keti.re.kr"}"#;
}

/// Issues a one-time password-reset link for an account (staff: researchers; admin: anyone).
#[utoipa::path(
    post,
    path = "/api/accounts/reset",
    tag = "accounts",
    summary = "A new one-time password link (staff)",
    security(("session" = [], "csrf" = [])),
    request_body(content = ResetRequest),
    responses(
        (status = 200, description = "`{\"email\", \"link\"}`", body = serde_json::Value),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn reset_password(
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
