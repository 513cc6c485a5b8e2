//! "Describe your need" at `/match`: a company pastes its problem and gets researchers
//! with the evidence for each.

use crate::components::error_view::ErrorView;
use crate::components::match_hit::MatchHitItem;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::model::search::{MAX_NEED_CHARS, MatchResults};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

/// The need-matching page: a form the public script (enhance/src/matching.rs) posts to
/// [`results_path`], showing the researchers the server renders with [`MatchOutcome`].
#[component]
pub fn MatchPage() -> impl IntoView {
    let lang = use_lang();
    // a description handed over from the search box (`/match?text=…`), ready to send
    let text: String = use_query_map()
        .with_untracked(|q| q.get("text"))
        .unwrap_or_default()
        .chars()
        .take(MAX_NEED_CHARS)
        .collect();
    let count = text.chars().count();
    let text = crate::pages::textarea_text(text);
    view! {
        <Title text=lang.tr("필요한 기술로 찾기") />
        <Meta name="description" content=lang.tr("회사에 필요한 기술을 문장으로 적으면, 맞는 연구자와 그 근거(논문·과제·특허)를 찾아 드립니다. Describe your need and find researchers who can help.") />
        <Link rel="canonical" href=crate::seo::absolute(&lang.path("/match")) />
        <Link rel="alternate" hreflang="ko" href=crate::seo::absolute(&Lang::Ko.path("/match")) />
        <Link rel="alternate" hreflang="en" href=crate::seo::absolute(&Lang::En.path("/match")) />
        <section class="match">
            <h1>{lang.tr("필요한 기술로 연구자 찾기")}</h1>
            <p class="lead">
                {lang.tr("해결하고 싶은 문제나 필요한 기술을 편하게 적어 주세요. 한국어와 영어를 섞어 써도 됩니다. 맞는 연구자와 그 근거(과제·논문·특허·키워드)를 보여 드립니다.")}
            </p>
            <form
                id="match-form"
                class="match-form"
                data-endpoint=results_path(lang)
                data-error=lang.tr("연결이 끊겼습니다. 잠시 후 다시 시도해 주세요.")
            >
                <label for="need" class="visually-hidden">{lang.tr("필요한 기술 설명")}</label>
                <textarea
                    id="need"
                    name="text"
                    rows="7"
                    maxlength=MAX_NEED_CHARS.to_string()
                    placeholder=lang.tr("예: 반도체 후공정 라인에서 웨이퍼 표면 결함을 카메라 영상으로 자동 검출하고 싶습니다. 딥러닝 기반 검사 장비를 함께 개발할 연구자를 찾습니다.")
                >{text}</textarea>
                <div class="match-actions">
                    <span class="char-count" data-template=format!("{{n}} / {MAX_NEED_CHARS}{}", lang.pick("자", " characters"))>
                        {format!("{count} / {MAX_NEED_CHARS}{}", lang.pick("자", " characters"))}
                    </span>
                    <button type="submit" data-busy=lang.tr("찾는 중…")>{lang.tr("연구자 찾기")}</button>
                </div>
                <noscript>
                    <p class="notice">{lang.tr("이 기능은 JavaScript가 필요합니다. 키워드 검색은 JavaScript 없이도 됩니다.")}</p>
                </noscript>
            </form>
            <div id="match-output" aria-live="polite"></div>
        </section>
    }
}

/// Where the need form posts, in the page's language (`/match/results`,
/// `/en/match/results`).
pub fn results_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Ko => "/match/results",
        Lang::En => "/en/match/results",
    }
}

/// What a need found: the researchers with their evidence, or what to do instead.
#[component]
pub fn MatchOutcome(result: Result<MatchResults, AppError>) -> impl IntoView {
    let lang = use_lang();
    match result {
        Ok(r) if r.hits.is_empty() => view! {
            <div class="empty" id="match-results">
                <p>{lang.tr("맞는 연구자를 찾지 못했습니다.")}</p>
                <p>{lang.tr("핵심 기술 용어(예: 머신비전, 이차전지, 5G)를 넣어 다시 설명해 보세요.")}</p>
                <p><a href=lang.path("/needs/new")>{lang.tr("기술 수요로 등록하면 기관 담당자가 맞는 연구자를 찾아 드립니다.")}</a></p>
            </div>
        }
        .into_any(),
        Ok(r) => {
            let terms = r.terms.iter().take(12).map(|t| view! { <li>{t.clone()}</li> }).collect_view();
            view! {
                <div id="match-results">
                    <p class="match-terms-label">{lang.tr("찾은 핵심어")}</p>
                    <ul class="chips match-terms">{terms}</ul>
                    <ol class="hits">
                        {r.hits.into_iter().map(|h| view! { <MatchHitItem hit=h /> }).collect_view()}
                    </ol>
                    <p class="match-need-link"><a href=lang.path("/needs/new")>{lang.tr("딱 맞는 연구자가 없나요? 기술 수요를 등록하면 기관이 찾아 전달합니다.")}</a></p>
                </div>
            }
            .into_any()
        }
        Err(e) => view! { <ErrorView error=e /> }.into_any(),
    }
}
