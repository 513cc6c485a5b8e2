//! Autocomplete: an ARIA combobox over the query box. Suggestions come from
//! `/rpc/suggest?q=…` (a JSON list of `{text, kind}`); the list's `data-kind-*` attributes
//! name the kinds in the page's language.

use crate::dom;
use crate::search::Search;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};

pub struct Suggest {
    q: HtmlInputElement,
    list: HtmlElement,
    texts: RefCell<Vec<String>>,
    active: Cell<Option<usize>>,
    /// Bumped when the list closes: an answer asked for before that is not shown.
    closed: Cell<u32>,
}

impl Suggest {
    pub fn new(q: HtmlInputElement, list: HtmlElement) -> Self {
        Self {
            q,
            list,
            texts: RefCell::new(Vec::new()),
            active: Cell::new(None),
            closed: Cell::new(0),
        }
    }

    /// Asks for suggestions for `value`; the answer is shown only if the box still holds it.
    pub fn request(&self, search: &Rc<Search>, value: &str) {
        if value.trim().is_empty() {
            self.hide();
            return;
        }
        let url = format!(
            "/rpc/suggest?q={}",
            String::from(js_sys::encode_uri_component(value))
        );
        let asked = value.trim().to_string();
        let closed = self.closed.get();
        let s = search.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(json) = dom::fetch_json(&url).await else {
                return;
            };
            // the box changed, the search was sent or the box was left meanwhile
            let focused = dom::document()
                .active_element()
                .is_some_and(|a| a == *s.q.unchecked_ref::<web_sys::Element>());
            if s.q.value().trim() != asked || s.suggest.closed.get() != closed || !focused {
                return;
            }
            let entries: Vec<(String, String)> = js_sys::Array::from(&json)
                .iter()
                .filter_map(|item| {
                    let get = |k: &str| {
                        js_sys::Reflect::get(&item, &k.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    Some((get("text")?, get("kind").unwrap_or_default()))
                })
                .collect();
            s.suggest.show(&entries);
        });
    }

    fn show(&self, entries: &[(String, String)]) {
        if entries.is_empty() {
            self.hide();
            return;
        }
        let doc = dom::document();
        self.list.set_inner_html("");
        for (i, (text, kind)) in entries.iter().enumerate() {
            let Ok(li) = doc.create_element("li") else {
                continue;
            };
            let _ = li.set_attribute("id", &format!("suggestion-{i}"));
            let _ = li.set_attribute("role", "option");
            let _ = li.set_attribute("class", "suggestion");
            let _ = li.set_attribute("aria-selected", "false");
            let label = self
                .list
                .get_attribute(&format!("data-kind-{kind}"))
                .or_else(|| self.list.get_attribute("data-kind-keyword"))
                .unwrap_or_default();
            for (class, value) in [("suggestion-text", text), ("suggestion-kind", &label)] {
                if let Ok(span) = doc.create_element("span") {
                    let _ = span.set_attribute("class", class);
                    span.set_text_content(Some(value));
                    let _ = li.append_child(&span);
                }
            }
            let _ = self.list.append_child(&li);
        }
        *self.texts.borrow_mut() = entries.iter().map(|(t, _)| t.clone()).collect();
        self.active.set(None);
        let _ = self.q.remove_attribute("aria-activedescendant");
        let _ = self.q.set_attribute("aria-expanded", "true");
        self.list.set_hidden(false);
    }

    pub fn hide(&self) {
        self.closed.set(self.closed.get().wrapping_add(1));
        self.texts.borrow_mut().clear();
        self.active.set(None);
        self.list.set_inner_html("");
        self.list.set_hidden(true);
        let _ = self.q.set_attribute("aria-expanded", "false");
        let _ = self.q.remove_attribute("aria-activedescendant");
    }

    fn set_active(&self, index: Option<usize>) {
        self.active.set(index);
        for (i, li) in dom::all(&self.list, "li.suggestion").iter().enumerate() {
            let on = Some(i) == index;
            let _ = li.set_attribute("aria-selected", if on { "true" } else { "false" });
            let _ = li.class_list().toggle_with_force("active", on);
        }
        match index {
            Some(i) => {
                let _ = self
                    .q
                    .set_attribute("aria-activedescendant", &format!("suggestion-{i}"));
            }
            None => {
                let _ = self.q.remove_attribute("aria-activedescendant");
            }
        }
    }

    /// Takes a suggestion: it becomes the query, searched at once.
    fn choose(&self, search: &Rc<Search>, text: &str) {
        search.cancel_pending();
        self.q.set_value(text);
        self.hide();
        let url = search.url_with_query(text);
        search.go(&url, false, false);
    }

    pub fn keydown(&self, search: &Rc<Search>, ev: &KeyboardEvent) {
        // keys that finish composing a Hangul syllable are the input method's, not ours
        if ev.is_composing() {
            return;
        }
        let n = self.texts.borrow().len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                self.set_active(Some(self.active.get().map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                self.set_active(Some(self.active.get().map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                let chosen = self
                    .active
                    .get()
                    .and_then(|i| self.texts.borrow().get(i).cloned());
                if let Some(text) = chosen {
                    ev.prevent_default();
                    self.choose(search, &text);
                } else {
                    self.hide();
                }
            }
            "Escape" if n > 0 => {
                // closes the list only; a search box would also empty itself
                ev.prevent_default();
                self.hide();
            }
            _ => {}
        }
    }
}

/// Pointer choice and closing on blur.
pub fn enhance(search: &Rc<Search>) {
    let s = search.clone();
    // mousedown, not click: it fires before the box loses focus
    dom::on(&search.suggest.list, "mousedown", move |ev| {
        let Some(li) = dom::closest(&ev, "li.suggestion") else {
            return;
        };
        ev.prevent_default();
        let text = li
            .query_selector(".suggestion-text")
            .ok()
            .flatten()
            .and_then(|t| t.text_content())
            .unwrap_or_default();
        s.suggest.choose(&s, &text);
    });
    let s = search.clone();
    dom::on(&search.q, "blur", move |_| s.suggest.hide());
}
