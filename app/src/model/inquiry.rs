//! A company's inquiry (협력 문의) to one or more researchers, and what each side sees of it.

use serde::{Deserialize, Serialize};

/// Size limits of an inquiry's fields, in characters.
pub mod limits {
    pub const COMPANY: usize = 200;
    pub const NAME: usize = 100;
    pub const EMAIL: usize = 254;
    pub const PHONE: usize = 40;
    pub const MESSAGE: usize = 5000;
    pub const PREFERRED_TIME: usize = 200;
    pub const NOTE: usize = 2000;
    /// Researchers one inquiry may ask at once (a shortlist).
    pub const CARDS: usize = 10;
}

/// `POST /api/inquiries`: what a company sends. Every field is read as text, so a wrong one
/// gets a field error in Korean instead of a parse error.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewInquiry {
    /// The slugs of the researchers asked.
    #[serde(default)]
    pub cards: Vec<String>,
    #[serde(default)]
    pub company: String,
    /// The contact person.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// An offer's key: `joint_rnd`, `tech_transfer`, `testing`, `equipment`, `consulting`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub preferred_time: String,
    /// Consent to collect the contact details for answering the inquiry.
    #[serde(default)]
    pub consent: bool,
    /// The honeypot: a field people never see, so only robots fill it.
    #[serde(default)]
    pub website: String,
}

/// `POST /api/needs`: a company's need (기술 수요), posted without naming a researcher.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewNeed {
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// An offer's key, as for an inquiry.
    #[serde(default)]
    pub kind: String,
    /// The need, in the company's words.
    #[serde(default)]
    pub text: String,
    /// `YYYY-MM-DD`, optional: by when the company needs an answer.
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub consent: bool,
    /// The honeypot, as for an inquiry.
    #[serde(default)]
    pub website: String,
}

/// Where an inquiry stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryStatus {
    /// 접수: stored.
    Received,
    /// 전달: handed to a researcher or the division's liaison.
    Forwarded,
    /// 답변: someone answered.
    Answered,
    /// 협의 중: the company wrote back after an answer.
    Negotiating,
    /// 종결: closed with an outcome.
    Closed,
}

impl InquiryStatus {
    pub const ALL: [InquiryStatus; 5] = [
        InquiryStatus::Received,
        InquiryStatus::Forwarded,
        InquiryStatus::Answered,
        InquiryStatus::Negotiating,
        InquiryStatus::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InquiryStatus::Received => "received",
            InquiryStatus::Forwarded => "forwarded",
            InquiryStatus::Answered => "answered",
            InquiryStatus::Negotiating => "negotiating",
            InquiryStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InquiryStatus::Received => "접수",
            InquiryStatus::Forwarded => "전달",
            InquiryStatus::Answered => "답변",
            InquiryStatus::Negotiating => "협의 중",
            InquiryStatus::Closed => "종결",
        }
    }

    pub fn from_key(key: &str) -> Option<InquiryStatus> {
        InquiryStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What came of an inquiry, recorded when staff close it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 공동과제
    JointProject,
    /// 기술이전
    TechTransfer,
    /// 시험 의뢰
    TestRequest,
    /// 장비 사용
    Equipment,
    /// 자문
    Consulting,
    /// 불발 (with a reason)
    NoDeal,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::JointProject,
        Outcome::TechTransfer,
        Outcome::TestRequest,
        Outcome::Equipment,
        Outcome::Consulting,
        Outcome::NoDeal,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Outcome::JointProject => "joint_project",
            Outcome::TechTransfer => "tech_transfer",
            Outcome::TestRequest => "test_request",
            Outcome::Equipment => "equipment",
            Outcome::Consulting => "consulting",
            Outcome::NoDeal => "no_deal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::JointProject => "공동과제",
            Outcome::TechTransfer => "기술이전",
            Outcome::TestRequest => "시험 의뢰",
            Outcome::Equipment => "장비 사용",
            Outcome::Consulting => "자문",
            Outcome::NoDeal => "불발",
        }
    }

    pub fn from_key(key: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// Who wrote a message of an inquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Company,
    Researcher,
    Staff,
}

