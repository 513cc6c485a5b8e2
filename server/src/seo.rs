//! `/robots.txt` and `/sitemap.xml`: what search engines may read, and every published card
//! with its last change.

use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// Most addresses in one sitemap file (the protocol's limit).
const PER_SITEMAP: i64 = 50_000;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/robots.txt", axum::routing::get(robots))
        .route("/sitemap.xml", axum::routing::get(sitemap))
}

/// `RCARD_PUBLIC_URL`, else the scheme and host of the request.
pub(crate) fn base_url(headers: &HeaderMap) -> String {
    if let Ok(base) = std::env::var("RCARD_PUBLIC_URL")
        && !base.trim().is_empty()
    {
        return base.trim().trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
    {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

async fn robots(headers: HeaderMap) -> Response {
    let body = format!(
        "User-agent: *\n\
         Allow: /\n\
         Disallow: /api/\n\
         Disallow: /rpc/\n\
         Disallow: /edit/\n\
         Disallow: /staff\n\
         Disallow: /login\n\
         Disallow: /set-password\n\
         Disallow: /inbox\n\
         Disallow: /track/\n\
         Disallow: /en/edit/\n\
         Disallow: /en/staff\n\
         Disallow: /en/login\n\
         Disallow: /en/set-password\n\
         Disallow: /en/inbox\n\
         Disallow: /en/track/\n\
         \n\
         Sitemap: {}/sitemap.xml\n",
        base_url(&headers)
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct Page {
    page: Option<i64>,
}

/// Text for HTML or XML: `&`, `<`, `>` and both quotes escaped (`&#39;` is valid in both).
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A date (UTC) of Unix seconds, `YYYY-MM-DD`: the day part of the stored RFC 3339 time.
fn date(seconds: i64) -> String {
    app::db::rfc3339(seconds)[..10].to_string()
}

/// Every published card with `lastmod`. Past [`PER_SITEMAP`] cards, `/sitemap.xml` is an
/// index of `/sitemap.xml?page=N`, one file per 50,000 cards.
async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(Page { page }): Query<Page>,
) -> Response {
    let base = escape(&base_url(&headers));
    let index = page.unwrap_or(0);
    let offset = (index.max(1) - 1) * PER_SITEMAP;
    let (cards, total) = match state.directory.published_slugs(PER_SITEMAP, offset).await {
        Ok(found) => found,
        Err(e) => return crate::api::error_response(&app::error::AppError::from(e)),
    };
    let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if page.is_none() && total > PER_SITEMAP {
        body.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for n in 1..=(total + PER_SITEMAP - 1) / PER_SITEMAP {
            let _ = writeln!(
                body,
                "<sitemap><loc>{base}/sitemap.xml?page={n}</loc></sitemap>"
            );
        }
        body.push_str("</sitemapindex>\n");
    } else if index < 0 || offset >= total.max(1) && index > 1 {
        return (StatusCode::NOT_FOUND, "no such sitemap page\n").into_response();
    } else {
        body.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        // each page with its Korean and English versions (the English ones are found through them)
        let alternates = |ko: &str, en: &str| {
            format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"ko\" href=\"{base}{ko}\"/>\
                 <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}{en}\"/>"
            )
        };
        let _ = writeln!(
            body,
            "<url><loc>{base}/</loc>{}</url>",
            alternates("/", "/en/")
        );
        for (slug, updated) in &cards {
            let path = format!(
                "/cards/{}",
                escape(&app::model::search::encode_component(slug))
            );
            let _ = writeln!(
                body,
                "<url><loc>{base}{path}</loc><lastmod>{}</lastmod>{}</url>",
                date(*updated),
                alternates(&path, &format!("/en{path}"))
            );
        }
        body.push_str("</urlset>\n");
    }
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_796_083_200), "2026-12-01");
        assert_eq!(date(1_796_083_199), "2026-11-30");
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&#39;");
    }
}
