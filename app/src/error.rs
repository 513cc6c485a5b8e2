//! The error type that crosses the wire between server and browser, and its one body:
//! `{"error": {"code", "message", …}}`, sent by the JSON API and the server functions alike.

use crate::model::validate::FieldErrors;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// An error safe to send to a browser or API client; internal details are logged, never sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("찾는 연구자 카드가 없습니다.")]
    NotFound,
    /// Something other than a card is not there (an inquiry, a tracking link); says what.
    #[error("{0}")]
    Missing(String),
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
    #[error(
        "서버의 디스크가 가득 차서 저장하지 못했습니다. \
         서버 관리자가 데이터 디렉터리의 공간을 확보한 뒤 다시 시도하세요. \
         (disk full: the change could not be written; free space in the server's data directory, then try again)"
    )]
    DiskFull,
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
            AppError::NotFound | AppError::Missing(_) => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::Stale(_) => "stale",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::TooMany(_) => "too_many_requests",
            AppError::DiskFull => "disk_full",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound | AppError::Missing(_) => 404,
            AppError::BadRequest(_) => 400,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) | AppError::Stale(_) => 409,
            AppError::Unauthorized(_) => 401,
            AppError::Forbidden => 403,
            AppError::TooMany(_) => 429,
            AppError::DiskFull => 507,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// The JSON body this error is sent with: `{"error": {"code", "message"}}`, plus `fields`
    /// for `invalid` and `current` (the card) and `version` for `stale`.
    pub fn body(&self) -> serde_json::Value {
        let mut body = json!({"error": {"code": self.code(), "message": self.to_string()}});
        if let AppError::Invalid(fields) = self {
            body["error"]["fields"] = serde_json::to_value(fields).unwrap_or_default();
        }
        if let AppError::Stale(current) = self {
            body["error"]["current"] = serde_json::to_value(&current.card).unwrap_or_default();
            body["error"]["version"] = json!(current.version);
        }
        body
    }

    /// Reads a body made by [`AppError::body`] (or one of the server's own refusals, such as
    /// `cross_origin`) back into the error, as the browser does with a server function's error.
    pub fn from_body(bytes: &[u8]) -> Result<AppError, String> {
        #[derive(Deserialize)]
        struct Body {
            error: Inner,
        }
        #[derive(Deserialize)]
        struct Inner {
            code: String,
            #[serde(default)]
            message: String,
            #[serde(default)]
            fields: Option<FieldErrors>,
            #[serde(default)]
            current: Option<crate::model::card::CardRecord>,
            #[serde(default)]
            version: Option<i64>,
        }
        let Body { error } = serde_json::from_slice(bytes).map_err(|e| {
            format!(
                "not an error body ({e}): {}",
                String::from_utf8_lossy(bytes)
            )
        })?;
        let message = error.message;
        Ok(match error.code.as_str() {
            "not_found" if message == AppError::NotFound.to_string() || message.is_empty() => {
                AppError::NotFound
            }
            "not_found" => AppError::Missing(message),
            "bad_request" | "unsupported_media_type" | "method_not_allowed" | "too_large" => {
                AppError::BadRequest(message)
            }
            "invalid" => AppError::Invalid(error.fields.unwrap_or_default()),
            "conflict" => AppError::Conflict(message),
            // the editor's conflict view needs the card and its version
            "stale" => match (error.current, error.version) {
                (Some(card), Some(version)) => {
                    AppError::Stale(Box::new(crate::model::account::EditableCard {
                        card,
                        version,
                        review: false,
                        last_edit: None,
                        places: Default::default(),
                    }))
                }
                _ => return Err("a `stale` error without `current` and `version`".into()),
            },
            "unauthorized" => AppError::Unauthorized(message),
            "forbidden" | "csrf" | "cross_origin" => AppError::Forbidden,
            "too_many_requests" => AppError::TooMany(message),
            "disk_full" => AppError::DiskFull,
            "internal" => AppError::Internal,
            _ => AppError::Transport(message),
        })
    }
}

/// The encoding of server functions' errors: the JSON API's error body (see [`AppError::body`]).
pub struct ErrorEncoding;

impl ContentType for ErrorEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for ErrorEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl Encodes<AppError> for ErrorEncoding {
    type Error = serde_json::Error;

    fn encode(error: &AppError) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(&error.body()).map(Bytes::from)
    }
}

impl Decodes<AppError> for ErrorEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<AppError, Self::Error> {
        AppError::from_body(&bytes)
    }
}

impl FromServerFnError for AppError {
    type Encoder = ErrorEncoding;

    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        framework_error(e)
    }
}

