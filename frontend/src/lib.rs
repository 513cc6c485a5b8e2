//! The browser entry point: hydrates the server-rendered page.
// the pages' view types are nested deeply; their layouts are computed in this crate
#![recursion_limit = "256"]

/// Called by the generated JS once the WASM module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::bundles::leave_the_app_for_public_pages();
    leptos::mount::hydrate_body(app::App);
}
