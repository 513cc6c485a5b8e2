//! R-Card: a directory of researcher cards. This crate holds the Leptos app (compiled for
//! the browser and the server) and, behind the `ssr` feature, the server-side domain:
//! database, search index and the directory service.

pub mod api;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pages::{
    card_page::CardPage,
    editor_page::EditorPage,
    login_page::{LoginPage, SetPasswordPage},
    match_page::MatchPage,
    not_found::NotFound,
    search_page::SearchPage,
    staff_page::StaffPage,
};

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="ko">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: header, routes, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // lets end-to-end tests wait until the page is interactive
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/rcard.css" />
        <Title formatter=|text: String| {
            // leptos_meta writes the title unescaped; without `<` nothing can close the element
            let text = text.replace('<', "‹").replace('>', "›");
            if text.is_empty() { "R-Card 연구자 찾기".to_string() } else { format!("{text} · R-Card") }
        } />
        <Router>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark">"R-Card"</span>
                    <span class="brand-sub">"연구자 찾기 · Find a researcher"</span>
                </A>
                <nav class="site-nav" aria-label="주 메뉴">
                    <A href="/">"키워드 검색"</A>
                    <A href="/match">"필요한 기술로 찾기"</A>
                    <A href="/login" attr:class="nav-login">"연구자·직원 로그인"</A>
                </nav>
            </header>
            <main class="site-main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/cards/:slug") view=CardPage ssr=SsrMode::Async />
                    <Route path=path!("/match") view=MatchPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/set-password") view=SetPasswordPage />
                    <Route path=path!("/edit/:slug") view=EditorPage />
                    <Route path=path!("/staff") view=StaffPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "공동 연구개발 · 기술이전 · 시험인증 · 장비 활용 · 자문 — 연구자에게 직접 문의하세요."
                </p>
            </footer>
        </Router>
    }
}
