//! The OpenGraph image of a card, `/cards/{slug}/og.png`: a 1200 × 630 picture with the
//! researcher's name, role, organization and fields, for link previews in messengers and
//! social sites (which do not show SVG). It is drawn as SVG and rendered with resvg using
//! the system's fonts (Noto Sans CJK, installed by `scripts/setup.sh`), and kept in memory
//! per card version: a card is drawn once until it changes.

use crate::AppState;
use crate::seo::escape as esc;
use app::model::card::{PublicCard, Status};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use resvg::{tiny_skia, usvg};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Bumped when the picture's design changes, so browsers and previews fetch it again.
const DESIGN: u32 = 1;

/// Cards whose images are kept; the least recently drawn is dropped beyond this.
const CACHED: usize = 512;

/// Families tried in order for every text; the first with a glyph draws it.
const FONTS: &str =
    "'Noto Sans CJK KR', 'Noto Sans KR', 'NanumGothic', 'Noto Serif CJK KR', sans-serif";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cards/{slug}/og.png", axum::routing::get(image))
        .layer(Extension(Arc::new(OgImages::default())))
}

/// A card's image: (card version, when drawn, PNG).
type Drawn = (i64, u64, Arc<Vec<u8>>);

/// The fonts, loaded on first use, and the drawn images.
#[derive(Default)]
struct OgImages {
    fonts: OnceLock<Arc<usvg::fontdb::Database>>,
    drawn: Mutex<HashMap<String, Drawn>>,
    clock: std::sync::atomic::AtomicU64,
}

impl OgImages {
    fn fonts(&self) -> Arc<usvg::fontdb::Database> {
        self.fonts
            .get_or_init(|| {
                let mut db = usvg::fontdb::Database::new();
                db.load_system_fonts();
                if db.is_empty() {
                    tracing::warn!(
                        "no system fonts: card images will have no text (install fonts-noto-cjk)"
                    );
                }
                Arc::new(db)
            })
            .clone()
    }

    fn cached(&self, slug: &str, version: i64) -> Option<Arc<Vec<u8>>> {
        let drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        drawn
            .get(slug)
            .filter(|(v, _, _)| *v == version)
            .map(|(_, _, png)| png.clone())
    }

    fn keep(&self, slug: &str, version: i64, png: Arc<Vec<u8>>) {
        let now = self
            .clock
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if drawn.len() >= CACHED && !drawn.contains_key(slug) {
            let oldest = drawn
                .iter()
                .min_by_key(|(_, (_, at, _))| *at)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                drawn.remove(&oldest);
            }
        }
        drawn.insert(slug.to_string(), (version, now, png));
    }
}

