//! A save based on a stale version: what changed meanwhile, and a three-way merge that
//! keeps everything typed.

use super::fields::Form;
use crate::components::changes::ChangesView;
use crate::i18n::use_lang;
use crate::model::account::{EditableCard, card_changes, field_label};
use crate::model::card::CardRecord;
use leptos::prelude::*;

/// Takes the other side's value for every field only they changed; returns the fields both
/// changed (where `mine` is kept).
pub(super) fn merge(
    base: &CardRecord,
    mine: &CardRecord,
    theirs: &CardRecord,
) -> (CardRecord, Vec<String>) {
    let my_fields: Vec<String> = card_changes(Some(base), mine)
        .into_iter()
        .map(|c| c.field)
        .collect();
    let their_changes = card_changes(Some(base), theirs);
    let mut merged = serde_json::to_value(mine).unwrap_or_default();
    let mut both = Vec::new();
    for change in their_changes {
        if my_fields.contains(&change.field) {
            both.push(change.field);
        } else if let Some(map) = merged.as_object_mut() {
            if change.after.is_null() {
                map.remove(&change.field);
            } else {
                map.insert(change.field, change.after);
            }
        }
    }
    (
        serde_json::from_value(merged).unwrap_or_else(|_| mine.clone()),
        both,
    )
}

/// What changed meanwhile, with a merge that keeps everything typed.
pub(super) fn conflict_box(
    form: Form,
    base: RwSignal<CardRecord>,
    version: RwSignal<i64>,
    conflict: RwSignal<Option<EditableCard>>,
    notice: RwSignal<Option<String>>,
    current: EditableCard,
) -> AnyView {
    let lang = use_lang();
    let mine = form.card.get_untracked();
    let theirs_changes = card_changes(Some(&base.get_untracked()), &current.card);
    let (merged, both) = merge(&base.get_untracked(), &mine, &current.card);
    let take_merged = {
        let current = current.clone();
        move |_| {
            form.card.set(merged.clone());
            base.set(current.card.clone());
            version.set(current.version);
            conflict.set(None);
            form.redraw();
            notice.set(Some(
                lang.tr("다른 사람의 변경을 합쳤습니다. 확인한 뒤 다시 저장하세요.")
                    .into(),
            ));
        }
    };
    let take_theirs = {
        let current = current.clone();
        move |_| {
            form.card.set(current.card.clone());
            base.set(current.card.clone());
            version.set(current.version);
            conflict.set(None);
            form.redraw();
            notice.set(Some(
                lang.tr("최신 내용을 불러왔습니다. 내 편집은 버렸습니다.")
                    .into(),
            ));
        }
    };
    view! {
        <div class="conflict" role="alert" id="conflict">
            <h2>{lang.tr("다른 사람이 먼저 저장했습니다")}</h2>
            <p>{lang.pick(
                format!("이 카드는 그 사이 버전 {}이 되었습니다. 내가 입력한 내용은 아직 그대로 있습니다. 바뀐 내용:", current.version),
                format!("Meanwhile this card became version {}. What you typed is still here. What changed:", current.version),
            )}</p>
            <ChangesView changes=theirs_changes />
            {(!both.is_empty()).then(|| view! {
                <p class="conflict-both">{format!(
                    "{}{}",
                    lang.tr("양쪽이 모두 고친 항목(내 내용을 유지): "),
                    both.iter().map(|f| lang.translate(field_label(f))).collect::<Vec<_>>().join(", "),
                )}</p>
            })}
            <div class="conflict-actions">
                <button type="button" id="merge" on:click=take_merged>{lang.tr("바뀐 내용 합치기")}</button>
                <button type="button" class="secondary" on:click=take_theirs>{lang.tr("최신 내용으로 바꾸기 (내 편집 버림)")}</button>
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_takes_their_fields_and_keeps_mine() {
        let line = include_str!("../../../../server/tests/fixtures/cards.jsonl")
            .lines()
            .next()
            .unwrap();
        let base: CardRecord = serde_json::from_str(line).unwrap();
        let mut mine = base.clone();
        mine.position = "수석연구원(겸임)".into();
        let mut theirs = base.clone();
        theirs.bio = "첫 번째 편집자가 고친 소개입니다.".into();
        let (merged, both) = merge(&base, &mine, &theirs);
        assert!(both.is_empty());
        assert_eq!(merged.bio, theirs.bio);
        assert_eq!(merged.position, mine.position);
    }
}
