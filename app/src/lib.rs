//! R-Card: a directory of researcher cards. This crate holds the Leptos app (compiled for
//! the browser and the server) and, behind the `ssr` feature, the server-side domain:
//! database, search index and the directory service.

pub mod api;
pub mod bundles;
pub mod components;
pub mod error;
pub mod i18n;
pub mod links;
pub mod model;
pub mod pages;
pub mod seo;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;

use i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Html, Link, MetaTags, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pages::{
    editor::EditorPage,
    login_page::{LoginPage, SetPasswordPage},
    not_found::NotFound,
    staff_page::StaffPage,
};

/// The page's Content-Security-Policy: scripts from this site and the hydration script
/// that carries this response's nonce, WebAssembly, and YouTube's privacy-enhanced player
/// in frames; nothing may frame the page.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         frame-src https://www.youtube-nocookie.com; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The HTML document around the app. Desk pages hydrate the app; public pages load the
/// small public script instead, or nothing while it is not built (see [`bundles`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = axum::http::HeaderValue::from_str(&content_security_policy(&nonce))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
    #[cfg(feature = "ssr")]
    let path = use_context::<axum::http::request::Parts>()
        .map(|parts| parts.uri.path().to_string())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let path = String::new();
    let desk = bundles::hydrates(&path);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                {desk.then(|| view! { <HydrationScripts options /> })}
                {(!desk).then(public_script)}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The public script's tags: its module and WASM fetched early, then started.
fn public_script() -> Option<impl IntoView> {
    #[cfg(feature = "ssr")]
    let hash = use_context::<state::AppState>().and_then(|s| s.public_script.hash());
    #[cfg(not(feature = "ssr"))]
    let hash: Option<String> = None;
    let hash = hash?;
    let base = format!("{}/rcard-enhance.{hash}", bundles::PUBLIC_SCRIPT_URL);
    let nonce = leptos::nonce::use_nonce();
    Some(view! {
        <link rel="modulepreload" href=format!("{base}.js") />
        <link rel="preload" href=format!("{base}.wasm") r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=nonce>
            {format!("import init from {js:?}; init({{ module_or_path: {wasm:?} }});", js = format!("{base}.js"), wasm = format!("{base}.wasm"))}
        </script>
    })
}

/// The header's account links: sign in, or the account's own page and sign out.
#[component]
fn UserMenu() -> impl IntoView {
    let me = Resource::new(|| (), |_| api::auth::who_am_i());
    let lang = use_lang();
    let sign_in = move || {
        view! { <a href=lang.path("/login") class="nav-login">{lang.tr("연구자·직원 로그인")}</a> }
            .into_any()
    };
    view! {
        <Transition fallback=sign_in>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        let home = lang.path(&pages::login_page::home_of(&me));
                        let label = lang.tr(if me.role.curates() { "관리" } else { "내 카드" });
                        let csrf = me.csrf_token.clone();
                        // a plain form: it works on every page, with or without the app's
                        // script, and the server sends the browser back to a fresh page
                        view! {
                            <a href=lang.path("/inbox") class="nav-login">{lang.tr("받은 문의")}</a>
                            <a href=home class="nav-login">{label}</a>
                            <form method="post" action="/rpc/sign_out" class="nav-logout-form">
                                <input type="hidden" name="csrf" value=csrf />
                                <button type="submit" class="nav-logout">{lang.tr("로그아웃")}</button>
                            </form>
                        }
                        .into_any()
                    }
                    _ => sign_in(),
                }
            })}
        </Transition>
    }
}

/// The app: header, routes, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    components::shortlist::provide_shortlist();
    let shortlist = components::shortlist::use_shortlist().0;
    // lets end-to-end tests wait until the page is interactive
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <Layout shortlist />
        </Router>
    }
}

