//! The directory search at `/`: a GET form that works without JavaScript, and updates in
//! place with the public script (enhance/src/search.rs). The URL always holds the whole
//! search state.

use crate::api::search_cards;
use crate::components::error_view::ErrorView;
use crate::components::shortlist::ShortlistButton;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::model::card::{AvailabilityStatus, Offer};
use crate::model::search::{
    FACET_KEYS, FacetCount, SearchParams, SearchResults, Sort, encode_component, is_description,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

fn params_from(map: &ParamsMap) -> Result<SearchParams, AppError> {
    let mut pairs: Vec<(&'static str, String)> = Vec::new();
    for key in [
        "q",
        "field",
        "division",
        "site",
        "offer",
        "availability",
        "has_video",
        "sort",
        "page",
        "per_page",
    ] {
        for value in map.get_all(key).unwrap_or_default() {
            pairs.push((key, value));
        }
    }
    SearchParams::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .map_err(|e| AppError::BadRequest(format!("`{}`: {}", e.param, e.message)))
}

fn facet_title(key: &str) -> &'static str {
    match key {
        "field" => "기술 분야",
        "division" => "연구 부서",
        "site" => "지역 거점",
        "offer" => "협력 방식",
        "availability" => "협력 가능 여부",
        "has_video" => "영상",
        _ => "",
    }
}

fn facet_label(lang: Lang, key: &str, value: &str) -> String {
    match key {
        "offer" => Offer::from_key(value)
            .map_or_else(|| value.to_string(), |o| lang.tr(o.label()).to_string()),
        "availability" => AvailabilityStatus::from_key(value)
            .map_or_else(|| value.to_string(), |a| lang.tr(a.label()).to_string()),
        "has_video" => lang.tr("소개 영상 있음").to_string(),
        _ => value.to_string(),
    }
}

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(params_from));
    let results = Resource::new(
        move || params.get(),
        |p| async move {
            match p {
                Ok(p) => search_cards(p).await,
                Err(e) => Err(e),
            }
        },
    );
    let current = move || params.get().unwrap_or_default();
    let lang = use_lang();

    view! {
        <Title text=move || {
            let q = current().q;
            if q.is_empty() { String::new() } else { lang.pick(format!("{q} 검색"), format!("{q}: search")) }
        } />
        <Meta name="description" content=move || {
            let q = current().q;
            if q.trim().is_empty() {
                lang.pick(
                    "공동 연구개발, 기술이전, 시험·인증, 장비 활용, 자문: 필요한 분야의 연구자를 찾아 직접 문의하세요. Find the researcher to contact, in Korean or English.".to_string(),
                    "Joint R&D, technology transfer, testing and certification, shared equipment, consulting: find the institute's researcher for your need and contact them directly.".to_string(),
                )
            } else {
                crate::seo::clip(&lang.pick(
                    format!("‘{}’ 분야의 연구자를 찾아 경력·과제·논문·특허를 비교하고 직접 문의하세요.", q.trim()),
                    format!("Researchers in ‘{}’: compare careers, projects, publications and patents, and contact them directly.", q.trim()),
                ), 160)
            }
        } />
        {move || {
            let href = current().href();
            view! {
                <Link rel="canonical" href=crate::seo::absolute(&lang.path(&href)) />
                <Link rel="alternate" hreflang="ko" href=crate::seo::absolute(&Lang::Ko.path(&href)) />
                <Link rel="alternate" hreflang="en" href=crate::seo::absolute(&Lang::En.path(&href)) />
            }
        }}
        <h1 class="visually-hidden">{lang.tr("연구자 검색")}</h1>
        <SearchForm params=current() />
        // the new count, said once the public script has swapped new results in
        <p id="search-status" class="visually-hidden" role="status"></p>
        // what the public script replaces with the server's page for the next search
        <div id="search-body">
            <Transition fallback=move || view! { <p class="loading">{lang.tr("검색하는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(r) => view! { <ResultsView results=r params=current() /> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The query box: a plain GET form. The public script (enhance/src/search.rs) searches as
/// the user types and fills the suggestion list, whose kinds' names it reads from here.
#[component]
fn SearchForm(params: SearchParams) -> impl IntoView {
    let lang = use_lang();
    let mut hidden: Vec<(&'static str, String)> = Vec::new();
    for key in ["field", "division", "site", "offer", "availability"] {
        for v in params.selected(key) {
            hidden.push((key, v));
        }
    }
    if params.has_video {
        hidden.push(("has_video", "true".into()));
    }
    let hidden = hidden
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();

    view! {
        <form id="search-form" class="search-form" method="get" action=lang.path("/") role="search">
            <label for="q" class="visually-hidden">{lang.tr("연구자 검색")}</label>
            <div class="combo">
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=params.q
                    maxlength="500"
                    autocomplete="off"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="suggestions"
                    aria-expanded="false"
                    placeholder=lang.tr("기술, 키워드, 연구자 이름 — 예: 웨이퍼 결함 검출, HBM, 이차전지")
                />
                <ul
                    id="suggestions"
                    role="listbox"
                    aria-label=lang.tr("추천 검색어")
                    class="suggestions"
                    hidden=true
                    data-kind-name=lang.tr("연구자")
                    data-kind-field=lang.tr("기술 분야")
                    data-kind-keyword=lang.tr("키워드")
                ></ul>
            </div>
            {hidden}
            <button type="submit">{lang.tr("검색")}</button>
        </form>
    }
}

/// Facets, result list and pagination.
#[component]
fn ResultsView(results: SearchResults, params: SearchParams) -> impl IntoView {
    let lang = use_lang();
    let total = results.total;
    let pages = total.div_ceil(u64::from(params.per_page)).max(1);
    let page = u64::from(params.page);
    let summary = match (params.q.is_empty(), lang) {
        (true, Lang::Ko) => format!("연구자 {total}명"),
        (false, Lang::Ko) => format!("‘{}’ 검색 결과 {total}명", params.q),
        (true, Lang::En) => format!("{total} researchers"),
        (false, Lang::En) => format!("{total} researchers for ‘{}’", params.q),
    };
    let facets = FACET_KEYS
        .into_iter()
        .map(|key| {
            let mut counts: Vec<FacetCount> = results.facets.get(key).to_vec();
            for selected in params.selected(key) {
                if !counts.iter().any(|c| c.value == selected) {
                    counts.push(FacetCount {
                        value: selected,
                        count: 0,
                    });
                }
            }
            view! { <FacetGroup key=key counts=counts params=params.clone() /> }
        })
        .collect_view();
    let chosen: usize = FACET_KEYS
        .into_iter()
        .map(|key| params.selected(key).len())
        .sum();
    let sort_links = [Sort::Relevance, Sort::Updated, Sort::Name]
        .into_iter()
        .map(|s| {
            let mut p = params.clone();
            p.sort = s;
            p.page = 1;
            let label = lang.tr(match s {
                Sort::Relevance => "관련도순",
                Sort::Updated => "최근 수정순",
                Sort::Name => "이름순",
            });
            let current = params.sort == s;
            view! {
                <a href=lang.path(&p.href()) class="sort-link" class:current=current aria-current=current.then_some("true")>
                    {label}
                </a>
            }
        })
        .collect_view();
    let hits = results.hits.clone();
    let empty = hits.is_empty();
    let prev = (page > 1).then(|| {
        let mut p = params.clone();
        p.page -= 1;
        lang.path(&p.href())
    });
    let next = (page < pages).then(|| {
        let mut p = params.clone();
        p.page += 1;
        lang.path(&p.href())
    });

    view! {
        <div class="results-layout">
            // on a phone the filters wait behind this button, so results come first; a
            // `<details>` opens them without script
            <details class="filter-toggle">
                <summary>
                    {lang.tr("필터")}
                    {(chosen > 0).then(|| view! {
                        " " <span class="filter-count" aria-label=lang.pick(format!("{chosen}개 선택됨"), format!("{chosen} chosen"))>{chosen}</span>
                    })}
                </summary>
            </details>
            <aside class="facets" id="filters" aria-label=lang.tr("검색 조건")>
                {facets}
                // the panel stays open while filters are chosen; this (with the public
                // script) closes it on the results
                <a class="filter-done" href="#results">{lang.pick(format!("결과 {total}명 보기"), format!("Show {total} researchers"))}</a>
            </aside>
            <section class="results">
                // the hits' headings need a level above them when a phone hides the filters'
                <h2 class="visually-hidden">{lang.tr("검색 결과")}</h2>
                <div class="results-head">
                    <p id="total" data-total=total.to_string() tabindex="-1">{summary}</p>
                    <nav class="sort" aria-label=lang.tr("정렬")>{sort_links}</nav>
                </div>
                {(!results.related.is_empty()).then(|| {
                    let links = results
                        .related
                        .iter()
                        .map(|term| {
                            let href = lang.path(&SearchParams { q: term.clone(), page: 1, ..params.clone() }.href());
                            view! { <li><a class="related-term" href=href>{term.clone()}</a></li> }
                        })
                        .collect_view();
                    view! {
                        <nav class="related-terms" aria-labelledby="related-terms-label">
                            <span id="related-terms-label">{lang.tr("연관 키워드")}</span>
                            <ul>{links}</ul>
                        </nav>
                    }
                })}
                {results.relaxed.then(|| view! {
                    <p class="notice">{lang.tr("모든 단어가 들어간 카드가 없어, 일부 단어와 맞는 카드를 보여 줍니다.")}</p>
                })}
                {is_description(&params.q).then(|| {
                    let href = format!("{}?text={}", lang.path("/match"), encode_component(params.q.trim()));
                    view! {
                        <p class="notice need-hint">
                            {lang.tr("필요한 기술을 문장으로 적으셨다면, 그 설명 그대로 찾는 편이 더 잘 맞습니다:")} " "
                            <a href=href>{lang.tr("이 설명으로 연구자 찾기")}</a>
                        </p>
                    }
                })}
                {results.did_you_mean.clone().map(|q| {
                    let href = lang.path(&SearchParams { q: q.clone(), ..params.clone() }.href());
                    view! {
                        <p class="notice did-you-mean">
                            {lang.pick("혹시 ", "Did you mean ")} <a href=href>{format!("‘{q}’")}</a> {lang.pick("을(를) 찾으셨나요?", "?")}
                        </p>
                    }
                })}
                {empty.then(|| {
                    let related = results
                        .related_fields
                        .iter()
                        .map(|f| {
                            let href = lang.path(&SearchParams { field: vec![f.clone()], ..SearchParams::default() }.href());
                            view! { <li><a class="related-field" href=href>{f.clone()}</a></li> }
                        })
                        .collect_view();
                    view! {
                        <div class="empty">
                            <p>{lang.tr("조건에 맞는 연구자가 없습니다.")}</p>
                            <p>{lang.tr("검색어를 줄이거나 선택한 조건을 해제해 보세요. 한국어와 영어 용어(예: 인공지능 / AI)를 바꿔 검색해도 좋습니다.")}</p>
                            {(!results.related_fields.is_empty()).then(|| view! {
                                <p>{lang.tr("이런 기술 분야의 연구자를 찾아볼 수 있습니다:")}</p>
                                <ul class="related-fields">{related}</ul>
                            })}
                        </div>
                    }
                })}
                <ol id="results" class="hits">
                    {hits
                        .into_iter()
                        .enumerate()
                        .map(|(i, hit)| {
                            // a divider before the first card that matches only some words
                            let divider = (hit.partial && !results.relaxed
                                && (i == 0 || !results.hits[i - 1].partial))
                                .then(|| view! {
                                    <li class="partial-divider">{lang.tr("검색어 일부 또는 연관 키워드와 맞는 연구자")}</li>
                                });
                            view! { {divider} <HitItem hit=hit q=params.q.clone() /> }
                        })
                        .collect_view()}
                </ol>
                <nav class="pager" aria-label=lang.tr("페이지")>
                    {prev.map(|href| view! { <a rel="prev" href=href>{lang.tr("← 이전")}</a> })}
                    <span class="page-of">{format!("{page} / {pages}")}</span>
                    {next.map(|href| view! { <a rel="next" href=href>{lang.tr("다음 →")}</a> })}
                </nav>
            </section>
        </div>
    }
}

/// One facet with its values as toggle links.
#[component]
fn FacetGroup(key: &'static str, counts: Vec<FacetCount>, params: SearchParams) -> impl IntoView {
    let lang = use_lang();
    let selected = params.selected(key);
    let items = counts
        .into_iter()
        .map(|c| {
            let on = selected.contains(&c.value);
            let href = lang.path(&params.toggled(key, &c.value).href());
            let label = facet_label(lang, key, &c.value);
            view! {
                <li>
                    <a
                        class="facet-value"
                        class:selected=on
                        href=href
                        aria-current=on.then_some("true")
                        data-value=c.value.clone()
                    >
                        <span class="facet-label">{label}</span>
                        <span class="facet-count">{c.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="facet" data-facet=key>
            <h2>{lang.tr(facet_title(key))}</h2>
            <ul>{items}</ul>
        </section>
    }
}

/// One result.
#[component]
fn HitItem(hit: crate::model::search::Hit, q: String) -> impl IntoView {
    let lang = use_lang();
    // the card page then lists the works on the topic that the hit counts
    let href = lang.path(&crate::model::search::card_on_topic(&hit.slug, &q));
    let (first, second) = lang.names(&hit.name, &hit.name_en);
    let meta = hit.meta_line();
    let keywords = hit
        .keywords
        .iter()
        .take(8)
        .map(|k| view! { <li>{k.clone()}</li> })
        .collect_view();
    view! {
        <li class="hit">
            <h3>
                <a class="hit-name" href=href.clone()>{first}</a>
                {(!second.is_empty()).then(|| view! { <span class="name-en">{second}</span> })}
            </h3>
            <p class="hit-meta">{meta}</p>
            {(!hit.availability.is_default()).then(|| view! {
                <p class=format!("availability availability-{}", hit.availability.status.key())>
                    {lang.tr(hit.availability.status.label())}
                    {(!hit.availability.until.is_empty()).then(|| format!(" (~{})", hit.availability.until))}
                    {(!hit.availability.note.is_empty()).then(|| format!(" · {}", hit.availability.note))}
                </p>
            })}
            // the counts open the card at the works they count
            {hit.evidence.map(|e| view! {
                <p class="hit-evidence">
                    <a href=format!("{href}#topic-works")>{lang.pick(e.summary_ko(), e.summary_en())}</a>
                </p>
            })}
            // the snippet is escaped on the server; only <mark> is markup
            <p class="snippet" inner_html=hit.snippet.clone()></p>
            <ul class="tags">{keywords}</ul>
            <p class="hit-actions">
                <a class="hit-inquiry" href=lang.path(&format!("/inquiry?cards={}", hit.slug)) aria-label=lang.pick(format!("{}에게 협력 문의", hit.name), format!("Contact {}", hit.name))>{lang.tr("협력 문의")}</a>
                <ShortlistButton slug=hit.slug.clone() name=hit.name.clone() />
            </p>
        </li>
    }
    // a type of its own keeps the page's view type shallow enough to compile to WASM
    .into_any()
}
