//! Which script a page loads.
//!
//! The public pages (search, cards, need matching, and "not found") are rendered whole on the
//! server and work without script; they load the small `enhance` module (about 36 KB of
//! gzipped WASM), which updates the search in place and drives the shortlist, videos and the
//! need form. The desk pages (sign-in, editor, staff, inbox, inquiries, shortlist) hydrate
//! the full Leptos app (cargo-leptos's bundle under `/pkg`). Inside the app, a link to a
//! public page is an ordinary page load ([`leave_the_app_for_public_pages`]), and any other
//! move there reloads the page (`FullLoad` in lib.rs), so the two never meet in one
//! document.

/// The desk pages, without the `/en` prefix: these hydrate the full app.
const DESK: [&str; 9] = [
    "/login",
    "/set-password",
    "/edit/",
    "/staff",
    "/inbox",
    "/inquiry",
    "/needs/new",
    "/track/",
    "/shortlist",
];

/// Whether the page at `path` hydrates the full app (rather than loading the public script).
pub fn hydrates(path: &str) -> bool {
    let path = crate::i18n::strip(path);
    let path = path.as_str();
    DESK.iter().any(|desk| {
        if desk.ends_with('/') {
            path.starts_with(desk)
        } else {
            path == *desk || path.strip_prefix(desk).is_some_and(|rest| rest == "/")
        }
    })
}

/// In the app (desk pages): a click on a link to a public page is left to the browser, an
/// ordinary page load, before the app's router could draw the page itself. Listens in the
/// capture phase, ahead of the router's own listener.
#[cfg(feature = "hydrate")]
pub fn leave_the_app_for_public_pages() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let window = leptos::prelude::window();
        let (Some(href), Ok(base)) = (link.get_attribute("href"), window.location().href()) else {
            return;
        };
        let Ok(url) = web_sys::Url::new_with_base(&href, &base) else {
            return;
        };
        if url.origin() == window.location().origin().unwrap_or_default()
            && !hydrates(&url.pathname())
        {
            // the router listens further up; the browser follows the link as usual
            ev.stop_propagation();
        }
    });
    let _ = leptos::prelude::document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// The URL path the public script's directory is served under.
pub const PUBLIC_SCRIPT_URL: &str = "/enhance";

/// The public script, as built by scripts/build-enhance.sh into one directory: its content
/// hash is in the file `HASH`, read again whenever that file changes (a rebuild while the
/// server runs).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct PublicScript {
    dir: std::sync::Arc<std::path::PathBuf>,
    cache: std::sync::Arc<std::sync::RwLock<Option<(std::time::SystemTime, String)>>>,
    /// Whether a missing script was logged already (once per server).
    warned: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

#[cfg(feature = "ssr")]
impl PublicScript {
    pub fn new(dir: impl Into<std::path::PathBuf>) -> Self {
        Self {
            dir: std::sync::Arc::new(dir.into()),
            cache: Default::default(),
            warned: Default::default(),
        }
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The built script's hash, or `None` when it has not been built (the public pages then
    /// work without script, as they are made to).
    pub fn hash(&self) -> Option<String> {
        let file = self.dir.join("HASH");
        let Ok(modified) = std::fs::metadata(&file).and_then(|m| m.modified()) else {
            if !self.warned.swap(true, std::sync::atomic::Ordering::Relaxed) {
                tracing::warn!(
                    file = %file.display(),
                    "the public pages' script is not built (scripts/build-enhance.sh): they are served without it"
                );
            }
            return None;
        };
        if let Ok(cache) = self.cache.read()
            && let Some((seen, hash)) = cache.as_ref()
            && *seen == modified
        {
            return Some(hash.clone());
        }
        let hash = std::fs::read_to_string(&file).ok()?.trim().to_string();
        if hash.is_empty() || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            tracing::warn!(file = %file.display(), "the public script's HASH file is malformed");
            return None;
        }
        if let Ok(mut cache) = self.cache.write() {
            *cache = Some((modified, hash.clone()));
        }
        Some(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::hydrates;

    #[test]
    fn desk_pages_hydrate_and_public_pages_do_not() {
        for path in [
            "/login",
            "/en/login",
            "/set-password",
            "/edit/kim-1",
            "/en/edit/kim-1",
            "/staff",
            "/inbox",
            "/inquiry",
            "/en/inquiry",
            "/needs/new",
            "/track/abc",
            "/shortlist",
            "/shortlist/",
        ] {
            assert!(hydrates(path), "{path} is a desk page");
        }
        for path in [
            "/",
            "/en",
            "/en/",
            "/match",
            "/en/match",
            "/cards/kim-1",
            "/en/cards/kim-1",
            "/no-such-page",
            "/staffing",
            "/loginx",
            "/edit",
        ] {
            assert!(!hydrates(path), "{path} is a public page");
        }
    }
}
