//! Route components.

pub mod card_page;
pub mod editor;
pub mod inbox_page;
pub mod inquiry_page;
pub mod login_page;
pub mod match_page;
pub mod not_found;
pub mod search_page;
pub mod shortlist_page;
pub mod staff_page;

/// A textarea's first text, as its children must be written. tachys writes a textarea's
/// children unescaped on the server (as it does a `<script>`'s), so a text with
/// `</textarea>` in it would end the field and the rest would become markup; the server
/// escapes it here. In the browser the text is set as text, as it is.
pub fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = crate::search::snippet::escape_html(&text);
    text
}
