//! The search page, updated in place.
//!
//! The URL holds the whole search state, as without script. A change (typing, Enter, a
//! facet, sort, page, related-term or did-you-mean link, back and forward) sets the URL
//! and fetches the server's page for it; its `#search-body` (results and facets), the
//! form's hidden facet fields, the title, the language switch and the canonical links
//! replace this page's. Answers that arrive after a newer request are dropped. If a
//! fetch fails, the browser loads the URL as a page.

use crate::dom;
use crate::suggest::Suggest;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, DomParser, Element, HtmlDetailsElement, HtmlElement, HtmlFormElement,
    HtmlInputElement, KeyboardEvent, MouseEvent, SupportedType, Url, UrlSearchParams,
};

/// Wait after the last keystroke before searching.
const DEBOUNCE_MS: i32 = 250;

pub struct Search {
    doc: Document,
    form: HtmlFormElement,
    pub q: HtmlInputElement,
    /// The search page's path in this language: `/` or `/en/`.
    path: String,
    /// Bumped by every request; an answer for an older one is dropped.
    generation: Cell<u32>,
    /// The URL (path and query) whose results are on screen, or being fetched.
    requested: RefCell<String>,
    pending: Cell<Option<i32>>,
    pub suggest: Suggest,
}

/// `/en/` and `/en` are one page.
fn same_path(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn here() -> String {
    let location = dom::window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// What identifies a link across a swap: its facet, first class, value, `rel` and text.
fn link_key(a: &Element) -> String {
    let facet = a
        .closest("[data-facet]")
        .ok()
        .flatten()
        .and_then(|s| s.get_attribute("data-facet"))
        .unwrap_or_default();
    let class = a.class_name();
    let class = class.split_whitespace().next().unwrap_or_default();
    let value = a.get_attribute("data-value");
    let rel = a.get_attribute("rel").unwrap_or_default();
    // counts change with every search; a facet value is known by `data-value`
    let text = if value.is_some() {
        String::new()
    } else {
        a.text_content().unwrap_or_default()
    };
    format!(
        "{facet}\u{1f}{class}\u{1f}{}\u{1f}{rel}\u{1f}{text}",
        value.unwrap_or_default()
    )
}

impl Search {
    /// The URL for the current search with another query, from its first page.
    pub fn url_with_query(&self, text: &str) -> String {
        let search = dom::window().location().search().unwrap_or_default();
        let params = UrlSearchParams::new_with_str(&search).expect("URLSearchParams");
        let text = text.trim();
        if text.is_empty() {
            params.delete("q");
        } else {
            params.set("q", text);
        }
        params.delete("page");
        let query = String::from(params.to_string());
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        }
    }

    /// The query of the URL on screen.
    fn url_query() -> String {
        let search = dom::window().location().search().unwrap_or_default();
        UrlSearchParams::new_with_str(&search)
            .ok()
            .and_then(|p| p.get("q"))
            .unwrap_or_default()
    }

    pub fn cancel_pending(&self) {
        dom::cancel(self.pending.take());
    }

    /// Shows the results for `url`: a new history entry, or a replaced one while typing.
    pub fn go(self: &Rc<Self>, url: &str, replace: bool, scroll: bool) {
        let history = dom::window().history().expect("history");
        let done = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        };
        if done.is_err() {
            let _ = dom::window().location().assign(url);
            return;
        }
        self.load(url.to_string(), None, scroll);
    }

    /// Fetches the page for `url` and swaps its results in; `focus` names the link that
    /// had the focus, to give it back after the swap.
    fn load(self: &Rc<Self>, url: String, focus: Option<String>, scroll: bool) {
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        *self.requested.borrow_mut() = url.clone();
        let body = self.doc.get_element_by_id("search-body");
        if let Some(b) = &body {
            let _ = b.set_attribute("aria-busy", "true");
        }
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = dom::fetch_text(&url, None).await;
            if this.generation.get() != generation {
                return;
            }
            if let Some(b) = &body {
                let _ = b.remove_attribute("aria-busy");
            }
            let swapped = answer.ok().is_some_and(|html| this.swap(&html, focus));
            if !swapped {
                // the history already has this URL: load it there, without a second entry
                let _ = dom::window().location().replace(&url);
                return;
            }
            if scroll
                && let Some(b) = this.doc.get_element_by_id("search-body")
                && b.get_bounding_client_rect().top() < 0.0
            {
                b.scroll_into_view();
            }
        });
    }

    /// Puts the fetched page's results on this one; false if it has none.
    fn swap(&self, html: &str, focus: Option<String>) -> bool {
        let Ok(parser) = DomParser::new() else {
            return false;
        };
        let Ok(fresh) = parser.parse_from_string(html, SupportedType::TextHtml) else {
            return false;
        };
        let (Some(new_body), Some(body)) = (
            fresh.get_element_by_id("search-body"),
            self.doc.get_element_by_id("search-body"),
        ) else {
            return false;
        };
        let sheet_open = body
            .query_selector("details.filter-toggle")
            .ok()
            .flatten()
            .and_then(|d| d.dyn_into::<HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        body.set_inner_html(&new_body.inner_html());
        // the server cannot know this browser's shortlist
        crate::shortlist::refresh(&self.doc);
        if sheet_open
            && let Ok(Some(d)) = body.query_selector("details.filter-toggle")
            && let Ok(d) = d.dyn_into::<HtmlDetailsElement>()
        {
            d.set_open(true);
        }

        // the form's hidden facet fields, so that a new query keeps the filters
        for old in dom::all(&self.form, "input[type=hidden]") {
            old.remove();
        }
        if let Ok(Some(new_form)) = fresh.query_selector("#search-form") {
            let submit = self
                .form
                .query_selector("button[type=submit]")
                .ok()
                .flatten();
            for field in dom::all(&new_form, "input[type=hidden]") {
                if let Ok(node) = self.doc.import_node_with_deep(&field, true) {
                    let _ = self
                        .form
                        .insert_before(&node, submit.as_ref().map(|s| s.as_ref()));
                }
            }
        }
        // back and forward bring another query; typing keeps the user's own text
        let typing = self
            .doc
            .active_element()
            .is_some_and(|a| a == *self.q.unchecked_ref::<Element>());
        if !typing
            && let Some(q) = dom::by_id::<HtmlInputElement>(&fresh, "q")
            && q.value() != self.q.value()
        {
            self.q.set_value(&q.value());
        }

        self.doc.set_title(&fresh.title());
        for (selector, attr) in [
            (".lang-switch", "href"),
            ("link[rel=canonical]", "href"),
            ("link[rel=alternate][hreflang=ko]", "href"),
            ("link[rel=alternate][hreflang=en]", "href"),
            ("meta[name=description]", "content"),
        ] {
            if let (Ok(Some(new)), Ok(Some(old))) = (
                fresh.query_selector(selector),
                self.doc.query_selector(selector),
            ) && let Some(value) = new.get_attribute(attr)
            {
                let _ = old.set_attribute(attr, &value);
            }
        }

        // a screen reader hears the new count (the region itself was replaced)
        if let (Some(status), Some(total)) = (
            self.doc.get_element_by_id("search-status"),
            body.query_selector("#total").ok().flatten(),
        ) {
            // emptied first, so that the same count as before is said again
            status.set_text_content(None);
            status.set_text_content(total.text_content().as_deref());
        }

        if let Some(key) = focus {
            let target = dom::all(&body, "a")
                .into_iter()
                .find(|a| link_key(a) == key)
                .or_else(|| body.query_selector("#total").ok().flatten());
            if let Some(t) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                let _ = t.focus();
            }
        }
        true
    }
}