/// On the server, a request the framework could not read (400) or, rarely, its own failure
/// (500, logged).
#[cfg(feature = "ssr")]
fn framework_error(e: ServerFnErrorErr) -> AppError {
    use ServerFnErrorErr as E;
    match e {
        E::Args(_)
        | E::MissingArg(_)
        | E::Deserialization(_)
        | E::Request(_)
        | E::UnsupportedRequestMethod(_) => AppError::BadRequest(format!(
            "요청을 읽지 못했습니다. 보낸 인자의 이름과 형식을 확인하세요. ({e})"
        )),
        other => {
            tracing::error!(error = %other, "server function failed");
            AppError::Internal
        }
    }
}

/// In the browser, a call that did not get through or an answer that could not be read.
#[cfg(not(feature = "ssr"))]
fn framework_error(e: ServerFnErrorErr) -> AppError {
    AppError::Transport(e.to_string())
}

#[cfg(feature = "ssr")]
impl From<crate::service::DomainError> for AppError {
    fn from(e: crate::service::DomainError) -> Self {
        use crate::service::DomainError as D;
        let app = match e {
            D::NotFound => AppError::NotFound,
            D::Missing(m) => AppError::Missing(m),
            D::BadParam(p) => AppError::BadRequest(format!("`{}`: {}", p.param, p.message)),
            D::Invalid(errors) => AppError::Invalid(errors),
            D::Conflict(m) => AppError::Conflict(m),
            D::Stale(current) => AppError::Stale(current),
            D::BadRequest(m) => AppError::BadRequest(m),
            D::Unauthorized(m) => AppError::Unauthorized(m),
            D::Forbidden => AppError::Forbidden,
            D::TooMany(m) => AppError::TooMany(m),
            D::Db(e) if crate::db::violated_unique(&e).is_some() => {
                let message = match crate::db::violated_unique(&e) {
                    Some("card_slug_key") => {
                        "이 주소(slug)는 방금 다른 카드가 먼저 썼습니다. 다른 주소를 고르세요"
                    }
                    Some("card_external_id_key") => "이 외부 ID는 방금 다른 카드가 먼저 썼습니다",
                    Some("account_email_key") => {
                        "이 이메일로 된 계정이 이미 있습니다. 비밀번호 재설정 링크를 보내세요"
                    }
                    Some("account_card_key") => {
                        "이 카드에는 이미 연구자 계정이 있습니다. 카드 하나에 계정 하나입니다"
                    }
                    _ => "같은 항목이 방금 먼저 저장되었습니다. 새로 고친 뒤 다시 시도하세요",
                };
                tracing::info!(constraint = ?crate::db::violated_unique(&e), "a write lost a race to a unique key");
                AppError::Conflict(message.into())
            }
            full if full.is_disk_full() => {
                tracing::error!(error = ?full, "a write failed: the disk is full");
                AppError::DiskFull
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::account::EditableCard;
    use crate::model::card::CardRecord;
    use crate::model::validate::FieldError;

    #[test]
    fn every_error_a_server_function_sends_is_decoded_as_it_was_sent() {
        let card = CardRecord {
            id: "K-1".into(),
            name: "김서연".into(),
            keywords: vec!["반도체".into()],
            ..Default::default()
        };
        let stale = AppError::Stale(Box::new(EditableCard {
            card,
            version: 4,
            review: false,
            last_edit: None,
            places: Default::default(),
        }));
        let errors = [
            AppError::NotFound,
            AppError::BadRequest("`slug`: 너무 깁니다".into()),
            AppError::Invalid(vec![FieldError {
                path: "name".into(),
                message: "필수 항목입니다.".into(),
            }]),
            AppError::Conflict("slug `kim` is already used".into()),
            stale,
            AppError::sign_in(),
            AppError::Forbidden,
            AppError::TooMany("잠시 뒤 다시".into()),
            AppError::DiskFull,
            AppError::Internal,
        ];
        for error in errors {
            // what the browser does with a server function's error body
            assert_eq!(AppError::de(error.ser()), error);
        }
    }

    #[test]
    fn server_function_errors_have_the_json_apis_shape() {
        let body: serde_json::Value = serde_json::from_slice(&AppError::sign_in().ser()).unwrap();
        assert_eq!(body["error"]["code"], "unauthorized");
        assert_eq!(
            body["error"]["message"],
            "로그인이 필요합니다. /login 에서 로그인하세요."
        );
        let refused = br#"{"error": {"code": "cross_origin", "message": "..."}}"#;
        assert_eq!(AppError::from_body(refused), Ok(AppError::Forbidden));
        assert!(AppError::from_body(b"<html>bad gateway</html>").is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_request_the_framework_cannot_read_is_a_bad_request() {
        let e =
            AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `slug`".into()));
        assert_eq!(e.status(), 400);
        assert!(e.to_string().starts_with("요청을 읽지 못했습니다"), "{e}");
        assert!(e.to_string().contains("missing field `slug`"), "{e}");
    }
}
