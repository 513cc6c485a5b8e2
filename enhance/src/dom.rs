//! Small helpers over web-sys: the page, event listeners and fetching.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event, EventTarget, Headers, RequestInit, Response, Window};

pub fn window() -> Window {
    web_sys::window().expect("the page has a window")
}

pub fn document() -> Document {
    window().document().expect("the page has a document")
}

/// Listens for `kind` on `target` for the page's lifetime.
pub fn on(target: &EventTarget, kind: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// An element by id, as the type it is.
pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Option<T> {
    doc.get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// Every element under `root` matching `selector`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The same, from the whole document.
pub fn all_in(doc: &Document, selector: &str) -> Vec<Element> {
    doc.document_element()
        .map(|root| all(&root, selector))
        .unwrap_or_default()
}

/// Sets a text if it differs (so that nothing is announced or laid out again for nothing).
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Runs `f` after `ms` milliseconds; returns the timer's handle.
pub fn after(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let callback = Closure::once_into_js(f);
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok()
}

pub fn cancel(handle: Option<i32>) {
    if let Some(h) = handle {
        window().clear_timeout_with_handle(h);
    }
}

/// The HTML body of a same-origin request, also for a 4xx status: the server answers such
/// errors with a page (or fragment) that says what went wrong. `form` is an urlencoded POST
/// body.
pub async fn fetch_text(url: &str, form: Option<&str>) -> Result<String, JsValue> {
    let init = RequestInit::new();
    let headers = Headers::new()?;
    headers.set("Accept", "text/html")?;
    if let Some(body) = form {
        init.set_method("POST");
        headers.set(
            "Content-Type",
            "application/x-www-form-urlencoded;charset=UTF-8",
        )?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let response: Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    // a page or fragment that says what went wrong is shown; anything else (a proxy's
    // error page, another component's JSON) is not
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.starts_with("text/html"));
    if response.status() >= 500 || !html {
        return Err(JsValue::from_str("not an answer to show"));
    }
    let text = JsFuture::from(response.text()?).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}

/// A JSON body (for the autocomplete's list).
pub async fn fetch_json(url: &str) -> Result<JsValue, JsValue> {
    let response: Response = JsFuture::from(window().fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str("not ok"));
    }
    JsFuture::from(response.json()?).await
}
