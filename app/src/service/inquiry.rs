//! Inquiries (협력 문의): a company asks researchers for help without an account, follows
//! the answer through a private link, and the researchers and staff answer from the inbox.
//! Every mail goes through the outbox in the same transaction as the change it reports, so
//! nothing is announced that was not stored, and nothing stored goes unannounced.

use super::account::{Actor, random_token, token_hash};
use super::{Directory, DomainError};
use crate::db::{self, inquiry as idb};
use crate::model::account::Role;
use crate::model::card::{AvailabilityStatus, Offer, Status};
use crate::model::inquiry::{
    Asked, Created, InboxItem, InquiryStatus, Message, NewInquiry, NewNeed, Outcome, Sender, Step,
    Tracking, limits,
};
use crate::model::validate::{FieldError, FieldErrors};
use crate::search::snippet::escape_html;

/// How long a tracking link works after the inquiry was sent.
const TRACKING_SECONDS: i64 = 365 * 86_400;
/// Inquiries one client address may send per hour.
const PER_CLIENT_HOUR: i64 = 10;
/// Inquiries one e-mail address may send per hour.
const PER_EMAIL_HOUR: i64 = 5;
/// Most inquiries an inbox lists.
const INBOX_LIMIT: i64 = 200;
/// How long personal data of an inquiry is kept, unless `RCARD_INQUIRY_RETENTION_DAYS` says.
pub const RETENTION_DAYS: i64 = 3 * 365;

/// The retention period in days (`RCARD_INQUIRY_RETENTION_DAYS`, default three years).
pub fn retention_days() -> i64 {
    std::env::var("RCARD_INQUIRY_RETENTION_DAYS")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| *d > 0)
        .unwrap_or(RETENTION_DAYS)
}

/// Working days an inquiry may wait for its first answer before its researchers are
/// reminded (`RCARD_INQUIRY_REMIND_DAYS`, default 3); after twice as many it is escalated to
/// the division's liaison.
pub fn remind_days() -> i64 {
    std::env::var("RCARD_INQUIRY_REMIND_DAYS")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| *d > 0)
        .unwrap_or(3)
}

/// The moment `days` working days (Monday to Friday, in Korean time) before `now`.
pub fn working_days_before(now: i64, days: i64) -> i64 {
    const KST: i64 = 9 * 3600;
    let mut t = now;
    let mut left = days;
    while left > 0 {
        t -= 86_400;
        // 1970-01-01 was a Thursday: day 0 → 3 (Mon = 0)
        let weekday = ((t + KST).div_euclid(86_400) + 3).rem_euclid(7);
        if weekday < 5 {
            left -= 1;
        }
    }
    t
}

/// The text of a field as typed, without control characters (line breaks kept where
/// `lines`) and outer whitespace.
fn clean(text: &str, lines: bool) -> String {
    text.chars()
        .filter(|c| !c.is_control() || (lines && (*c == '\n' || *c == '\t')))
        .collect::<String>()
        .replace("\r\n", "\n")
        .trim()
        .to_string()
}

/// Whether `email` looks like an address mail can go to.
fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && !domain.contains('@')
}

/// The first e-mail address in a free-text contact ("스마트제조 담당 smart@keti.re.kr").
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '"' | '\'')))
        .find(|w| plausible_email(w))
        .map(str::to_string)
}

/// A field error.
fn field(path: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        path: path.into(),
        message: message.into(),
    }
}

/// Checks the size of a cleaned field; `required` ones must not be empty.
fn check_text(
    errors: &mut FieldErrors,
    path: &str,
    label: &str,
    text: &str,
    max: usize,
    required: bool,
) {
    let n = text.chars().count();
    if required && n == 0 {
        errors.push(field(path, format!("{label}을(를) 입력하세요.")));
    } else if n > max {
        errors.push(field(
            path,
            format!("{label}은(는) {max}자까지 쓸 수 있습니다. 지금 {n}자입니다."),
        ));
    }
}

/// A cleaned, checked inquiry.
#[derive(Debug)]
struct Checked {
    company: String,
    name: String,
    email: String,
    phone: String,
    kind: Offer,
    message: String,
    preferred_time: String,
    slugs: Vec<String>,
}

fn check(new: &NewInquiry, need: bool) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::new();
    let company = clean(&new.company, false);
    let name = clean(&new.name, false);
    let email = clean(&new.email, false);
    let phone = clean(&new.phone, false);
    let message = clean(&new.message, true);
    let preferred_time = clean(&new.preferred_time, false);
    check_text(
        &mut errors,
        "company",
        "회사명",
        &company,
        limits::COMPANY,
        true,
    );
    check_text(
        &mut errors,
        "name",
        "담당자 이름",
        &name,
        limits::NAME,
        true,
    );
    check_text(&mut errors, "email", "이메일", &email, limits::EMAIL, true);
    if !email.is_empty() && email.chars().count() <= limits::EMAIL && !plausible_email(&email) {
        errors.push(field(
            "email",
            "이메일 주소가 올바르지 않습니다. 예: name@company.co.kr",
        ));
    }
    check_text(
        &mut errors,
        "phone",
        "전화번호",
        &phone,
        limits::PHONE,
        false,
    );
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.'))
    {
        errors.push(field(
            "phone",
            "전화번호에는 숫자와 + - ( ) 만 쓸 수 있습니다. 예: 031-789-7000",
        ));
    }
    let kind = Offer::from_key(new.kind.trim());
    if kind.is_none() {
        let kinds: Vec<&str> = Offer::ALL.iter().map(|o| o.label()).collect();
        errors.push(field(
            "kind",
            format!("도움 받을 분야를 고르세요: {}", kinds.join(", ")),
        ));
    }
    check_text(
        &mut errors,
        "message",
        "문의 내용",
        &message,
        limits::MESSAGE,
        true,
    );
    check_text(
        &mut errors,
        "preferred_time",
        "연락 희망 시간",
        &preferred_time,
        limits::PREFERRED_TIME,
        false,
    );
    if !new.consent {
        errors.push(field(
            "consent",
            "개인정보 수집·이용에 동의해야 문의를 보낼 수 있습니다.",
        ));
    }
    let mut slugs: Vec<String> = Vec::new();
    for slug in &new.cards {
        let slug = slug.trim().to_string();
        if !slug.is_empty() && !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    if slugs.is_empty() && !need {
        errors.push(field("cards", "문의할 연구자를 한 명 이상 고르세요."));
    } else if slugs.len() > limits::CARDS {
        errors.push(field(
            "cards",
            format!(
                "한 번에 {}명까지 문의할 수 있습니다. 지금 {}명입니다.",
                limits::CARDS,
                slugs.len()
            ),
        ));
    }
    match (errors.is_empty(), kind) {
        (true, Some(kind)) => Ok(Checked {
            company,
            name,
            email,
            phone,
            kind,
            message,
            preferred_time,
            slugs,
        }),
        _ => Err(errors),
    }
}

