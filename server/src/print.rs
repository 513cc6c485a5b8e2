//! Printable R-Cards: `/cards/{slug}/print` is one A4 page with the essentials and a QR
//! code back to the card; `/staff/print?division=…` is every published card of a division
//! as one page sequence, for forums and matchmaking events (staff). Plain HTML with a print
//! stylesheet: it needs no script, and the browser's "Save as PDF" makes the PDF.

use crate::AppState;
use crate::seo::escape as esc;
use app::model::card::PublicCard;
use app::model::search::{SearchParams, Sort};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// Most cards in one division print.
const MAX_CARDS: usize = 500;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/cards/{slug}/print", axum::routing::get(card))
        .route("/staff/print", axum::routing::get(division))
}

/// At most `max` characters, cut with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        format!(
            "{}…",
            text.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

/// A QR code of `url` as inline SVG.
fn qr(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(112, 112)
                .quiet_zone(true)
                .build();
            // inline in the page: no XML declaration
            let svg = svg
                .find("<svg")
                .map_or(svg.as_str(), |i| &svg[i..])
                .to_string();
            svg.replacen(
                "<svg",
                "<svg role=\"img\" aria-label=\"카드 주소 QR 코드\"",
                1,
            )
        }
        Err(e) => {
            tracing::warn!(error = %e, "no QR code for a card address");
            String::new()
        }
    }
}

