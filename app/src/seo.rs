//! What search engines and link previews read: absolute canonical addresses and page
//! descriptions.

/// The site's address without a trailing slash: `RCARD_PUBLIC_URL` when set (behind a
/// proxy it is the only trustworthy one), else the scheme and host the request came to.
#[cfg(feature = "ssr")]
pub fn base_url() -> String {
    if let Some(base) = std::env::var("RCARD_PUBLIC_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        return base.trim().trim_end_matches('/').to_string();
    }
    let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() else {
        return String::new();
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    // a host is letters, digits, dots, hyphens, a port and IPv6 brackets; anything else
    // would let a crafted request write its own address into the page
    let host = header("host").filter(|h| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    });
    let scheme = match header("x-forwarded-proto") {
        Some("https") => "https",
        _ => "http",
    };
    host.map(|h| format!("{scheme}://{h}")).unwrap_or_default()
}

/// In the browser: the page's own origin.
#[cfg(not(feature = "ssr"))]
pub fn base_url() -> String {
    leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default()
}

/// The absolute address of a site path (`/cards/…`).
pub fn absolute(path: &str) -> String {
    format!("{}{path}", base_url())
}

/// A description of at most `max` characters, cut at a word with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word() {
        assert_eq!(clip("짧은 소개", 160), "짧은 소개");
        let long = "반도체 ".repeat(60);
        let cut = clip(&long, 50);
        assert!(cut.chars().count() <= 50 && cut.ends_with("체…"), "{cut}");
    }
}
