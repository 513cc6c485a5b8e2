//! The need form at `/match`: posts the text to the server (`data-endpoint`), which answers
//! with the matched researchers rendered as HTML, shown in `#match-output`.
//!
//! The form's texts come from the server: `.char-count[data-template]` (with `{n}` for the
//! count), the button's `data-busy`, and the form's `data-error` for a failed request.

use crate::dom;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlButtonElement, HtmlFormElement, HtmlTextAreaElement};

pub fn enhance(doc: &Document) {
    let (Some(form), Some(need), Some(output)) = (
        dom::by_id::<HtmlFormElement>(doc, "match-form"),
        dom::by_id::<HtmlTextAreaElement>(doc, "need"),
        doc.get_element_by_id("match-output"),
    ) else {
        return;
    };
    let Some(endpoint) = form.get_attribute("data-endpoint") else {
        return;
    };
    let button: Option<HtmlButtonElement> = form
        .query_selector("button[type=submit]")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into().ok());

    if let Ok(Some(counter)) = form.query_selector(".char-count[data-template]") {
        let template = counter.get_attribute("data-template").unwrap_or_default();
        let area = need.clone();
        let show = move || {
            let n = area.value().chars().count();
            dom::set_text(&counter, &template.replace("{n}", &n.to_string()));
        };
        show();
        dom::on(&need, "input", move |_| show());
    }

    let busy = Rc::new(Cell::new(false));
    let d = doc.clone();
    let f = form.clone();
    dom::on(&form, "submit", move |ev| {
        ev.prevent_default();
        if busy.get() {
            return;
        }
        busy.set(true);
        let idle_text = button.as_ref().and_then(|b| b.text_content());
        if let Some(b) = &button {
            b.set_disabled(true);
            if let Some(t) = b.get_attribute("data-busy") {
                b.set_text_content(Some(&t));
            }
        }
        let _ = output.set_attribute("aria-busy", "true");
        let body = web_sys::UrlSearchParams::new().expect("URLSearchParams");
        body.append("text", &need.value());
        let body = String::from(body.to_string());
        let (endpoint, output, button, busy, d, f) = (
            endpoint.clone(),
            output.clone(),
            button.clone(),
            busy.clone(),
            d.clone(),
            f.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            match dom::fetch_text(&endpoint, Some(&body)).await {
                Ok(html) => output.set_inner_html(&html),
                Err(_) => {
                    let message = f.get_attribute("data-error").unwrap_or_default();
                    output.set_inner_html("");
                    if let Ok(p) = d.create_element("p") {
                        let _ = p.set_attribute("class", "error");
                        let _ = p.set_attribute("role", "alert");
                        p.set_text_content(Some(&message));
                        let _ = output.append_child(&p);
                    }
                }
            }
            crate::shortlist::refresh(&d);
            let _ = output.remove_attribute("aria-busy");
            if let Some(b) = &button {
                b.set_disabled(false);
                b.set_text_content(idle_text.as_deref());
            }
            busy.set(false);
        });
    });
}
