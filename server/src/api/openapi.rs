//! `GET /api/openapi.json`: the API described as OpenAPI 3.1, generated from the handlers'
//! annotations and the Rust types they take and answer with (utoipa).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "R-Card API",
        description = "Find the right researcher of the institute and reach them: search, cards, need matching, inquiries, editing and the staff desk. Errors are `{\"error\": {\"code\", \"message\"}}` with a matching status. A change needs a session (cookie from `POST /api/auth/login`) and its CSRF token in `X-CSRF-Token`.",
        license(name = "Proprietary")
    ),
    paths(
        super::search::search,
        super::search::card,
        super::search::match_need,
        super::search::similar,
        super::search::topic,
        super::search::suggest,
        super::search::health,
        super::cards::editable_card,
        super::cards::save_card,
        super::cards::history,
        super::cards::revert,
        super::cards::archive,
        super::cards::restore,
        super::cards::merge,
        super::cards::create_card,
        super::auth::login,
        super::auth::logout,
        super::auth::me,
        super::auth::set_password,
        super::auth::add_account,
        super::auth::reset_password,
        super::inquiries::create,
        super::inquiries::create_need,
        super::inquiries::track,
        super::inquiries::company_message,
        super::inquiries::inbox,
        super::inquiries::one,
        super::inquiries::reply,
        super::inquiries::close,
        super::inquiries::revoke,
        super::inquiries::unsent_mail,
        super::inquiries::retry_mail,
        super::inquiries::report,
        super::inquiries::report_csv,
        super::inquiries::accept,
        super::inquiries::decline,
        super::inquiries::forward,
        super::inquiries::colleagues,
        super::staff::review_queue,
        super::staff::decide,
        super::staff::dashboard,
        super::staff::settings,
        super::staff::lists,
        super::staff::replace_lists,
        super::staff::synonym_suggestions,
        super::staff::decide_suggestion,
        super::staff::import_cards,
        crate::ops::ready,
    ),
    // named by a hand-written schema (a hit's `evidence`), so not found by following types
    components(schemas(app::model::search::HitEvidence, app::model::search::Evidence)),
    modifiers(&Sessions),
    tags(
        (name = "search", description = "Public and read-only: search, cards, need matching, autocomplete"),
        (name = "inquiries", description = "Companies reach researchers: inquiries, needs, and the private tracking link"),
        (name = "inbox", description = "Researchers and staff answer inquiries"),
        (name = "editing", description = "Keeping cards current: edit, history, archive, merge"),
        (name = "accounts", description = "Sign-in, sessions and accounts"),
        (name = "staff", description = "The staff desk: review, lists, import, reports, mail"),
        (name = "operations", description = "Liveness and readiness for load balancers"),
    )
)]
pub struct ApiDoc;

/// The path parameter of the routes on one card.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct CardPath {
    /// The card's address, as in `/cards/{slug}`
    slug: String,
}

/// The path parameter of the routes on one inquiry.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct InquiryPath {
    /// The inquiry's number
    id: i64,
}

/// The session cookie and the CSRF header, as security schemes.
struct Sessions;

impl Modify for Sessions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                app::state::SESSION_COOKIE,
                "Set by `POST /api/auth/login`",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The session's `csrf_token` (login answer, `GET /api/me`); needed for changes",
            ))),
        );
    }
}

/// The document, as JSON.
pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
