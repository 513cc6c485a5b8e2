//! Sign-in at `/login` and first or new passwords at `/set-password?token=…`.

use crate::api::auth::{set_password, sign_in};
use crate::components::error_view::ErrorView;
use crate::i18n::use_lang;
use crate::model::account::{MIN_PASSWORD, Me, Role, check_password};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where an account goes after signing in (the Korean path; [`crate::i18n::Lang::path`]
/// gives the page's language).
pub fn home_of(me: &Me) -> String {
    match (&me.role, &me.card) {
        (Role::Researcher, Some(slug)) => format!("/edit/{slug}"),
        _ => "/staff".to_string(),
    }
}

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let action = Action::new(|(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { sign_in(email, password).await }
    });
    Effect::new(move || {
        if let Some(Ok(me)) = action.value().get() {
            // a full load, so every part of the page (the header too) sees the new session
            let _ = window().location().set_href(&lang.path(&home_of(&me)));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch((email.get_untracked(), password.get_untracked()));
    };
    view! {
        <Title text=lang.tr("로그인") />
        <section class="auth">
            <h1>{lang.tr("연구자·직원 로그인")}</h1>
            <p class="lead">{lang.tr("연구자는 자기 R-Card를, 직원은 디렉터리를 관리합니다.")}</p>
            <form id="login-form" class="auth-form" on:submit=on_submit>
                <label for="email">{lang.tr("이메일")}</label>
                <input
                    id="email"
                    type="email"
                    name="email"
                    autocomplete="username"
                    required=true
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
                <label for="password">{lang.tr("비밀번호")}</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    autocomplete="current-password"
                    required=true
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                <button type="submit" disabled=move || action.pending().get()>
                    {move || lang.tr(if action.pending().get() { "확인 중…" } else { "로그인" })}
                </button>
                <noscript><p class="notice">{lang.tr("로그인에는 JavaScript가 필요합니다.")}</p></noscript>
            </form>
            {move || match action.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <p class="auth-help">
                {lang.tr("비밀번호를 잊었거나 계정이 없다면 기관 담당 직원에게 일회용 링크를 요청하세요.")}
            </p>
        </section>
    }
}

/// Setting a password from an invitation or reset link.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token").unwrap_or_default());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let action = Action::new(|(token, password): &(String, String)| {
        let (token, password) = (token.clone(), password.clone());
        async move { set_password(token, password).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = password.get_untracked();
        // the same check the server makes, before the round trip
        if let Err(message) = check_password(&p) {
            problem.set(Some(lang.translate(&message)));
        } else if p != again.get_untracked() {
            problem.set(Some(
                lang.tr("두 비밀번호가 다릅니다. 같은 비밀번호를 두 번 입력하세요.")
                    .into(),
            ));
        } else {
            problem.set(None);
            action.dispatch((token(), p));
        }
    };
    view! {
        <Title text=lang.tr("비밀번호 설정") />
        <section class="auth">
            <h1>{lang.tr("비밀번호 설정")}</h1>
            {move || match action.value().get() {
                Some(Ok(())) => view! {
                    <p class="notice" role="status">{lang.tr("비밀번호를 설정했습니다. ")} <a href=lang.path("/login")>{lang.tr("로그인하세요")}</a>"."</p>
                }.into_any(),
                other => view! {
                    <form id="password-form" class="auth-form" on:submit=on_submit>
                        <label for="new-password">{lang.pick(format!("새 비밀번호 ({MIN_PASSWORD}자 이상)"), format!("New password (at least {MIN_PASSWORD} characters)"))}</label>
                        <input id="new-password" type="password" autocomplete="new-password" required=true
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev)) />
                        <label for="new-password-again">{lang.tr("한 번 더")}</label>
                        <input id="new-password-again" type="password" autocomplete="new-password" required=true
                            prop:value=move || again.get()
                            on:input=move |ev| again.set(event_target_value(&ev)) />
                        {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                        <button type="submit" disabled=move || action.pending().get()>{lang.tr("비밀번호 설정")}</button>
                    </form>
                    {other.and_then(|r| r.err()).map(|e| view! { <ErrorView error=e /> })}
                }.into_any(),
            }}
        </section>
    }
}