/// At most `max` characters of `text` on one line, cut with an ellipsis.
fn line(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// How wide `text` is in units of half a Hangul syllable (about a Latin letter's width).
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// The picture of a card as SVG.
pub fn svg(card: &PublicCard) -> String {
    let role: Vec<&str> = [&card.position, &card.division]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    let org: Vec<&str> = [&card.organization, &card.site]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    // the name shrinks to fit a long one on one line
    let name = line(&card.name, 24);
    let name_size = match width(&name) {
        0..=16 => 84,
        17..=28 => 64,
        _ => 48,
    };
    let en = if card.name_en.is_empty() || card.name_en == card.name {
        String::new()
    } else {
        format!(
            r##"<text x="96" y="268" font-size="36" fill="#4a5563">{}</text>"##,
            esc(&line(&card.name_en, 48))
        )
    };
    // topics as pills, as many as fit on two rows
    let mut pills = String::new();
    let (mut x, mut y, mut row) = (96usize, 456usize, 0);
    for topic in card.fields.iter().chain(&card.keywords) {
        let topic = line(topic, 22);
        let w = width(&topic) * 13 + 44;
        if x + w > WIDTH as usize - 96 {
            row += 1;
            if row == 2 {
                break;
            }
            x = 96;
            y += 64;
        }
        pills.push_str(&format!(
            r##"<rect x="{x}" y="{}" width="{w}" height="48" rx="24" fill="#e8f0fa" stroke="#b9cde6"/><text x="{}" y="{}" font-size="26" fill="#0b3d73">{}</text>"##,
            y - 34,
            x + 22,
            y,
            esc(&topic)
        ));
        x += w + 14;
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONTS}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="#f7f9fc"/>
<rect width="24" height="{HEIGHT}" fill="#0b57a4"/>
<text x="96" y="104" font-size="30" font-weight="bold" fill="#0b57a4">R-Card</text>
<text x="236" y="104" font-size="28" fill="#4a5563">연구자 카드 · Researcher card</text>
<text x="96" y="{name_y}" font-size="{name_size}" font-weight="bold" fill="#17202a">{name}</text>
{en}
<text x="96" y="340" font-size="34" fill="#17202a">{role}</text>
<text x="96" y="{org_y}" font-size="28" fill="#4a5563">{org}</text>
{pills}
<rect x="0" y="{foot}" width="{WIDTH}" height="4" fill="#0b57a4"/>
</svg>"##,
        name_y = 210,
        name = esc(&name),
        role = esc(&line(&role.join(" · "), 52)),
        org_y = 384,
        org = esc(&line(&org.join(" · "), 60)),
        foot = HEIGHT - 4,
    )
}

/// The card's picture as PNG.
fn render(card: &PublicCard, fonts: Arc<usvg::fontdb::Database>) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts,
        languages: vec!["ko".into(), "en".into()],
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(&svg(card), &options).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| "no room for the image".to_string())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

async fn image(
    State(state): State<AppState>,
    Extension(images): Extension<Arc<OgImages>>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let card = match state.directory.public_card(&slug).await {
        Ok(card) if card.status == Status::Published => card,
        Ok(_) | Err(app::service::DomainError::NotFound) => {
            return (StatusCode::NOT_FOUND, "no such card").into_response();
        }
        Err(e) => return crate::api::error_response(&app::error::AppError::from(e)),
    };
    let etag = format!("\"og{DESIGN}-{}\"", card.version);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    let png = match images.cached(&card.slug, card.version) {
        Some(png) => png,
        None => {
            let fonts = images.fonts();
            let drawn = {
                let card = card.clone();
                tokio::task::spawn_blocking(move || render(&card, fonts)).await
            };
            match drawn {
                Ok(Ok(png)) => {
                    let png = Arc::new(png);
                    images.keep(&card.slug, card.version, png.clone());
                    png
                }
                Ok(Err(e)) => {
                    tracing::error!(error = %e, slug = %card.slug, "a card image could not be drawn");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
                Err(e) => {
                    tracing::error!(error = %e, "the card image task failed");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
        }
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
            (
                header::ETAG,
                HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"og\"")),
            ),
        ],
        png.as_ref().clone(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_names_shrink() {
        let card = of(app::model::card::CardRecord {
            name: "<script>alert(1)</script>".into(),
            fields: vec!["반도체 & 센서".into()],
            ..Default::default()
        });
        let svg = svg(&card);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("반도체 &amp; 센서"));
        let long = of(app::model::card::CardRecord {
            name: "가나다라마바사아자차카타파하가나다라마바사".into(),
            ..Default::default()
        });
        assert!(svg_font_size(&super::svg(&long)) < 84);
    }

    fn of(record: app::model::card::CardRecord) -> PublicCard {
        PublicCard::from_record(record, String::new(), 1)
    }

    fn svg_font_size(svg: &str) -> u32 {
        let at = svg.find("font-weight=\"bold\" fill=\"#17202a\"").unwrap();
        let before = &svg[..at];
        let size = before.rsplit("font-size=\"").next().unwrap();
        size.split('"').next().unwrap().parse().unwrap()
    }
}
