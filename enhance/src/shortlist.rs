//! The shortlist (관심 목록): researchers kept in the browser's storage, without an account.
//! The app's desk pages read and write the same key (app/src/components/shortlist.rs).
//!
//! A button (`.shortlist-toggle`) carries its researcher's slug, the list's limit and its
//! four texts (`data-label-kept`, `data-label-add` for `aria-label`, `data-text-kept`,
//! `data-text-add` for what it shows); the header's `.shortlist-count` shows the length.

use crate::dom;
use web_sys::{Document, Element};

const KEY: &str = "rcard.shortlist";

fn storage() -> Option<web_sys::Storage> {
    dom::window().local_storage().ok().flatten()
}

/// Slugs from `a,b,c`: trimmed, without blanks and repeats, at most `max`.
fn parse(text: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for slug in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|s| s == slug) && out.len() < max {
            out.push(slug.to_string());
        }
    }
    out
}

fn read(max: usize) -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|v| parse(&v, max))
        .unwrap_or_default()
}

fn limit(button: &Element) -> usize {
    button
        .get_attribute("data-max")
        .and_then(|m| m.parse().ok())
        .unwrap_or(usize::MAX)
}

/// Shows the stored list on every button and count of the page.
pub fn refresh(doc: &Document) {
    let list = read(usize::MAX);
    for button in dom::all_in(doc, ".shortlist-toggle[data-slug]") {
        let slug = button.get_attribute("data-slug").unwrap_or_default();
        let kept = list.contains(&slug);
        let full = list.len() >= limit(&button);
        let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
        let _ = button.set_attribute("aria-pressed", if kept { "true" } else { "false" });
        let label = attr(if kept {
            "data-label-kept"
        } else {
            "data-label-add"
        });
        let _ = button.set_attribute("aria-label", &label);
        dom::set_text(
            &button,
            &attr(if kept {
                "data-text-kept"
            } else {
                "data-text-add"
            }),
        );
        if !kept && full {
            let _ = button.set_attribute("disabled", "");
        } else {
            let _ = button.remove_attribute("disabled");
        }
    }
    for count in dom::all_in(doc, ".shortlist-count") {
        dom::set_text(&count, &list.len().to_string());
    }
}

pub fn enhance(doc: &Document) {
    refresh(doc);
    let d = doc.clone();
    dom::on(doc, "click", move |ev| {
        let Some(button) = dom::closest(&ev, ".shortlist-toggle[data-slug]") else {
            return;
        };
        let slug = button.get_attribute("data-slug").unwrap_or_default();
        let max = limit(&button);
        let mut list = read(max);
        if let Some(i) = list.iter().position(|s| *s == slug) {
            list.remove(i);
        } else if list.len() < max {
            list.push(slug);
        }
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &list.join(","));
        }
        refresh(&d);
    });
    // another tab changed the list
    let d = doc.clone();
    dom::on(&dom::window(), "storage", move |_| refresh(&d));
}
