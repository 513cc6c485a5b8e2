//! Field-by-field changes between two versions of a card, readable by people: list entries
//! that were added or removed, values before and after.

use crate::model::account::{FieldChange, field_label};
use leptos::prelude::*;
use serde_json::Value;

/// One value as a line of text: objects as their values joined, lists by their entries.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "예".into(),
        Value::Bool(false) => "아니요".into(),
        Value::Array(items) => items.iter().map(describe).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .values()
            .map(describe)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        other => other.to_string(),
    }
}

/// The entries of a list value, each as a line.
fn entries(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(describe).collect(),
        Value::Null => Vec::new(),
        other => vec![describe(other)],
    }
}

/// A list of changes: removed entries struck through, added ones marked.
#[component]
pub fn ChangesView(changes: Vec<FieldChange>) -> impl IntoView {
    view! {
        <dl class="changes">
            {changes.into_iter().map(|c| {
                let lists = c.before.is_array() || c.after.is_array();
                let body = if lists {
                    let (before, after) = (entries(&c.before), entries(&c.after));
                    let removed: Vec<String> = before.iter().filter(|e| !after.contains(e)).cloned().collect();
                    let added: Vec<String> = after.iter().filter(|e| !before.contains(e)).cloned().collect();
                    if removed.is_empty() && added.is_empty() {
                        view! { <span class="reordered">"순서만 바뀜"</span> }.into_any()
                    } else {
                        view! {
                            <ul class="change-entries">
                                {removed.into_iter().map(|e| view! { <li><del>{e}</del></li> }).collect_view()}
                                {added.into_iter().map(|e| view! { <li><ins>{e}</ins></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                } else {
                    let before = describe(&c.before);
                    let after = describe(&c.after);
                    view! {
                        {(!before.is_empty()).then(|| view! { <del>{before}</del>" → " })}
                        <ins>{if after.is_empty() { "(비움)".to_string() } else { after }}</ins>
                    }.into_any()
                };
                view! {
                    <dt>{field_label(&c.field).to_string()}</dt>
                    <dd>{body}</dd>
                }
            }).collect_view()}
        </dl>
    }
}
