//! The API's one error type and what every handler takes from a request: the signed-in
//! account ([`SignedIn`]), the same with its CSRF token checked for a change ([`Acting`]),
//! and a JSON body that says what it should look like when it is wrong ([`JsonBody`]).

use app::error::AppError;
use app::service::DomainError;
use app::service::account::Actor;
use app::state::{AppState, session_token};
use axum::Json;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Why a request failed, sent as `{"error": {"code", "message", …}}` with its status.
#[derive(Debug)]
pub enum ApiError {
    /// Anything the directory or a check refused.
    App(AppError),
    /// A change without the session's `X-CSRF-Token`.
    Csrf,
    /// An error with a body of its own (an import's line report): status, code, message
    /// and extra keys of `error`.
    Detailed {
        status: StatusCode,
        code: &'static str,
        message: String,
        extra: Value,
    },
}

/// What a handler answers.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        ApiError::App(AppError::from(e))
    }
}

impl ApiError {
    /// A 400 with `message`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::App(AppError::BadRequest(message.into()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::App(e) => error_response(&e),
            ApiError::Csrf => {
                let body = json!({"error": {"code": "csrf", "message":
                    "missing or wrong X-CSRF-Token header; send the csrf_token from the login response (also in GET /api/me)"}});
                (StatusCode::FORBIDDEN, Json(body)).into_response()
            }
            ApiError::Detailed {
                status,
                code,
                message,
                extra,
            } => {
                let mut error = json!({"code": code, "message": message});
                if let (Some(error), Value::Object(extra)) = (error.as_object_mut(), extra) {
                    error.extend(extra);
                }
                (status, Json(json!({ "error": error }))).into_response()
            }
        }
    }
}

/// An [`AppError`] as a JSON response (also for the pages' own routes).
pub fn error_response(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error.body())).into_response()
}

/// The account a request's session cookie belongs to.
pub async fn session_actor(state: &AppState, headers: &HeaderMap) -> ApiResult<Actor> {
    let token = session_token(headers).ok_or_else(AppError::sign_in)?;
    state.directory.session(&token).await?.ok_or_else(|| {
        AppError::Unauthorized("세션이 만료되었습니다. 다시 로그인하세요.".into()).into()
    })
}

/// The signed-in account (401 without a live session).
pub struct SignedIn(pub Actor);

/// The signed-in account making a change: its session and the session's CSRF token in
/// `X-CSRF-Token` (401 without the session, 403 without the token).
pub struct Acting(pub Actor);

impl<S> FromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let state = AppState::from_ref(state);
        Ok(SignedIn(session_actor(&state, &parts.headers).await?))
    }
}

impl<S> FromRequestParts<S> for Acting
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let state = AppState::from_ref(state);
        let actor = session_actor(&state, &parts.headers).await?;
        let sent = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if actor.csrf_matches(sent) {
            Ok(Acting(actor))
        } else {
            Err(ApiError::Csrf)
        }
    }
}

/// A request body type, with an example of its JSON for the error that a wrong body gets.
pub trait Example {
    const EXAMPLE: &'static str;
}

/// A JSON body of `T`; a wrong one gets a 400 naming where it went wrong and what the body
/// should look like.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Example,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        let bytes = read_body(request, state).await?;
        parse(&bytes).map(JsonBody)
    }
}

/// The whole body; one over the size limit gets 413 `too_large`.
async fn read_body<S: Send + Sync>(request: Request, state: &S) -> ApiResult<axum::body::Bytes> {
    axum::body::Bytes::from_request(request, state)
        .await
        .map_err(|e| {
            let status = e.status();
            let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large"
            } else {
                "bad_request"
            };
            ApiError::Detailed {
                status,
                code,
                message: format!("cannot read the body: {}", e.body_text()),
                extra: Value::Null,
            }
        })
}

/// Parses a JSON body of `T`, or says what it should look like.
pub fn parse<T: serde::de::DeserializeOwned + Example>(bytes: &[u8]) -> ApiResult<T> {
    parse_with(bytes, T::EXAMPLE)
}

/// Parses a JSON body of `T`, or says it should look like `example`.
pub fn parse_with<T: serde::de::DeserializeOwned>(bytes: &[u8], example: &str) -> ApiResult<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(" at `{path}`")
        };
        ApiError::bad_request(format!(
            "the body must be JSON like {example}; problem{at}: {}",
            e.into_inner()
        ))
    })
}

/// An optional JSON body: empty means `T::default()`.
pub struct OptionalBody<T>(pub T);

impl<S, T> FromRequest<S> for OptionalBody<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Example + Default,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        let bytes = read_body(request, state).await?;
        if bytes.is_empty() {
            Ok(OptionalBody(T::default()))
        } else {
            parse(&bytes).map(OptionalBody)
        }
    }
}

/// The body of every error answer (documented in the OpenAPI description; the answers
/// themselves are built by [`AppError::body`] and [`ApiError`]).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// Stable and machine-readable: `not_found`, `bad_request`, `invalid`, `conflict`,
    /// `stale`, `unauthorized`, `forbidden`, `csrf`, `too_many_requests`, `disk_full`, …
    code: String,
    /// For people: Korean, or English when `Accept-Language` prefers it (`Content-Language`
    /// says which).
    message: String,
    /// With `invalid`: every problem, by path in the card (`publications[2].year`).
    fields: Option<Vec<app::model::validate::FieldError>>,
    /// With `stale`: the card as it is now, and its version.
    current: Option<app::model::card::CardRecord>,
    version: Option<i64>,
}
