//! The card editor at `/edit/{slug}`: researchers keep their own card, staff any card.
//!
//! The form edits one `CardRecord` in a signal. Inputs read their value when the form is drawn
//! and write on every keystroke; the form is redrawn only when its shape changes (an entry added,
//! removed or moved, or another version loaded), so typing never loses focus. The browser runs
//! the same validation as the server before saving; a save based on a stale version gets the
//! conflict view, which keeps everything typed.

mod conflict;
mod fields;
mod history;
mod staff;

use crate::api::auth::who_am_i;
use crate::api::editing::{load_editable_card, save_card};
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::{EditableCard, Me, SaveOutcome};
use crate::model::card::{CardRecord, PublicCard};
use crate::model::validate::FieldErrors;
use conflict::conflict_box;
use fields::{Form, form_view};
use history::History;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use staff::StatusActions;

/// The editor page: loads the card and the signed-in account, then shows the form.
#[component]
pub fn EditorPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let loaded = Resource::new(slug, |slug| async move {
        let me = who_am_i().await?.ok_or_else(AppError::sign_in)?;
        let card = load_editable_card(slug.clone()).await?;
        Ok::<_, AppError>((slug, me, card))
    });
    view! {
        <Title text=lang.tr("카드 편집") />
        <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((slug, me, card)) => view! { <Editor slug me initial=card /> }.into_any(),
                    Err(AppError::Unauthorized(_)) => view! {
                        <section class="auth">
                            <p class="notice">{lang.tr("카드를 고치려면 먼저 로그인하세요.")}</p>
                            <a class="button" href=lang.path("/login")>{lang.tr("로그인")}</a>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(slug: String, me: Me, initial: EditableCard) -> impl IntoView {
    let lang = use_lang();
    let form = Form {
        card: RwSignal::new(initial.card.clone()),
        errors: RwSignal::new(FieldErrors::new()),
        layout: RwSignal::new(0),
        places: StoredValue::new(initial.places.clone()),
    };
    // the version the edit is based on, and the card as it was then
    let version = RwSignal::new(initial.version);
    let base = RwSignal::new(initial.card.clone());
    let conflict = RwSignal::new(None::<EditableCard>);
    let notice = RwSignal::new(None::<String>);
    let preview = RwSignal::new(false);
    let curator = me.role.curates();
    let csrf = me.csrf_token.clone();
    let slug_for_save = slug.clone();
    let save = Action::new(move |(card, v): &(CardRecord, i64)| {
        let (card, v, slug, csrf) = (card.clone(), *v, slug_for_save.clone(), csrf.clone());
        async move { save_card(slug, card, v, csrf).await }
    });
    let submit = move || {
        let mut card = form.card.get_untracked();
        card.normalize();
        // the server's own check, run here first so errors show without a round trip
        let unlisted = form
            .places
            .with_value(|p| base.with_untracked(|b| p.check(&card, b)));
        let checked = match card.validate() {
            Ok(()) if unlisted.is_empty() => Ok(()),
            Ok(()) => Err(unlisted),
            Err(errors) => Err(errors),
        };
        if let Err(errors) = checked {
            form.errors.set(errors);
            notice.set(Some(lang.tr("표시된 항목을 고친 뒤 저장하세요.").into()));
            return;
        }
        form.errors.set(Vec::new());
        save.dispatch((card, version.get_untracked()));
    };
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            version.set(saved.version);
            base.set(form.card.get_untracked());
            conflict.set(None);
            notice.set(Some(
                lang.tr(match saved.outcome {
                    SaveOutcome::Published => "저장했습니다. 검색 결과에 바로 반영됩니다.",
                    SaveOutcome::PendingReview | SaveOutcome::Rejected => {
                        "저장했습니다. 담당 직원이 검토한 뒤 공개됩니다."
                    }
                })
                .into(),
            ));
        }
        Some(Err(AppError::Stale(current))) => {
            notice.set(None);
            conflict.set(Some(*current));
        }
        Some(Err(AppError::Invalid(errors))) => {
            form.errors.set(errors);
            notice.set(Some(lang.tr("표시된 항목을 고친 뒤 저장하세요.").into()));
        }
        _ => {}
    });
    let last_edit = initial.last_edit.clone();
    let public_href = lang.path(&format!("/cards/{slug}"));
    let head = view! {
        <header class="editor-head">
            <h1>{move || form.card.with(|c| lang.pick(format!("{} 카드 편집", c.name), format!("Editing {}", c.name)))}</h1>
            <p class="editor-meta">
                <a href=public_href>{lang.tr("공개 카드 보기")}</a>
                {lang.tr(" · 버전 ")} <span id="card-version">{move || version.get()}</span>
                {initial.review.then_some(lang.tr(" · 저장한 내용은 직원 검토 뒤 공개됩니다"))}
            </p>
            {last_edit.map(|e| view! {
                <div class="review-status" data-state=e.state.clone()>
                    {lang.tr(match e.state.as_str() {
                        "pending" => "검토를 기다리는 수정이 있습니다.",
                        "rejected" => "지난 수정이 반려되었습니다.",
                        _ => "지난 수정이 승인되었습니다.",
                    })}
                    {(!e.comment.is_empty()).then(|| view! { <blockquote class="review-comment">{e.comment.clone()}</blockquote> })}
                </div>
            })}
        </header>
    }
    .into_any();
    let conflict_view = move || {
        conflict
            .get()
            .map(|current| conflict_box(form, base, version, conflict, notice, current))
    };
    let editor = view! {
        <form id="card-editor" class="editor-form" novalidate=true on:submit=move |ev| { ev.prevent_default(); submit(); }>
            {move || { form.layout.track(); form_view(form) }}
            <div class="editor-actions">
                <button type="button" class="secondary" on:click=move |_| preview.update(|p| *p = !*p)>
                    {move || lang.tr(if preview.get() { "미리보기 닫기" } else { "공개 카드 미리보기" })}
                </button>
                <button type="submit" id="save" disabled=move || save.pending().get()>
                    {move || lang.tr(if save.pending().get() { "저장 중…" } else { "저장" })}
                </button>
            </div>
            {move || notice.get().map(|m| view! { <p class="notice" role="status" id="save-status">{m}</p> })}
            {move || match save.value().get() {
                Some(Err(e)) if !matches!(e, AppError::Stale(_) | AppError::Invalid(_)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
        </form>
    }
    .into_any();
    let preview_view = move || {
        preview.get().then(|| {
        let card = form.card.get();
        let public = PublicCard::from_record(card, String::new(), version.get_untracked());
        view! { <div class="preview" aria-label=lang.tr("공개 카드 미리보기")><crate::components::card_view::CardView card=public /></div> }.into_any()
    })
    };
    let history = curator.then(|| {
        view! {
            <StatusActions slug=slug.clone() me=me.clone() version form base />
            <History slug=slug.clone() me=me.clone() version form base />
        }
        .into_any()
    });
    view! {
        <section class="editor">
            {head}
            {conflict_view}
            {editor}
            {preview_view}
            {history}
        </section>
    }
}
