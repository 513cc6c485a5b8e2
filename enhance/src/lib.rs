//! The script of the public pages: search (`/`), cards (`/cards/{slug}`) and need matching
//! (`/match`), in both languages.
//!
//! These pages are rendered whole on the server by the Leptos app and work without script:
//! the search is a GET form, facets, sorting and paging are links. This small module makes
//! them faster to use, without shipping the app to the browser:
//! - the search updates in place as the user types or follows a facet, sort or page link,
//!   by fetching the server's page for the new URL and swapping its results in
//!   ([`search`]), with an autocomplete list over the query box ([`suggest`]);
//! - the shortlist buttons and the header's count follow the browser's storage
//!   ([`shortlist`]);
//! - a video's player loads only when asked for ([`video`]);
//! - the need form posts to the server and shows the researchers it renders ([`matching`]).
//!
//! Every text it shows comes from the server's HTML (data attributes), so the page's
//! language is the only one there is. The desk pages (editor, staff, inbox, sign-in,
//! inquiries) hydrate the full app instead; see docs/benchmarks.md for the sizes.

mod dom;
mod matching;
mod search;
mod shortlist;
mod suggest;
mod video;

use wasm_bindgen::prelude::*;

/// Runs once the module is loaded: wires up whatever the page has.
#[wasm_bindgen(start)]
pub fn start() {
    let doc = dom::document();
    shortlist::enhance(&doc);
    video::enhance(&doc);
    search::enhance(&doc);
    matching::enhance(&doc);
    // end-to-end tests wait for this before they type or click
    if let Some(body) = doc.body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
