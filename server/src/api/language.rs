//! The JSON API's error messages in the language the client asks for: `Accept-Language`
//! chooses Korean (the default) or English, and an error's `message` and its fields'
//! messages are given in it through the message catalogue (`app::i18n::messages`). The
//! `code`, the fields' paths and the status stay as they are.

use app::i18n::Lang;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// Largest error body rewritten; an import's line report can be long.
const MAX_ERROR_BODY: usize = 16 * 1024 * 1024;

/// The middleware; it passes every answer but an `/api/` error through untouched.
pub async fn localize(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Ko, Lang::from_accept_language);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || !is_json(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        tracing::error!("cannot read an API error's body");
        return crate::api::error_response(&app::error::AppError::Internal);
    };
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(mut value) => {
            translate(&mut value["error"], lang);
            serde_json::to_vec(&value).map_or(bytes, Into::into)
        }
        Err(_) => bytes,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-language"));
    Response::from_parts(parts, Body::from(body))
}

/// An error object's `message` and its fields' messages in `lang`.
fn translate(error: &mut Value, lang: Lang) {
    if let Some(Value::String(message)) = error.get_mut("message") {
        *message = lang.localize(message);
    }
    if let Some(Value::Array(fields)) = error.get_mut("fields") {
        for field in fields {
            if let Some(Value::String(message)) = field.get_mut("message") {
                *message = lang.localize(message);
            }
        }
    }
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}
