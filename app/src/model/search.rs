//! Search requests and results, shared by the page, the JSON API and the index.

use serde::{Deserialize, Serialize};

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    Updated,
    Name,
}

impl Sort {
    /// The URL value.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Updated => "updated",
            Sort::Name => "name",
        }
    }

    /// Parses a URL value.
    pub fn from_key(key: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Updated, Sort::Name]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// Largest page size a client may ask for.
pub const MAX_PER_PAGE: u32 = 100;
/// Page size when none is given.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Deepest result a client can page to; deeper paging is refused.
pub const MAX_RESULT_WINDOW: u32 = 10_000;

/// The facet dimensions, in display order, with their URL keys.
pub const FACET_KEYS: [&str; 6] = [
    "field",
    "division",
    "site",
    "offer",
    "availability",
    "has_video",
];

/// A directory search, as it appears in the URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub field: Vec<String>,
    #[serde(default)]
    pub division: Vec<String>,
    #[serde(default)]
    pub site: Vec<String>,
    #[serde(default)]
    pub offer: Vec<String>,
    /// `open`, `limited` or `closed` (see [`crate::model::card::Availability`]).
    #[serde(default)]
    pub availability: Vec<String>,
    /// Only cards with at least one video.
    #[serde(default)]
    pub has_video: bool,
    #[serde(default)]
    pub sort: Sort,
    /// 1-based.
    #[serde(default = "one")]
    pub page: u32,
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

/// A search with nothing chosen, on its first page of [`DEFAULT_PER_PAGE`] (as a URL without
/// parameters asks for; a link built from it writes no `page` or `per_page`).
impl Default for SearchParams {
    fn default() -> SearchParams {
        SearchParams {
            q: String::new(),
            field: Vec::new(),
            division: Vec::new(),
            site: Vec::new(),
            offer: Vec::new(),
            availability: Vec::new(),
            has_video: false,
            sort: Sort::default(),
            page: one(),
            per_page: default_per_page(),
        }
    }
}

fn one() -> u32 {
    1
}

fn default_per_page() -> u32 {
    DEFAULT_PER_PAGE
}

/// A request parameter that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

