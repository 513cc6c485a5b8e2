//! The status of the pages' server functions' answers (`/rpc/…`). The framework sends every
//! error of a server function with 500; this middleware gives it the status of its error
//! (400 for a request it could not read, 401, 403, 404, 409, 422, 507, and 500 only for real
//! failures), so that monitoring counts only those. Bodies are the JSON API's
//! `{"error": {"code", "message"}}`, which the browser decodes too (see `app::error`).

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::json;

/// Largest error body read back; server functions' error bodies are a few kilobytes.
const MAX_ERROR_BODY: usize = 16 * 1024 * 1024;

/// The middleware; it passes every other path through.
pub async fn statuses(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/rpc/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    if parts
        .headers
        .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        // a server function's error: its code decides the status
        let bytes = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::error!(error = %e, "cannot read a server function's error");
                return crate::api::error_response(&AppError::Internal);
            }
        };
        if let Ok(error) = AppError::from_body(&bytes) {
            parts.status = StatusCode::from_u16(error.status()).unwrap_or(status);
        }
        return Response::from_parts(parts, Body::from(bytes));
    }
    if is_json(&parts.headers) {
        return Response::from_parts(parts, body);
    }
    // the framework's own answers: no such function, or the wrong method
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "이 주소에는 서버 함수가 없습니다. 주소를 확인하세요. (no server function at this path)",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "이 서버 함수는 이 메서드로 부를 수 없습니다. `Allow` 헤더의 메서드를 쓰세요. \
             (this server function does not take this method; use the one in `Allow`)",
        ),
        s if s.is_client_error() => (
            "bad_request",
            "요청을 읽지 못했습니다. 주소와 본문을 확인하세요. (the request could not be read)",
        ),
        _ => (
            "internal",
            "서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
        ),
    };
    let body = json!({"error": {"code": code, "message": message}}).to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}