pub fn enhance(doc: &Document) {
    let (Some(form), Some(q), Some(list)) = (
        dom::by_id::<HtmlFormElement>(doc, "search-form"),
        dom::by_id::<HtmlInputElement>(doc, "q"),
        dom::by_id::<HtmlElement>(doc, "suggestions"),
    ) else {
        return;
    };
    let path = form.get_attribute("action").unwrap_or_else(|| "/".into());
    let search = Rc::new(Search {
        doc: doc.clone(),
        form: form.clone(),
        q: q.clone(),
        path,
        generation: Cell::new(0),
        requested: RefCell::new(here()),
        pending: Cell::new(None),
        suggest: Suggest::new(q.clone(), list),
    });
    crate::suggest::enhance(&search);

    // typing searches after a pause, replacing the history entry
    let s = search.clone();
    dom::on(&q, "input", move |_| {
        let value = s.q.value();
        s.suggest.request(&s, &value);
        s.cancel_pending();
        let later = s.clone();
        let handle = dom::after(DEBOUNCE_MS, move || {
            if Search::url_query().trim() != value.trim() {
                let url = later.url_with_query(&value);
                later.go(&url, true, false);
            }
        });
        s.pending.set(handle);
    });

    // Enter or the button: a new history entry
    let s = search.clone();
    dom::on(&form, "submit", move |ev| {
        ev.prevent_default();
        s.cancel_pending();
        s.suggest.hide();
        let url = s.url_with_query(&s.q.value());
        if url != here() {
            s.go(&url, false, false);
        }
    });

    // links to this page inside the results: facets, sorting, pages, related terms
    if let Some(body) = doc.get_element_by_id("search-body") {
        let s = search.clone();
        dom::on(&body, "click", move |ev| {
            let Some(mouse) = ev.dyn_ref::<MouseEvent>() else {
                return;
            };
            if ev.default_prevented()
                || mouse.button() != 0
                || mouse.ctrl_key()
                || mouse.meta_key()
                || mouse.shift_key()
                || mouse.alt_key()
            {
                return;
            }
            let Some(a) = dom::closest(&ev, "a[href]") else {
                return;
            };
            let href = a.get_attribute("href").unwrap_or_default();
            if href.starts_with('#') {
                // "show the results" on a phone closes the filter sheet
                if a.class_list().contains("filter-done")
                    && let Ok(Some(d)) = s.doc.query_selector("details.filter-toggle")
                    && let Ok(d) = d.dyn_into::<HtmlDetailsElement>()
                {
                    d.set_open(false);
                }
                return;
            }
            if a.has_attribute("target") || a.has_attribute("download") {
                return;
            }
            let location = dom::window().location();
            let base = location.href().unwrap_or_default();
            let Ok(url) = Url::new_with_base(&href, &base) else {
                return;
            };
            if url.origin() != location.origin().unwrap_or_default()
                || !same_path(&url.pathname(), &s.path)
            {
                return;
            }
            ev.prevent_default();
            let target = format!("{}{}", url.pathname(), url.search());
            let rel = a.get_attribute("rel").unwrap_or_default();
            let paging = rel == "prev" || rel == "next";
            let history = dom::window().history().expect("history");
            if history
                .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
                .is_err()
            {
                let _ = location.assign(&target);
                return;
            }
            s.load(target, Some(link_key(&a)), paging);
        });
    }

    // back and forward between searches of this document
    let s = search.clone();
    dom::on(&dom::window(), "popstate", move |_| {
        let url = here();
        let on_page = dom::window()
            .location()
            .pathname()
            .is_ok_and(|p| same_path(&p, &s.path));
        if !on_page {
            return;
        }
        // a search typed before going back must not replace the entry gone back to
        s.cancel_pending();
        s.suggest.hide();
        // a hash change (the filter sheet's "show results") keeps the same results
        if *s.requested.borrow() != url {
            s.load(url, None, false);
        }
    });

    // the keyboard on the query box drives the suggestion list
    let s = search.clone();
    dom::on(&q, "keydown", move |ev| {
        if let Some(key) = ev.dyn_ref::<KeyboardEvent>() {
            s.suggest.keydown(&s, key);
        }
    });
}
