//! A card's versions with what changed in each, and revert (staff).

use super::fields::Form;
use crate::api::editing::{card_history, load_editable_card, revert_card};
use crate::components::changes::ChangesView;
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::{HistoryEntry, Me, source_label};
use crate::model::card::CardRecord;
use crate::model::inquiry::kst;
use leptos::prelude::*;

/// A card's versions with what changed, and revert (staff).
#[component]
pub(super) fn History(
    slug: String,
    me: Me,
    version: RwSignal<i64>,
    form: Form,
    base: RwSignal<CardRecord>,
) -> impl IntoView {
    let lang = use_lang();
    let slug_key = slug.clone();
    let history = Resource::new(
        move || (slug_key.clone(), version.get()),
        |(slug, _)| card_history(slug),
    );
    let revert = Action::new(move |to: &i64| {
        let (slug, to, v, csrf) = (
            slug.clone(),
            *to,
            version.get_untracked(),
            me.csrf_token.clone(),
        );
        async move {
            let saved = revert_card(slug.clone(), to, v, csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card))) = revert.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    let entry = move |e: HistoryEntry| {
        let to = e.version;
        let current = to == version.get_untracked();
        view! {
            <li class="history-entry" data-version=to>
                <p class="history-head">
                    <strong>{lang.pick(format!("버전 {to}"), format!("Version {to}"))}</strong>
                    {format!(" · {} · {} · {}", kst(&e.at), lang.translate(source_label(&e.source)), e.by.clone().unwrap_or_else(|| lang.tr("시스템").into()))}
                    {(!e.note.is_empty()).then(|| format!(" · {}", e.note))}
                </p>
                {if e.changes.len() > 4 {
                    // a first version lists every field: folded, so the history stays scannable
                    let n = e.changes.len();
                    view! { <details><summary>{lang.pick(format!("{n}개 항목"), format!("{n} fields"))}</summary><ChangesView changes=e.changes /></details> }.into_any()
                } else {
                    view! { <ChangesView changes=e.changes /> }.into_any()
                }}
                {(!current).then(|| view! {
                    <button type="button" class="secondary revert" on:click=move |_| { revert.dispatch(to); }>
                        {lang.pick(format!("버전 {to}으로 되돌리기"), format!("Revert to version {to}"))}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <section class="history" id="history">
            <h2>{lang.tr("변경 이력")}</h2>
            {move || match revert.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(entries) => view! { <ol class="history-list">{entries.into_iter().map(entry).collect_view()}</ol> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
