//! Staff actions on a card: archive it (the researcher left), restore it, merge it into
//! another card.

use super::fields::Form;
use crate::api::editing::load_editable_card;
use crate::api::staff::{merge_cards, set_card_status};
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::Me;
use crate::model::card::CardRecord;
use leptos::prelude::*;

/// Archive (the researcher left) or restore the card (staff).
#[component]
pub(super) fn StatusActions(
    slug: String,
    me: Me,
    version: RwSignal<i64>,
    form: Form,
    base: RwSignal<CardRecord>,
) -> impl IntoView {
    let lang = use_lang();
    let note = RwSignal::new(String::new());
    let merge_slug = slug.clone();
    let merge_csrf = me.csrf_token.clone();
    let change = Action::new(move |archive: &bool| {
        let (slug, archive, note, csrf) = (
            slug.clone(),
            *archive,
            note.get_untracked(),
            me.csrf_token.clone(),
        );
        async move {
            let saved = set_card_status(slug.clone(), archive, note, csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card))) = change.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    let archived = move || {
        form.card
            .with(|c| c.status == crate::model::card::Status::Archived)
    };
    let draft = move || {
        form.card
            .with(|c| c.status == crate::model::card::Status::Draft)
    };
    let duplicate = RwSignal::new(String::new());
    let merge = Action::new(move |from: &String| {
        let (slug, from, csrf) = (merge_slug.clone(), from.clone(), merge_csrf.clone());
        async move {
            let saved = merge_cards(slug.clone(), from.clone(), csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card, from))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card, _))) = merge.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    view! {
        <section class="status-actions" id="status">
            <h2>{lang.tr("공개 상태")}</h2>
            <p>{move || lang.tr(if archived() {
                "보관됨: 검색에 나오지 않고, 카드 페이지는 연락할 부서만 보여 줍니다."
            } else if draft() {
                "초안: 아직 검색에 나오지 않고 카드 페이지도 없습니다."
            } else {
                "공개 중: 검색에 나옵니다."
            })}</p>
            <label for="status-note">{lang.tr("메모 (이력에 남습니다)")}</label>
            <input id="status-note" type="text" on:input=move |ev| note.set(event_target_value(&ev)) />
            <div class="review-actions">
                {move || if archived() {
                    view! { <button type="button" id="restore" on:click=move |_| { change.dispatch(false); }>{lang.tr("다시 공개")}</button> }.into_any()
                } else if draft() {
                    view! { <button type="button" id="publish" on:click=move |_| { change.dispatch(false); }>{lang.tr("공개하기")}</button> }.into_any()
                } else {
                    view! { <button type="button" id="archive" class="danger" on:click=move |_| { change.dispatch(true); }>{lang.tr("보관 (퇴직·이동)")}</button> }.into_any()
                }}
            </div>
            {move || match change.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <h3>{lang.tr("중복 카드 합치기")}</h3>
            <p class="field-hint">{lang.tr("같은 연구자의 다른 카드를 이 카드로 합칩니다. 이 카드에 없는 항목(경력, 과제, 논문, 특허, 영상, 키워드 등)이 더해지고, 다른 카드는 보관되어 이 카드로 안내합니다. 양쪽 모두 이력에 남아 되돌릴 수 있습니다.")}</p>
            <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                merge.dispatch(duplicate.get_untracked());
            }>
                <label for="merge-from">{lang.tr("중복 카드 주소 (/cards/ 뒤의 이름)")}</label>
                <input id="merge-from" type="text" required=true on:input=move |ev| duplicate.set(event_target_value(&ev)) />
                <button type="submit" id="merge-card" disabled=move || merge.pending().get()>{lang.tr("이 카드로 합치기")}</button>
            </form>
            {move || merge.value().get().map(|r| match r {
                Ok((_, _, from)) => view! {
                    <p class="notice" role="status">{lang.pick(
                        format!("`{from}` 카드를 합쳤습니다. 그 카드는 보관되었고 이 카드로 안내합니다."),
                        format!("Merged card `{from}` into this one. It is archived and points here."),
                    )}</p>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}