impl Sender {
    pub fn key(self) -> &'static str {
        match self {
            Sender::Company => "company",
            Sender::Researcher => "researcher",
            Sender::Staff => "staff",
        }
    }

    /// Who wrote it, as the pages name them.
    pub fn label(self) -> &'static str {
        match self {
            Sender::Company => "회사",
            Sender::Researcher => "연구자",
            Sender::Staff => "기관 담당자",
        }
    }

    pub fn from_key(key: &str) -> Option<Sender> {
        [Sender::Company, Sender::Researcher, Sender::Staff]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// One message of the conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Message {
    pub from: Sender,
    pub body: String,
    /// RFC 3339.
    pub at: String,
    /// A staff note the company never sees (only in the inbox).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
}

/// A researcher an inquiry asks, as the company may see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Asked {
    pub slug: String,
    pub name: String,
    pub division: String,
}

/// A step of the status timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Step {
    pub status: InquiryStatus,
    pub label: String,
    /// RFC 3339, when reached; empty for steps not reached yet.
    pub at: String,
}

/// `GET /api/inquiries/track/{token}`: what the company sees through its private link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Tracking {
    /// `inquiry`, or `need` for a company's posted need (기술 수요).
    #[serde(default)]
    pub origin: String,
    /// A need's deadline, `YYYY-MM-DD`, if the company gave one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline: String,
    pub status: InquiryStatus,
    pub status_label: String,
    pub timeline: Vec<Step>,
    pub messages: Vec<Message>,
    pub researchers: Vec<Asked>,
    pub company: String,
    pub kind: String,
    pub kind_label: String,
    pub created_at: String,
    pub expires_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// An inquiry as a researcher or staff member sees it in the inbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// `inquiry`, or `need` for a company's posted need (기술 수요).
    #[serde(default)]
    pub origin: String,
    /// A need's deadline, `YYYY-MM-DD`, if the company gave one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline: String,
    pub id: i64,
    pub status: InquiryStatus,
    pub status_label: String,
    pub company: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub kind: String,
    pub kind_label: String,
    /// The company's first message.
    pub message: String,
    pub preferred_time: String,
    pub researchers: Vec<Asked>,
    pub messages: Vec<Message>,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome_note: String,
}

/// `POST /api/inquiries` answered: the inquiry's number and the company's private link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Created {
    pub id: i64,
    pub tracking_url: String,
}

/// A researcher the inquiry form is addressed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Target {
    pub slug: String,
    pub name: String,
    pub position: String,
    pub division: String,
    pub offers: Vec<crate::model::card::Offer>,
    #[serde(default)]
    pub availability: crate::model::card::Availability,
}

/// The purpose and retention of the personal data an inquiry collects, shown beside the
/// consent box (and in the company's mail).
pub fn consent_text(retention_years: i64) -> String {
    format!(
        "수집 항목: 회사명, 담당자 이름, 이메일, 전화번호(선택), 문의 내용. \
         목적: 이 문의에 답하고 진행 상황을 알리는 것. \
         보유 기간: {retention_years}년 뒤 연락처와 문의 내용을 지웁니다. \
         동의하지 않으면 문의를 보낼 수 없습니다."
    )
}

/// [`consent_text`] in English.
pub fn consent_text_en(retention_years: i64) -> String {
    format!(
        "Collected: company name, contact name, email, phone (optional) and the message. \
         Purpose: to answer this inquiry and report its progress. \
         Kept for: {retention_years} years, then the contact details and the message are erased. \
         Without consent the inquiry cannot be sent."
    )
}

/// A mail waiting in the outbox, as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutboxMail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
    /// Where the mail was written as a file (no SMTP server).
    pub saved_as: String,
    pub created_at: String,
}

/// An RFC 3339 time in UTC (`2026-12-03T09:12:00Z`) as Korean time, `2026-12-03 18:12`;
/// anything else as it is.
pub fn kst(at: &str) -> String {
    match crate::model::time::parse_rfc3339(at) {
        Some(secs) => {
            let local = crate::model::time::rfc3339(secs + 9 * 3600);
            format!("{} {}", &local[..10], &local[11..16])
        }
        None => at.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::kst;

    #[test]
    fn times_are_shown_in_korean_time() {
        assert_eq!(kst("2026-12-03T09:12:00Z"), "2026-12-03 18:12");
        assert_eq!(kst("2026-12-31T20:30:00Z"), "2027-01-01 05:30");
        assert_eq!(kst("2028-02-28T15:00:00Z"), "2028-02-29 00:00");
        assert_eq!(kst("not a time"), "not a time");
    }
}