const STYLE: &str = r#"
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", sans-serif; color: #17202a; background: #eef1f5; font-size: 10.5pt; line-height: 1.45; }
.hint { max-width: 182mm; margin: 6mm auto 0; color: #4a5563; font-size: 10pt; }
.sheet { width: 182mm; min-height: 269mm; margin: 6mm auto; padding: 10mm 11mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); display: flex; flex-direction: column; gap: 4mm; }
.head { display: flex; justify-content: space-between; gap: 6mm; border-bottom: 2px solid #0b57a4; padding-bottom: 4mm; }
h1 { font-size: 22pt; margin: 0; }
h1 .en { font-size: 12pt; font-weight: 400; color: #4a5563; margin-left: 2mm; }
.role { margin: 1mm 0 0; font-size: 11.5pt; }
.org { margin: 0; color: #4a5563; }
.qr { text-align: center; font-size: 7.5pt; color: #4a5563; width: 36mm; flex: none; overflow-wrap: anywhere; }
.qr svg { width: 30mm; height: 30mm; display: block; margin: 0 auto 1mm; }
h2 { font-size: 11pt; color: #0b57a4; margin: 0 0 1.5mm; }
p { margin: 0; }
.tags { display: flex; flex-wrap: wrap; gap: 1.5mm; padding: 0; margin: 0; list-style: none; }
.tags li { border: 1px solid #c9d3de; border-radius: 99px; padding: .3mm 2.5mm; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
ul.items { margin: 0; padding-left: 4.5mm; }
ul.items li { margin-bottom: 1mm; }
.meta { color: #4a5563; }
.foot { margin-top: auto; border-top: 1px solid #c9d3de; padding-top: 3mm; display: flex; justify-content: space-between; gap: 4mm; font-size: 9.5pt; }
@media print {
  body { background: #fff; }
  .hint { display: none; }
  .sheet { margin: 0; box-shadow: none; width: auto; min-height: 269mm; break-after: page; page-break-after: always; }
  .sheet:last-child { break-after: auto; page-break-after: auto; }
}
"#;

fn page(title: &str, sheets: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{}</title><style>{STYLE}</style></head><body>\
         <main><p class=\"hint\">인쇄(Ctrl+P)하거나 \"PDF로 저장\"을 고르세요. A4 한 장에 카드 한 장씩 나옵니다.</p>{sheets}</main>\
         </body></html>",
        esc(title)
    )
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "<p class=\"meta\">—</p>".into();
    }
    let mut out = String::from("<ul class=\"items\">");
    for item in items {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>");
    out
}

/// One card as one A4 sheet.
fn sheet(card: &PublicCard, base: &str) -> String {
    let url = format!(
        "{base}/cards/{}",
        app::model::search::encode_component(&card.slug)
    );
    let role: Vec<&str> = [&card.position, &card.division, &card.site]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    let tags: String = card
        .fields
        .iter()
        .chain(&card.keywords)
        .take(14)
        .map(|t| format!("<li>{}</li>", esc(t)))
        .collect();
    let offers: Vec<String> = card.offers.iter().map(|o| esc(o.label())).collect();
    let projects: Vec<String> = card
        .projects
        .iter()
        .take(4)
        .map(|p| {
            let period = [p.start.as_str(), p.end.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("–");
            let meta: Vec<String> = [p.funder.as_str(), period.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(esc)
                .collect();
            format!(
                "{} <span class=\"meta\">{}</span>",
                esc(&clip(&p.title, 90)),
                meta.join(" · ")
            )
        })
        .collect();
    let mut works: Vec<(Option<i32>, String)> = card
        .publications
        .iter()
        .map(|p| {
            let meta: Vec<String> = [
                p.venue.clone(),
                p.year.map(|y| y.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| esc(&s))
            .collect();
            (
                p.year,
                format!(
                    "{} <span class=\"meta\">{}</span>",
                    esc(&clip(&p.title, 90)),
                    meta.join(" · ")
                ),
            )
        })
        .chain(card.patents.iter().map(|p| {
            let meta = [
                format!("특허 {}", p.number),
                p.year.map(|y| y.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty() && s != "특허 ")
            .map(|s| esc(&s))
            .collect::<Vec<_>>()
            .join(" · ");
            (
                p.year,
                format!(
                    "{} <span class=\"meta\">{meta}</span>",
                    esc(&clip(&p.title, 90))
                ),
            )
        }))
        .collect();
    works.sort_by_key(|w| std::cmp::Reverse(w.0));
    let works: Vec<String> = works.into_iter().take(6).map(|(_, w)| w).collect();
    let contact = {
        let c = &card.contact;
        let mut parts: Vec<String> = Vec::new();
        if !c.email.is_empty() {
            parts.push(esc(&c.email));
        }
        if !c.phone.is_empty() {
            parts.push(esc(&c.phone));
        }
        if parts.is_empty() && !card.division_contact.is_empty() {
            parts.push(format!("부서 연락처 {}", esc(&card.division_contact)));
        }
        if parts.is_empty() {
            "R-Card의 카드에서 문의하세요".to_string()
        } else {
            parts.join(" · ")
        }
    };
    let en = if card.name_en.is_empty() {
        String::new()
    } else {
        format!("<span class=\"en\">{}</span>", esc(&card.name_en))
    };
    format!(
        "<article class=\"sheet\" data-slug=\"{slug}\">\
         <header class=\"head\"><div><h1>{name}{en}</h1><p class=\"role\">{role}</p><p class=\"org\">{org}</p></div>\
         <div class=\"qr\">{qr}<span>{url_text}</span></div></header>\
         <section><h2>전문 분야</h2><ul class=\"tags\">{tags}</ul></section>\
         <section><h2>소개</h2><p>{bio}</p></section>\
         <section><h2>협력 방식</h2>{offers}</section>\
         <section class=\"cols\"><div><h2>주요 과제</h2>{projects}</div><div><h2>논문·특허</h2>{works}</div></section>\
         <footer class=\"foot\"><span>연락: {contact}</span><span>R-Card 연구자 카드</span></footer>\
         </article>",
        slug = esc(&card.slug),
        name = esc(&card.name),
        role = esc(&role.join(" · ")),
        org = esc(&card.organization),
        qr = qr(&url),
        url_text = esc(&url),
        bio = esc(&clip(&card.bio, 700)),
        offers = if offers.is_empty() {
            "<p class=\"meta\">—</p>".to_string()
        } else {
            format!("<p>{}</p>", offers.join(" · "))
        },
        projects = list(&projects),
        works = list(&works),
    )
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn message(status: StatusCode, text: &str) -> Response {
    html(
        status,
        page(
            text,
            &format!("<article class=\"sheet\"><h1>{}</h1></article>", esc(text)),
        ),
    )
}

async fn card(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    match state.directory.public_card(&slug).await {
        Ok(card) if card.status == app::model::card::Status::Published => {
            let base = crate::seo::base_url(&headers);
            html(
                StatusCode::OK,
                page(&format!("{} · R-Card", card.name), &sheet(&card, &base)),
            )
        }
        Ok(_) => message(
            StatusCode::NOT_FOUND,
            "이 카드는 인쇄할 수 없습니다 (공개된 카드가 아닙니다)",
        ),
        Err(app::service::DomainError::NotFound) => {
            message(StatusCode::NOT_FOUND, "카드를 찾을 수 없습니다")
        }
        Err(e) => crate::api::error_response(&app::error::AppError::from(e)),
    }
}

#[derive(serde::Deserialize)]
struct Division {
    division: Option<String>,
}

async fn division(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(Division { division }): Query<Division>,
) -> Response {
    let actor = match crate::api::session_actor(&state, &headers).await {
        Ok(actor) => actor,
        Err(_) => return message(StatusCode::UNAUTHORIZED, "직원 계정으로 로그인한 뒤 여세요"),
    };
    if actor.curator().is_err() {
        return message(
            StatusCode::FORBIDDEN,
            "직원만 부서 카드를 한꺼번에 인쇄할 수 있습니다",
        );
    }
    let Some(division) = division
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
    else {
        return message(
            StatusCode::BAD_REQUEST,
            "인쇄할 부서를 division=부서명 으로 골라 주세요",
        );
    };
    let base = crate::seo::base_url(&headers);
    let mut sheets = String::new();
    let mut n = 0;
    let mut page_no = 1;
    'pages: loop {
        let params = SearchParams {
            division: vec![division.clone()],
            sort: Sort::Name,
            per_page: 100,
            page: page_no,
            ..Default::default()
        };
        let found = match state.directory.search(params).await {
            Ok(found) => found,
            Err(e) => return crate::api::error_response(&app::error::AppError::from(e)),
        };
        for hit in &found.hits {
            if n >= MAX_CARDS {
                break 'pages;
            }
            if let Ok(card) = state.directory.public_card(&hit.slug).await {
                sheets.push_str(&sheet(&card, &base));
                n += 1;
            }
        }
        if found.hits.len() < 100 {
            break;
        }
        page_no += 1;
    }
    if n == 0 {
        return message(
            StatusCode::NOT_FOUND,
            &format!("‘{division}’ 부서에 공개된 카드가 없습니다"),
        );
    }
    html(
        StatusCode::OK,
        page(&format!("{division} 연구자 카드 {n}장"), &sheets),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_inline_svg() {
        let svg = qr("https://rcard.example/cards/seoyeon-kim");
        assert!(
            svg.starts_with("<svg") && svg.contains("aria-label"),
            "{svg}"
        );
    }

    #[test]
    fn text_is_escaped_and_clipped() {
        assert_eq!(clip("가나다라마", 3), "가나…");
    }
}
