//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown paths and unknown cards; sets the 404 status on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let lang = crate::i18n::use_lang();
    view! {
        <Title text=lang.tr("찾을 수 없음") />
        <section class="not-found">
            <h1>{lang.tr("페이지를 찾을 수 없습니다")}</h1>
            <p>{lang.tr("주소가 바뀌었거나 카드가 더 이상 공개되지 않습니다.")}</p>
            <p>
                <a href=lang.path("/")>{lang.tr("연구자 검색으로 돌아가기")}</a>
            </p>
        </section>
    }
}