/// A researcher an inquiry goes to: the card, and where mail for it goes.
struct Recipient {
    card_id: i64,
    name: String,
    division: String,
    /// The researcher's own address: their account's, else the card's (public or not).
    researcher: Option<String>,
    /// The division's liaison, from the division's contact.
    liaison: Option<String>,
}

/// A mail before it goes into the outbox.
struct Mail {
    to: String,
    subject: String,
    text: String,
    html: String,
}

/// Builds a mail from paragraphs: plain text, and HTML with every piece escaped. A
/// paragraph that is a link (starts with `http`) becomes one in HTML.
fn mail(to: &str, subject: String, paragraphs: &[String]) -> Mail {
    let mut text = paragraphs.join("\n\n");
    text.push_str("\n\n-- \nR-Card 연구자 협력 창구 (이 메일은 보내기 전용입니다. 답장은 링크에서 남겨 주세요.)\n");
    let mut html = String::from(
        "<!doctype html><html lang=\"ko\"><body style=\"font-family:sans-serif;line-height:1.6\">",
    );
    for p in paragraphs {
        let escaped = escape_html(p).replace('\n', "<br>");
        if p.starts_with("http") && !p.contains(char::is_whitespace) {
            html.push_str(&format!("<p><a href=\"{escaped}\">{escaped}</a></p>"));
        } else {
            html.push_str(&format!("<p>{escaped}</p>"));
        }
    }
    html.push_str("<hr><p style=\"color:#555;font-size:90%\">R-Card 연구자 협력 창구 · 이 메일은 보내기 전용입니다. 답장은 링크에서 남겨 주세요.</p></body></html>");
    Mail {
        to: to.to_string(),
        subject,
        text,
        html,
    }
}

impl Directory {
    /// Stores a company's inquiry and queues its mail: one to each researcher asked, one to
    /// each division's liaison, and the company's own with its private tracking link.
    /// `base` is the site's address for the links. A filled honeypot gets an answer that
    /// looks the same and does nothing.
    pub async fn create_inquiry(
        &self,
        new: NewInquiry,
        client: &str,
        base: &str,
    ) -> Result<Created, DomainError> {
        if !new.website.trim().is_empty() {
            tracing::info!(
                client,
                "an inquiry filled the honeypot; nothing was stored or sent"
            );
            return Ok(Created {
                id: i64::from(
                    u32::from_be_bytes(random_token().as_bytes()[..4].try_into().unwrap_or([0; 4]))
                        >> 8,
                ),
                tracking_url: format!("{base}{}", crate::links::tracking(&random_token())),
            });
        }
        let checked = check(&new, false).map_err(DomainError::Invalid)?;
        let now = db::now();
        let (from_client, for_email) =
            idb::recent(&self.db, client, &checked.email, now - 3600).await?;
        if from_client >= PER_CLIENT_HOUR || for_email >= PER_EMAIL_HOUR {
            return Err(DomainError::TooMany(
                "짧은 시간에 문의를 너무 많이 보냈습니다. 한 시간 뒤에 다시 보내 주세요. 작성한 내용은 그대로 남아 있습니다."
                    .into(),
            ));
        }
        let mut recipients = Vec::new();
        let mut missing = Vec::new();
        for slug in &checked.slugs {
            match self.recipient(slug).await? {
                Some(r) => recipients.push(r),
                None => missing.push(slug.clone()),
            }
        }
        if !missing.is_empty() {
            return Err(DomainError::Invalid(vec![field(
                "cards",
                format!(
                    "문의할 수 없는 연구자가 있습니다(공개되지 않았거나 없는 카드): {}",
                    missing.join(", ")
                ),
            )]));
        }
        let token = random_token();
        let routed = recipients
            .iter()
            .any(|r| r.researcher.is_some() || r.liaison.is_some());
        let status = if routed {
            InquiryStatus::Forwarded
        } else {
            InquiryStatus::Received
        };
        let tracking_url = format!("{base}{}", crate::links::tracking(&token));
        let mut tx = self.write_tx().await?;
        let id = idb::insert(
            &mut tx,
            &idb::NewRow {
                company: &checked.company,
                name: &checked.name,
                email: &checked.email,
                phone: &checked.phone,
                kind: checked.kind.key(),
                preferred_time: &checked.preferred_time,
                status: status.key(),
                client,
                origin: "inquiry",
                deadline: "",
                now,
            },
        )
        .await?;
        idb::add_token(&mut tx, id, &token_hash(&token), now + TRACKING_SECONDS).await?;
        for r in &recipients {
            idb::add_card(&mut tx, id, r.card_id, &r.division).await?;
        }
        idb::add_message(
            &mut tx,
            id,
            Sender::Company.key(),
            None,
            &checked.message,
            false,
            now,
        )
        .await?;
        for m in inquiry_mail(id, &checked, &recipients, base, &tracking_url) {
            idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        }
        tx.commit().await?;
        self.mail_queued();
        tracing::info!(
            inquiry = id,
            researchers = recipients.len(),
            routed,
            "inquiry received"
        );
        Ok(Created { id, tracking_url })
    }

