//! Reusable pieces of UI.

pub mod error_view;
