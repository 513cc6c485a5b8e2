//! Accounts and sessions: sign-in, sign-out, invitations and password resets.
//!
//! Secrets are stored only as hashes: passwords as argon2id, session and one-time tokens as
//! SHA-256 (they are long and random, so a fast hash suffices). Neither is ever logged.

use super::{Directory, DomainError};
use crate::db::{self, account as adb};
use crate::model::account::{Me, Role, check_password};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 7 * 24 * 3600;
/// How long an invitation link works.
pub const INVITE_SECONDS: i64 = 7 * 24 * 3600;
/// How long a password-reset link works.
pub const RESET_SECONDS: i64 = 3600;
/// Failed sign-ins per email within [`FAILURE_WINDOW`] before further tries are refused.
pub const MAX_FAILURES: i64 = 5;
/// The window of [`MAX_FAILURES`], in seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;
/// Failed sign-ins from one client address, for any accounts, within [`FAILURE_WINDOW`]
/// before that client is refused too.
pub const MAX_CLIENT_FAILURES: i64 = 30;

/// The one message for every failed sign-in, so it never tells whether an email has an account.
const BAD_LOGIN: &str =
    "이메일 또는 비밀번호가 맞지 않습니다. 다시 입력하거나 비밀번호 재설정을 요청하세요.";

/// The signed-in account behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub session_id: i64,
    pub email: String,
    pub role: Role,
    /// A researcher's own card.
    pub card_id: Option<i64>,
    pub csrf_token: String,
}

impl Actor {
    /// Whether this account may change the card.
    pub fn can_edit(&self, card_id: i64) -> bool {
        self.role.curates() || self.card_id == Some(card_id)
    }

    /// Fails unless this account curates (staff or admin).
    pub fn curator(&self) -> Result<(), DomainError> {
        if self.role.curates() {
            Ok(())
        } else {
            Err(DomainError::Forbidden)
        }
    }

