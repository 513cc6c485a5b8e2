//! Validation of card records, shared by the browser and the server.

use super::card::{CardRecord, Offer};
use serde::{Deserialize, Serialize};

/// One problem with one field, addressed by a JSON path such as `career[0].start`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

/// All problems found in one record.
pub type FieldErrors = Vec<FieldError>;

/// Size limits, in characters or items.
pub mod limits {
    pub const ID: usize = 100;
    pub const NAME: usize = 100;
    pub const SHORT: usize = 200;
    pub const TITLE: usize = 500;
    pub const LONG: usize = 10_000;
    pub const URL: usize = 2_000;
    /// A technology field of the controlled list.
    pub const KEYWORD: usize = 100;
    /// An expertise or publication keyword: real exports carry taxonomy paths such as
    /// `computer vision: recognition: detection, categorization, indexing, matching`.
    pub const TERM: usize = 200;
    /// An organization: real affiliations list several institutions in one string.
    pub const AFFILIATION: usize = 500;
    pub const LIST: usize = 200;
    pub const SMALL_LIST: usize = 50;
}

struct Checker {
    errors: FieldErrors,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.fail(path, format!("{len}자입니다. {max}자 이하로 줄이세요."));
        }
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        {
            self.fail(
                path,
                "제어 문자가 들어 있습니다. 지우세요 (탭과 줄바꿈만 쓸 수 있습니다).",
            );
        }
    }

    fn required(&mut self, path: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(path, "필수 항목입니다. 값을 입력하세요.");
        } else {
            self.text(path, value, max);
        }
    }

    fn list<T>(&mut self, path: &str, items: &[T], max: usize) -> bool {
        if items.len() > max {
            self.fail(
                path,
                format!("{}개입니다. {max}개 이하로 줄이세요.", items.len()),
            );
            return false;
        }
        true
    }

    fn strings(&mut self, path: &str, items: &[String], max_items: usize, max_len: usize) {
        if self.list(path, items, max_items) {
            for (i, item) in items.iter().enumerate() {
                self.required(&format!("{path}[{i}]"), item, max_len);
            }
        }
    }

    fn date(&mut self, path: &str, value: &str) {
        if !value.is_empty() && parse_partial_date(value).is_none() {
            self.fail(
                path,
                format!("`{value}`은(는) 날짜가 아닙니다. YYYY 또는 YYYY-MM으로 쓰세요 (예: 2021, 2021-03)."),
            );
        }
    }

    fn range(&mut self, path: &str, start: &str, end: &str) {
        self.date(&format!("{path}.start"), start);
        self.date(&format!("{path}.end"), end);
        // a bare year is compared by year only: `2021-03` to `2021` is fine
        if let (Some(s), Some(e)) = (parse_partial_date(start), parse_partial_date(end))
            && if s.1 == 0 || e.1 == 0 {
                e.0 / 100 < s.0 / 100
            } else {
                e.0 < s.0
            }
        {
            self.fail(
                format!("{path}.end"),
                format!("끝({end})이 시작({start})보다 앞섭니다. 날짜를 바로잡으세요."),
            );
        }
    }

    fn year(&mut self, path: &str, year: Option<i32>) {
        if let Some(y) = year
            && !(1900..=2100).contains(&y)
        {
            self.fail(
                path,
                format!("{y}년은 올바른 연도가 아닙니다. 1900–2100 사이로 쓰세요."),
            );
        }
    }

    fn url(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        self.text(path, value, limits::URL);
        if !is_http_url(value) {
            self.fail(
                path,
                format!("`{}`은(는) 웹 주소가 아닙니다. https:// 또는 http://로 시작하는 주소를 쓰세요.", truncate(value, 60)),
            );
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Whether `text` is a calendar day written `YYYY-MM-DD`.
fn is_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    match (number(y, 4), number(m, 2), number(d, 2)) {
        (Some(_), Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

/// `YYYY` or `YYYY-MM` as a comparable (year, month) pair; the month is 0 when absent.
pub fn parse_partial_date(value: &str) -> Option<(u32, u32)> {
    let (y, m) = match value.split_once('-') {
        Some((y, m)) => (y, Some(m)),
        None => (value, None),
    };
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = y.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let month = match m {
        None => 0,
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let m: u32 = m.parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            m
        }
        Some(_) => return None,
    };
    Some((year * 100 + month, month))
}

/// True for an absolute `http(s)://host…` URL without spaces.
pub fn is_http_url(value: &str) -> bool {
    let rest = match value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    {
        Some(r) => r,
        None => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    !host.is_empty()
        && host.contains(['.', ':']) | (host == "localhost")
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"')
}

/// True when the ORCID iD has the right shape and ISO 7064 11,2 check digit.
pub fn is_valid_orcid(value: &str) -> bool {
    let id = value
        .strip_prefix("https://orcid.org/")
        .or_else(|| value.strip_prefix("http://orcid.org/"))
        .unwrap_or(value);
    let digits: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    let shape_ok = id.len() == 19
        && id.chars().enumerate().all(|(i, c)| {
            if [4, 9, 14].contains(&i) {
                c == '-'
            } else if i == 18 {
                c.is_ascii_digit() || c == 'X'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok || digits.len() != 16 {
        return false;
    }
    let mut total = 0u32;
    for c in &digits[..15] {
        total = (total + c.to_digit(10).unwrap_or(0)) * 2;
    }
    let check = (12 - total % 11) % 11;
    let expected = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('?')
    };
    digits[15] == expected
}

fn is_plausible_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
                && !domain.contains('@')
        }
        None => false,
    }
}

/// True for a slug of lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 80
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
}

impl CardRecord {
    /// Checks the record; returns every problem with its field path.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut c = Checker { errors: Vec::new() };
        c.required("id", &self.id, limits::ID);
        if self.id.chars().any(char::is_whitespace) {
            c.fail(
                "id",
                "공백이 들어 있습니다. K-0042처럼 공백 없는 키를 쓰세요.",
            );
        }
        if !self.slug.is_empty() && !is_valid_slug(&self.slug) {
            c.fail(
                "slug",
                "영문 소문자 a–z, 숫자, 하이픈(-)만 쓸 수 있습니다 (예: seoyeon-kim).",
            );
        }
        c.required("name", &self.name, limits::NAME);
        c.text("name_en", &self.name_en, limits::NAME);
        c.strings(
            "name_variants",
            &self.name_variants,
            limits::SMALL_LIST,
            limits::NAME,
        );
        c.text("position", &self.position, limits::SHORT);
        c.text("organization", &self.organization, limits::AFFILIATION);
        c.text("division", &self.division, limits::SHORT);
        c.text("site", &self.site, limits::SHORT);
        c.strings("fields", &self.fields, limits::SMALL_LIST, limits::KEYWORD);
        c.strings("keywords", &self.keywords, limits::LIST, limits::TERM);
        c.text("bio", &self.bio, limits::LONG);

        if c.list("career", &self.career, limits::LIST) {
            for (i, e) in self.career.iter().enumerate() {
                let p = format!("career[{i}]");
                c.required(
                    &format!("{p}.organization"),
                    &e.organization,
                    limits::AFFILIATION,
                );
                c.text(&format!("{p}.role"), &e.role, limits::SHORT);
                c.range(&p, &e.start, &e.end);
            }
        }
        if c.list("projects", &self.projects, limits::LIST) {
            for (i, e) in self.projects.iter().enumerate() {
                let p = format!("projects[{i}]");
                c.required(&format!("{p}.title"), &e.title, limits::TITLE);
                c.text(&format!("{p}.funder"), &e.funder, limits::SHORT);
                c.text(&format!("{p}.role"), &e.role, limits::SHORT);
                c.text(&format!("{p}.summary"), &e.summary, limits::LONG);
                c.range(&p, &e.start, &e.end);
            }
        }
        if c.list("publications", &self.publications, 2_000) {
            for (i, e) in self.publications.iter().enumerate() {
                let p = format!("publications[{i}]");
                c.required(&format!("{p}.title"), &e.title, limits::TITLE);
                c.text(&format!("{p}.venue"), &e.venue, limits::TITLE);
                c.year(&format!("{p}.year"), e.year);
                c.strings(
                    &format!("{p}.keywords"),
                    &e.keywords,
                    limits::SMALL_LIST,
                    limits::TERM,
                );
                c.url(&format!("{p}.url"), &e.url);
            }
        }
        if c.list("patents", &self.patents, limits::LIST) {
            for (i, e) in self.patents.iter().enumerate() {
                let p = format!("patents[{i}]");
                c.required(&format!("{p}.title"), &e.title, limits::TITLE);
                c.text(&format!("{p}.number"), &e.number, limits::SHORT);
                c.year(&format!("{p}.year"), e.year);
                c.text(&format!("{p}.status"), &e.status, limits::SHORT);
            }
        }
        if c.list("videos", &self.videos, limits::SMALL_LIST) {
            for (i, e) in self.videos.iter().enumerate() {
                let p = format!("videos[{i}]");
                c.text(&format!("{p}.title"), &e.title, limits::TITLE);
                if e.url.is_empty() {
                    c.fail(
                        format!("{p}.url"),
                        "필수 항목입니다. 영상의 웹 주소를 입력하세요.",
                    );
                }
                c.url(&format!("{p}.url"), &e.url);
            }
        }
        c.url("links.homepage", &self.links.homepage);
        c.url("links.scholar", &self.links.scholar);
        if !self.links.orcid.is_empty() && !is_valid_orcid(&self.links.orcid) {
            c.fail(
                "links.orcid",
                "올바른 ORCID iD가 아닙니다. 0000-0002-1825-0097 형식으로 쓰세요 (마지막 자리는 검증 숫자입니다).",
            );
        }
        c.text("contact.email", &self.contact.email, limits::SHORT);
        if !self.contact.email.is_empty() && !is_plausible_email(&self.contact.email) {
            c.fail(
                "contact.email",
                "이메일 주소가 아닙니다. name@example.re.kr 형식으로 쓰세요.",
            );
        }
        c.text("contact.phone", &self.contact.phone, limits::SHORT);
        if !self.contact.phone.is_empty()
            && !self
                .contact
                .phone
                .chars()
                .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
        {
            c.fail("contact.phone", "숫자, 공백과 + - ( ) . 만 쓸 수 있습니다.");
        }
        let mut seen: Vec<Offer> = Vec::new();
        for (i, o) in self.offers.iter().enumerate() {
            if seen.contains(o) {
                c.fail(
                    format!("offers[{i}]"),
                    format!("`{}`이(가) 두 번 들어 있습니다. 하나만 남기세요.", o.key()),
                );
            }
            seen.push(*o);
        }
        let until = &self.availability.until;
        if !until.is_empty() && !is_day(until) {
            c.fail(
                "availability.until",
                format!("`{until}`은(는) 날짜가 아닙니다. YYYY-MM-DD로 쓰세요 (예: 2027-03-31)."),
            );
        }
        c.text("availability.note", &self.availability.note, limits::SHORT);
        if c.errors.is_empty() {
            Ok(())
        } else {
            Err(c.errors)
        }
    }

    /// Trims surrounding whitespace and drops blank and repeated list entries. Control
    /// characters, which other systems' exports carry in titles, are removed, and in
    /// one-line fields line breaks and runs of whitespace become one space. Returns how many
    /// text fields lost control characters or line breaks, so an import can warn.
    pub fn normalize(&mut self) -> usize {
        let mut scrubbed = 0;
        let mut one_line = |s: &mut String| scrubbed += usize::from(scrub(s, false));
        for s in [
            &mut self.id,
            &mut self.slug,
            &mut self.name,
            &mut self.name_en,
            &mut self.position,
            &mut self.organization,
            &mut self.division,
            &mut self.site,
            &mut self.links.homepage,
            &mut self.links.orcid,
            &mut self.links.scholar,
            &mut self.contact.email,
            &mut self.contact.phone,
            &mut self.availability.until,
            &mut self.availability.note,
        ] {
            one_line(s);
        }
        for list in [
            &mut self.name_variants,
            &mut self.fields,
            &mut self.keywords,
        ] {
            list.iter_mut().for_each(&mut one_line);
        }
        for c in &mut self.career {
            one_line(&mut c.organization);
            one_line(&mut c.role);
        }
        for p in &mut self.projects {
            one_line(&mut p.title);
            one_line(&mut p.funder);
            one_line(&mut p.role);
        }
        for p in &mut self.publications {
            one_line(&mut p.title);
            one_line(&mut p.venue);
            p.keywords.iter_mut().for_each(&mut one_line);
        }
        for p in &mut self.patents {
            one_line(&mut p.title);
            one_line(&mut p.number);
            one_line(&mut p.status);
        }
        for v in &mut self.videos {
            one_line(&mut v.title);
        }
        for path in self.placeholder_links() {
            match path {
                "links.homepage" => self.links.homepage.clear(),
                _ => self.links.scholar.clear(),
            }
        }
        scrubbed += usize::from(scrub(&mut self.bio, true));
        for p in &mut self.projects {
            scrubbed += usize::from(scrub(&mut p.summary, true));
        }
        self.tidy();
        scrubbed
    }

    /// The links that hold another system's word for "no value" (`http://None`, `null`,
    /// `N/A`) instead of an address; [`CardRecord::normalize`] clears them.
    pub fn placeholder_links(&self) -> Vec<&'static str> {
        fn placeholder(url: &str) -> bool {
            let lower = url.trim().to_lowercase();
            let rest = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
                .unwrap_or(&lower)
                .trim_end_matches('/');
            !url.trim().is_empty()
                && matches!(
                    rest,
                    "" | "none" | "null" | "nil" | "nan" | "n/a" | "na" | "-" | "undefined"
                )
        }
        [
            ("links.homepage", &self.links.homepage),
            ("links.scholar", &self.links.scholar),
        ]
        .into_iter()
        .filter(|(_, url)| placeholder(url))
        .map(|(path, _)| path)
        .collect()
    }

    /// The rest of [`CardRecord::normalize`], after every one-line field was scrubbed
    /// (and so trimmed): ORCID prefixes, and blank or repeated list entries.
    fn tidy(&mut self) {
        fn dedup(list: &mut Vec<String>) {
            let mut seen = std::collections::HashSet::new();
            list.retain(|s| !s.is_empty() && seen.insert(s.to_lowercase()));
        }
        if let Some(rest) = self.links.orcid.strip_prefix("https://orcid.org/") {
            self.links.orcid = rest.to_string();
        }
        dedup(&mut self.name_variants);
        dedup(&mut self.fields);
        dedup(&mut self.keywords);
        let mut seen_offers = Vec::new();
        self.offers.retain(|o| {
            let new = !seen_offers.contains(o);
            seen_offers.push(*o);
            new
        });
    }
}

