//! Accounts, sessions and card history: the types the browser, the API and the server share.

use super::card::CardRecord;
use serde::{Deserialize, Serialize};

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Keeps one card: their own.
    Researcher,
    /// Curates every card.
    Staff,
    /// Curates every card and manages accounts and settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Researcher, Role::Staff, Role::Admin];

    /// The wire name.
    pub fn key(self) -> &'static str {
        match self {
            Role::Researcher => "researcher",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    /// Parses a wire name.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Staff and admins curate every card.
    pub fn curates(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }
}

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 10;
/// Longest password accepted (argon2 hashes any length, but a cap bounds the work).
pub const MAX_PASSWORD: usize = 200;

/// Checks a new password; the message says what to change.
pub fn check_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(format!(
            "비밀번호는 {MIN_PASSWORD}자 이상이어야 합니다 (지금 {n}자). 더 긴 문장을 쓰세요."
        ));
    }
    if n > MAX_PASSWORD {
        return Err(format!(
            "비밀번호는 {MAX_PASSWORD}자까지입니다 (지금 {n}자)."
        ));
    }
    Ok(())
}

/// The signed-in account, as `GET /api/me` and the login response show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Me {
    pub email: String,
    pub role: Role,
    /// The slug of the researcher's own card.
    pub card: Option<String>,
    /// Sent back as `X-CSRF-Token` on every state-changing request.
    pub csrf_token: String,
}

/// `POST /api/auth/login`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A card as its editor sees it: every field, hidden contacts included, and its version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditableCard {
    pub card: CardRecord,
    pub version: i64,
    /// Whether the editor's saves wait for staff review.
    pub review: bool,
    /// The latest pending or decided edit by this researcher, if any.
    pub last_edit: Option<EditSummary>,
    /// The divisions and sites the card may name.
    #[serde(default)]
    pub places: Places,
}

/// Where a save went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SaveOutcome {
    /// The card changed and is public now.
    Published,
    /// The change waits for staff review.
    PendingReview,
    /// Staff rejected the change; the card stays as it was.
    Rejected,
}

/// The answer to a save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Saved {
    pub slug: String,
    /// The card's version after the save (unchanged while an edit waits for review).
    pub version: i64,
    pub outcome: SaveOutcome,
}

/// One field whose value differs between two versions of a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// A top-level key of the interchange format (`career`, `keywords`, `status`, …).
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// One version of a card in its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub version: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The account's email; `null` for imports and other system changes.
    pub by: Option<String>,
    /// `import`, `researcher`, `staff`, `revert`, `review`, `archive`, `restore`, `create` or `merge`.
    pub source: String,
    pub note: String,
    /// What changed against the version before (every field for the first version).
    pub changes: Vec<FieldChange>,
}

/// A researcher's edit as staff review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub by: Option<String>,
    pub at: String,
    pub base_version: i64,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    pub comment: String,
    pub changes: Vec<FieldChange>,
}

/// Staff dashboard figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Cards per status.
    pub statuses: Vec<(String, i64)>,
    /// The most frequent queries of the last 30 days, with their counts.
    pub top_queries: Vec<(String, i64)>,
    /// Queries of the last 30 days that found nothing, with their counts.
    pub empty_queries: Vec<(String, i64)>,
    /// Published cards not updated in 12 months: slug, name, last update (RFC 3339).
    pub stale: Vec<(String, String, String)>,
    pub pending_edits: usize,
    pub review_edits: bool,
}

/// The lists staff edit: search synonym groups and the controlled technology fields,
/// divisions and sites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Lists {
    /// Each group's terms stand for each other in searches (`["AI", "인공지능"]`).
    pub synonyms: Vec<Vec<String>>,
    /// Technology fields in display order.
    pub fields: Vec<String>,
    /// Divisions in display order; left out of a replacement, they stay as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divisions: Option<Vec<Division>>,
    /// Regional sites in display order; left out of a replacement, they stay as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sites: Option<Vec<String>>,
}

/// A division of the institute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Division {
    pub name: String,
    /// The regional site it sits at, if one.
    #[serde(default)]
    pub site: String,
    /// Where companies reach the division: a shared mailbox, a phone number or both.
    #[serde(default)]
    pub contact: String,
}

/// The divisions and sites cards may name, for the editor's choices and its checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Places {
    pub divisions: Vec<Division>,
    pub sites: Vec<String>,
}

impl Places {
    /// Refuses a division or site that is not on the lists, unless it is what the card
    /// already said (`before`) or the list is empty. Browser and server run the same check.
    pub fn check(&self, card: &CardRecord, before: &CardRecord) -> super::validate::FieldErrors {
        let mut errors = Vec::new();
        let division = card.division.trim();
        if !division.is_empty()
            && division != before.division.trim()
            && !self.divisions.is_empty()
            && !self.divisions.iter().any(|d| d.name == division)
        {
            errors.push(super::validate::FieldError {
                path: "division".into(),
                message: format!(
                    "`{division}`은(는) 등록된 부서가 아닙니다. 목록에서 고르거나, 새 부서는 직원에게 등록을 요청하세요."
                ),
            });
        }
        let site = card.site.trim();
        if !site.is_empty()
            && site != before.site.trim()
            && !self.sites.is_empty()
            && !self.sites.iter().any(|s| s == site)
        {
            errors.push(super::validate::FieldError {
                path: "site".into(),
                message: format!(
                    "`{site}`은(는) 등록된 지역이 아닙니다. 목록에서 고르거나, 새 지역은 직원에게 등록을 요청하세요."
                ),
            });
        }
        errors
    }
}

