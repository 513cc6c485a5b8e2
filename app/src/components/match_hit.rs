//! A researcher matched to a need, with the evidence.

use crate::model::card::Offer;
use crate::model::search::MatchHit;
use leptos::prelude::*;

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "keyword" => "키워드",
        "field" => "기술 분야",
        "project" => "과제",
        "publication" => "논문",
        "patent" => "특허",
        "video" => "영상",
        _ => "기타",
    }
}

/// One matched researcher: who, where, what fits, and how to work together.
#[component]
pub fn MatchHitItem(hit: MatchHit) -> impl IntoView {
    let h = hit.hit;
    let href = format!("/cards/{}", h.slug);
    let meta = h.meta_line();
    let evidence = hit
        .evidence
        .into_iter()
        .map(|e| {
            view! {
                <li class="evidence-item" data-kind=e.kind.clone()>
                    <span class="evidence-kind">{kind_label(&e.kind)}</span>
                    // escaped on the server; only <mark> is markup
                    <span class="evidence-text" inner_html=e.html></span>
                </li>
            }
        })
        .collect_view();
    let offers = hit
        .offers
        .iter()
        .filter_map(|o| Offer::from_key(o))
        .map(|o| view! { <li>{o.label()}</li> })
        .collect_view();
    view! {
        <li class="hit match-hit">
            <h3>
                <a class="hit-name" href=href>{h.name.clone()}</a>
                {(!h.name_en.is_empty()).then(|| view! { <span class="name-en">{h.name_en.clone()}</span> })}
            </h3>
            <p class="hit-meta">{meta}</p>
            <ul class="evidence" aria-label="근거">{evidence}</ul>
            <ul class="chips offers" aria-label="협력 방식">{offers}</ul>
            <p class="hit-actions">
                <a class="hit-inquiry" href=format!("/inquiry?cards={}", h.slug) aria-label=format!("{}에게 협력 문의", h.name)>"협력 문의"</a>
                <crate::components::shortlist::ShortlistButton slug=h.slug.clone() name=h.name.clone() />
            </p>
        </li>
    }
    .into_any()
}
