//! Inquiries, their researchers and messages, and the mail outbox.

use super::{DbPool, Tx};

/// An inquiry's row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InquiryRow {
    pub inquiry_id: i64,
    pub company: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub kind: String,
    pub preferred_time: String,
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_note: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub first_answer_at: Option<i64>,
    /// `inquiry`, or `need` for a company's posted need.
    pub origin: String,
    pub deadline: String,
}

const INQUIRY_COLUMNS: &str = "inquiry_id, company, name, email, \
    phone, kind, preferred_time, status, outcome, outcome_note, created_at, updated_at, \
    first_answer_at, origin, deadline";

/// A new inquiry's fields.
pub struct NewRow<'a> {
    pub company: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub kind: &'a str,
    pub preferred_time: &'a str,
    pub status: &'a str,
    pub client: &'a str,
    pub origin: &'a str,
    pub deadline: &'a str,
    pub now: i64,
}

pub async fn insert(tx: &mut Tx, row: &NewRow<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO inquiry (company, name, email, phone, kind, preferred_time, status, client, \
         consent_at, created_at, updated_at, origin, deadline) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9, $10, $11) RETURNING inquiry_id",
    )
    .bind(row.company)
    .bind(row.name)
    .bind(row.email)
    .bind(row.phone)
    .bind(row.kind)
    .bind(row.preferred_time)
    .bind(row.status)
    .bind(row.client)
    .bind(row.now)
    .bind(row.origin)
    .bind(row.deadline)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn add_card(
    tx: &mut Tx,
    inquiry_id: i64,
    card_id: i64,
    division: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO inquiry_card (inquiry_id, card_id, division) VALUES ($1, $2, $3)")
        .bind(inquiry_id)
        .bind(card_id)
        .bind(division)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A message of the conversation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub sender: String,
    pub body: String,
    pub internal: i64,
    pub created_at: i64,
}