/// The fields whose values differ between `before` and `after`, in interchange-format order.
pub fn card_changes(before: Option<&CardRecord>, after: &CardRecord) -> Vec<FieldChange> {
    let to_map = |card: &CardRecord| match serde_json::to_value(card) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let after = to_map(after);
    let before = before.map(to_map).unwrap_or_default();
    let mut keys: Vec<&String> = after.keys().collect();
    keys.extend(before.keys().filter(|k| !after.contains_key(*k)));
    // serde_json's map keeps keys sorted; show them in the card's own order instead
    let order = |k: &str| {
        FIELD_ORDER
            .iter()
            .position(|f| *f == k)
            .unwrap_or(usize::MAX)
    };
    keys.sort_by_key(|k| order(k));
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            before: before.get(k).cloned().unwrap_or(serde_json::Value::Null),
            after: after.get(k).cloned().unwrap_or(serde_json::Value::Null),
        })
        .collect()
}

/// Top-level keys of a card, in the order the card shows them.
pub const FIELD_ORDER: &[&str] = &[
    "id",
    "slug",
    "name",
    "name_en",
    "name_variants",
    "position",
    "organization",
    "division",
    "site",
    "status",
    "fields",
    "keywords",
    "bio",
    "career",
    "projects",
    "publications",
    "patents",
    "videos",
    "links",
    "contact",
    "offers",
    "availability",
];

/// The Korean label of a change's source (`HistoryEntry::source`).
pub fn source_label(source: &str) -> &str {
    match source {
        "import" => "가져오기",
        "researcher" => "연구자 수정",
        "staff" => "직원 수정",
        "revert" => "되돌리기",
        "review" => "검토 승인",
        "archive" => "보관",
        "restore" => "복원",
        "create" => "새 카드",
        "merge" => "병합",
        other => other,
    }
}

/// The Korean label of a top-level card key, for history and review screens.
pub fn field_label(key: &str) -> &str {
    match key {
        "id" => "외부 ID",
        "slug" => "주소",
        "name" => "이름",
        "name_en" => "영문 이름",
        "name_variants" => "다른 표기",
        "position" => "직위",
        "organization" => "기관",
        "division" => "부서",
        "site" => "지역",
        "status" => "상태",
        "fields" => "기술 분야",
        "keywords" => "키워드",
        "bio" => "소개",
        "career" => "경력",
        "projects" => "과제",
        "publications" => "논문",
        "patents" => "특허",
        "videos" => "영상",
        "links" => "링크",
        "contact" => "연락처",
        "offers" => "협력 제안",
        "availability" => "협력 가능 여부",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::card::CareerEntry;

    #[test]
    fn divisions_and_sites_must_come_from_the_lists() {
        let places = Places {
            divisions: vec![Division {
                name: "지능형반도체연구센터".into(),
                site: "성남".into(),
                contact: "semi@keti.re.kr".into(),
            }],
            sites: vec!["성남".into(), "광주".into()],
        };
        let before = CardRecord {
            division: "옛 부서".into(),
            site: "판교".into(),
            ..Default::default()
        };
        // unchanged values pass even when the lists no longer hold them
        assert!(places.check(&before, &before).is_empty());
        let mut card = before.clone();
        card.division = "지능형반도체연구센터".into();
        card.site = "광주".into();
        assert!(places.check(&card, &before).is_empty());
        card.division = "없는 부서".into();
        card.site = "부산".into();
        let paths: Vec<String> = places
            .check(&card, &before)
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(paths, ["division", "site"]);
        // with no lists kept, anything goes
        assert!(Places::default().check(&card, &before).is_empty());
    }

    #[test]
    fn changes_name_only_the_fields_that_differ() {
        let before = CardRecord {
            id: "K-1".into(),
            name: "김서연".into(),
            keywords: vec!["반도체".into()],
            ..Default::default()
        };
        let mut after = before.clone();
        after.keywords.push("웨이퍼".into());
        after.career.push(CareerEntry {
            organization: "KETI".into(),
            ..Default::default()
        });
        let changes = card_changes(Some(&before), &after);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["keywords", "career"]);
        assert_eq!(changes[1].before, serde_json::Value::Null);
        assert!(card_changes(Some(&after), &after).is_empty());
        // the first version lists every field it has
        assert!(card_changes(None, &before).len() >= 3);
    }

    #[test]
    fn passwords_have_a_length_range() {
        assert!(check_password("short").is_err());
        assert!(check_password("correct horse battery").is_ok());
        assert!(check_password(&"x".repeat(MAX_PASSWORD + 1)).is_err());
    }
}

/// Two terms the directory uses together, offered to staff as synonyms
/// (`GET /api/lists/suggestions`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SynonymSuggestion {
    pub a: String,
    pub b: String,
    /// Association strength, 0 to 1 (normalised PMI, damped when few cards show it).
    pub score: f32,
    /// Published cards with both terms.
    pub together: u32,
}

/// A staff decision on a suggestion (`POST /api/lists/suggestions`): accepting makes the
/// two terms synonyms, rejecting stops suggesting them and using one to widen searches
/// for the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SuggestionDecision {
    pub a: String,
    pub b: String,
    pub accept: bool,
}
