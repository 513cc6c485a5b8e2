//! What every route shares: security headers on every response, and two checks on
//! state-changing requests (POST, PUT, PATCH, DELETE):
//! - **same origin**: a request a browser sends from another site (its `Origin` differs from
//!   ours, or `Sec-Fetch-Site` says `cross-site` or `same-site`) is refused with 403, so a
//!   foreign page cannot sign someone in (login CSRF) or act with their cookie;
//! - **JSON only** on the JSON API: a body that is not `application/json` (or JSON Lines for
//!   an import) is refused with 415, since a cross-site form can send `text/plain` without
//!   a preflight.
//!
//! Requests without `Origin` and `Sec-Fetch-Site` (command-line clients, institute systems)
//! pass the origin check: only browsers carry a victim's cookie.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The policy of responses that set none of their own (pages set one with a nonce for
/// their hydration script, see `app::content_security_policy`).
const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    frame-src https://www.youtube-nocookie.com; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// Media types the JSON API accepts for a request body.
const JSON_TYPES: [&str; 4] = [
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/x-jsonlines",
];

/// The middleware: refuses what [`refusal`] finds, and adds the security headers.
pub async fn guard(request: Request, next: Next) -> Response {
    let mut response = match refusal(&request) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    secure(response.headers_mut());
    response
}

fn secure(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(headers, header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// Why a request is refused, if it is.
fn refusal(request: &Request) -> Option<Response> {
    let changes_state = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !changes_state {
        return None;
    }
    let headers = request.headers();
    if is_cross_origin(headers) {
        return Some(error(
            StatusCode::FORBIDDEN,
            "cross_origin",
            "다른 사이트에서 보낸 요청은 받지 않습니다. R-Card 화면에서 다시 시도하세요. \
             (A request sent from another site's page is refused; use R-Card's own pages, \
             or call the API without a browser Origin.)",
        ));
    }
    if request.uri().path().starts_with("/api/") && has_body(headers) {
        let essence = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if !JSON_TYPES.contains(&essence.as_str()) {
            let sent = if essence.is_empty() {
                "no Content-Type".to_string()
            } else {
                format!("`{essence}`")
            };
            return Some(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                &format!(
                    "the body must be sent as `Content-Type: application/json` \
                     (JSON Lines for /api/import: `application/x-ndjson`); this request has {sent}"
                ),
            ));
        }
    }
    None
}

/// Whether the request carries a body.
fn has_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > 0)
}

/// A browser's request from a page of another origin.
fn is_cross_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(origin) = text(header::ORIGIN) {
        let Some(host) = text(header::HOST) else {
            return true;
        };
        let own = |scheme: &str| origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"));
        // behind a proxy the scheme the browser used may differ from ours
        let forwarded =
            text(axum::http::HeaderName::from_static("x-forwarded-host")).is_some_and(|h| {
                origin
                    .split_once("://")
                    .is_some_and(|(_, o)| o.eq_ignore_ascii_case(h))
            });
        let public = std::env::var("RCARD_PUBLIC_URL")
            .ok()
            .is_some_and(|p| origin.eq_ignore_ascii_case(p.trim_end_matches('/')));
        return !(own("http") || own("https") || forwarded || public);
    }
    matches!(
        text(axum::http::HeaderName::from_static("sec-fetch-site")),
        Some("cross-site" | "same-site")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                axum::http::HeaderName::from_static(k),
                HeaderValue::from_static(v),
            );
        }
        h
    }

    #[test]
    fn own_origin_passes_and_foreign_ones_do_not() {
        let own = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(!is_cross_origin(&own));
        let foreign = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example"),
        ]);
        assert!(is_cross_origin(&foreign));
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(is_cross_origin(&null));
        let fetch = headers(&[("host", "a"), ("sec-fetch-site", "cross-site")]);
        assert!(is_cross_origin(&fetch));
        let direct = headers(&[("host", "a"), ("sec-fetch-site", "none")]);
        assert!(!is_cross_origin(&direct));
        assert!(!is_cross_origin(&headers(&[("host", "a")])));
    }
}
