//! The error type that crosses the wire between server and browser.

use crate::model::validate::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error safe to send to a browser or API client; internal details are logged, never sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("찾는 연구자 카드가 없습니다.")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("입력한 내용을 확인해 주세요.")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    /// A save based on an older version; carries the card as it is now.
    #[error("다른 사람이 먼저 이 카드를 저장했습니다. 바뀐 내용을 확인하고 다시 저장하세요.")]
    Stale(Box<crate::model::account::EditableCard>),
    #[error("{0}")]
    Unauthorized(String),
    #[error("이 작업을 할 권한이 없습니다.")]
    Forbidden,
    #[error("{0}")]
    TooMany(String),
    #[error("서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.")]
    Internal,
    #[error("서버에 연결하지 못했습니다: {0}")]
    Transport(String),
}

impl AppError {
    /// The answer to a request that needs a signed-in account.
    pub fn sign_in() -> AppError {
        AppError::Unauthorized("로그인이 필요합니다. /login 에서 로그인하세요.".into())
    }

    /// A stable machine-readable code for JSON error bodies.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::Stale(_) => "stale",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::TooMany(_) => "too_many_requests",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) | AppError::Stale(_) => 409,
            AppError::Unauthorized(_) => 401,
            AppError::Forbidden => 403,
            AppError::TooMany(_) => 429,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        AppError::Transport(e.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::service::DomainError> for AppError {
    fn from(e: crate::service::DomainError) -> Self {
        use crate::service::DomainError as D;
        let app = match e {
            D::NotFound => AppError::NotFound,
            D::BadParam(p) => AppError::BadRequest(format!("`{}`: {}", p.param, p.message)),
            D::Invalid(errors) => AppError::Invalid(errors),
            D::Conflict(m) => AppError::Conflict(m),
            D::Stale(current) => AppError::Stale(current),
            D::BadRequest(m) => AppError::BadRequest(m),
            D::Unauthorized(m) => AppError::Unauthorized(m),
            D::Forbidden => AppError::Forbidden,
            D::TooMany(m) => AppError::TooMany(m),
            other => {
                tracing::error!(error = ?other, "request failed");
                AppError::Internal
            }
        };
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                axum::http::StatusCode::from_u16(app.status())
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        app
    }
}
