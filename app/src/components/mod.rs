//! Reusable pieces of UI.

pub mod card_view;
pub mod changes;
pub mod error_view;
pub mod match_hit;
pub mod shortlist;