/// Removes control characters, but the line breaks and tabs of `multiline` text; in
/// one-line text, every run of whitespace and control characters becomes one space and
/// the ends are trimmed.
/// Returns whether control characters (or line breaks in one-line text) were removed; a
/// run of spaces made one does not count.
fn scrub(s: &mut String, multiline: bool) -> bool {
    let allowed = |c: char| multiline && matches!(c, '\n' | '\t' | '\r');
    let odd = s.chars().any(|c| c.is_control() && !allowed(c));
    if multiline {
        if odd {
            s.retain(|c| !c.is_control() || allowed(c));
        }
        return odd;
    }
    if !odd && !s.contains("  ") {
        let t = s.trim();
        if t.len() != s.len() {
            *s = t.to_string();
        }
        return false;
    }
    let joined = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    *s = joined;
    odd
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::card::{CareerEntry, Video};

    #[test]
    fn control_characters_are_removed_and_one_line_fields_get_single_spaces() {
        let mut r = minimal();
        r.name = "김\u{0}서연".into();
        r.publications.push(crate::model::card::Publication {
            title: "Wafer\u{1b}[0m defect\n detection\t  study".into(),
            ..Default::default()
        });
        r.bio = "첫 줄\n둘째\u{7} 줄".into();
        r.keywords = vec!["a  b".into()];
        assert_eq!(r.normalize(), 3);
        assert_eq!(r.name, "김 서연");
        assert_eq!(r.publications[0].title, "Wafer [0m defect detection study");
        assert_eq!(r.bio, "첫 줄\n둘째 줄");
        assert_eq!(r.keywords, vec!["a b"]);
        assert!(r.validate().is_ok(), "{:?}", r.validate());
    }

    fn minimal() -> CardRecord {
        CardRecord {
            id: "K-1".into(),
            name: "김서연".into(),
            ..Default::default()
        }
    }

    fn paths(r: &CardRecord) -> Vec<String> {
        r.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.path)
            .collect()
    }

    #[test]
    fn a_minimal_card_is_valid() {
        assert_eq!(minimal().validate(), Ok(()));
    }

    #[test]
    fn blank_name_is_rejected() {
        let mut r = minimal();
        r.name = "   ".into();
        assert_eq!(paths(&r), vec!["name"]);
    }

    #[test]
    fn dates_must_be_year_or_year_month() {
        assert!(parse_partial_date("2021").is_some());
        assert!(parse_partial_date("2021-03").is_some());
        for bad in [
            "21",
            "2021-3",
            "2021-13",
            "2021/03",
            "March 2021",
            "2021-03-01",
        ] {
            assert!(parse_partial_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn career_ending_before_it_starts_is_rejected_with_its_path() {
        let mut r = minimal();
        r.career.push(CareerEntry {
            organization: "SK하이닉스".into(),
            start: "2019".into(),
            end: "2015-02".into(),
            ..Default::default()
        });
        assert_eq!(paths(&r), vec!["career[0].end"]);
        r.career[0].start = "2015-03".into();
        r.career[0].end = "2015".into();
        assert_eq!(
            r.validate(),
            Ok(()),
            "a bare year may end a range started that year"
        );
    }

    #[test]
    fn oversized_bio_is_rejected() {
        let mut r = minimal();
        r.bio = "가".repeat(limits::LONG + 1);
        let errs = r.validate().unwrap_err();
        assert_eq!(errs[0].path, "bio");
        assert!(errs[0].message.contains("자 이하로"), "{}", errs[0].message);
    }

    #[test]
    fn script_urls_are_rejected() {
        let mut r = minimal();
        r.videos.push(Video {
            title: "x".into(),
            url: "javascript:alert(1)".into(),
        });
        r.links.homepage = "https://example.re.kr/a b".into();
        assert_eq!(paths(&r), vec!["videos[0].url", "links.homepage"]);
    }

    #[test]
    fn orcid_with_bad_checksum_is_rejected() {
        assert!(is_valid_orcid("0000-0002-1825-0097"));
        assert!(is_valid_orcid("0000-0002-1694-233X"));
        assert!(!is_valid_orcid("0000-0002-1825-0098"));
        assert!(!is_valid_orcid("0000000218250097"));
    }

    #[test]
    fn normalize_trims_and_drops_duplicate_keywords() {
        let mut r = minimal();
        r.keywords = vec![
            " 머신비전 ".into(),
            "머신비전".into(),
            "".into(),
            "HBM".into(),
            "hbm".into(),
        ];
        r.normalize();
        assert_eq!(r.keywords, vec!["머신비전", "HBM"]);
    }

    #[test]
    fn placeholder_links_are_cleared_and_real_ones_kept() {
        let mut r = minimal();
        r.links.homepage = "http://None".into();
        r.links.scholar = " N/A ".into();
        assert_eq!(
            r.placeholder_links(),
            vec!["links.homepage", "links.scholar"]
        );
        r.normalize();
        assert_eq!(
            (r.links.homepage.as_str(), r.links.scholar.as_str()),
            ("", "")
        );
        r.links.homepage = "https://none.example.re.kr".into();
        assert!(r.placeholder_links().is_empty());
        r.normalize();
        assert_eq!(r.links.homepage, "https://none.example.re.kr");
    }

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert!(is_valid_slug("seoyeon-kim-2"));
        assert!(!is_valid_slug("Seoyeon"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("<script>"));
    }
}