impl SearchParams {
    /// Reads parameters from URL query pairs; repeated keys select several values.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<SearchParams, ParamError> {
        let mut p = SearchParams {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Default::default()
        };
        let bad = |param: &str, message: String| ParamError {
            param: param.to_string(),
            message,
        };
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "q" => p.q = value.to_string(),
                "field" | "division" | "site" | "offer" | "availability" if value.is_empty() => {}
                "field" => p.field.push(value.to_string()),
                "division" => p.division.push(value.to_string()),
                "site" => p.site.push(value.to_string()),
                "offer" => {
                    if crate::model::card::Offer::from_key(value).is_none() {
                        return Err(bad(
                            "offer",
                            format!(
                                "unknown offer `{value}`; use joint_rnd, tech_transfer, testing, equipment or consulting"
                            ),
                        ));
                    }
                    p.offer.push(value.to_string());
                }
                "availability" => {
                    if crate::model::card::AvailabilityStatus::from_key(value).is_none() {
                        return Err(bad(
                            "availability",
                            format!("unknown availability `{value}`; use open, limited or closed"),
                        ));
                    }
                    p.availability.push(value.to_string());
                }
                "has_video" => {
                    p.has_video = match value {
                        "" | "false" | "0" => false,
                        "true" | "1" | "on" => true,
                        _ => {
                            return Err(bad(
                                "has_video",
                                format!("`{value}` is not a boolean; use true or false"),
                            ));
                        }
                    }
                }
                "sort" => {
                    p.sort = if value.is_empty() {
                        Sort::Relevance
                    } else {
                        Sort::from_key(value).ok_or_else(|| {
                            bad(
                                "sort",
                                format!("unknown sort `{value}`; use relevance, updated or name"),
                            )
                        })?
                    }
                }
                "page" if !value.is_empty() => {
                    p.page = value.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        bad(
                            "page",
                            format!("`{value}` is not a page number; pages start at 1"),
                        )
                    })?
                }
                "per_page" if !value.is_empty() => {
                    p.per_page = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                        .ok_or_else(|| {
                            bad(
                                "per_page",
                                format!("`{value}` is out of range; use 1 to {MAX_PER_PAGE}"),
                            )
                        })?
                }
                _ => {}
            }
        }
        p.check()?;
        Ok(p)
    }

    /// Checks limits that apply however the parameters were built.
    pub fn check(&self) -> Result<(), ParamError> {
        if self.q.chars().count() > MAX_QUERY_CHARS {
            return Err(ParamError {
                param: "q".into(),
                message: format!(
                    "the query is longer than {MAX_QUERY_CHARS} characters; shorten it"
                ),
            });
        }
        if !(1..=MAX_PER_PAGE).contains(&self.per_page) || self.page == 0 {
            return Err(ParamError {
                param: "per_page".into(),
                message: format!("use page >= 1 and per_page 1 to {MAX_PER_PAGE}"),
            });
        }
        if self.page.saturating_mul(self.per_page) > MAX_RESULT_WINDOW {
            return Err(ParamError {
                param: "page".into(),
                message: format!(
                    "results beyond the first {MAX_RESULT_WINDOW} cannot be paged to; narrow the search with filters"
                ),
            });
        }
        Ok(())
    }

    /// The selected values of one facet.
    pub fn selected(&self, facet: &str) -> Vec<String> {
        match facet {
            "field" => self.field.clone(),
            "division" => self.division.clone(),
            "site" => self.site.clone(),
            "offer" => self.offer.clone(),
            "availability" => self.availability.clone(),
            "has_video" if self.has_video => vec!["true".into()],
            _ => Vec::new(),
        }
    }

    /// The parameters with one facet value switched on or off; back to page 1.
    pub fn toggled(&self, facet: &str, value: &str) -> SearchParams {
        let mut p = self.clone();
        p.page = 1;
        let flip = |list: &mut Vec<String>| {
            if let Some(i) = list.iter().position(|v| v == value) {
                list.remove(i);
            } else {
                list.push(value.to_string());
            }
        };
        match facet {
            "field" => flip(&mut p.field),
            "division" => flip(&mut p.division),
            "site" => flip(&mut p.site),
            "offer" => flip(&mut p.offer),
            "availability" => flip(&mut p.availability),
            "has_video" => p.has_video = !p.has_video,
            _ => {}
        }
        p
    }

    /// URL query string (without `?`), leaving out defaults.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (key, list) in [
            ("field", &self.field),
            ("division", &self.division),
            ("site", &self.site),
            ("offer", &self.offer),
            ("availability", &self.availability),
        ] {
            for v in list {
                pairs.push((key, v.clone()));
            }
        }
        if self.has_video {
            pairs.push(("has_video", "true".into()));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.key().into()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// A path to the search page for these parameters.
    pub fn href(&self) -> String {
        let qs = self.to_query_string();
        if qs.is_empty() {
            "/".into()
        } else {
            format!("/?{qs}")
        }
    }
}

/// From this many words (words left out with `-` aside) a search reads as a description of
/// a need rather than as search terms, and the search page offers need matching (`/match`),
/// which weighs the words of a sentence instead of looking for cards that say them all.
pub const DESCRIPTION_WORDS: usize = 6;

/// Whether `q` reads as a description of a need (see [`DESCRIPTION_WORDS`]).
pub fn is_description(q: &str) -> bool {
    q.split_whitespace().filter(|w| !w.starts_with('-')).count() >= DESCRIPTION_WORDS
}

