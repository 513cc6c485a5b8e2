//! One researcher's card at `/cards/{slug}`.

use crate::api::{card_topic, get_card, similar_cards};
use crate::components::card_view::{CardView, entries};
use crate::components::error_view::ErrorView;
use crate::components::match_hit::MatchHitItem;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::model::card::{PublicCard, Status};
use crate::model::search::{MAX_QUERY_CHARS, SearchParams, TopicWorks};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The card page.
#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let card = Resource::new(slug, get_card);
    let similar = Resource::new(slug, similar_cards);
    // reached from a search hit (`?q=`): the card's works on that topic come first
    let query = use_query_map();
    let topic = Resource::new(
        move || (slug(), query.with(|m| m.get("q").unwrap_or_default())),
        |(slug, q)| async move {
            if q.trim().is_empty() {
                return Ok((q, TopicWorks::default()));
            }
            card_topic(slug, q.clone()).await.map(|works| (q, works))
        },
    );
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(c) if c.status == Status::Archived => view! { <CardMeta card=c.clone() /><CardView card=c /> }.into_any(),
                    Ok(c) => {
                        // related researchers are a bonus: an error there leaves the card intact
                        let related = similar.await.unwrap_or_default();
                        // like related researchers, the topic's works are a bonus
                        let (q, works) = topic.await.unwrap_or_default();
                        view! {
                            <CardMeta card=c.clone() />
                            <CardView
                                card=c
                                lead=(!works.works.is_empty()).then(|| view! { <TopicBox q=q works=works /> }.into_any())
                            />
                            {(!related.is_empty()).then(|| view! {
                                <section class="similar">
                                    <h2>{lang.tr("비슷한 전문성을 가진 연구자")}</h2>
                                    <ol class="hits">
                                        {related.into_iter().map(|h| view! { <MatchHitItem hit=h /> }).collect_view()}
                                    </ol>
                                </section>
                            })}
                        }
                        .into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The card's works on the topic of the search that led here, with the way back to it.
#[component]
fn TopicBox(q: String, works: TopicWorks) -> impl IntoView {
    let lang = use_lang();
    let n = works.works.len();
    // the heading quotes the words searched for, trimmed and shortened by the server; the
    // way back is to the search as it was
    let shown = works.query.clone();
    let heading = match (works.partial, lang) {
        (false, Lang::Ko) => format!("‘{shown}’ 주제의 연구 {n}건"),
        (false, Lang::En) => format!("{n} {} on ‘{shown}’", if n == 1 { "work" } else { "works" }),
        (true, Lang::Ko) => format!("‘{shown}’ 일부와 관련된 연구 {n}건"),
        (true, Lang::En) => format!(
            "{n} {} on part of ‘{shown}’",
            if n == 1 { "work" } else { "works" }
        ),
    };
    let back = lang.path(
        &SearchParams {
            q: q.trim().chars().take(MAX_QUERY_CHARS).collect(),
            ..Default::default()
        }
        .href(),
    );
    let list = entries(
        &works.works,
        lang.pick("{}건 더 보기", "{} more"),
        |w| {
            view! {
                <li>
                    <span class="work-kind">{crate::components::match_hit::kind_label(lang, &w.kind)}</span>
                    // escaped on the server; only <mark> is markup
                    <span class="work-title" inner_html=w.html.clone()></span>
                    {w.year.map(|y| view! { <span class="entry-meta">{y}</span> })}
                </li>
            }
            .into_any()
        },
    );
    view! {
        <section class="topic-works" id="topic-works" aria-labelledby="topic-works-title">
            <h2 id="topic-works-title">{heading}</h2>
            {list}
            <p class="topic-back"><a href=back>{lang.tr("← 검색 결과로 돌아가기")}</a></p>
        </section>
    }
}

/// The card page's title, description, OpenGraph tags, canonical URL and JSON-LD.
#[component]
fn CardMeta(card: PublicCard) -> impl IntoView {
    let lang = use_lang();
    let path = format!("/cards/{}", card.slug);
    // English pages name the researcher in English where the card has it
    let (name, _) = lang.names(&card.name, &card.name_en);
    let description = {
        let mut parts = vec![
            card.position.clone(),
            card.division.clone(),
            card.organization.clone(),
        ];
        parts.retain(|p| !p.is_empty());
        let head = parts.join(" · ");
        let kw = card
            .keywords
            .iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if kw.is_empty() {
            head
        } else {
            format!("{head} — {kw}")
        }
    };
    let canonical = crate::seo::absolute(&lang.path(&path));
    // drawn by the server (server/src/og.rs)
    let image = crate::seo::absolute(&format!("/cards/{}/og.png", card.slug));
    let description = crate::seo::clip(
        &if card.bio.is_empty() {
            description
        } else {
            format!("{description}. {}", card.bio)
        },
        160,
    );
    view! {
        <Title text=name.clone() />
        <Link rel="alternate" hreflang="ko" href=crate::seo::absolute(&Lang::Ko.path(&path)) />
        <Link rel="alternate" hreflang="en" href=crate::seo::absolute(&Lang::En.path(&path)) />
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="profile" />
        <Meta property="og:title" content=format!("{name} · R-Card") />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=canonical.clone() />
        // archived cards have no picture (the image answers 404 for them)
        {(card.status == Status::Published).then(|| view! {
            <Meta property="og:image" content=image />
            <Meta property="og:image:width" content="1200" />
            <Meta property="og:image:height" content="630" />
            <Meta property="og:image:alt" content=format!("{name} R-Card") />
            <Meta name="twitter:card" content="summary_large_image" />
        })}
        <Link rel="canonical" href=canonical />
        <script type="application/ld+json" inner_html=json_ld(&card)></script>
    }
}

/// schema.org `Person` as JSON-LD, safe to put inside a `<script>` element.
fn json_ld(card: &PublicCard) -> String {
    let mut same_as: Vec<String> = Vec::new();
    if !card.links.orcid.is_empty() {
        same_as.push(format!("https://orcid.org/{}", card.links.orcid));
    }
    if !card.links.scholar.is_empty() {
        same_as.push(card.links.scholar.clone());
    }
    let mut person = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": card.name,
        "jobTitle": card.position,
        "knowsAbout": card.keywords,
        "worksFor": {"@type": "Organization", "name": card.organization, "department": card.division},
    });
    // the English name, when it is a second spelling
    let (_, english) = Lang::Ko.names(&card.name, &card.name_en);
    if !english.is_empty() {
        person["alternateName"] = english.into();
    }
    if !card.links.homepage.is_empty() {
        person["url"] = card.links.homepage.clone().into();
    }
    if !same_as.is_empty() {
        person["sameAs"] = same_as.into();
    }
    if !card.contact.email.is_empty() {
        person["email"] = card.contact.email.clone().into();
    }
    // `<` could end the script element early; JSON allows it escaped
    person
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}
