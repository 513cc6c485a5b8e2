//! `/shortlist.csv?cards=a,b`: a company's shortlist as a CSV file of the researchers' public
//! details, one row each (the page is `app::pages::shortlist_page`).

use crate::AppState;
use app::model::card::Status;
use app::model::report::csv_cell;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/shortlist.csv", axum::routing::get(csv))
}

#[derive(serde::Deserialize)]
struct Cards {
    #[serde(default)]
    cards: String,
}

async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(Cards { cards }): Query<Cards>,
) -> impl IntoResponse {
    let base = crate::seo::base_url(&headers);
    let mut out = String::from(
        "\u{feff}이름,영문 이름,직위,부서,지역,기술 분야,협력 방식,협력 가능 여부,논문,과제,특허,이메일,전화,카드\n",
    );
    for slug in app::components::shortlist::parse(&cards) {
        let Ok(card) = state.directory.public_card(&slug).await else {
            continue;
        };
        if card.status != Status::Published {
            continue;
        }
        let row = [
            card.name.clone(),
            card.name_en.clone(),
            card.position.clone(),
            card.division.clone(),
            card.site.clone(),
            card.fields.join("; "),
            card.offers
                .iter()
                .map(|o| o.label())
                .collect::<Vec<_>>()
                .join("; "),
            card.availability.status.label().to_string(),
            card.publications.len().to_string(),
            card.projects.len().to_string(),
            card.patents.len().to_string(),
            card.contact.email.clone(),
            card.contact.phone.clone(),
            format!("{base}/cards/{}", card.slug),
        ];
        out.push_str(
            &row.iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rcard-shortlist.csv\"",
            ),
        ],
        out,
    )
}
