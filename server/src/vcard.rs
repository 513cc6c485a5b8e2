//! `/cards/{slug}/vcard`: a researcher's public contact as a vCard (RFC 6350, version 4.0),
//! for a company's address book. Only what the card shows publicly goes in.

use crate::AppState;
use app::model::card::{PublicCard, Status};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/cards/{slug}/vcard", axum::routing::get(vcard))
}

/// A text value escaped for a vCard property.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines longer than 75 octets are folded (a break and a space), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// The vCard of a published card; `url` is the card's page.
pub fn card_vcard(card: &PublicCard, url: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:4.0".to_string(),
        format!("FN:{}", text(&card.name)),
        format!("N:{};;;;", text(&card.name)),
    ];
    if !card.name_en.is_empty() {
        lines.push(format!("NICKNAME:{}", text(&card.name_en)));
    }
    let org = [card.organization.as_str(), card.division.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| text(s))
        .collect::<Vec<_>>()
        .join(";");
    if !org.is_empty() {
        lines.push(format!("ORG:{org}"));
    }
    if !card.position.is_empty() {
        lines.push(format!("TITLE:{}", text(&card.position)));
    }
    // the public view holds only what the researcher made public
    if !card.contact.email.is_empty() {
        lines.push(format!("EMAIL;TYPE=work:{}", text(&card.contact.email)));
    }
    if !card.contact.phone.is_empty() {
        lines.push(format!("TEL;TYPE=work,voice:{}", text(&card.contact.phone)));
    }
    if !card.keywords.is_empty() {
        lines.push(format!(
            "CATEGORIES:{}",
            card.keywords
                .iter()
                .map(|k| text(k))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    lines.push(format!("URL:{url}"));
    lines.push(format!(
        "NOTE:{}",
        text("협력 문의는 R-Card 카드 페이지의 ‘협력 문의하기’로 보낼 수 있습니다.")
    ));
    lines.push("END:VCARD".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

async fn vcard(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    match state.directory.public_card(&slug).await {
        Ok(card) if card.status == Status::Published => {
            let url = format!("{}/cards/{}", crate::seo::base_url(&headers), card.slug);
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/vcard; charset=utf-8".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{}.vcf\"", card.slug),
                    ),
                ],
                card_vcard(&card, &url),
            )
                .into_response()
        }
        Ok(_) => crate::api::error_response(&app::error::AppError::NotFound),
        Err(e) => crate::api::error_response(&app::error::AppError::from(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_long_lines_folded_between_characters() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("NOTE:{}", "가".repeat(40));
        let folded = fold(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
