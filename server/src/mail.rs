//! The mail sender: delivers the outbox (`mail_outbox`) over SMTP, at least once, with
//! retries and backoff. Mail is queued in the same transaction as the change it reports
//! (`app::service::inquiry`), so a crash between the two loses nothing: the next run sends it.
//!
//! `RCARD_SMTP_URL` names the server: `smtp://host:port` (plain), `smtp://host?tls=required`
//! (STARTTLS), `smtps://user:pass@host` (TLS from the start). `RCARD_MAIL_FROM` is the sender
//! (`R-Card <no-reply@example.re.kr>`). Without an SMTP server (the embedded default) mail stays
//! in the outbox and each message is also written once as `MAIL_ID.eml` under
//! `$RCARD_DATA_DIR/mail/`, where staff can read it.

use anyhow::Context;
use app::db::inquiry::{self as idb, MailRow};
use app::service::Directory;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the outbox is looked at when nothing wakes the sender.
const POLL: Duration = Duration::from_secs(15);
/// Mail sent per pass.
const BATCH: i64 = 50;
/// The first retry waits this long; each further one twice as long, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: i64 = 30;
const MAX_BACKOFF: i64 = 3600;
/// A message no server will ever take (a malformed address) is tried again only by staff.
const NEVER: i64 = 100 * 365 * 86_400;
/// How long a node holds a mail it took to send before another node may try it.
const LEASE: i64 = 300;

/// Where mail goes.
#[derive(Clone)]
pub struct MailConfig {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    /// The SMTP server's address without credentials, for logs.
    server: String,
    from: Mailbox,
    /// Where `.eml` copies go without an SMTP server.
    dir: PathBuf,
}

impl MailConfig {
    /// From `RCARD_SMTP_URL` and `RCARD_MAIL_FROM`; mail files under `data_dir/mail`.
    pub fn from_env(data_dir: &Path) -> anyhow::Result<MailConfig> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        MailConfig::new(
            var("RCARD_SMTP_URL").as_deref(),
            var("RCARD_MAIL_FROM").as_deref(),
            data_dir,
        )
    }

    pub fn new(
        smtp_url: Option<&str>,
        from: Option<&str>,
        data_dir: &Path,
    ) -> anyhow::Result<MailConfig> {
        let from: Mailbox = from
            .unwrap_or("R-Card <no-reply@localhost>")
            .trim()
            .parse()
            .context("RCARD_MAIL_FROM is not a mail address; write it like `R-Card <no-reply@example.re.kr>`")?;
        let (smtp, server) = match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
                    .context("RCARD_SMTP_URL is not an SMTP address; write it like smtp://127.0.0.1:2525 or smtps://user:pass@mail.example.re.kr")?
                    .timeout(Some(Duration::from_secs(30)))
                    .build();
                let server = url
                    .split_once('@')
                    .map_or(url.to_string(), |(scheme_user, host)| {
                        let scheme = scheme_user.split("://").next().unwrap_or("smtp");
                        format!("{scheme}://{host}")
                    });
                (Some(transport), server)
            }
            None => (None, String::new()),
        };
        Ok(MailConfig {
            smtp,
            server,
            from,
            dir: data_dir.join("mail"),
        })
    }
}

/// Sends the outbox until the task is dropped: whenever mail is queued in this process, and
/// every [`POLL`] for mail queued elsewhere or due for a retry.
pub async fn run(directory: Directory, config: MailConfig) {
    match &config.smtp {
        Some(_) => tracing::info!(server = %config.server, "mail goes out through SMTP"),
        None => tracing::info!(
            dir = %config.dir.display(),
            "no RCARD_SMTP_URL: mail stays in the outbox and is written as .eml files"
        ),
    }
    let wake = directory.mail_wake();
    loop {
        match deliver_due(&directory, &config).await {
            // a full batch: more may be waiting
            Ok(n) if n as i64 >= BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not read the mail outbox"),
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// One pass over the mail that is due; returns how many messages it handled.
pub async fn deliver_due(directory: &Directory, config: &MailConfig) -> anyhow::Result<usize> {
    let db = directory.db();
    let now = app::db::now();
    let due = idb::due_mail(db, now, config.smtp.is_none(), BATCH).await?;
    let n = due.len();
    for mail in due {
        // of several nodes over one database, the one that takes it sends it
        if !idb::claim_mail(db, mail.mail_id, app::db::now(), LEASE).await? {
            continue;
        }
        let message = match build(&mail, &config.from) {
            Ok(m) => m,
            Err(e) => {
                tracing::error!(mail = mail.mail_id, error = %e, "a queued mail cannot be built; it waits for staff");
                idb::mail_failed(db, mail.mail_id, &e.to_string(), now + NEVER).await?;
                continue;
            }
        };
        match &config.smtp {
            Some(smtp) => match smtp.send(message).await {
                Ok(_) => {
                    idb::mail_sent(db, mail.mail_id, app::db::now()).await?;
                    tracing::info!(mail = mail.mail_id, "mail sent");
                }
                Err(e) => {
                    let wait = (FIRST_BACKOFF << mail.attempts.clamp(0, 16)).min(MAX_BACKOFF);
                    tracing::warn!(mail = mail.mail_id, attempts = mail.attempts + 1, retry_in_s = wait, error = %e, "mail not sent; will retry");
                    idb::mail_failed(db, mail.mail_id, &e.to_string(), app::db::now() + wait)
                        .await?;
                }
            },
            None => {
                let path = config.dir.join(format!("{}.eml", mail.mail_id));
                match write_eml(&path, &message.formatted()) {
                    Ok(()) => idb::mail_saved(db, mail.mail_id, &path.to_string_lossy()).await?,
                    Err(e) => {
                        tracing::warn!(mail = mail.mail_id, error = %e, "cannot write the mail file; will retry");
                        idb::mail_failed(db, mail.mail_id, &e.to_string(), now + MAX_BACKOFF)
                            .await?;
                    }
                }
            }
        }
    }
    Ok(n)
}

/// A queued mail as a message: plain text and HTML alternatives.
fn build(mail: &MailRow, from: &Mailbox) -> anyhow::Result<Message> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .with_context(|| format!("the recipient `{}` is not a mail address", mail.recipient))?;
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            mail.text_body.clone(),
            mail.html_body.clone(),
        ))?)
}

/// Written under a temporary name and renamed, so a half-written file is never read.
fn write_eml(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("eml.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