    /// Stores a company's posted need (기술 수요) and tells staff, who forward it to the
    /// researchers need matching proposes; the company gets its tracking link. A filled
    /// honeypot gets an answer that looks the same and does nothing.
    pub async fn create_need(
        &self,
        new: NewNeed,
        client: &str,
        base: &str,
    ) -> Result<Created, DomainError> {
        let as_inquiry = NewInquiry {
            cards: Vec::new(),
            company: new.company,
            name: new.name,
            email: new.email,
            phone: new.phone,
            kind: new.kind,
            message: new.text,
            preferred_time: String::new(),
            consent: new.consent,
            website: new.website,
        };
        if !as_inquiry.website.trim().is_empty() {
            return self.create_inquiry(as_inquiry, client, base).await;
        }
        let mut errors = check(&as_inquiry, true).err().unwrap_or_default();
        for e in &mut errors {
            if e.path == "message" {
                e.path = "text".into();
                e.message = e.message.replace("문의 내용", "기술 수요");
            }
        }
        let deadline = clean(&new.deadline, false);
        let today = db::rfc3339(db::now());
        if !deadline.is_empty() {
            let valid = deadline.len() == 10
                && deadline.as_bytes()[4] == b'-'
                && deadline.as_bytes()[7] == b'-'
                && deadline.chars().filter(char::is_ascii_digit).count() == 8;
            if !valid {
                errors.push(field(
                    "deadline",
                    "마감일은 YYYY-MM-DD로 쓰세요 (예: 2027-03-31).",
                ));
            } else if deadline.as_str() < &today[..10] {
                errors.push(field(
                    "deadline",
                    "마감일이 이미 지났습니다. 오늘 이후 날짜를 고르세요.",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(DomainError::Invalid(errors));
        }
        let checked = check(&as_inquiry, true).map_err(DomainError::Invalid)?;
        let now = db::now();
        let (from_client, for_email) =
            idb::recent(&self.db, client, &checked.email, now - 3600).await?;
        if from_client >= PER_CLIENT_HOUR || for_email >= PER_EMAIL_HOUR {
            return Err(DomainError::TooMany(
                "짧은 시간에 너무 많이 보냈습니다. 한 시간 뒤에 다시 보내 주세요. 작성한 내용은 그대로 남아 있습니다."
                    .into(),
            ));
        }
        let token = random_token();
        let tracking_url = format!("{base}{}", crate::links::tracking(&token));
        let staff = idb::staff_emails(&self.db).await?;
        let mut tx = self.write_tx().await?;
        let id = idb::insert(
            &mut tx,
            &idb::NewRow {
                company: &checked.company,
                name: &checked.name,
                email: &checked.email,
                phone: &checked.phone,
                kind: checked.kind.key(),
                preferred_time: "",
                status: InquiryStatus::Received.key(),
                client,
                origin: "need",
                deadline: &deadline,
                now,
            },
        )
        .await?;
        idb::add_token(&mut tx, id, &token_hash(&token), now + TRACKING_SECONDS).await?;
        idb::add_message(
            &mut tx,
            id,
            Sender::Company.key(),
            None,
            &checked.message,
            false,
            now,
        )
        .await?;
        let kind = checked.kind.label();
        let due = if deadline.is_empty() {
            String::new()
        } else {
            format!("\n마감: {deadline}")
        };
        for to in &staff {
            let m = mail(
                to,
                format!("[R-Card] 새 기술 수요 #{id}: {} ({kind})", checked.company),
                &[
                    format!(
                        "{}에서 기술 수요를 올렸습니다.\n분야: {kind}{due}",
                        checked.company
                    ),
                    checked.message.clone(),
                    "받은 문의함에서 제안된 연구자를 확인하고 전달하세요:".into(),
                    format!("{base}/inbox#inquiry-{id}"),
                ],
            );
            idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        }
        let m = mail(
            &checked.email,
            format!("[R-Card] 기술 수요 #{id}이(가) 접수되었습니다"),
            &[
                format!("{} {}님, 기술 수요가 접수되었습니다. 기관이 맞는 연구자를 찾아 전달합니다.", checked.company, checked.name),
                "진행 상황과 연구자의 답변은 아래 링크에서 볼 수 있습니다. 이 링크는 본인만 쓰세요:".into(),
                tracking_url.clone(),
                format!(
                    "입력한 연락처는 이 수요에 답하는 데만 쓰이며, {}년 뒤 지워집니다.",
                    retention_days() / 365
                ),
            ],
        );
        idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        tx.commit().await?;
        self.mail_queued();
        tracing::info!(need = id, staff = staff.len(), "company need received");
        Ok(Created { id, tracking_url })
    }

    /// The published card `slug` as a recipient of an inquiry.
    async fn recipient(&self, slug: &str) -> Result<Option<Recipient>, DomainError> {
        let Some(row) = db::card_by_slug(&self.db, slug).await? else {
            return Ok(None);
        };
        let record = row.to_record()?;
        if record.status != Status::Published {
            return Ok(None);
        }
        let account = idb::card_account_email(&self.db, row.card_id).await?;
        let own = Some(record.contact.email.trim().to_string()).filter(|e| plausible_email(e));
        let liaison = db::division_contact(&self.db, &record.division)
            .await?
            .and_then(|c| email_in(&c));
        let today = db::rfc3339(db::now());
        let away = record.availability.status_on(&today[..10]) == AvailabilityStatus::Closed;
        // a researcher marked unavailable is not mailed while the liaison can take it
        let researcher = if away && liaison.is_some() {
            None
        } else {
            account.or(own)
        };
        Ok(Some(Recipient {
            card_id: row.card_id,
            name: record.name,
            division: record.division,
            researcher,
            liaison,
        }))
    }

    /// Wakes the mail sender (when one runs in this process).
    pub fn mail_queued(&self) {
        self.mail_wake.notify_one();
    }

    /// What wakes the mail sender.
    pub fn mail_wake(&self) -> std::sync::Arc<tokio::sync::Notify> {
        self.mail_wake.clone()
    }

    /// The inquiry a tracking token belongs to, if the link still works, and when the link
    /// expires.
    async fn tracked(&self, token: &str) -> Result<(idb::InquiryRow, i64), DomainError> {
        let gone = || {
            DomainError::Missing(
                "이 문의 추적 링크는 없거나 만료되었습니다. 메일로 받은 링크를 그대로 여세요. 새 링크가 필요하면 기관 담당자에게 연락하세요."
                    .into(),
            )
        };
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(gone());
        }
        idb::by_token_hash(&self.db, &token_hash(token), db::now())
            .await?
            .ok_or_else(gone)
    }

    /// What the company sees through its tracking link.
    pub async fn tracking(&self, token: &str) -> Result<Tracking, DomainError> {
        let (row, expires) = self.tracked(token).await?;
        self.tracking_of(row, expires).await
    }

    async fn tracking_of(
        &self,
        row: idb::InquiryRow,
        expires: i64,
    ) -> Result<Tracking, DomainError> {
        let messages = self.messages(row.inquiry_id, false).await?;
        let researchers = self.asked(row.inquiry_id).await?;
        let status = InquiryStatus::from_key(&row.status).unwrap_or(InquiryStatus::Received);
        let kind = Offer::from_key(&row.kind);
        Ok(Tracking {
            origin: row.origin.clone(),
            deadline: row.deadline.clone(),
            status,
            status_label: status.label().into(),
            timeline: timeline(&row, &messages),
            messages,
            researchers,
            company: row.company,
            kind: row.kind.clone(),
            kind_label: kind.map(|k| k.label().to_string()).unwrap_or_default(),
            created_at: db::rfc3339(row.created_at),
            expires_at: db::rfc3339(expires),
            outcome: row.outcome.as_deref().and_then(Outcome::from_key),
        })
    }

    async fn messages(&self, inquiry_id: i64, internal: bool) -> Result<Vec<Message>, DomainError> {
        Ok(idb::messages(&self.db, inquiry_id)
            .await?
            .into_iter()
            .filter(|m| internal || m.internal == 0)
            .map(|m| Message {
                from: Sender::from_key(&m.sender).unwrap_or(Sender::Staff),
                body: m.body,
                at: db::rfc3339(m.created_at),
                internal: m.internal != 0,
            })
            .collect())
    }

    async fn asked(&self, inquiry_id: i64) -> Result<Vec<Asked>, DomainError> {
        Ok(idb::cards(&self.db, inquiry_id)
            .await?
            .into_iter()
            .map(|(_, slug, name, division)| Asked {
                slug,
                name,
                division,
            })
            .collect())
    }

    /// The company's first message of an inquiry (its question, or its need).
    async fn first_message(&self, inquiry_id: i64) -> Result<String, DomainError> {
        Ok(self
            .messages(inquiry_id, false)
            .await?
            .into_iter()
            .find(|m| m.from == Sender::Company)
            .map(|m| m.body)
            .unwrap_or_default())
    }

    /// Adds the company's message through its tracking link; the researchers asked (or
    /// their liaison) hear of it by mail.
    pub async fn company_message(
        &self,
        token: &str,
        message: &str,
        base: &str,
    ) -> Result<Tracking, DomainError> {
        let (row, expires) = self.tracked(token).await?;
        let body = checked_message(message)?;
        if row.status == InquiryStatus::Closed.key() {
            return Err(DomainError::Conflict(
                "종결된 문의입니다. 새로 문의하려면 연구자 카드에서 다시 문의해 주세요.".into(),
            ));
        }
        let now = db::now();
        let mut recipients = Vec::new();
        for (card_id, slug, _, _) in idb::cards(&self.db, row.inquiry_id).await? {
            if let Some(r) = self.recipient(&slug).await? {
                recipients.push(r);
            } else if let Some(email) = idb::card_account_email(&self.db, card_id).await? {
                recipients.push(Recipient {
                    card_id,
                    name: String::new(),
                    division: String::new(),
                    researcher: Some(email),
                    liaison: None,
                });
            }
        }
        let mut tx = self.write_tx().await?;
        idb::add_message(
            &mut tx,
            row.inquiry_id,
            Sender::Company.key(),
            None,
            &body,
            false,
            now,
        )
        .await?;
        if row.status == InquiryStatus::Answered.key() {
            idb::set_status(
                &mut tx,
                row.inquiry_id,
                InquiryStatus::Negotiating.key(),
                now,
            )
            .await?;
        } else {
            idb::touch(&mut tx, row.inquiry_id, now).await?;
        }
        let inbox = format!("{base}/inbox");
        for to in distinct(
            recipients
                .iter()
                .filter_map(|r| r.researcher.clone().or(r.liaison.clone())),
        ) {
            let m = mail(
                &to,
                format!(
                    "[R-Card] {}에서 문의 #{}에 메시지를 남겼습니다",
                    row.company, row.inquiry_id
                ),
                &[
                    format!(
                        "{} {}님이 문의 #{}에 메시지를 남겼습니다.",
                        row.company, row.name, row.inquiry_id
                    ),
                    body.clone(),
                    "받은 문의함에서 답하세요:".into(),
                    inbox.clone(),
                ],
            );
            idb::enqueue_mail(
                &mut tx,
                &m.to,
                &m.subject,
                &m.text,
                &m.html,
                Some(row.inquiry_id),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.mail_queued();
        let row = idb::by_id(&self.db, row.inquiry_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        self.tracking_of(row, expires).await
    }

    /// The inquiries of an inbox, newest first: a researcher's own, or every one (staff).
    pub async fn inbox(&self, actor: &Actor) -> Result<Vec<InboxItem>, DomainError> {
        let card = match actor.role {
            Role::Researcher => Some(actor.card_id.ok_or(DomainError::Forbidden)?),
            Role::Staff | Role::Admin => None,
        };
        let rows = idb::inbox(&self.db, card, INBOX_LIMIT).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            items.push(self.inbox_item(row, actor.role != Role::Researcher).await?);
        }
        Ok(items)
    }

    async fn inbox_item(
        &self,
        row: idb::InquiryRow,
        staff: bool,
    ) -> Result<InboxItem, DomainError> {
        let messages = self.messages(row.inquiry_id, staff).await?;
        let status = InquiryStatus::from_key(&row.status).unwrap_or(InquiryStatus::Received);
        let kind = Offer::from_key(&row.kind);
        let first = messages
            .iter()
            .find(|m| m.from == Sender::Company)
            .map(|m| m.body.clone())
            .unwrap_or_default();
        Ok(InboxItem {
            origin: row.origin.clone(),
            deadline: row.deadline.clone(),
            id: row.inquiry_id,
            status,
            status_label: status.label().into(),
            company: row.company,
            name: row.name,
            email: row.email,
            phone: row.phone,
            kind: row.kind.clone(),
            kind_label: kind.map(|k| k.label().to_string()).unwrap_or_default(),
            message: first,
            preferred_time: row.preferred_time,
            researchers: self.asked(row.inquiry_id).await?,
            messages,
            created_at: db::rfc3339(row.created_at),
            outcome: row.outcome.as_deref().and_then(Outcome::from_key),
            outcome_note: row.outcome_note,
        })
    }

    /// The inquiry `id` if `actor` may answer it: staff any, a researcher one that asks them.
    async fn answerable(&self, actor: &Actor, id: i64) -> Result<idb::InquiryRow, DomainError> {
        let missing = || DomainError::Missing(format!("문의 #{id}이(가) 없습니다."));
        let row = idb::by_id(&self.db, id).await?.ok_or_else(missing)?;
        if actor.role == Role::Researcher {
            let asked = idb::cards(&self.db, id).await?;
            if !asked
                .iter()
                .any(|(card_id, ..)| Some(*card_id) == actor.card_id)
            {
                // the inquiry is not theirs: as good as not there
                return Err(missing());
            }
        }
        Ok(row)
    }

    /// One inquiry of the actor's inbox.
    pub async fn inbox_inquiry(&self, actor: &Actor, id: i64) -> Result<InboxItem, DomainError> {
        let row = self.answerable(actor, id).await?;
        self.inbox_item(row, actor.role != Role::Researcher).await
    }

    /// Answers an inquiry: the reply reaches the company by mail from the platform, without
    /// the researcher's address. Staff may instead add an `internal` note.
    pub async fn reply_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        message: &str,
        internal: bool,
        base: &str,
    ) -> Result<InboxItem, DomainError> {
        self.reply_revealing(actor, id, message, internal, false, base)
            .await
    }

    /// [`Self::reply_inquiry`]; with `reveal`, a researcher's reply also gives the company
    /// their own e-mail address (it is otherwise never sent).
    pub async fn reply_revealing(
        &self,
        actor: &Actor,
        id: i64,
        message: &str,
        internal: bool,
        reveal: bool,
        base: &str,
    ) -> Result<InboxItem, DomainError> {
        let row = self.answerable(actor, id).await?;
        if internal && actor.role == Role::Researcher {
            return Err(DomainError::Forbidden);
        }
        let mut body = checked_message(message)?;
        if reveal && !internal && actor.role == Role::Researcher {
            body.push_str(&format!("\n\n연구자 연락처: {}", actor.email));
        }
        if row.status == InquiryStatus::Closed.key() && !internal {
            return Err(DomainError::Conflict(
                "종결된 문의에는 답할 수 없습니다. 내부 메모는 남길 수 있습니다.".into(),
            ));
        }
        if row.email.is_empty() && !internal {
            return Err(DomainError::Conflict(
                "보존 기간이 지나 회사 연락처가 지워진 문의입니다.".into(),
            ));
        }
        let sender = sender_of(actor);
        let now = db::now();
        let mut tx = self.write_tx().await?;
        idb::add_message(
            &mut tx,
            id,
            sender.key(),
            Some(actor.account_id),
            &body,
            internal,
            now,
        )
        .await?;
        if !internal {
            let status = if row.status == InquiryStatus::Negotiating.key() {
                InquiryStatus::Negotiating
            } else {
                InquiryStatus::Answered
            };
            idb::set_status(&mut tx, id, status.key(), now).await?;
            // a fresh link for the company: only hashes of the earlier ones are kept
            let token = random_token();
            idb::add_token(&mut tx, id, &token_hash(&token), now + TRACKING_SECONDS).await?;
            let who = if sender == Sender::Researcher {
                "연구자"
            } else {
                "기관 담당자"
            };
            let m = mail(
                &row.email,
                format!("[R-Card] 문의 #{id}에 {who}의 답변이 도착했습니다"),
                &[
                    format!("{} {}님, 문의하신 내용에 {who}가 답했습니다.", row.company, row.name),
                    body.clone(),
                    "답변을 확인하고 이어서 메시지를 남기려면 아래 링크를 여세요(이 링크는 본인만 쓰세요):".into(),
                    format!("{base}{}", crate::links::tracking(&token)),
                ],
            );
            idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        } else {
            idb::touch(&mut tx, id, now).await?;
        }
        tx.commit().await?;
        self.mail_queued();
        self.inbox_inquiry(actor, id).await
    }

    /// The researcher asked takes the inquiry on: the message (or a default one) goes to the
    /// company and the inquiry is 협의 중.
    pub async fn accept_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        message: &str,
        base: &str,
    ) -> Result<InboxItem, DomainError> {
        let message = if message.trim().is_empty() {
            "문의를 맡겠습니다. 자세한 내용을 곧 연락드리겠습니다."
        } else {
            message
        };
        self.reply_inquiry(actor, id, message, false, base).await?;
        let now = db::now();
        let mut tx = self.write_tx().await?;
        idb::set_status(&mut tx, id, InquiryStatus::Negotiating.key(), now).await?;
        tx.commit().await?;
        self.inbox_inquiry(actor, id).await
    }

    /// The researcher asked declines, with a reason the company reads; the division's
    /// liaison hears of it to find someone else.
    pub async fn decline_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        reason: &str,
        base: &str,
    ) -> Result<InboxItem, DomainError> {
        let reason = checked_message(reason).map_err(|_| {
            DomainError::Invalid(vec![field(
                "reason",
                "거절하는 이유를 적어 주세요. 회사에 그대로 전달됩니다.",
            )])
        })?;
        let row = self.answerable(actor, id).await?;
        self.reply_inquiry(
            actor,
            id,
            &format!("이번 문의는 맡기 어렵습니다. {reason}"),
            false,
            base,
        )
        .await?;
        let now = db::now();
        let mut liaisons = Vec::new();
        for (_, slug, _, _) in idb::cards(&self.db, id).await? {
            if let Some(r) = self.recipient(&slug).await? {
                liaisons.extend(r.liaison);
            }
        }
        let sender = sender_of(actor);
        let mut tx = self.write_tx().await?;
        idb::add_message(
            &mut tx,
            id,
            sender.key(),
            Some(actor.account_id),
            &format!("{}님이 거절함: {reason}", actor.email),
            true,
            now,
        )
        .await?;
        for to in distinct(liaisons.into_iter()) {
            let m = mail(
                &to,
                format!(
                    "[R-Card] 문의 #{id}을(를) 연구자가 거절했습니다: {}",
                    row.company
                ),
                &[
                    format!(
                        "{}의 문의 #{id}을(를) 연구자가 맡기 어렵다고 답했습니다.",
                        row.company
                    ),
                    reason.clone(),
                    "다른 연구자에게 넘기거나 종결해 주세요:".into(),
                    format!("{base}/inbox#inquiry-{id}"),
                ],
            );
            idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        }
        tx.commit().await?;
        self.mail_queued();
        self.inbox_inquiry(actor, id).await
    }

    /// Colleagues to forward an inquiry to: the researchers most like those asked, not
    /// asked yet.
    pub async fn inquiry_colleagues(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<Vec<Asked>, DomainError> {
        let row = self.answerable(actor, id).await?;
        let asked = self.asked(id).await?;
        let mut out: Vec<Asked> = Vec::new();
        if row.origin == "need" {
            // a posted need: the researchers need matching proposes for its text
            let text = self.first_message(id).await?;
            let request = crate::model::search::MatchRequest {
                text,
                top: Default::default(),
                filters: None,
                limit: 12,
            };
            if let Ok(found) = self.match_need(request).await {
                for hit in found.hits {
                    let h = hit.hit;
                    if !asked.iter().any(|x| x.slug == h.slug) {
                        out.push(Asked {
                            slug: h.slug,
                            name: h.name,
                            division: h.division,
                        });
                    }
                }
            }
        }
        for a in &asked {
            let Ok(similar) = self.similar(&a.slug, 8).await else {
                continue;
            };
            for hit in similar {
                let h = hit.hit;
                if !asked.iter().any(|x| x.slug == h.slug) && !out.iter().any(|x| x.slug == h.slug)
                {
                    out.push(Asked {
                        slug: h.slug,
                        name: h.name,
                        division: h.division,
                    });
                }
            }
        }
        out.truncate(8);
        Ok(out)
    }

    /// Forwards an inquiry to a colleague (the researcher asked, or staff reassigning): the
    /// colleague is added to it and mailed; an internal note records who forwarded it.
    pub async fn forward_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        to: &str,
        note: &str,
        base: &str,
    ) -> Result<InboxItem, DomainError> {
        let row = self.answerable(actor, id).await?;
        if row.status == InquiryStatus::Closed.key() {
            return Err(DomainError::Conflict(
                "종결된 문의는 넘길 수 없습니다.".into(),
            ));
        }
        let to = to.trim();
        let bad = |m: &str| DomainError::Invalid(vec![field("to", m)]);
        let target = self
            .recipient(to)
            .await?
            .ok_or_else(|| bad("넘길 연구자의 카드가 없거나 공개되지 않았습니다."))?;
        if idb::cards(&self.db, id)
            .await?
            .iter()
            .any(|(card_id, ..)| *card_id == target.card_id)
        {
            return Err(bad("이미 이 문의를 받은 연구자입니다."));
        }
        let note = clean(note, true);
        if note.chars().count() > limits::NOTE {
            return Err(DomainError::Invalid(vec![field(
                "note",
                format!("메모는 {}자까지 쓸 수 있습니다.", limits::NOTE),
            )]));
        }
        let first = self.first_message(id).await?;
        let now = db::now();
        let mut tx = self.write_tx().await?;
        idb::add_card(&mut tx, id, target.card_id, &target.division).await?;
        let record = format!(
            "{}님이 {}에게 넘김{}",
            actor.email,
            target.name,
            if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            }
        );
        let sender = sender_of(actor);
        idb::add_message(
            &mut tx,
            id,
            sender.key(),
            Some(actor.account_id),
            &record,
            true,
            now,
        )
        .await?;
        if row.origin == "need" && row.status == InquiryStatus::Received.key() {
            idb::set_status(&mut tx, id, InquiryStatus::Forwarded.key(), now).await?;
        } else {
            idb::touch(&mut tx, id, now).await?;
        }
        if let Some(address) = target.researcher.clone().or(target.liaison.clone()) {
            let opening = if row.origin == "need" {
                format!(
                    "기관이 {}님께 기업의 기술 수요 #{id}을(를) 전달했습니다. 도울 수 있다면 답해 주세요.",
                    target.name
                )
            } else {
                format!(
                    "동료가 {}님께 협력 문의 #{id}을(를) 넘겼습니다.",
                    target.name
                )
            };
            let mut lines = vec![
                opening,
                format!(
                    "회사: {}\n분야: {}",
                    row.company,
                    Offer::from_key(&row.kind)
                        .map(|k| k.label())
                        .unwrap_or_default()
                ),
                first,
            ];
            if !note.is_empty() {
                lines.push(format!("넘긴 사람의 메모: {note}"));
            }
            lines.push("받은 문의함에서 답하세요:".into());
            lines.push(format!("{base}/inbox#inquiry-{id}"));
            let m = mail(
                &address,
                format!("[R-Card] 넘겨받은 협력 문의 #{id}: {}", row.company),
                &lines,
            );
            idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now).await?;
        }
        tx.commit().await?;
        self.mail_queued();
        self.inbox_inquiry(actor, id).await
    }

    /// Closes an inquiry with what came of it (staff). `불발` needs a reason.
    pub async fn close_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        outcome: &str,
        note: &str,
    ) -> Result<InboxItem, DomainError> {
        actor.curator()?;
        let row = self.answerable(actor, id).await?;
        let Some(outcome) = Outcome::from_key(outcome.trim()) else {
            let keys: Vec<String> = Outcome::ALL
                .iter()
                .map(|o| format!("{} ({})", o.key(), o.label()))
                .collect();
            return Err(DomainError::Invalid(vec![field(
                "outcome",
                format!("결과를 고르세요: {}", keys.join(", ")),
            )]));
        };
        let note = clean(note, true);
        if note.chars().count() > limits::NOTE {
            return Err(DomainError::Invalid(vec![field(
                "note",
                format!("메모는 {}자까지 쓸 수 있습니다.", limits::NOTE),
            )]));
        }
        if outcome == Outcome::NoDeal && note.is_empty() {
            return Err(DomainError::Invalid(vec![field(
                "note",
                "불발로 닫을 때는 이유를 적어 주세요.",
            )]));
        }
        let now = db::now();
        let mut tx = self.write_tx().await?;
        idb::close(&mut tx, row.inquiry_id, outcome.key(), &note, now).await?;
        tx.commit().await?;
        self.inbox_inquiry(actor, id).await
    }

    /// Staff: stops an inquiry's tracking link from working.
    pub async fn revoke_tracking(&self, actor: &Actor, id: i64) -> Result<(), DomainError> {
        actor.curator()?;
        let mut tx = self.write_tx().await?;
        let found = idb::revoke_tokens(&mut tx, id, db::now()).await?;
        tx.commit().await?;
        if found {
            Ok(())
        } else {
            Err(DomainError::Missing(format!("문의 #{id}이(가) 없습니다.")))
        }
    }

    /// Blanks the personal data of inquiries older than the retention period; returns how
    /// many were anonymised.
    pub async fn anonymise_inquiries(&self, retention_days: i64) -> Result<u64, DomainError> {
        let now = db::now();
        let before = now - retention_days * 86_400;
        // the hourly check reads; it writes only when something is due
        if idb::due_for_anonymising(&self.db, before).await? == 0 {
            return Ok(0);
        }
        let mut tx = self.write_tx().await?;
        let n = idb::anonymise_before(&mut tx, before, now).await?;
        tx.commit().await?;
        if n > 0 {
            tracing::info!(inquiries = n, retention_days, "old inquiries anonymised");
        }
        Ok(n)
    }

    /// Reminds the researchers of inquiries unanswered for [`remind_days`] working days, and
    /// escalates to the liaison those unanswered for twice as long; each once. Returns how
    /// many inquiries were reminded and escalated.
    pub async fn follow_up_inquiries(
        &self,
        days: i64,
        base: &str,
    ) -> Result<(usize, usize), DomainError> {
        let now = db::now();
        let mut counts = (0, 0);
        for escalation in [false, true] {
            let before = working_days_before(now, if escalation { 2 * days } else { days });
            for (id, company, created) in idb::unanswered(&self.db, before, escalation).await? {
                let mut to = Vec::new();
                for (card_id, slug, _, _) in idb::cards(&self.db, id).await? {
                    let r = self.recipient(&slug).await?;
                    let address = match (&r, escalation) {
                        (Some(r), true) => r.liaison.clone(),
                        (Some(r), false) => r.researcher.clone().or(r.liaison.clone()),
                        (None, _) => idb::card_account_email(&self.db, card_id).await?,
                    };
                    to.extend(address);
                }
                let waited = db::rfc3339(created);
                let mut tx = self.write_tx().await?;
                // another node may have followed it up meanwhile: then it sent the mail
                if !idb::mark_followed_up(&mut tx, id, escalation, now).await? {
                    continue;
                }
                for address in distinct(to.into_iter()) {
                    let m = if escalation {
                        mail(
                            &address,
                            format!("[R-Card] 답변 없는 문의 #{id}: {company}"),
                            &[
                                format!("{company}의 문의 #{id}({} 접수)에 아직 아무도 답하지 않았습니다.", &waited[..10]),
                                "부서 협력 담당자로서 연구자에게 확인하거나 다른 연구자에게 넘겨 주세요:".into(),
                                format!("{base}/inbox"),
                            ],
                        )
                    } else {
                        mail(
                            &address,
                            format!("[R-Card] 답변을 기다리는 문의 #{id}: {company}"),
                            &[
                                format!(
                                    "{company}의 문의 #{id}({} 접수)가 답변을 기다리고 있습니다.",
                                    &waited[..10]
                                ),
                                "받은 문의함에서 답하거나, 맡기 어렵다면 그렇게 답해 주세요:"
                                    .into(),
                                format!("{base}/inbox"),
                            ],
                        )
                    };
                    idb::enqueue_mail(&mut tx, &m.to, &m.subject, &m.text, &m.html, Some(id), now)
                        .await?;
                }
                tx.commit().await?;
                if escalation {
                    counts.1 += 1;
                } else {
                    counts.0 += 1;
                }
            }
        }
        if counts != (0, 0) {
            self.mail_queued();
            tracing::info!(
                reminded = counts.0,
                escalated = counts.1,
                "unanswered inquiries followed up"
            );
        }
        Ok(counts)
    }

    /// How many mails are not sent yet (the outbox depth, for `/metrics`).
    pub async fn outbox_depth(&self) -> Result<i64, DomainError> {
        Ok(idb::outbox_depth(&self.db).await?)
    }

    /// Mail not sent yet, newest first (staff).
    pub async fn unsent_mail(&self, actor: &Actor) -> Result<Vec<idb::MailRow>, DomainError> {
        actor.curator()?;
        Ok(idb::unsent_mail(&self.db, 200).await?)
    }

    /// Makes an unsent mail due now (staff).
    pub async fn retry_mail(&self, actor: &Actor, mail_id: i64) -> Result<(), DomainError> {
        actor.curator()?;
        if idb::retry_mail(&self.db, mail_id, db::now()).await? {
            self.mail_queued();
            Ok(())
        } else {
            Err(DomainError::Missing(format!(
                "보내지 않은 메일 #{mail_id}이(가) 없습니다."
            )))
        }
    }
}

