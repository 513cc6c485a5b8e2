//! Server state handed to handlers and server functions.

use crate::error::AppError;
use crate::service::Directory;
use axum::extract::FromRef;
use leptos::prelude::*;

/// Everything a request needs.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub directory: Directory,
}

/// The state, from the Leptos context of the current request.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
