//! Inquiries (협력 문의): companies ask without an account and follow the answer through a
//! private link; researchers and staff answer from the inbox; staff close them with an
//! outcome and watch the mail outbox.

use super::{Acting, ApiResult, Example, JsonBody, OptionalBody, SignedIn};
use app::model::inquiry::{Created, InboxItem, NewInquiry, NewNeed, Tracking};
use app::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/inquiries", post(create))
        .route("/api/needs", post(create_need))
        .route(
            "/api/inquiries/track/{token}",
            get(track).post(company_message),
        )
        .route("/api/inbox", get(inbox))
        .route("/api/inquiries/report", get(report))
        .route("/api/inquiries/report.csv", get(report_csv))
        .route("/api/inquiries/{id}", get(one))
        .route("/api/inquiries/{id}/reply", post(reply))
        .route("/api/inquiries/{id}/close", post(close))
        .route("/api/inquiries/{id}/accept", post(accept))
        .route("/api/inquiries/{id}/decline", post(decline))
        .route("/api/inquiries/{id}/forward", post(forward))
        .route("/api/inquiries/{id}/colleagues", get(colleagues))
        .route("/api/inquiries/{id}/revoke", post(revoke))
        .route("/api/mail", get(unsent_mail))
        .route("/api/mail/{id}/retry", post(retry_mail))
}

impl Example for NewInquiry {
    const EXAMPLE: &'static str = r#"{"cards": ["seoyeon-kim"], "company": "(주)한빛센서", "name": "이도윤", "email": "doyun@hanbit.co.kr", "kind": "testing", "message": "…", "consent": true}"#;
}