/// How a message from `actor` is signed: a researcher's, or the institute's.
fn sender_of(actor: &Actor) -> Sender {
    if actor.role == Role::Researcher {
        Sender::Researcher
    } else {
        Sender::Staff
    }
}

/// A message someone types into a conversation, cleaned and checked.
fn checked_message(message: &str) -> Result<String, DomainError> {
    let body = clean(message, true);
    let mut errors = FieldErrors::new();
    check_text(
        &mut errors,
        "message",
        "메시지",
        &body,
        limits::MESSAGE,
        true,
    );
    if errors.is_empty() {
        Ok(body)
    } else {
        Err(DomainError::Invalid(errors))
    }
}

/// Each address once, in order.
fn distinct(addresses: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in addresses {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&a)) {
            out.push(a);
        }
    }
    out
}

/// The mail a new inquiry sends: each researcher's, each liaison's (once per address), and
/// the company's confirmation with its tracking link.
fn inquiry_mail(
    id: i64,
    inquiry: &Checked,
    recipients: &[Recipient],
    base: &str,
    tracking_url: &str,
) -> Vec<Mail> {
    let kind = inquiry.kind.label();
    let inbox = format!("{base}/inbox");
    let details = |for_whom: &str| -> Vec<String> {
        let mut lines = vec![
            for_whom.to_string(),
            format!(
                "회사: {}\n담당자: {}\n분야: {kind}",
                inquiry.company, inquiry.name
            ),
        ];
        if !inquiry.preferred_time.is_empty() {
            lines.push(format!("연락 희망 시간: {}", inquiry.preferred_time));
        }
        lines.push(inquiry.message.clone());
        lines.push("받은 문의함에서 답하세요. 답변은 플랫폼이 회사에 메일로 전하며, 연구자의 메일 주소는 드러나지 않습니다:".into());
        lines.push(inbox.clone());
        lines
    };
    let mut out = Vec::new();
    let mut researchers_named = Vec::new();
    for r in recipients {
        researchers_named.push(r.name.clone());
        if let Some(to) = &r.researcher {
            out.push(mail(
                to,
                format!("[R-Card] {}의 협력 문의 #{id}: {kind}", inquiry.company),
                &details(&format!("{}님께 협력 문의가 왔습니다.", r.name)),
            ));
        }
    }
    let liaisons = distinct(recipients.iter().filter_map(|r| r.liaison.clone()));
    for to in liaisons {
        let names: Vec<&str> = recipients
            .iter()
            .filter(|r| {
                r.liaison
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(&to))
            })
            .map(|r| r.name.as_str())
            .collect();
        out.push(mail(
            &to,
            format!("[R-Card] 부서 연구자 협력 문의 #{id}: {}", inquiry.company),
            &details(&format!(
                "부서 연구자({})에게 협력 문의가 왔습니다. 담당자로서 답변 여부를 살펴 주세요.",
                names.join(", ")
            )),
        ));
    }
    out.push(mail(
        &inquiry.email,
        format!("[R-Card] 협력 문의 #{id}이(가) 접수되었습니다"),
        &[
            format!("{} {}님, 문의가 접수되었습니다.", inquiry.company, inquiry.name),
            format!("문의한 연구자: {}\n분야: {kind}", researchers_named.join(", ")),
            "진행 상황과 답변은 아래 링크에서 볼 수 있고, 메시지도 이어서 남길 수 있습니다. 이 링크는 본인만 쓰세요:".into(),
            tracking_url.to_string(),
            format!(
                "입력한 연락처는 이 문의에 답하는 데만 쓰이며, {}년 뒤 지워집니다.",
                retention_days() / 365
            ),
        ],
    ));
    out
}

