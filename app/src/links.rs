//! The private links the directory hands out, built in one place: the one-time link that
//! sets a password (an invitation or a reset) and a company's inquiry tracking page.
//! Each is a site path; mail and the CLI put the site's address in front.

/// The page that sets a password with a one-time invitation or reset token.
pub fn set_password(token: &str) -> String {
    format!("/set-password?token={token}")
}

/// A company's private page for following its inquiry.
pub fn tracking(token: &str) -> String {
    format!("/track/{token}")
}
