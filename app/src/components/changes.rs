//! Field-by-field changes between two versions of a card, readable by people: list entries
//! that were added or removed, values before and after.

use crate::i18n::{Lang, use_lang};
use crate::model::account::{FieldChange, field_label};
use leptos::prelude::*;
use serde_json::Value;

/// One value as a line of text: objects as their values joined, lists by their entries.
fn describe(lang: Lang, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => lang.tr("예").into(),
        Value::Bool(false) => lang.tr("아니요").into(),
        Value::Array(items) => items
            .iter()
            .map(|v| describe(lang, v))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => map
            .values()
            .map(|v| describe(lang, v))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        other => other.to_string(),
    }
}

/// The entries of a list value, each as a line.
fn entries(lang: Lang, value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(|v| describe(lang, v)).collect(),
        Value::Null => Vec::new(),
        other => vec![describe(lang, other)],
    }
}

/// A list of changes: removed entries struck through, added ones marked.
#[component]
pub fn ChangesView(changes: Vec<FieldChange>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <dl class="changes">
            {changes.into_iter().map(|c| {
                let lists = c.before.is_array() || c.after.is_array();
                let body = if lists {
                    let (before, after) = (entries(lang, &c.before), entries(lang, &c.after));
                    let removed: Vec<String> = before.iter().filter(|e| !after.contains(e)).cloned().collect();
                    let added: Vec<String> = after.iter().filter(|e| !before.contains(e)).cloned().collect();
                    if removed.is_empty() && added.is_empty() {
                        view! { <span class="reordered">{lang.tr("순서만 바뀜")}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="change-entries">
                                {removed.into_iter().map(|e| view! { <li><del>{e}</del></li> }).collect_view()}
                                {added.into_iter().map(|e| view! { <li><ins>{e}</ins></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                } else {
                    let before = describe(lang, &c.before);
                    let after = describe(lang, &c.after);
                    view! {
                        {(!before.is_empty()).then(|| view! { <del>{before}</del>" → " })}
                        <ins>{if after.is_empty() { lang.tr("(비움)").to_string() } else { after }}</ins>
                    }.into_any()
                };
                view! {
                    <dt>{lang.translate(field_label(&c.field))}</dt>
                    <dd>{body}</dd>
                }
            }).collect_view()}
        </dl>
    }
}