/// The status steps and when each was reached.
fn timeline(row: &idb::InquiryRow, messages: &[Message]) -> Vec<Step> {
    let status = InquiryStatus::from_key(&row.status).unwrap_or(InquiryStatus::Received);
    let reached = |s: InquiryStatus| -> String {
        match s {
            InquiryStatus::Received => db::rfc3339(row.created_at),
            InquiryStatus::Forwarded => {
                if status != InquiryStatus::Received {
                    db::rfc3339(row.created_at)
                } else {
                    String::new()
                }
            }
            InquiryStatus::Answered => row.first_answer_at.map(db::rfc3339).unwrap_or_default(),
            InquiryStatus::Negotiating => {
                // the company's first message after the first answer
                let answered = messages.iter().position(|m| m.from != Sender::Company);
                let after = answered
                    .and_then(|i| messages[i..].iter().find(|m| m.from == Sender::Company))
                    .map(|m| m.at.clone());
                match after {
                    Some(at) => at,
                    // taken on by the researcher (accepted) before the company wrote back
                    None if status == InquiryStatus::Negotiating => db::rfc3339(row.updated_at),
                    None => String::new(),
                }
            }
            InquiryStatus::Closed => {
                if status == InquiryStatus::Closed {
                    db::rfc3339(row.updated_at)
                } else {
                    String::new()
                }
            }
        }
    };
    InquiryStatus::ALL
        .into_iter()
        .map(|s| Step {
            status: s,
            label: s.label().into(),
            at: reached(s),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> NewInquiry {
        NewInquiry {
            cards: vec!["seoyeon-kim".into()],
            company: "(주)한빛센서".into(),
            name: "이도윤".into(),
            email: "doyun@hanbit.co.kr".into(),
            kind: "testing".into(),
            message: "센서 모듈의 EMC 시험을 의뢰하고 싶습니다.".into(),
            consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_good_inquiry_passes_and_is_cleaned() {
        let mut new = good();
        new.company = "  (주)한빛\u{0007}센서 ".into();
        new.message = "첫 줄\r\n둘째 줄\u{0000}".into();
        let c = check(&new, false).unwrap();
        assert_eq!(c.company, "(주)한빛센서");
        assert_eq!(c.message, "첫 줄\n둘째 줄");
        assert_eq!(c.kind, Offer::Testing);
    }

    #[test]
    fn every_wrong_field_is_named_in_korean() {
        let new = NewInquiry {
            cards: vec![],
            email: "not-an-address".into(),
            phone: "call me".into(),
            kind: "lunch".into(),
            message: "x".repeat(limits::MESSAGE + 1),
            ..Default::default()
        };
        let errors = check(&new, false).unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        for p in [
            "company", "name", "email", "phone", "kind", "message", "consent", "cards",
        ] {
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
        assert!(
            errors
                .iter()
                .all(|e| e.message.chars().any(|c| ('가'..='힣').contains(&c)))
        );
    }

    #[test]
    fn a_liaison_address_is_found_in_free_text() {
        assert_eq!(
            email_in("스마트제조혁신센터 smart@keti.re.kr (031-789-7000)").as_deref(),
            Some("smart@keti.re.kr")
        );
        assert_eq!(email_in("대표 전화 031-789-7000"), None);
        assert_eq!(
            email_in("<liaison@keti.re.kr>.").as_deref(),
            Some("liaison@keti.re.kr")
        );
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // Monday 2026-12-07 10:00 KST
        let monday = 1_796_605_200;
        // three working days before Monday: the Wednesday before
        assert_eq!(working_days_before(monday, 3), monday - 5 * 86_400);
        // one working day before Friday is Thursday
        let friday = monday + 4 * 86_400;
        assert_eq!(working_days_before(friday, 1), friday - 86_400);
    }

    #[test]
    fn mail_html_escapes_what_people_typed() {
        let m = mail(
            "a@b.kr",
            "s".into(),
            &[
                "<script>alert(1)</script>".into(),
                "https://x.kr/track/ab".into(),
            ],
        );
        assert!(!m.html.contains("<script>"));
        assert!(m.html.contains("&lt;script&gt;"));
        assert!(m.html.contains("<a href=\"https://x.kr/track/ab\">"));
        assert!(m.text.contains("<script>alert(1)</script>"));
    }
}
