//! The one way errors are shown.

use crate::error::AppError;
use leptos::prelude::*;

/// Shows an error with what to do next.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let hint = lang.tr(match &error {
        AppError::NotFound | AppError::Missing(_) => "주소를 확인하거나 검색에서 다시 찾아 보세요.",
        AppError::BadRequest(_) => "검색 조건을 고쳐 다시 시도해 주세요.",
        AppError::Invalid(_) => "표시된 항목을 고쳐 주세요.",
        AppError::Conflict(_) | AppError::Stale(_) => "새로 고침한 뒤 다시 시도해 주세요.",
        AppError::Unauthorized(_) => "로그인한 뒤 다시 시도해 주세요.",
        AppError::Forbidden => "이 카드를 맡은 연구자나 담당 직원에게 문의해 주세요.",
        AppError::TooMany(_) => "잠시 기다린 뒤 다시 시도해 주세요.",
        AppError::DiskFull => "서버 관리자에게 알려 주세요.",
        AppError::Internal | AppError::Transport(_) => "잠시 후 다시 시도해 주세요.",
    });
    view! {
        <div class="error" role="alert">
            <p class="error-message">{lang.translate(&error.to_string())}</p>
            {match &error {
                AppError::Invalid(fields) if !fields.is_empty() => Some(view! {
                    <ul class="error-fields">
                        {fields.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}
                    </ul>
                }),
                _ => None,
            }}
            <p class="error-hint">{hint}</p>
        </div>
    }
}
