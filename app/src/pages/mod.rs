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
