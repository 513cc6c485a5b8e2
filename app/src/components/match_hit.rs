//! A researcher matched to a need, with the evidence.

use crate::i18n::{Lang, use_lang};
use crate::model::card::Offer;
use crate::model::search::MatchHit;
use leptos::prelude::*;

/// The label of one piece of evidence or one work by its kind (`publication`, …), in the
/// singular.
pub(crate) fn kind_label(lang: Lang, kind: &str) -> &'static str {
    let (ko, en) = match kind {
        "keyword" => ("키워드", "Keyword"),
        "field" => ("기술 분야", "Technology field"),
        "project" => ("과제", "Project"),
        "publication" => ("논문", "Publication"),
        "patent" => ("특허", "Patent"),
        "video" => ("영상", "Video"),
        _ => ("기타", "Other"),
    };
    lang.pick(ko, en)
}

/// One matched researcher: who, where, what fits, and how to work together.
#[component]
pub fn MatchHitItem(hit: MatchHit) -> impl IntoView {
    let lang = use_lang();
    let h = hit.hit;
    let href = lang.path(&format!("/cards/{}", h.slug));
    let (first, second) = lang.names(&h.name, &h.name_en);
    let meta = h.meta_line();
    let evidence = hit
        .evidence
        .into_iter()
        .map(|e| {
            view! {
                <li class="evidence-item" data-kind=e.kind.clone()>
                    <span class="evidence-kind">{kind_label(lang, &e.kind)}</span>
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
        .map(|o| view! { <li>{lang.tr(o.label())}</li> })
        .collect_view();
    view! {
        <li class="hit match-hit">
            <h3>
                <a class="hit-name" href=href>{first}</a>
                {(!second.is_empty()).then(|| view! { <span class="name-en">{second}</span> })}
            </h3>
            <p class="hit-meta">{meta}</p>
            <ul class="evidence" aria-label=lang.tr("근거")>{evidence}</ul>
            <ul class="chips offers" aria-label=lang.tr("협력 방식")>{offers}</ul>
            <p class="hit-actions">
                <a class="hit-inquiry" href=lang.path(&format!("/inquiry?cards={}", h.slug)) aria-label=lang.pick(format!("{}에게 협력 문의", h.name), format!("Contact {}", h.name))>{lang.tr("협력 문의")}</a>
                <crate::components::shortlist::ShortlistButton slug=h.slug.clone() name=h.name.clone() />
            </p>
        </li>
    }
    .into_any()
}