pub async fn add_message(
    tx: &mut Tx,
    inquiry_id: i64,
    sender: &str,
    account_id: Option<i64>,
    body: &str,
    internal: bool,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO inquiry_message (inquiry_id, sender, account_id, body, internal, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(inquiry_id)
    .bind(sender)
    .bind(account_id)
    .bind(body)
    .bind(i64::from(internal))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn messages(db: &DbPool, inquiry_id: i64) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as(
        "SELECT sender, body, internal, created_at FROM inquiry_message \
         WHERE inquiry_id = $1 ORDER BY created_at, inquiry_message_id",
    )
    .bind(inquiry_id)
    .fetch_all(db)
    .await
}

/// Sets an inquiry's status (and when it was first answered, once).
pub async fn set_status(tx: &mut Tx, inquiry_id: i64, status: &str, now: i64) -> sqlx::Result<()> {
    let answered = i64::from(status == "answered");
    sqlx::query(
        "UPDATE inquiry SET status = $2, updated_at = $3, \
         first_answer_at = CASE WHEN $4 = 1 AND first_answer_at IS NULL THEN $3 ELSE first_answer_at END \
         WHERE inquiry_id = $1",
    )
    .bind(inquiry_id)
    .bind(status)
    .bind(now)
    .bind(answered)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn close(
    tx: &mut Tx,
    inquiry_id: i64,
    outcome: &str,
    note: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE inquiry SET status = 'closed', outcome = $2, outcome_note = $3, updated_at = $4 \
         WHERE inquiry_id = $1",
    )
    .bind(inquiry_id)
    .bind(outcome)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The inquiry a live tracking token (by its hash) opens, and when that token expires.
pub async fn by_token_hash(
    db: &DbPool,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<(InquiryRow, i64)>> {
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT inquiry_id, expires_at FROM inquiry_token \
         WHERE token_hash = $1 AND revoked = 0 AND expires_at >= $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    let Some((id, expires)) = found else {
        return Ok(None);
    };
    Ok(by_id(db, id).await?.map(|row| (row, expires)))
}

/// Adds a tracking token (by its hash) for an inquiry.
pub async fn add_token(
    tx: &mut Tx,
    inquiry_id: i64,
    token_hash: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO inquiry_token (token_hash, inquiry_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(inquiry_id)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks an inquiry changed now.
pub async fn touch(tx: &mut Tx, inquiry_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE inquiry SET updated_at = $2 WHERE inquiry_id = $1")
        .bind(inquiry_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The e-mail of the account that holds a card, if any.
pub async fn card_account_email(db: &DbPool, card_id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT email FROM account WHERE card_id = $1")
        .bind(card_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(e,)| e))
}

pub async fn by_id(db: &DbPool, inquiry_id: i64) -> sqlx::Result<Option<InquiryRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {INQUIRY_COLUMNS} FROM inquiry WHERE inquiry_id = $1"
    )))
    .bind(inquiry_id)
    .fetch_optional(db)
    .await
}

/// Revokes every tracking link of an inquiry; false when there is no such inquiry.
pub async fn revoke_tokens(tx: &mut Tx, inquiry_id: i64, now: i64) -> sqlx::Result<bool> {
    sqlx::query("UPDATE inquiry_token SET revoked = 1 WHERE inquiry_id = $1")
        .bind(inquiry_id)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query("UPDATE inquiry SET updated_at = $2 WHERE inquiry_id = $1")
        .bind(inquiry_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The inquiries an inbox shows, newest first: those asking `card_id`, or all (staff).
pub async fn inbox(db: &DbPool, card_id: Option<i64>, limit: i64) -> sqlx::Result<Vec<InquiryRow>> {
    let filter = if card_id.is_some() {
        "WHERE inquiry_id IN (SELECT inquiry_id FROM inquiry_card WHERE card_id = $1)"
    } else {
        "WHERE $1 IS NULL"
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {INQUIRY_COLUMNS} FROM inquiry {filter} \
         ORDER BY created_at DESC, inquiry_id DESC LIMIT $2"
    )))
    .bind(card_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The researchers an inquiry asks: card id, slug, name and the division it was sent to.
pub async fn cards(
    db: &DbPool,
    inquiry_id: i64,
) -> sqlx::Result<Vec<(i64, String, String, String)>> {
    sqlx::query_as(
        "SELECT c.card_id, c.slug, c.name, ic.division FROM inquiry_card ic \
         JOIN card c ON c.card_id = ic.card_id WHERE ic.inquiry_id = $1 ORDER BY c.name",
    )
    .bind(inquiry_id)
    .fetch_all(db)
    .await
}

/// Inquiries sent since `since` from a client address, and for an e-mail address.
pub async fn recent(
    db: &DbPool,
    client: &str,
    email: &str,
    since: i64,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM inquiry WHERE client = $1 AND created_at >= $3), \
           (SELECT COUNT(*) FROM inquiry WHERE email = $2 AND created_at >= $3)",
    )
    .bind(client)
    .bind(email)
    .bind(since)
    .fetch_one(db)
    .await
}

/// Inquiries created before `before` whose personal data is still there.
pub async fn due_for_anonymising(db: &DbPool, before: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM inquiry WHERE created_at < $1 AND anonymised_at IS NULL",
    )
    .bind(before)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// Blanks the personal data of inquiries created before `before`; returns how many.
pub async fn anonymise_before(tx: &mut Tx, before: i64, now: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE inquiry SET company = '', name = '', email = '', phone = '', preferred_time = '', \
         client = '', anonymised_at = $2 \
         WHERE created_at < $1 AND anonymised_at IS NULL",
    )
    .bind(before)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE inquiry_token SET revoked = 1 WHERE inquiry_id IN \
         (SELECT inquiry_id FROM inquiry WHERE anonymised_at = $1)",
    )
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE inquiry_message SET body = '' WHERE inquiry_id IN \
         (SELECT inquiry_id FROM inquiry WHERE anonymised_at = $1)",
    )
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE mail_outbox SET recipient = '', text_body = '', html_body = '' WHERE inquiry_id IN \
         (SELECT inquiry_id FROM inquiry WHERE anonymised_at = $1)",
    )
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// A mail to send.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailRow {
    pub mail_id: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: String,
    pub saved_as: String,
}

const MAIL_COLUMNS: &str = "mail_id, recipient, subject, text_body, html_body, attempts, \
    created_at, sent_at, last_error, saved_as";

