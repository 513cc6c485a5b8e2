//! The company's shortlist (관심 목록): researchers kept across searches, in the browser's
//! storage, without an account. A share link (`/shortlist?cards=a,b`) reproduces it.

use leptos::prelude::*;

/// Most researchers on a shortlist: as many as one inquiry may ask.
pub const MAX: usize = crate::model::inquiry::limits::CARDS;

/// The shortlist of this browser, shared by every component of the page.
#[derive(Clone, Copy)]
pub struct Shortlist(pub RwSignal<Vec<String>>);

#[cfg(feature = "hydrate")]
const KEY: &str = "rcard.shortlist";

/// The list kept in the browser's storage (nothing on the server).
fn stored() -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        let storage = window().local_storage().ok().flatten();
        if let Some(value) = storage.and_then(|s| s.get_item(KEY).ok().flatten()) {
            return parse(&value);
        }
    }
    Vec::new()
}

fn store(list: &[String]) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(KEY, &list.join(","));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = list;
}

/// Slugs from `a,b,c`: trimmed, without blanks and repeats, at most [`MAX`].
pub fn parse(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for slug in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|s| s == slug) && out.len() < MAX {
            out.push(slug.to_string());
        }
    }
    out
}

/// Provides the shortlist: read from storage once the page runs in the browser, and written
/// back on every change after that.
pub fn provide_shortlist() {
    let list = RwSignal::new(Vec::<String>::new());
    let loaded = StoredValue::new(false);
    Effect::new(move || {
        // read first, so every change runs this again
        let current = list.get();
        if loaded.get_value() {
            store(&current);
        } else {
            loaded.set_value(true);
            let kept = stored();
            if !kept.is_empty() {
                list.set(kept);
            }
        }
    });
    provide_context(Shortlist(list));
}

/// The shortlist in context (an empty one outside the app).
pub fn use_shortlist() -> Shortlist {
    use_context::<Shortlist>().unwrap_or_else(|| Shortlist(RwSignal::new(Vec::new())))
}

/// Adds a researcher to the shortlist or takes them off.
#[component]
pub fn ShortlistButton(slug: String, name: String) -> impl IntoView {
    let Shortlist(list) = use_shortlist();
    let kept = {
        let slug = slug.clone();
        move || list.with(|l| l.contains(&slug))
    };
    let full = move || list.with(|l| l.len() >= MAX);
    let lang = crate::i18n::use_lang();
    // both states' texts go into the page, for the public script (enhance/src/shortlist.rs)
    let (label_kept, label_add) = match lang {
        crate::i18n::Lang::Ko => (
            format!("{name}: 관심 목록에서 빼기"),
            format!("{name}: 관심 목록에 담기"),
        ),
        crate::i18n::Lang::En => (
            format!("{name}: remove from the shortlist"),
            format!("{name}: add to the shortlist"),
        ),
    };
    let label = {
        let kept = kept.clone();
        let (label_kept, label_add) = (label_kept.clone(), label_add.clone());
        move || {
            if kept() {
                label_kept.clone()
            } else {
                label_add.clone()
            }
        }
    };
    let toggle = {
        let slug = slug.clone();
        move |_| {
            list.update(|l| {
                if let Some(i) = l.iter().position(|s| *s == slug) {
                    l.remove(i);
                } else if l.len() < MAX {
                    l.push(slug.clone());
                }
            });
        }
    };
    let pressed = kept.clone();
    let disabled = {
        let kept = kept.clone();
        move || !kept() && full()
    };
    view! {
        <button type="button" class="shortlist-toggle" aria-pressed=move || pressed().to_string()
            aria-label=label disabled=disabled on:click=toggle
            data-slug=slug data-max=MAX.to_string()
            data-label-kept=label_kept data-label-add=label_add
            data-text-kept=lang.tr("✓ 담음") data-text-add=lang.tr("☆ 관심 목록")>
            {move || lang.tr(if kept() { "✓ 담음" } else { "☆ 관심 목록" })}
        </button>
    }
}
