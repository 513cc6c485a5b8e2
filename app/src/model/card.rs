//! The card: one researcher's R-Card, in the JSON Lines interchange format.
//!
//! `CardRecord` is exactly one line of an import/export file (see `docs/card-format.md`).
//! Empty strings and empty lists mean "not given" and are left out when written.

use serde::{Deserialize, Serialize};

/// One researcher's card as written in the interchange format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CardRecord {
    /// The institute's own key (`external_id`); the upsert key of an import.
    pub id: String,
    /// URL slug; assigned from the name when absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slug: String,
    /// Name in Korean (or the researcher's primary script).
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name_variants: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub division: String,
    /// Regional site, e.g. 성남.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub site: String,
    /// Technology fields, from the institute's controlled list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Expertise keywords and interests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bio: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub career: Vec<CareerEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patents: Vec<Patent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub videos: Vec<Video>,
    #[serde(default, skip_serializing_if = "Links::is_empty")]
    pub links: Links,
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// Whether the researcher takes on collaboration now (the default: open).
    #[serde(default, skip_serializing_if = "Availability::is_default")]
    pub availability: Availability,
    #[serde(default)]
    pub status: Status,
}

/// Whether a researcher takes on new collaboration: 협력 가능, 제한적 or 당분간 불가 (until a
/// date), with a note for companies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Availability {
    pub status: AvailabilityStatus,
    /// `YYYY-MM-DD`: until when the status holds (for `closed`, when it ends).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub until: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Availability {
    pub fn is_default(&self) -> bool {
        *self == Availability::default()
    }

    /// The status on `today` (`YYYY-MM-DD`): a `closed` or `limited` status whose `until`
    /// has passed is open again.
    pub fn status_on(&self, today: &str) -> AvailabilityStatus {
        if !self.until.is_empty() && self.until.as_str() < today {
            AvailabilityStatus::Open
        } else {
            self.status
        }
    }
}

/// See [`Availability`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AvailabilityStatus {
    #[default]
    Open,
    Limited,
    Closed,
}

impl AvailabilityStatus {
    pub const ALL: [AvailabilityStatus; 3] = [
        AvailabilityStatus::Open,
        AvailabilityStatus::Limited,
        AvailabilityStatus::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AvailabilityStatus::Open => "open",
            AvailabilityStatus::Limited => "limited",
            AvailabilityStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AvailabilityStatus::Open => "협력 가능",
            AvailabilityStatus::Limited => "제한적",
            AvailabilityStatus::Closed => "당분간 불가",
        }
    }

    pub fn from_key(key: &str) -> Option<AvailabilityStatus> {
        AvailabilityStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A position held before or at the institute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CareerEntry {
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// `YYYY` or `YYYY-MM`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start: String,
    /// `YYYY` or `YYYY-MM`; empty while current.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
}

/// A research project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Project {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub funder: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// A paper, article or book.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Publication {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// A patent application or registration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Patent {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Free text such as `applied` or `registered`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
}

/// A short video, usually a YouTube explainer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Video {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub url: String,
}

/// Profile links.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Links {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub homepage: String,
    /// ORCID iD, `0000-0002-1825-0097`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub orcid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scholar: String,
}

impl Links {
    /// True when no link is given.
    pub fn is_empty(&self) -> bool {
        self.homepage.is_empty() && self.orcid.is_empty() && self.scholar.is_empty()
    }
}

/// Contact details; each is shown publicly only when its flag says so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default)]
    pub email_public: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default)]
    pub phone_public: bool,
}

impl Contact {
    /// True when nothing is given.
    pub fn is_empty(&self) -> bool {
        self.email.is_empty() && self.phone.is_empty() && !self.email_public && !self.phone_public
    }

    /// The contact with hidden entries removed.
    pub fn public_view(&self) -> Contact {
        Contact {
            email: if self.email_public {
                self.email.clone()
            } else {
                String::new()
            },
            email_public: self.email_public,
            phone: if self.phone_public {
                self.phone.clone()
            } else {
                String::new()
            },
            phone_public: self.phone_public,
        }
    }
}

/// A kind of collaboration the researcher offers to companies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    JointRnd,
    TechTransfer,
    Testing,
    Equipment,
    Consulting,
}

impl Offer {
    /// Every offer, in display order.
    pub const ALL: [Offer; 5] = [
        Offer::JointRnd,
        Offer::TechTransfer,
        Offer::Testing,
        Offer::Equipment,
        Offer::Consulting,
    ];

