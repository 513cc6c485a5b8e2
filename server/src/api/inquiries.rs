//! Inquiries (협력 문의): companies ask without an account and follow the answer through a
//! private link; researchers and staff answer from the inbox; staff close them with an
//! outcome and watch the mail outbox.

use super::ErrorBody;
use super::openapi::InquiryPath;
use super::{Acting, ApiResult, Example, JsonBody, OptionalBody, SignedIn};
use app::model::inquiry::{Created, InboxItem, NewInquiry, NewNeed, Tracking};
use app::model::report::InquiryReport;
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
#[utoipa::path(
    post,
    path = "/api/inquiries",
    tag = "inquiries",
    summary = "Send an inquiry to one or more researchers",
    request_body(content = NewInquiry, example = json!({"cards": ["seoyeon-kim"], "company": "(주)한빛센서", "name": "이도윤", "email": "doyun@hanbit.co.kr", "kind": "testing", "message": "웨이퍼 결함 검사 장비의 성능 시험을 의뢰하고 싶습니다.", "consent": true})),
    responses(
        (status = 201, description = "Sent: its number and the private tracking link", body = Created),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 422, description = "The card breaks the card format; `fields` lists each problem", body = ErrorBody),
        (status = 429, description = "Too many requests from this client", body = ErrorBody),
    )
)]
pub(super) async fn create(
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
#[utoipa::path(
    post,
    path = "/api/needs",
    tag = "inquiries",
    summary = "Describe a need for staff to route",
    request_body(content = NewNeed),
    responses(
        (status = 201, description = "Received: its number and the private tracking link", body = Created),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 422, description = "The card breaks the card format; `fields` lists each problem", body = ErrorBody),
        (status = 429, description = "Too many requests from this client", body = ErrorBody),
    )
)]
pub(super) async fn create_need(
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

#[utoipa::path(
    get,
    path = "/api/inquiries/track/{token}",
    tag = "inquiries",
    summary = "An inquiry as its company sees it",
    params(("token" = String, Path, description = "The private tracking token from the inquiry's answer")),
    responses(
        (status = 200, description = "Its status, steps and messages", body = Tracking),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn track(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<Tracking>> {
    Ok(Json(state.directory.tracking(&token).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct MessageRequest {
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

#[utoipa::path(
    post,
    path = "/api/inquiries/track/{token}",
    tag = "inquiries",
    summary = "The company writes again",
    params(("token" = String, Path, description = "The private tracking token from the inquiry's answer")),
    request_body(content = MessageRequest),
    responses(
        (status = 200, description = "The inquiry with the message added", body = Tracking),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 429, description = "Too many requests from this client", body = ErrorBody),
    )
)]
pub(super) async fn company_message(
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

#[utoipa::path(
    get,
    path = "/api/inbox",
    tag = "inbox",
    summary = "The signed-in researcher's or staff member's inquiries",
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"inquiries\": [InboxItem]}`", body = serde_json::Value),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
    )
)]
pub(super) async fn inbox(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<Value>> {
    let inquiries = state.directory.inbox(&actor).await?;
    Ok(Json(json!({ "inquiries": inquiries })))
}

#[utoipa::path(
    get,
    path = "/api/inquiries/{id}",
    tag = "inbox",
    summary = "One inquiry of the inbox",
    params(InquiryPath),
    security(("session" = [])),
    responses(
        (status = 200, description = "The inquiry", body = InboxItem),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn one(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<Json<InboxItem>> {
    Ok(Json(state.directory.inbox_inquiry(&actor, id).await?))
}

#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/reply",
    tag = "inbox",
    summary = "Answer the company",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = MessageRequest),
    responses(
        (status = 200, description = "The inquiry as the inbox shows it, after the change", body = InboxItem),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn reply(
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

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct CloseRequest {
    outcome: String,
    #[serde(default)]
    note: String,
}

impl Example for CloseRequest {
    const EXAMPLE: &'static str = r#"{"outcome": "joint_project", "note": "2027년 공동과제 신청"}"#;
}

#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/close",
    tag = "inbox",
    summary = "Close with an outcome",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = CloseRequest),
    responses(
        (status = 200, description = "The inquiry as the inbox shows it, after the change", body = InboxItem),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn close(
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

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(super) struct Nothing {}

impl Example for Nothing {
    const EXAMPLE: &'static str = "{}";
}

#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/revoke",
    tag = "inbox",
    summary = "Erase the company's personal data now (staff)",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Erased"),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn revoke(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    OptionalBody(_): OptionalBody<Nothing>,
) -> ApiResult<StatusCode> {
    state.directory.revoke_tracking(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mail not sent yet, with the last error of each (staff).
#[utoipa::path(
    get,
    path = "/api/mail",
    tag = "staff",
    summary = "Mail that could not be sent (staff)",
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"mail\": [...]}`", body = serde_json::Value),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn unsent_mail(
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

#[utoipa::path(
    post,
    path = "/api/mail/{id}/retry",
    tag = "staff",
    summary = "Send a failed mail again (staff)",
    params(("id" = i64, Path, description = "The mail's number")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Queued again"),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn retry_mail(
    State(state): State<AppState>,
    Acting(actor): Acting,
    Path(id): Path<i64>,
    OptionalBody(_): OptionalBody<Nothing>,
) -> ApiResult<StatusCode> {
    state.directory.retry_mail(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The collaboration report (staff).
#[utoipa::path(
    get,
    path = "/api/inquiries/report",
    tag = "staff",
    summary = "What came of the inquiries (staff)",
    security(("session" = [])),
    responses(
        (status = 200, description = "Counts by status, kind, division and outcome, and answer times", body = InquiryReport),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn report(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> ApiResult<Json<InquiryReport>> {
    Ok(Json(state.directory.inquiry_report(&actor).await?))
}

/// The collaboration report as a CSV file (staff), for the institute's 협력 성과 report.
#[utoipa::path(
    get,
    path = "/api/inquiries/report.csv",
    tag = "staff",
    summary = "The inquiries as CSV (staff)",
    security(("session" = [])),
    responses(
        (status = 200, description = "One row per inquiry, UTF-8 with a BOM", content_type = "text/csv", body = String),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
    )
)]
pub(super) async fn report_csv(
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

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(super) struct AcceptRequest {
    #[serde(default)]
    message: String,
}

impl Example for AcceptRequest {
    const EXAMPLE: &'static str = r#"{"message": "맡겠습니다. 다음 주에 연락드리겠습니다."}"#;
}

/// The researcher asked takes it on (협의 중); the message, if any, goes to the company.
#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/accept",
    tag = "inbox",
    summary = "Take the inquiry on",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = Option<AcceptRequest>, description = "Optional"),
    responses(
        (status = 200, description = "The inquiry as the inbox shows it, after the change", body = InboxItem),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn accept(
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

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct DeclineRequest {
    reason: String,
}

impl Example for DeclineRequest {
    const EXAMPLE: &'static str = r#"{"reason": "올해는 장비 일정이 모두 찼습니다."}"#;
}

/// The researcher asked declines with a reason for the company; the liaison hears of it.
#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/decline",
    tag = "inbox",
    summary = "Decline, with a reason for the company",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = DeclineRequest),
    responses(
        (status = 200, description = "The inquiry as the inbox shows it, after the change", body = InboxItem),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn decline(
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

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct ForwardRequest {
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
#[utoipa::path(
    post,
    path = "/api/inquiries/{id}/forward",
    tag = "inbox",
    summary = "Pass the inquiry to a colleague",
    params(InquiryPath),
    security(("session" = [], "csrf" = [])),
    request_body(content = ForwardRequest),
    responses(
        (status = 200, description = "The inquiry as the inbox shows it, after the change", body = InboxItem),
        (status = 400, description = "A parameter or body is wrong; `message` says which and how", body = ErrorBody),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
        (status = 409, description = "A conflicting change came first", body = ErrorBody),
    )
)]
pub(super) async fn forward(
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
#[utoipa::path(
    get,
    path = "/api/inquiries/{id}/colleagues",
    tag = "inbox",
    summary = "Whom the inquiry can be passed to",
    params(InquiryPath),
    security(("session" = [])),
    responses(
        (status = 200, description = "`{\"colleagues\": [{\"slug\", \"name\", \"division\"}]}`", body = serde_json::Value),
        (status = 401, description = "No session: sign in with `POST /api/auth/login`", body = ErrorBody),
        (status = 403, description = "The account may not do this, or the `X-CSRF-Token` header is missing", body = ErrorBody),
        (status = 404, description = "No such card or item", body = ErrorBody),
    )
)]
pub(super) async fn colleagues(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let list = state.directory.inquiry_colleagues(&actor, id).await?;
    Ok(Json(json!({ "colleagues": list })))
}