/// `POST /api/inquiries`: 201 with the inquiry's number and the private tracking link.
async fn create(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    JsonBody(new): JsonBody<NewInquiry>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let client = app::state::client_address(Some(peer), &headers);
    let base = crate::seo::base_url(&headers);
    let created = state.directory.create_inquiry(new, &client, &base).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

impl Example for NewNeed {
    const EXAMPLE: &'static str = r#"{"company": "(주)한빛센서", "name": "이도윤", "email": "doyun@hanbit.co.kr", "kind": "joint_rnd", "text": "…", "deadline": "2027-03-31", "consent": true}"#;
}

/// `POST /api/needs`: a company's need (기술 수요); 201 with its number and tracking link.
async fn create_need(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    JsonBody(new): JsonBody<NewNeed>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let client = app::state::client_address(Some(peer), &headers);
    let base = crate::seo::base_url(&headers);
    let created = state.directory.create_need(new, &client, &base).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn track(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<Tracking>> {
    Ok(Json(state.directory.tracking(&token).await?))
}

#[derive(Deserialize)]
struct MessageRequest {
    message: String,
    /// A staff note the company never sees.
    #[serde(default)]
    internal: bool,
    /// A researcher's reply that also gives the company their own e-mail address.
    #[serde(default)]
    reveal: bool,
}

impl Example for MessageRequest {
    const EXAMPLE: &'static str = r#"{"message": "다음 주 화요일에 통화할 수 있을까요?"}"#;
}

async fn company_message(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<MessageRequest>,
) -> ApiResult<Json<Tracking>> {
    let base = crate::seo::base_url(&headers);
    Ok(Json(
        state
            .directory
            .company_message(&token, &request.message, &base)
            .await?,
    ))
}

async fn inbox(State(state): State<AppState>, SignedIn(actor): SignedIn) -> ApiResult<Json<Value>> {
    let inquiries = state.directory.inbox(&actor).await?;
    Ok(Json(json!({ "inquiries": inquiries })))
}

async fn one(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<Json<InboxItem>> {
    Ok(Json(state.directory.inbox_inquiry(&actor, id).await?))
}

async fn reply(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<MessageRequest>,
) -> ApiResult<Json<InboxItem>> {
    let base = crate::seo::base_url(&headers);
    Ok(Json(
        state
            .directory
            .reply_revealing(
                &actor,
                id,
                &request.message,
                request.internal,
                request.reveal,
                &base,
            )
            .await?,
    ))
}

#[derive(Deserialize)]
struct CloseRequest {
    outcome: String,
    #[serde(default)]
    note: String,
}

impl Example for CloseRequest {
    const EXAMPLE: &'static str = r#"{"outcome": "joint_project", "note": "2027년 공동과제 신청"}"#;
}

async fn close(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<CloseRequest>,
) -> ApiResult<Json<InboxItem>> {
    Ok(Json(
        state
            .directory
            .close_inquiry(&actor, id, &request.outcome, &request.note)
            .await?,
    ))
}

#[derive(Deserialize, Default)]
struct Nothing {}

impl Example for Nothing {
    const EXAMPLE: &'static str = "{}";
}

async fn revoke(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    OptionalBody(_): OptionalBody<Nothing>,
) -> ApiResult<StatusCode> {
    state.directory.revoke_tracking(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mail not sent yet, with the last error of each (staff).
async fn unsent_mail(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    let mail: Vec<Value> = state
        .directory
        .unsent_mail(&actor)
        .await?
        .into_iter()
        .map(|m| {
            json!({
                "id": m.mail_id,
                "to": m.recipient,
                "subject": m.subject,
                "attempts": m.attempts,
                "last_error": m.last_error,
                "saved_as": m.saved_as,
                "created_at": app::db::rfc3339(m.created_at),
            })
        })
        .collect();
    Ok(Json(json!({ "mail": mail })))
}

async fn retry_mail(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    OptionalBody(_): OptionalBody<Nothing>,
) -> ApiResult<StatusCode> {
    state.directory.retry_mail(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The collaboration report (staff).
async fn report(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<app::model::report::InquiryReport>> {
    Ok(Json(state.directory.inquiry_report(&actor).await?))
}

/// The collaboration report as a CSV file (staff), for the institute's 협력 성과 report.
async fn report_csv(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<impl axum::response::IntoResponse> {
    let report = state.directory.inquiry_report(&actor).await?;
    let name = format!(
        "rcard-inquiries-{}.csv",
        &app::db::rfc3339(app::db::now())[..10]
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        report.to_csv(),
    ))
}

#[derive(Deserialize, Default)]
struct AcceptRequest {
    #[serde(default)]
    message: String,
}

impl Example for AcceptRequest {
    const EXAMPLE: &'static str = r#"{"message": "맡겠습니다. 다음 주에 연락드리겠습니다."}"#;
}

/// The researcher asked takes it on (협의 중); the message, if any, goes to the company.
async fn accept(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    headers: HeaderMap,
    OptionalBody(request): OptionalBody<AcceptRequest>,
) -> ApiResult<Json<InboxItem>> {
    let base = crate::seo::base_url(&headers);
    Ok(Json(
        state
            .directory
            .accept_inquiry(&actor, id, &request.message, &base)
            .await?,
    ))
}

#[derive(Deserialize)]
struct DeclineRequest {
    reason: String,
}

impl Example for DeclineRequest {
    const EXAMPLE: &'static str = r#"{"reason": "올해는 장비 일정이 모두 찼습니다."}"#;
}

/// The researcher asked declines with a reason for the company; the liaison hears of it.
async fn decline(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<DeclineRequest>,
) -> ApiResult<Json<InboxItem>> {
    let base = crate::seo::base_url(&headers);
    Ok(Json(
        state
            .directory
            .decline_inquiry(&actor, id, &request.reason, &base)
            .await?,
    ))
}

#[derive(Deserialize)]
struct ForwardRequest {
    /// The colleague's card slug.
    to: String,
    #[serde(default)]
    note: String,
}

impl Example for ForwardRequest {
    const EXAMPLE: &'static str =
        r#"{"to": "minsu-lee", "note": "EMC 시험은 이 연구자가 맡습니다"}"#;
}

/// Forwards to a colleague (the researcher asked), or reassigns (staff).
async fn forward(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<ForwardRequest>,
) -> ApiResult<Json<InboxItem>> {
    let base = crate::seo::base_url(&headers);
    Ok(Json(
        state
            .directory
            .forward_inquiry(&actor, id, &request.to, &request.note, &base)
            .await?,
    ))
}

/// Colleagues to forward to: researchers most like those asked.
async fn colleagues(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let list = state.directory.inquiry_colleagues(&actor, id).await?;
    Ok(Json(json!({ "colleagues": list })))
}