/// Header, routes and footer, in the language of the page's URL.
#[component]
fn Layout(shortlist: RwSignal<Vec<String>>) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let lang = Lang::of_path(&location.pathname.get_untracked());
    provide_context(lang);
    // the same page in the other language, for the switch
    let other = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        let here = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        lang.other().path(&here)
    };
    view! {
        <Html {..} lang=lang.code() />
        <Title formatter=move |text: String| {
            // leptos_meta writes the title unescaped; without `<` nothing can close the element
            let text = text.replace('<', "‹").replace('>', "›");
            if text.is_empty() { lang.tr("R-Card 연구자 찾기").to_string() } else { format!("{text} · R-Card") }
        } />
        <header class="site-header">
            <A href=lang.path("/") attr:class="brand">
                <span class="brand-mark">"R-Card"</span>
                <span class="brand-sub">{lang.pick("연구자 찾기 · Find a researcher", "Find a researcher · 연구자 찾기")}</span>
            </A>
            <nav class="site-nav" aria-label=lang.tr("주 메뉴")>
                // exact: every English path begins with `/en/`
                <A href=lang.path("/") exact=true>{lang.tr("키워드 검색")}</A>
                <A href=lang.path("/match")>{lang.tr("필요한 기술로 찾기")}</A>
                // the public script keeps `.shortlist-count` in step on the public pages
                <A href=lang.path("/shortlist")>
                    {lang.pick("관심 목록 ", "Shortlist ")}
                    <span class="shortlist-count">{move || shortlist.with(Vec::len)}</span>
                </A>
            </nav>
            <div class="site-tools">
                <UserMenu />
                // a full page load: every text of the page changes language. A page with
                // one language only has no switch.
                {move || Lang::has_version(&location.pathname.get()).then(|| view! {
                    <a href=other rel="external" class="lang-switch" hreflang=lang.other().code() lang=lang.other().code()>
                        {lang.pick("English", "한국어")}
                    </a>
                })}
            </div>
        </header>
        <main class="site-main">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=PublicSearch ssr=SsrMode::Async />
                <Route path=path!("/cards/:slug") view=PublicCard ssr=SsrMode::Async />
                <Route path=path!("/match") view=PublicMatch />
                <Route path=path!("/en") view=PublicSearch ssr=SsrMode::Async />
                <Route path=path!("/en/cards/:slug") view=PublicCard ssr=SsrMode::Async />
                <Route path=path!("/en/match") view=PublicMatch />
                <Route path=path!("/en/inquiry") view=pages::inquiry_page::InquiryPage />
                <Route path=path!("/en/needs/new") view=pages::inquiry_page::NeedPage />
                <Route path=path!("/en/track/:token") view=pages::inquiry_page::TrackPage ssr=SsrMode::Async />
                <Route path=path!("/en/shortlist") view=pages::shortlist_page::ShortlistPage />
                <Route path=path!("/en/login") view=LoginPage />
                <Route path=path!("/en/set-password") view=SetPasswordPage />
                <Route path=path!("/en/edit/:slug") view=EditorPage />
                <Route path=path!("/en/staff") view=StaffPage />
                <Route path=path!("/en/inbox") view=pages::inbox_page::InboxPage />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/set-password") view=SetPasswordPage />
                <Route path=path!("/edit/:slug") view=EditorPage />
                <Route path=path!("/staff") view=StaffPage />
                <Route path=path!("/inquiry") view=pages::inquiry_page::InquiryPage />
                <Route path=path!("/needs/new") view=pages::inquiry_page::NeedPage />
                <Route path=path!("/track/:token") view=pages::inquiry_page::TrackPage ssr=SsrMode::Async />
                <Route path=path!("/inbox") view=pages::inbox_page::InboxPage />
                <Route path=path!("/shortlist") view=pages::shortlist_page::ShortlistPage />
            </Routes>
        </main>
        <footer class="site-footer">
            <p>
                {lang.tr("공동 연구개발 · 기술이전 · 시험인증 · 장비 활용 · 자문 — 연구자에게 직접 문의하세요. ")}
                <a href=lang.path("/needs/new")>{lang.tr("누구에게 물을지 모르겠다면 기술 수요를 등록하세요.")}</a>
            </p>
        </footer>
    }
}

/// A public page reached inside the app (on a desk page) other than by a link, which
/// [`bundles::leave_the_app_for_public_pages`] already hands to the browser: it is loaded
/// as a page of its own, with the public script, rather than drawn by the app. The server never sends
/// the app to a public page, so this never runs while hydrating one.
#[cfg(not(feature = "ssr"))]
#[component]
fn FullLoad() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move || {
        let (path, query) = (
            location.pathname.get_untracked(),
            location.search.get_untracked(),
        );
        let target = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        // after the router's own tasks, which add the URL to the history (unless it is
        // there already): then the page replaces that entry rather than adding one
        set_timeout(
            move || {
                let browser = window().location();
                let shown = format!(
                    "{}{}",
                    browser.pathname().unwrap_or_default(),
                    browser.search().unwrap_or_default()
                );
                let _ = if shown == target {
                    browser.replace(&target)
                } else {
                    browser.assign(&target)
                };
            },
            std::time::Duration::ZERO,
        );
    });
}

/// The search page: drawn on the server (see [`FullLoad`]).
#[component]
fn PublicSearch() -> impl IntoView {
    #[cfg(feature = "ssr")]
    return view! { <pages::search_page::SearchPage /> };
    #[cfg(not(feature = "ssr"))]
    view! { <FullLoad /> }
}

/// A card's page: drawn on the server (see [`FullLoad`]).
#[component]
fn PublicCard() -> impl IntoView {
    #[cfg(feature = "ssr")]
    return view! { <pages::card_page::CardPage /> };
    #[cfg(not(feature = "ssr"))]
    view! { <FullLoad /> }
}

/// The need-matching page: drawn on the server (see [`FullLoad`]).
#[component]
fn PublicMatch() -> impl IntoView {
    #[cfg(feature = "ssr")]
    return view! { <pages::match_page::MatchPage /> };
    #[cfg(not(feature = "ssr"))]
    view! { <FullLoad /> }
}