/// The path of a card's page reached from a search for `q`: `/cards/{slug}?q=…`, where the
/// page lists the card's works on that topic (without a query, the plain card path).
pub fn card_on_topic(slug: &str, q: &str) -> String {
    if q.trim().is_empty() {
        format!("/cards/{slug}")
    } else {
        format!("/cards/{slug}?q={}", encode_component(q.trim()))
    }
}

/// Percent-encodes a URL query component (UTF-8, space as `%20`).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One card in a result list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Hit {
    pub id: i64,
    pub external_id: String,
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub position: String,
    pub organization: String,
    pub division: String,
    pub site: String,
    pub fields: Vec<String>,
    pub keywords: Vec<String>,
    /// HTML: escaped text with `<mark>` around matched terms.
    pub snippet: String,
    pub score: f32,
    /// True when the card matches only some of the query's words.
    #[serde(default)]
    pub partial: bool,
    /// The card's works on the query's topic, when it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(schema_with = evidence_schema))]
    pub evidence: Option<HitEvidence>,
    /// Whether the researcher takes on collaboration now (left out when open).
    #[serde(
        default,
        skip_serializing_if = "crate::model::card::Availability::is_default"
    )]
    pub availability: crate::model::card::Availability,
}

/// Why a hit matched, in numbers a company can read: its works that have every concept of
/// the query, by kind, and the most recent year among them; or, for a card with none
/// (`partial`), its works with some of the concepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HitEvidence {
    pub publications: u32,
    pub projects: u32,
    pub patents: u32,
    pub videos: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_year: Option<i32>,
    /// True when the works counted are on part of the query's topic only (left out when
    /// false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

impl HitEvidence {
    /// `이 주제 논문 7편 · 과제 2건 · 최근 2025`, or `관련 논문 3편 · 최근 2024` for works on
    /// part of the topic.
    pub fn summary_ko(&self) -> String {
        let mut parts = Vec::new();
        for (n, label, unit) in [
            (self.publications, "논문", "편"),
            (self.projects, "과제", "건"),
            (self.patents, "특허", "건"),
            (self.videos, "영상", "편"),
        ] {
            if n > 0 {
                parts.push(format!("{label} {n}{unit}"));
            }
        }
        let scope = if self.partial { "관련" } else { "이 주제" };
        let mut out = format!("{scope} {}", parts.join(" · "));
        if let Some(y) = self.latest_year {
            out.push_str(&format!(" · 최근 {y}"));
        }
        out
    }
}