    /// The wire name, as in the interchange format and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Offer::JointRnd => "joint_rnd",
            Offer::TechTransfer => "tech_transfer",
            Offer::Testing => "testing",
            Offer::Equipment => "equipment",
            Offer::Consulting => "consulting",
        }
    }

    /// The Korean label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Offer::JointRnd => "공동 연구개발",
            Offer::TechTransfer => "기술이전",
            Offer::Testing => "시험·인증",
            Offer::Equipment => "장비 활용",
            Offer::Consulting => "자문·교육",
        }
    }

    /// Parses a wire name.
    pub fn from_key(key: &str) -> Option<Offer> {
        Offer::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// Publication state of a card.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    #[default]
    Published,
    Archived,
}

impl Status {
    /// The wire name.
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }

    /// Parses a wire name.
    pub fn from_key(key: &str) -> Option<Status> {
        [Status::Draft, Status::Published, Status::Archived]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// A card as the public sees it: the record without hidden contacts, plus metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCard {
    pub slug: String,
    pub external_id: String,
    pub name: String,
    pub name_en: String,
    pub name_variants: Vec<String>,
    pub position: String,
    pub organization: String,
    pub division: String,
    pub site: String,
    pub fields: Vec<String>,
    pub keywords: Vec<String>,
    pub bio: String,
    pub career: Vec<CareerEntry>,
    pub projects: Vec<Project>,
    pub publications: Vec<Publication>,
    pub patents: Vec<Patent>,
    pub videos: Vec<Video>,
    pub links: Links,
    pub contact: Contact,
    pub offers: Vec<Offer>,
    #[serde(default)]
    pub availability: Availability,
    pub status: Status,
    /// RFC 3339.
    pub updated_at: String,
    pub version: i64,
    /// How to reach the card's division (from the staff's list of divisions), if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub division_contact: String,
    /// For a duplicate merged into another card: that card's slug.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub merged_into: String,
}

impl PublicCard {
    /// Builds the public view of a stored record.
    pub fn from_record(record: CardRecord, updated_at: String, version: i64) -> PublicCard {
        PublicCard {
            slug: record.slug,
            external_id: record.id,
            name: record.name,
            name_en: record.name_en,
            name_variants: record.name_variants,
            position: record.position,
            organization: record.organization,
            division: record.division,
            site: record.site,
            fields: record.fields,
            keywords: record.keywords,
            bio: record.bio,
            career: record.career,
            projects: record.projects,
            publications: record.publications,
            patents: record.patents,
            videos: record.videos,
            links: record.links,
            contact: record.contact.public_view(),
            offers: record.offers,
            availability: record.availability,
            status: record.status,
            updated_at,
            version,
            division_contact: String::new(),
            merged_into: String::new(),
        }
    }
}

/// The YouTube video id of a watch, short or embed URL, if it is one.
pub fn youtube_id(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let candidate = match host {
        "youtu.be" => path.split(['?', '#', '/']).next()?,
        "youtube.com" | "youtube-nocookie.com" => {
            if let Some(query) = path.strip_prefix("watch?") {
                query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("v="))?
                    .split('#')
                    .next()?
            } else {
                let p = path
                    .strip_prefix("embed/")
                    .or_else(|| path.strip_prefix("shorts/"))
                    .or_else(|| path.strip_prefix("live/"))?;
                p.split(['?', '#', '/']).next()?
            }
        }
        _ => return None,
    };
    let valid = (6..=20).contains(&candidate.len())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_ids_are_found_in_common_url_shapes() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ#t=3",
            "https://youtu.be/dQw4w9WgXcQ?t=10",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
        ] {
            assert_eq!(youtube_id(url).as_deref(), Some("dQw4w9WgXcQ"), "{url}");
        }
    }

    #[test]
    fn non_youtube_or_malformed_urls_have_no_video_id() {
        assert_eq!(youtube_id("https://vimeo.com/12345678"), None);
        assert_eq!(youtube_id("https://www.youtube.com/watch?v=<script>"), None);
        assert_eq!(youtube_id("javascript:alert(1)"), None);
    }

    #[test]
    fn hidden_contacts_are_removed_from_the_public_view() {
        let contact = Contact {
            email: "a@example.re.kr".into(),
            email_public: false,
            phone: "031-000-0000".into(),
            phone_public: true,
        };
        let public = contact.public_view();
        assert_eq!(public.email, "");
        assert_eq!(public.phone, "031-000-0000");
    }

    #[test]
    fn minimal_record_round_trips_without_empty_keys() {
        let line = r#"{"id":"K-1","name":"김서연","status":"published"}"#;
        let record: CardRecord = serde_json::from_str(line).unwrap();
        assert_eq!(record.name, "김서연");
        assert_eq!(serde_json::to_string(&record).unwrap(), line);
    }
}