/// Puts a mail in the outbox, due now.
pub async fn enqueue_mail(
    tx: &mut Tx,
    recipient: &str,
    subject: &str,
    text_body: &str,
    html_body: &str,
    inquiry_id: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO mail_outbox (recipient, subject, text_body, html_body, inquiry_id, \
         created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(recipient)
    .bind(subject)
    .bind(text_body)
    .bind(html_body)
    .bind(inquiry_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Unsent mail due by `now`, oldest first. With `unsaved`, only mail not yet written out
/// as a file (no SMTP server: each mail is written once and stays in the outbox).
pub async fn due_mail(
    db: &DbPool,
    now: i64,
    unsaved: bool,
    limit: i64,
) -> sqlx::Result<Vec<MailRow>> {
    let saved = if unsaved { "AND saved_as = ''" } else { "" };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE sent_at IS NULL AND recipient <> '' \
         AND next_attempt_at <= $1 {saved} ORDER BY next_attempt_at, mail_id LIMIT $2"
    )))
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Takes a due mail for this node: pushes its next attempt `lease` seconds ahead unless
/// another node already did. True when this node may send it; a node that dies while
/// sending leaves it to be tried again when the lease runs out (at least once).
pub async fn claim_mail(db: &DbPool, mail_id: i64, now: i64, lease: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $3 \
         WHERE mail_id = $1 AND sent_at IS NULL AND next_attempt_at <= $2",
    )
    .bind(mail_id)
    .bind(now)
    .bind(now + lease)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mail_sent(db: &DbPool, mail_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE mail_outbox SET sent_at = $2, attempts = attempts + 1, last_error = '' WHERE mail_id = $1")
        .bind(mail_id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn mail_failed(
    db: &DbPool,
    mail_id: i64,
    error: &str,
    retry_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 \
         WHERE mail_id = $1",
    )
    .bind(mail_id)
    .bind(error)
    .bind(retry_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn mail_saved(db: &DbPool, mail_id: i64, path: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE mail_outbox SET saved_as = $2 WHERE mail_id = $1")
        .bind(mail_id)
        .bind(path)
        .execute(db)
        .await?;
    Ok(())
}

/// Unsent mail, newest first (staff: what is waiting or failing).
pub async fn unsent_mail(db: &DbPool, limit: i64) -> sqlx::Result<Vec<MailRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE sent_at IS NULL \
         ORDER BY created_at DESC, mail_id DESC LIMIT $1"
    )))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Makes an unsent mail due now (staff retry); false when there is no such unsent mail.
pub async fn retry_mail(db: &DbPool, mail_id: i64, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $2 WHERE mail_id = $1 AND sent_at IS NULL",
    )
    .bind(mail_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Mail not sent yet (the outbox depth).
pub async fn outbox_depth(db: &DbPool) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// Unanswered, open inquiries created before `before` that were not reminded (or, with
/// `escalation`, not escalated) yet: id, company and creation time.
pub async fn unanswered(
    db: &DbPool,
    before: i64,
    escalation: bool,
) -> sqlx::Result<Vec<(i64, String, i64)>> {
    let done = if escalation {
        "escalated_at"
    } else {
        "reminded_at"
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT inquiry_id, company, created_at FROM inquiry \
         WHERE first_answer_at IS NULL AND status IN ('received', 'forwarded') \
         AND anonymised_at IS NULL AND created_at < $1 AND {done} IS NULL \
         ORDER BY created_at LIMIT 500"
    )))
    .bind(before)
    .fetch_all(db)
    .await
}

/// Marks an inquiry reminded (or escalated) at `now`, unless it already is; true when this
/// call marked it (so of several nodes, one sends the reminder).
pub async fn mark_followed_up(
    tx: &mut Tx,
    inquiry_id: i64,
    escalation: bool,
    now: i64,
) -> sqlx::Result<bool> {
    let column = if escalation {
        "escalated_at"
    } else {
        "reminded_at"
    };
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE inquiry SET {column} = $2 WHERE inquiry_id = $1 AND {column} IS NULL"
    )))
    .bind(inquiry_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The e-mail addresses of staff and admin accounts (who hear of new company needs).
pub async fn staff_emails(db: &DbPool) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT email FROM account WHERE role IN ('staff', 'admin') ORDER BY account_id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}