impl HitEvidence {
    /// `On this topic: 7 publications · 2 projects · latest 2025`, or `On part of this
    /// topic: 3 publications · latest 2024`.
    pub fn summary_en(&self) -> String {
        let mut parts = Vec::new();
        for (n, one, many) in [
            (self.publications, "publication", "publications"),
            (self.projects, "project", "projects"),
            (self.patents, "patent", "patents"),
            (self.videos, "video", "videos"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let scope = if self.partial {
            "On part of this topic"
        } else {
            "On this topic"
        };
        let mut out = format!("{scope}: {}", parts.join(" · "));
        if let Some(y) = self.latest_year {
            out.push_str(&format!(" · latest {y}"));
        }
        out
    }
}

impl Hit {
    /// Position, division and site, as one line.
    pub fn meta_line(&self) -> String {
        [
            self.position.as_str(),
            self.division.as_str(),
            self.site.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// A facet value and how many results carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts per facet; each facet's counts ignore its own selection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Facets {
    pub field: Vec<FacetCount>,
    pub division: Vec<FacetCount>,
    pub site: Vec<FacetCount>,
    pub offer: Vec<FacetCount>,
    #[serde(default)]
    pub availability: Vec<FacetCount>,
    pub has_video: Vec<FacetCount>,
}

impl Facets {
    /// The counts of one facet by its URL key.
    pub fn get(&self, key: &str) -> &[FacetCount] {
        match key {
            "field" => &self.field,
            "division" => &self.division,
            "site" => &self.site,
            "offer" => &self.offer,
            "availability" => &self.availability,
            "has_video" => &self.has_video,
            _ => &[],
        }
    }

    /// Mutable access to one facet's counts.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Vec<FacetCount>> {
        match key {
            "field" => Some(&mut self.field),
            "division" => Some(&mut self.division),
            "site" => Some(&mut self.site),
            "offer" => Some(&mut self.offer),
            "availability" => Some(&mut self.availability),
            "has_video" => Some(&mut self.has_video),
            _ => None,
        }
    }
}

/// A page of search results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// True when no card matched every word and the results match only some of them.
    #[serde(default)]
    pub relaxed: bool,
    /// When nothing matched: the query with its words replaced by the closest known terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// When nothing matched: technology fields to browse instead, closest to the query first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_fields: Vec<String>,
    /// Terms the directory uses alongside the query's ("연관 키워드"), mined from the cards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_select_several_values() {
        let p = SearchParams::from_pairs([("q", "반도체"), ("site", "성남"), ("site", "광주")])
            .unwrap();
        assert_eq!(p.site, vec!["성남", "광주"]);
        assert_eq!(p.page, 1);
    }

    #[test]
    fn bad_parameters_name_the_parameter() {
        for (k, v) in [
            ("page", "0"),
            ("page", "x"),
            ("per_page", "1000"),
            ("sort", "best"),
            ("offer", "free"),
        ] {
            let err = SearchParams::from_pairs([(k, v)]).unwrap_err();
            assert_eq!(err.param, k, "{k}={v}");
        }
    }

    #[test]
    fn query_string_round_trips() {
        let p = SearchParams::from_pairs([
            ("q", "AI 반도체&"),
            ("field", "인공지능"),
            ("sort", "name"),
            ("page", "2"),
        ])
        .unwrap();
        let qs = p.to_query_string();
        let pairs: Vec<(String, String)> = qs
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), percent_decode(v))
            })
            .collect();
        let again =
            SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(again, p);
    }

    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_link_built_from_the_defaults_is_a_search_the_page_accepts() {
        let p = SearchParams {
            q: "반도체 공정".into(),
            ..Default::default()
        };
        assert_eq!(
            p.href(),
            "/?q=%EB%B0%98%EB%8F%84%EC%B2%B4%20%EA%B3%B5%EC%A0%95"
        );
        assert_eq!(p.check(), Ok(()));
        assert_eq!(SearchParams::default().href(), "/");
    }

    #[test]
    fn toggling_a_facet_value_adds_then_removes_it() {
        let p = SearchParams::default();
        let on = p.toggled("site", "성남");
        assert_eq!(on.site, vec!["성남"]);
        assert!(on.toggled("site", "성남").site.is_empty());
    }
}

/// Longest need description accepted, in characters.
pub const MAX_NEED_CHARS: usize = 5_000;

/// A company's description of its problem, with optional filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchRequest {
    pub text: String,
    /// Filters given at the top level: `{"text": …, "site": ["성남"]}`.
    #[serde(flatten)]
    pub top: MatchFilters,
    /// Filters may also come nested, as `{"text": …, "filters": {"site": ["성남"]}}`.
    #[serde(default, skip_serializing)]
    pub filters: Option<MatchFilters>,
    #[serde(default = "default_match_limit")]
    pub limit: u32,
}

/// The filters of a match request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchFilters {
    #[serde(default)]
    pub field: Vec<String>,
    #[serde(default)]
    pub division: Vec<String>,
    #[serde(default)]
    pub site: Vec<String>,
    #[serde(default)]
    pub offer: Vec<String>,
    #[serde(default)]
    pub has_video: bool,
}

fn default_match_limit() -> u32 {
    10
}

