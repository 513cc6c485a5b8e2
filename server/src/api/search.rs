//! The public, read-only part of the API: search, cards, need matching, autocomplete and
//! liveness.

use super::openapi::CardPath;
use super::{ApiError, ApiResult, ErrorBody, Example, JsonBody};
use app::model::card::PublicCard;
use app::model::search::{
    MAX_QUERY_CHARS, MatchHit, MatchRequest, MatchResults, SearchParams, SearchResults, Suggestion,
    TopicWorks,
};
use app::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/cards/{slug}/similar", get(similar))
        .route("/api/cards/{slug}/topic", get(topic))
        .route("/api/match", post(match_need))
        .route("/api/suggest", get(suggest))
        .route("/api/health", get(health))
}

impl Example for MatchRequest {
    const EXAMPLE: &'static str = r#"{"text": "…", "site": ["성남"]}"#;
}

/// `GET /api/cards/{slug}/similar`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct SimilarCards {
    hits: Vec<MatchHit>,
}

/// `GET /api/suggest`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct Suggestions {
    suggestions: Vec<Suggestion>,
}

/// `GET /api/health`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct Health {
    /// Always `ok`: the node answers.
    status: &'static str,
    /// Published cards in the database.
    cards: i64,
    /// Changes the search index has yet to apply.
    index_lag: i64,
}

/// The `key=value` pairs of a query string.
fn pairs(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    summary = "Search the directory",
    params(
        ("q" = Option<String>, Query, description = "Words, Korean or English; empty lists every card"),
        ("page" = Option<u32>, Query, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, description = "Hits per page, 1 to 100 (20)"),
        ("sort" = Option<String>, Query, description = "`relevance` (default), `updated` or `name`"),
        ("field" = Option<Vec<String>>, Query, description = "Technology field; repeat for any of several"),
        ("division" = Option<Vec<String>>, Query, description = "Division; repeatable"),
        ("site" = Option<Vec<String>>, Query, description = "Site; repeatable"),
        ("offer" = Option<Vec<String>>, Query, description = "Collaboration offer key, e.g. `joint_rnd`, `testing`; repeatable"),
        ("availability" = Option<Vec<String>>, Query, description = "`open`, `limited` or `closed`; repeatable"),
        ("has_video" = Option<bool>, Query, description = "Only cards with an explainer video"),
    ),
    responses(
        (status = 200, description = "Hits with why they matched, facet counts and related terms", body = SearchResults),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
    )
)]
pub(super) async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<SearchResults>> {
    let pairs = pairs(query);
    let params = SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| ApiError::bad_request(format!("`{}`: {}", e.param, e.message)))?;
    Ok(Json(state.directory.search(params).await?))
}

#[utoipa::path(
    get,
    path = "/api/cards/{slug}",
    tag = "search",
    summary = "One published card",
    params(CardPath),
    responses(
        (status = 200, description = "The card as the public sees it", body = PublicCard),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn card(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<PublicCard>> {
    Ok(Json(state.directory.public_card(&slug).await?))
}

#[utoipa::path(
    post,
    path = "/api/match",
    tag = "search",
    summary = "Researchers for a described need",
    request_body(content = MatchRequest, example = json!({"text": "반도체 후공정 라인에서 웨이퍼 표면 결함을 카메라 영상으로 자동 검출하고 싶습니다", "site": ["성남"]})),
    responses(
        (status = 200, description = "Researchers ranked for the need, with the evidence for each", body = MatchResults),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
    )
)]
pub(super) async fn match_need(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<MatchRequest>,
) -> ApiResult<Json<MatchResults>> {
    Ok(Json(state.directory.match_need(request).await?))
}

#[utoipa::path(
    get,
    path = "/api/cards/{slug}/similar",
    tag = "search",
    summary = "Researchers with similar expertise",
    params(CardPath),
    responses(
        (status = 200, description = "Up to five similar researchers", body = SimilarCards),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn similar(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<SimilarCards>> {
    let hits = state.directory.similar(&slug, 5).await?;
    Ok(Json(SimilarCards { hits }))
}

#[utoipa::path(
    get,
    path = "/api/cards/{slug}/topic",
    tag = "search",
    summary = "A card's works on the topic of a search",
    params(
        CardPath,
        ("q" = String, Query, description = "The search (at most 500 characters); its words are marked in the titles"),
    ),
    responses(
        (status = 200, description = "The works a search hit for `q` counts, newest first; `partial` when none has the whole topic and these have part of it", body = TopicWorks),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn topic(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<TopicWorks>> {
    let q = pairs(query)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "`q`: the query is longer than {MAX_QUERY_CHARS} characters; shorten it"
        )));
    }
    Ok(Json(state.directory.topic_works(&slug, &q).await?))
}

#[utoipa::path(
    get,
    path = "/api/suggest",
    tag = "search",
    summary = "Autocomplete",
    params(
        ("q" = String, Query, description = "What has been typed so far (at most 100 characters)"),
        ("limit" = Option<u32>, Query, description = "1 to 20 (8)"),
    ),
    responses(
        (status = 200, description = "Names, keywords and fields that continue the input", body = Suggestions),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
    )
)]
pub(super) async fn suggest(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<Suggestions>> {
    let mut q = String::new();
    let mut limit = 8;
    for (k, v) in pairs(query) {
        match &*k {
            "q" => q = v,
            "limit" => match v.parse::<usize>() {
                Ok(n) if (1..=20).contains(&n) => limit = n,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "`limit`: `{v}` is out of range; use 1 to 20"
                    )));
                }
            },
            _ => {}
        }
    }
    if q.chars().count() > 100 {
        return Err(ApiError::bad_request(
            "`q`: longer than 100 characters; autocomplete takes the start of a query",
        ));
    }
    Ok(Json(Suggestions {
        suggestions: state.directory.suggest(&q, limit),
    }))
}

#[utoipa::path(
    get,
    path = "/api/health",
    tag = "operations",
    summary = "Liveness",
    responses(
        (status = 200, description = "The node answers; published cards and how far the index is behind", body = Health),
    )
)]
pub(super) async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let index_lag = state.directory.index_lag().await?;
    let cards = state.directory.count().await?;
    Ok(Json(Health {
        status: "ok",
        cards,
        index_lag,
    }))
}