    /// Fails unless this account is an admin.
    pub fn admin(&self) -> Result<(), DomainError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(DomainError::Forbidden)
        }
    }

    /// Whether `token` is this session's CSRF token (compared in constant time).
    pub fn csrf_matches(&self, token: &str) -> bool {
        let (a, b) = (self.csrf_token.as_bytes(), token.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// A new session: the cookie value to set, and what the client learns about itself.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub token: String,
    pub me: Me,
}

/// A fresh random token: 32 bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // the OS random source; without it no secure token can exist, so failing loudly is right
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hash_password(password: &str) -> Result<String, DomainError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| DomainError::Internal(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| DomainError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DomainError::Internal(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Trims and lowercases an email; fails when it does not look like one.
pub fn normalize_email(email: &str) -> Result<String, DomainError> {
    let email = email.trim().to_lowercase();
    let ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(email)
    } else {
        Err(DomainError::BadRequest(format!(
            "`{email}` is not an email address; write it like name@keti.re.kr"
        )))
    }
}

/// A hash that no password matches, verified when an email has no account so that a failed
/// sign-in takes as long either way.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

impl Directory {
    /// Signs in with email and password, from the client address `client` (see
    /// [`crate::state::client_address`]).
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<NewSession, DomainError> {
        // control characters cannot be in an address (and PostgreSQL text cannot hold U+0000)
        let email: String = email
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let now = db::now();
        // guessing across many accounts from one client: a lock of its own, per client
        if adb::client_failures_since(&self.db, client, now - FAILURE_WINDOW).await?
            >= MAX_CLIENT_FAILURES
        {
            return Err(DomainError::TooMany(format!(
                "이 주소에서 로그인에 너무 많이 실패해 {}분 동안 로그인을 막았습니다. \
                 잠시 뒤 다시 시도하거나 담당자에게 비밀번호 재설정 링크를 요청하세요.",
                FAILURE_WINDOW / 60
            )));
        }
        if adb::login_failures_since(&self.db, &email, now - FAILURE_WINDOW).await? >= MAX_FAILURES
        {
            return Err(DomainError::TooMany(format!(
                "이 계정에 잘못된 비밀번호가 여러 번 입력되어 {}분 동안 로그인이 잠겼습니다. \
                 본인이 아니라면 비밀번호는 안전합니다. 기다리지 않으려면 담당자에게 비밀번호 재설정 링크를 요청하세요. \
                 링크로 새 비밀번호를 정하면 잠금이 풀리고 바로 로그인할 수 있습니다.",
                FAILURE_WINDOW / 60
            )));
        }
        let account = adb::account_by_email(&self.db, &email).await?;
        let hash = account
            .as_ref()
            .and_then(|a| a.password_hash.clone())
            .unwrap_or_else(|| decoy_hash().to_string());
        let password = password.to_string();
        let verified =
            tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await?;
        let Some(account) = account.filter(|a| verified && a.password_hash.is_some()) else {
            adb::insert_login_failure(&self.db, &email, client, now).await?;
            return Err(DomainError::Unauthorized(BAD_LOGIN.into()));
        };
        adb::clear_login_failures(&self.db, &email).await?;
        adb::purge_expired(&self.db, now, now - FAILURE_WINDOW).await?;
        let token = random_token();
        let csrf_token = random_token();
        adb::insert_session(
            &self.db,
            &token_hash(&token),
            account.account_id,
            &csrf_token,
            now,
            now + SESSION_SECONDS,
        )
        .await?;
        let me = self
            .me_of(&account.role, &account.email, account.card_id, csrf_token)
            .await?;
        Ok(NewSession { token, me })
    }

    async fn me_of(
        &self,
        role: &str,
        email: &str,
        card_id: Option<i64>,
        csrf_token: String,
    ) -> Result<Me, DomainError> {
        let card = match card_id {
            Some(id) => db::cards_by_ids(&self.db, &[id])
                .await?
                .into_iter()
                .next()
                .map(|row| row.slug),
            None => None,
        };
        Ok(Me {
            email: email.to_string(),
            role: Role::from_key(role).unwrap_or(Role::Researcher),
            card,
            csrf_token,
        })
    }

    /// The account behind a session cookie, if the session is live.
    pub async fn session(&self, token: &str) -> Result<Option<Actor>, DomainError> {
        let Some(row) = adb::session_by_hash(&self.db, &token_hash(token), db::now()).await? else {
            return Ok(None);
        };
        Ok(Some(Actor {
            account_id: row.account_id,
            session_id: row.session_id,
            email: row.email,
            role: Role::from_key(&row.role).unwrap_or(Role::Researcher),
            card_id: row.card_id,
            csrf_token: row.csrf_token,
        }))
    }

    /// What the signed-in account sees about itself.
    pub async fn me(&self, actor: &Actor) -> Result<Me, DomainError> {
        self.me_of(
            actor.role.key(),
            &actor.email,
            actor.card_id,
            actor.csrf_token.clone(),
        )
        .await
    }

    /// Ends a session.
    pub async fn logout(&self, actor: &Actor) -> Result<(), DomainError> {
        Ok(adb::delete_session(&self.db, actor.session_id).await?)
    }

    /// Creates an account (a researcher's bound to the card `card_slug`); returns its id.
    /// Creating staff or admin accounts takes an admin; `actor` is `None` for the command line.
    pub async fn add_account(
        &self,
        actor: Option<&Actor>,
        email: &str,
        role: Role,
        card_slug: Option<&str>,
    ) -> Result<i64, DomainError> {
        if let Some(actor) = actor {
            match role {
                Role::Researcher => actor.curator()?,
                Role::Staff | Role::Admin => actor.admin()?,
            }
        }
        let email = normalize_email(email)?;
        let card_id = match (role, card_slug) {
            (Role::Researcher, Some(slug)) => Some(
                db::card_by_slug(&self.db, slug)
                    .await?
                    .ok_or_else(|| {
                        DomainError::BadRequest(format!(
                            "no card has the slug `{slug}`; check the card's address (/cards/SLUG)"
                        ))
                    })?
                    .card_id,
            ),
            (Role::Researcher, None) => {
                return Err(DomainError::BadRequest(
                    "a researcher account needs the card it keeps: give --card SLUG".into(),
                ));
            }
            (_, Some(_)) => {
                return Err(DomainError::BadRequest(
                    "only researcher accounts are bound to a card; leave out --card for staff and admins".into(),
                ));
            }
            (_, None) => None,
        };
        match adb::insert_account(&self.db, &email, role.key(), card_id, db::now()).await {
            Ok(id) => Ok(id),
            Err(e) => match db::violated_unique(&e) {
                Some("account_email_key") => Err(DomainError::Conflict(format!(
                    "an account with {email} already exists; send it a password-reset link instead"
                ))),
                Some("account_card_key") => Err(DomainError::Conflict(
                    "another account already keeps this card; a card has one researcher account"
                        .into(),
                )),
                _ => Err(e.into()),
            },
        }
    }

    /// A one-time token that lets the account set its password: `invite` for a new account,
    /// `reset` for a forgotten password. The caller turns it into a link.
    pub async fn issue_token(
        &self,
        account_id: i64,
        purpose: &'static str,
    ) -> Result<String, DomainError> {
        let lifetime = if purpose == "invite" {
            INVITE_SECONDS
        } else {
            RESET_SECONDS
        };
        let token = random_token();
        let now = db::now();
        adb::insert_token(
            &self.db,
            &token_hash(&token),
            account_id,
            purpose,
            now,
            now + lifetime,
        )
        .await?;
        Ok(token)
    }

    /// A reset token for the account with this email, or `None` when there is none.
    /// Callers must answer the same either way, so that no one learns who has an account.
    pub async fn reset_token_for(&self, email: &str) -> Result<Option<String>, DomainError> {
        let email = email.trim().to_lowercase();
        match adb::account_by_email(&self.db, &email).await? {
            Some(account) => Ok(Some(self.issue_token(account.account_id, "reset").await?)),
            None => Ok(None),
        }
    }

    /// A password-reset token issued by staff for someone who forgot their password: staff
    /// may reset researchers, admins anyone. Unlike [`Self::reset_token_for`] this says when
    /// there is no such account, since only curators can ask.
    pub async fn reset_token_by_staff(
        &self,
        actor: &Actor,
        email: &str,
    ) -> Result<String, DomainError> {
        actor.curator()?;
        let email = normalize_email(email)?;
        let account = adb::account_by_email(&self.db, &email)
            .await?
            .ok_or_else(|| {
                DomainError::BadRequest(format!(
                    "no account has the email {email}; check the spelling, or invite the researcher instead"
                ))
            })?;
        if account.role != Role::Researcher.key() {
            actor.admin()?;
        }
        self.issue_token(account.account_id, "reset").await
    }

    /// Sets a password with a one-time token; the token is spent and every old session ends.
    pub async fn set_password_with_token(
        &self,
        token: &str,
        password: &str,
    ) -> Result<(), DomainError> {
        check_password(password).map_err(DomainError::BadRequest)?;
        let hash = self.hash(password).await?;
        let mut tx = self.write_tx().await?;
        let account_id = adb::use_token(&mut tx, &token_hash(token), db::now())
            .await?
            .ok_or_else(|| {
                DomainError::BadRequest(
                    "이 링크는 이미 사용되었거나 만료되었습니다. 담당자에게 새 링크를 요청하세요."
                        .into(),
                )
            })?;
        adb::set_password_hash(&mut tx, account_id, &hash).await?;
        // the other links of the account are spent, and a lock-out by someone else's wrong
        // passwords ends: the owner of the mailbox proved who they are
        adb::revoke_tokens(&mut tx, account_id, db::now()).await?;
        if let Some(account) = adb::account_by_id(&self.db, account_id).await? {
            adb::clear_login_failures(&mut **tx, &account.email).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets an account's password directly (the command line's `--password-stdin`).
    pub async fn set_password(&self, account_id: i64, password: &str) -> Result<(), DomainError> {
        check_password(password).map_err(DomainError::BadRequest)?;
        let hash = self.hash(password).await?;
        let mut tx = self.write_tx().await?;
        adb::set_password_hash(&mut tx, account_id, &hash).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn hash(&self, password: &str) -> Result<String, DomainError> {
        let password = password.to_string();
        tokio::task::spawn_blocking(move || hash_password(&password)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_argon2id_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn emails_are_normalized_or_refused() {
        assert_eq!(
            normalize_email(" Kim@KETI.re.kr ").unwrap(),
            "kim@keti.re.kr"
        );
        assert!(normalize_email("kim").is_err());
        assert!(normalize_email("kim @keti.re.kr").is_err());
    }
}