impl MatchRequest {
    /// The filters as search parameters, after checking the request.
    pub fn to_params(&self) -> Result<SearchParams, ParamError> {
        let bad = |param: &str, message: String| ParamError {
            param: param.into(),
            message,
        };
        let len = self.text.chars().count();
        if self.text.trim().is_empty() {
            return Err(bad(
                "text",
                "is empty; describe what you need, e.g. 제조 라인의 불량을 영상으로 찾고 싶습니다"
                    .into(),
            ));
        }
        if len > MAX_NEED_CHARS {
            return Err(bad(
                "text",
                format!(
                    "is {len} characters long; the limit is {MAX_NEED_CHARS}. Shorten it to the essentials"
                ),
            ));
        }
        if !(1..=50).contains(&self.limit) {
            return Err(bad("limit", "use 1 to 50".into()));
        }
        let mut p = SearchParams {
            page: 1,
            per_page: self.limit,
            ..Default::default()
        };
        for f in std::iter::once(&self.top).chain(&self.filters) {
            p.field.extend(f.field.iter().cloned());
            p.division.extend(f.division.iter().cloned());
            p.site.extend(f.site.iter().cloned());
            p.offer.extend(f.offer.iter().cloned());
            p.has_video |= f.has_video;
        }
        if let Some(o) = p
            .offer
            .iter()
            .find(|o| crate::model::card::Offer::from_key(o).is_none())
        {
            return Err(bad(
                "offer",
                format!(
                    "unknown offer `{o}`; use joint_rnd, tech_transfer, testing, equipment or consulting"
                ),
            ));
        }
        Ok(p)
    }
}

/// One piece of a card that matches the need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// `keyword`, `field`, `project`, `publication`, `patent` or `video`.
    pub kind: String,
    /// Escaped HTML with `<mark>` around matched terms.
    pub html: String,
    /// How many of the need's terms it contains.
    pub matched: u32,
}

/// A card's works on the topic of a search, for its card page: the works a search hit
/// counts ("이 주제 논문 7편"), or, where the card has none with the whole topic, those on
/// part of it ("관련 논문 3편").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopicWorks {
    /// The words searched for (without those left out with `-`), shortened to 80
    /// characters, as a heading quotes them.
    pub query: String,
    /// The works have only some of the query's concepts.
    pub partial: bool,
    /// Most recent first; works without a year last.
    pub works: Vec<TopicWork>,
}

/// One work on a search's topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopicWork {
    /// `publication`, `project`, `patent` or `video`.
    pub kind: String,
    /// The title as escaped HTML with `<mark>` around the query's words.
    pub html: String,
    pub year: Option<i32>,
}

/// The schema of a hit's `evidence`: a search hit's counts of works ([`HitEvidence`]), or
/// a match hit's pieces of the card ([`MatchHit::evidence`], which takes the key's place).
#[cfg(feature = "ssr")]
fn evidence_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::Ref;
    use utoipa::openapi::schema::{ArrayBuilder, OneOfBuilder, Schema};
    let one_of = OneOfBuilder::new()
        .item(Ref::from_schema_name("HitEvidence"))
        .item(ArrayBuilder::new().items(Ref::from_schema_name("Evidence")))
        .description(Some(
            "Search hits: the card's works on the query's topic, by kind, and the latest year. \
             Match hits (`POST /api/match`, similar cards): the pieces of the card that match.",
        ))
        .build();
    Schema::OneOf(one_of)
}

/// A researcher matched to a need, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchHit {
    #[serde(flatten)]
    pub hit: Hit,
    pub evidence: Vec<Evidence>,
    /// The researcher's collaboration offers (wire names).
    pub offers: Vec<String>,
}

/// Researchers for a need.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchResults {
    pub took_ms: f64,
    /// The terms taken from the text, most specific first.
    pub terms: Vec<String>,
    pub total: u64,
    pub hits: Vec<MatchHit>,
}

/// One autocomplete suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub text: String,
    /// `keyword`, `field` or `name`.
    pub kind: String,
    /// How many published cards carry it.
    pub count: u32,
}
