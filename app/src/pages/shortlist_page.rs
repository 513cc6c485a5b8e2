//! The shortlist at `/shortlist`: the researchers a company kept, side by side, with one
//! inquiry to all of them, a share link and a CSV file. `/shortlist?cards=a,b` shows a shared
//! list, which can be saved as this browser's own.

use crate::components::error_view::ErrorView;
use crate::components::shortlist::{self, ShortlistButton, use_shortlist};
use crate::i18n::use_lang;
use crate::model::card::{Offer, PublicCard};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The cards of a shortlist, published ones only, in its order.
#[server(prefix = "/rpc", endpoint = "compare_cards", input = leptos::server_fn::codec::Json)]
pub async fn compare_cards(slugs: Vec<String>) -> Result<Vec<PublicCard>, crate::error::AppError> {
    let state = crate::state::app_state()?;
    let mut out = Vec::new();
    for slug in slugs.iter().take(shortlist::MAX) {
        if let Ok(card) = state.directory.public_card(slug).await
            && card.status == crate::model::card::Status::Published
        {
            out.push(card);
        }
    }
    Ok(out)
}

#[component]
pub fn ShortlistPage() -> impl IntoView {
    let query = use_query_map();
    let shared =
        Memo::new(move |_| query.with(|q| shortlist::parse(&q.get("cards").unwrap_or_default())));
    let mine = use_shortlist().0;
    let slugs = Memo::new(move |_| {
        let shared = shared.get();
        if shared.is_empty() {
            mine.get()
        } else {
            shared
        }
    });
    let cards = Resource::new(move || slugs.get(), compare_cards);
    let joined = move || slugs.with(|s| s.join(","));
    let lang = use_lang();
    view! {
        <Title text=lang.tr("관심 목록 비교") />
        <Meta name="robots" content="noindex" />
        <section class="shortlist">
            <h1>{lang.tr("관심 목록 비교")}</h1>
            {move || (!shared.get().is_empty()).then(|| view! {
                <p class="notice">
                    {lang.tr("공유받은 목록입니다. ")}
                    <button type="button" class="linklike" on:click=move |_| mine.set(shared.get_untracked())>{lang.tr("내 관심 목록으로 저장")}</button>
                </p>
            })}
            <Transition fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match cards.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="notice">{lang.tr("관심 목록이 비어 있습니다. 검색 결과나 카드에서 ‘☆ 관심 목록’을 눌러 연구자를 담으세요. 목록은 이 브라우저에만 저장됩니다.")}</p>
                        }.into_any(),
                        Ok(list) => view! { <Compare list /> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Transition>
            {move || (!slugs.with(Vec::is_empty)).then(|| {
                let share = crate::seo::absolute(&lang.path(&format!("/shortlist?cards={}", joined())));
                view! {
                    <div class="shortlist-actions">
                        <a class="button" href=lang.path(&format!("/inquiry?cards={}", joined()))>{lang.tr("모두에게 한 번에 문의하기")}</a>
                        <a class="button secondary" href=format!("/shortlist.csv?cards={}", joined()) download="">{lang.tr("CSV 내려받기")}</a>
                        <label for="share-link">{lang.tr("공유 링크")}</label>
                        <input id="share-link" type="text" readonly=true value=share on:focus=move |ev| {
                            #[cfg(feature = "hydrate")]
                            {
                                use leptos::wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }
                            #[cfg(not(feature = "hydrate"))]
                            let _ = ev;
                        } />
                    </div>
                }
            })}
        </section>
    }
}

/// The researchers side by side.
#[component]
fn Compare(list: Vec<PublicCard>) -> impl IntoView {
    let lang = use_lang();
    let row = |title: &'static str, cell: &dyn Fn(&PublicCard) -> String| {
        view! {
            <tr>
                <th scope="row">{lang.tr(title)}</th>
                {list.iter().map(|c| view! { <td>{cell(c)}</td> }).collect_view()}
            </tr>
        }
    };
    let joined = |items: Vec<String>| {
        if items.is_empty() {
            "—".to_string()
        } else {
            items.join(", ")
        }
    };
    let recent = |c: &PublicCard| {
        let mut projects = c.projects.clone();
        projects.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)));
        joined(projects.iter().take(2).map(|p| p.title.clone()).collect())
    };
    view! {
        <div class="compare-scroll" tabindex="0" role="region" aria-label=lang.tr("연구자 비교표")>
            <table class="compare">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{lang.tr("항목")}</span></th>
                        {list.iter().map(|c| view! {
                            <th scope="col">
                                <a href=lang.path(&format!("/cards/{}", c.slug))>{c.name.clone()}</a>
                                <ShortlistButton slug=c.slug.clone() name=c.name.clone() />
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {row("소속", &|c| joined([c.position.clone(), c.division.clone(), c.site.clone()].into_iter().filter(|s| !s.is_empty()).collect()))}
                    {row("협력 가능 여부", &|c| {
                        let a = &c.availability;
                        format!("{}{}", lang.tr(a.status.label()), if a.until.is_empty() { String::new() } else { format!(" (~{})", a.until) })
                    })}
                    {row("협력 방식", &|c| joined(c.offers.iter().map(|o: &Offer| lang.tr(o.label()).to_string()).collect()))}
                    {row("기술 분야", &|c| joined(c.fields.clone()))}
                    {row("키워드", &|c| joined(c.keywords.iter().take(6).cloned().collect()))}
                    {row("근거", &|c| {
                        let n = [c.publications.len(), c.projects.len(), c.patents.len(), c.videos.len()];
                        lang.pick(
                            format!("논문 {} · 과제 {} · 특허 {} · 영상 {}", n[0], n[1], n[2], n[3]),
                            format!("{} publications · {} projects · {} patents · {} videos", n[0], n[1], n[2], n[3]),
                        )
                    })}
                    {row("최근 과제", &recent)}
                    {row("특허", &|c| joined(c.patents.iter().take(2).map(|p| p.title.clone()).collect()))}
                </tbody>
            </table>
        </div>
    }
}
