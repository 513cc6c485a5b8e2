//! Error messages in both languages, for the JSON API's `message` (which follows
//! `Accept-Language`) and the English pages.
//!
//! Messages are written where they arise, in one language: Korean for what companies and
//! researchers read, English for what a developer calling the API gets wrong. Rather than
//! carry a language into every service, each message pattern is listed here once in both
//! languages, with `{}` for the parts filled in at run time (a number, a name, a label).
//! [`Lang::localize`] turns a message into the wanted language: it finds the pattern the
//! message was made from, takes the filled-in parts, translates those that are themselves
//! listed (a field's label, a list of offers), and fills the other language's pattern. A
//! message whose pattern is not listed is returned as it is. Tests below produce real
//! messages (every field error of a bad card) and require English for each; the HTTP test
//! `api_error_messages_follow_accept_language` does the same for the API's answers.

use super::Lang;

/// (Korean, English) patterns; `{}` parts are filled in order.
pub const MESSAGES: &[(&str, &str)] = &[
    // app/src/error.rs
    ("찾는 연구자 카드가 없습니다.", "No such researcher card."),
    (
        "입력한 내용을 확인해 주세요.",
        "Please check what you entered.",
    ),
    (
        "다른 사람이 먼저 이 카드를 저장했습니다. 바뀐 내용을 확인하고 다시 저장하세요.",
        "Someone else saved this card first. Check the changes, then save again.",
    ),
    (
        "이 작업을 할 권한이 없습니다.",
        "You are not allowed to do this.",
    ),
    (
        "서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
        "Something went wrong on the server. Please try again shortly.",
    ),
    (
        "서버에 연결하지 못했습니다: {}",
        "Could not reach the server: {}",
    ),
    (
        "로그인이 필요합니다. /login 에서 로그인하세요.",
        "Please sign in first, at /login.",
    ),
    (
        "세션이 만료되었습니다. 다시 로그인하세요.",
        "Your session has expired. Please sign in again.",
    ),
    (
        "요청을 읽지 못했습니다. 보낸 인자의 이름과 형식을 확인하세요. ({})",
        "The request could not be read. Check the names and types of its arguments. ({})",
    ),
    (
        "이 주소(slug)는 방금 다른 카드가 먼저 썼습니다. 다른 주소를 고르세요",
        "Another card took this address (slug) a moment ago; choose another",
    ),
    (
        "이 외부 ID는 방금 다른 카드가 먼저 썼습니다",
        "Another card took this external ID a moment ago",
    ),
    (
        "이 이메일로 된 계정이 이미 있습니다. 비밀번호 재설정 링크를 보내세요",
        "An account with this email exists already; send it a password-reset link",
    ),
    (
        "이 카드에는 이미 연구자 계정이 있습니다. 카드 하나에 계정 하나입니다",
        "This card has a researcher account already; a card has one account",
    ),
    (
        "같은 항목이 방금 먼저 저장되었습니다. 새로 고친 뒤 다시 시도하세요",
        "The same item was saved a moment ago; reload and try again",
    ),
    // app/src/model/validate.rs: a card's fields
    (
        "{}자입니다. {}자 이하로 줄이세요.",
        "{} characters; shorten it to {} or fewer.",
    ),
    (
        "제어 문자가 들어 있습니다. 지우세요 (탭과 줄바꿈만 쓸 수 있습니다).",
        "It contains control characters; remove them (only tabs and line breaks are allowed).",
    ),
    (
        "필수 항목입니다. 값을 입력하세요.",
        "Required; please enter a value.",
    ),
    (
        "{}개입니다. {}개 이하로 줄이세요.",
        "{} items; keep {} or fewer.",
    ),
    (
        "`{}`은(는) 날짜가 아닙니다. YYYY 또는 YYYY-MM으로 쓰세요 (예: 2021, 2021-03).",
        "`{}` is not a date; write YYYY or YYYY-MM (e.g. 2021, 2021-03).",
    ),
    (
        "끝({})이 시작({})보다 앞섭니다. 날짜를 바로잡으세요.",
        "The end ({}) is before the start ({}); correct the dates.",
    ),
    (
        "{}년은 올바른 연도가 아닙니다. 1900–2100 사이로 쓰세요.",
        "{} is not a valid year; use 1900–2100.",
    ),
    (
        "`{}`은(는) 웹 주소가 아닙니다. https:// 또는 http://로 시작하는 주소를 쓰세요.",
        "`{}` is not a web address; use one starting with https:// or http://.",
    ),
    (
        "공백이 들어 있습니다. K-0042처럼 공백 없는 키를 쓰세요.",
        "It contains spaces; use a key without spaces, like K-0042.",
    ),
    (
        "영문 소문자 a–z, 숫자, 하이픈(-)만 쓸 수 있습니다 (예: seoyeon-kim).",
        "Only lowercase a–z, digits and hyphens (-) are allowed (e.g. seoyeon-kim).",
    ),
    (
        "필수 항목입니다. 영상의 웹 주소를 입력하세요.",
        "Required; enter the video's web address.",
    ),
    (
        "올바른 ORCID iD가 아닙니다. 0000-0002-1825-0097 형식으로 쓰세요 (마지막 자리는 검증 숫자입니다).",
        "Not a valid ORCID iD; write it like 0000-0002-1825-0097 (the last digit is a check digit).",
    ),
    (
        "이메일 주소가 아닙니다. name@example.re.kr 형식으로 쓰세요.",
        "Not an email address; write it like name@example.re.kr.",
    ),
    (
        "숫자, 공백과 + - ( ) . 만 쓸 수 있습니다.",
        "Only digits, spaces and + - ( ) . are allowed.",
    ),
    (
        "`{}`이(가) 두 번 들어 있습니다. 하나만 남기세요.",
        "`{}` is there twice; keep one.",
    ),
    (
        "`{}`은(는) 날짜가 아닙니다. YYYY-MM-DD로 쓰세요 (예: 2027-03-31).",
        "`{}` is not a date; write YYYY-MM-DD (e.g. 2027-03-31).",
    ),
    // app/src/model/account.rs
    (
        "비밀번호는 {}자 이상이어야 합니다 (지금 {}자). 더 긴 문장을 쓰세요.",
        "A password needs at least {} characters (this one has {}). Use a longer sentence.",
    ),
    (
        "비밀번호는 {}자까지입니다 (지금 {}자).",
        "A password has at most {} characters (this one has {}).",
    ),
    (
        "`{}`은(는) 등록된 부서가 아닙니다. 목록에서 고르거나, 새 부서는 직원에게 등록을 요청하세요.",
        "`{}` is not a registered division. Choose one from the list, or ask staff to add a new one.",
    ),
    (
        "`{}`은(는) 등록된 지역이 아닙니다. 목록에서 고르거나, 새 지역은 직원에게 등록을 요청하세요.",
        "`{}` is not a registered site. Choose one from the list, or ask staff to add a new one.",
    ),
    // app/src/service/account.rs
    (
        "이 주소에서 로그인에 너무 많이 실패해 {}분 동안 로그인을 막았습니다. 잠시 뒤 다시 시도하거나 담당자에게 비밀번호 재설정 링크를 요청하세요.",
        "Too many failed sign-ins from this address: signing in is blocked for {} minutes. Try again later, or ask staff for a password-reset link.",
    ),
    (
        "이 계정에 잘못된 비밀번호가 여러 번 입력되어 {}분 동안 로그인이 잠겼습니다. 본인이 아니라면 비밀번호는 안전합니다. 기다리지 않으려면 담당자에게 비밀번호 재설정 링크를 요청하세요. 링크로 새 비밀번호를 정하면 잠금이 풀리고 바로 로그인할 수 있습니다.",
        "A wrong password was entered for this account several times, so it is locked for {} minutes. If that was not you, your password is still safe. Not to wait, ask staff for a password-reset link: a new password set through it lifts the lock at once.",
    ),
    (
        "이 링크는 이미 사용되었거나 만료되었습니다. 담당자에게 새 링크를 요청하세요.",
        "This link has been used already or has expired. Ask staff for a new one.",
    ),
    // app/src/service/inquiry.rs: what companies send
    ("{}을(를) 입력하세요.", "Please enter the {}."),
    (
        "{}은(는) {}자까지 쓸 수 있습니다. 지금 {}자입니다.",
        "The {} may have up to {} characters; it has {}.",
    ),
    ("회사명", "company name"),
    ("담당자 이름", "contact name"),
    ("이메일", "email"),
    ("전화번호", "phone number"),
    ("문의 내용", "message"),
    ("기술 수요", "technology need"),
    ("연락 희망 시간", "preferred time"),
    (
        "이메일 주소가 올바르지 않습니다. 예: name@company.co.kr",
        "This is not a valid email address, e.g. name@company.co.kr",
    ),
    (
        "전화번호에는 숫자와 + - ( ) 만 쓸 수 있습니다. 예: 031-789-7000",
        "A phone number may only have digits and + - ( ), e.g. 031-789-7000",
    ),
    (
        "도움 받을 분야를 고르세요: {}",
        "Choose the kind of help: {}",
    ),
    (
        "개인정보 수집·이용에 동의해야 문의를 보낼 수 있습니다.",
        "To send an inquiry, please agree to the collection and use of your personal data.",
    ),
    (
        "문의할 연구자를 한 명 이상 고르세요.",
        "Choose at least one researcher to contact.",
    ),
    (
        "한 번에 {}명까지 문의할 수 있습니다. 지금 {}명입니다.",
        "You can contact up to {} researchers at once; this has {}.",
    ),
    (
        "짧은 시간에 문의를 너무 많이 보냈습니다. 한 시간 뒤에 다시 보내 주세요. 작성한 내용은 그대로 남아 있습니다.",
        "Too many inquiries in a short time. Please send again in an hour; what you wrote is kept.",
    ),
    (
        "짧은 시간에 너무 많이 보냈습니다. 한 시간 뒤에 다시 보내 주세요. 작성한 내용은 그대로 남아 있습니다.",
        "Too many requests in a short time. Please send again in an hour; what you wrote is kept.",
    ),
    (
        "문의할 수 없는 연구자가 있습니다(공개되지 않았거나 없는 카드): {}",
        "Some researchers cannot be contacted (their cards are not public or do not exist): {}",
    ),
    (
        "마감일은 YYYY-MM-DD로 쓰세요 (예: 2027-03-31).",
        "Write the deadline as YYYY-MM-DD (e.g. 2027-03-31).",
    ),
    (
        "마감일이 이미 지났습니다. 오늘 이후 날짜를 고르세요.",
        "The deadline has passed; choose a date after today.",
    ),
    (
        "이 문의 추적 링크는 없거나 만료되었습니다. 메일로 받은 링크를 그대로 여세요. 새 링크가 필요하면 기관 담당자에게 연락하세요.",
        "This tracking link does not exist or has expired. Open the link exactly as it came in the email; for a new one, contact the institute.",
    ),
    (
        "종결된 문의입니다. 새로 문의하려면 연구자 카드에서 다시 문의해 주세요.",
        "This inquiry is closed. To ask again, send a new inquiry from the researcher's card.",
    ),
    ("문의 #{}이(가) 없습니다.", "There is no inquiry #{}."),
    (
        "보내지 않은 메일 #{}이(가) 없습니다.",
        "There is no unsent mail #{}.",
    ),
    (
        "종결된 문의에는 답할 수 없습니다. 내부 메모는 남길 수 있습니다.",
        "A closed inquiry cannot be answered; an internal note can still be left.",
    ),
    (
        "보존 기간이 지나 회사 연락처가 지워진 문의입니다.",
        "The retention period has passed and the company's contact details were erased.",
    ),
    (
        "거절하는 이유를 적어 주세요. 회사에 그대로 전달됩니다.",
        "Please give a reason for declining; it is passed on to the company as written.",
    ),
    (
        "종결된 문의는 넘길 수 없습니다.",
        "A closed inquiry cannot be passed on.",
    ),
    (
        "넘길 연구자의 카드가 없거나 공개되지 않았습니다.",
        "The researcher to pass it to has no card, or it is not public.",
    ),
    (
        "이미 이 문의를 받은 연구자입니다.",
        "This researcher has received this inquiry already.",
    ),
    (
        "메모는 {}자까지 쓸 수 있습니다.",
        "A note may have up to {} characters.",
    ),
    ("결과를 고르세요: {}", "Choose the outcome: {}"),
    (
        "불발로 닫을 때는 이유를 적어 주세요.",
        "Please give a reason when closing with no result.",
    ),
    // staff
    (
        "두 용어 a, b를 모두 보내 주세요 (검색어가 될 수 있는 말이어야 합니다)",
        "Send both terms a and b (each must be something one can search for)",
    ),
    (
        "`{}`와 `{}`는 검색에서 같은 말입니다; 서로 다른 두 용어를 보내 주세요",
        "`{}` and `{}` are the same word to the search; send two different terms",
    ),
    (
        "`{}…`: 용어는 {}자까지입니다",
        "`{}…`: a term has at most {} characters",
    ),
    (
        "오류 {}건: 아무것도 가져오지 않았습니다. 표시된 줄을 고친 뒤 파일을 다시 올리세요.",
        "{} errors: nothing was imported. Correct the lines shown, then upload the file again.",
    ),
    // the API's own
    (
        "API에 없는 주소입니다: {}. 모든 주소는 /api/openapi.json 에 있습니다 (no such API route; every route is in /api/openapi.json)",
        "No such API route: {}. Every route is in /api/openapi.json",
    ),
    // search parameters (written in English for the developer calling the API)
    (
        "`{}`: 검색어가 {}자를 넘습니다. 줄여 주세요",
        "`{}`: the query is longer than {} characters; shorten it",
    ),
    (
        "`{}`: page는 1 이상, per_page는 1–{}로 쓰세요",
        "`{}`: use page >= 1 and per_page 1 to {}",
    ),
    (
        "`{}`: 처음 {}건 뒤의 결과로는 넘어갈 수 없습니다. 필터로 검색을 좁히세요",
        "`{}`: results beyond the first {} cannot be paged to; narrow the search with filters",
    ),
    (
        "`{}`: 모르는 협력 방식 `{}`입니다. joint_rnd, tech_transfer, testing, equipment, consulting 중에서 쓰세요",
        "`{}`: unknown offer `{}`; use joint_rnd, tech_transfer, testing, equipment or consulting",
    ),
    (
        "`{}`: 모르는 가능 여부 `{}`입니다. open, limited, closed 중에서 쓰세요",
        "`{}`: unknown availability `{}`; use open, limited or closed",
    ),
    (
        "`{}`: `{}`은(는) 참/거짓 값이 아닙니다. true 또는 false로 쓰세요",
        "`{}`: `{}` is not a boolean; use true or false",
    ),
    (
        "`{}`: 모르는 정렬 `{}`입니다. relevance, updated, name 중에서 쓰세요",
        "`{}`: unknown sort `{}`; use relevance, updated or name",
    ),
    (
        "`{}`: `{}`은(는) 쪽 번호가 아닙니다. 쪽은 1부터입니다",
        "`{}`: `{}` is not a page number; pages start at 1",
    ),
    (
        "`{}`: `{}`은(는) 범위를 벗어납니다. 1–{}로 쓰세요",
        "`{}`: `{}` is out of range; use 1 to {}",
    ),
    // request bodies and sessions
    (
        "본문은 {} 같은 JSON이어야 합니다. 문제{}: {}",
        "the body must be JSON like {}; problem{}: {}",
    ),
    ("본문을 읽지 못했습니다: {}", "cannot read the body: {}"),
    (
        "X-CSRF-Token 헤더가 없거나 틀렸습니다. 로그인 응답의 csrf_token을 보내세요 (GET /api/me 에도 있습니다)",
        "missing or wrong X-CSRF-Token header; send the csrf_token from the login response (also in GET /api/me)",
    ),
];

impl Lang {
    /// `message` in this language, when its pattern is listed in [`MESSAGES`]; a message
    /// that says the same in both languages, `한국어 (English)`, keeps only this language's
    /// half. Anything else is returned as it is.
    pub fn localize(self, message: &str) -> String {
        for &(ko, en) in MESSAGES {
            let (from, to) = match self {
                Lang::En => (ko, en),
                Lang::Ko => (en, ko),
            };
            if let Some(parts) = fill_parts(from, message) {
                let parts: Vec<String> = parts.into_iter().map(|p| self.localize_part(p)).collect();
                return fill(to, &parts);
            }
        }
        bilingual_half(self, message).unwrap_or_else(|| message.to_string())
    }

    /// A filled-in part in this language: a listed word (a field's label, an offer), or a
    /// list of them (`a, b, c`), else the part as it is.
    fn localize_part(self, part: &str) -> String {
        if let Some(word) = self.word(part) {
            return word.to_string();
        }
        if part.contains(", ") {
            return part
                .split(", ")
                .map(|w| self.word(w).unwrap_or(w))
                .collect::<Vec<_>>()
                .join(", ");
        }
        part.to_string()
    }

    /// One word or label in this language, from [`MESSAGES`] or the pages' catalogue.
    fn word(self, text: &str) -> Option<&'static str> {
        let listed = MESSAGES.iter().find_map(|&(ko, en)| match self {
            Lang::En if ko == text && !ko.contains("{}") => Some(en),
            Lang::Ko if en == text && !en.contains("{}") => Some(ko),
            _ => None,
        });
        match self {
            Lang::En => listed.or_else(|| super::english(text)),
            Lang::Ko => listed,
        }
    }

    /// The language `Accept-Language` prefers between Korean and English (Korean when it
    /// names neither): the highest `q`, the first named on a tie.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            let lang = match primary {
                "ko" => Lang::Ko,
                "en" => Lang::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Ko, |(_, lang)| lang)
    }
}

/// The parts that fill `pattern`'s `{}` to make `message`, if it was made from it.
fn fill_parts<'m>(pattern: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let mut literals = pattern.split("{}");
    let first = literals.next()?;
    let rest: Vec<&str> = literals.collect();
    let mut at = message.strip_prefix(first)?;
    if rest.is_empty() {
        return at.is_empty().then(Vec::new);
    }
    let mut parts = Vec::with_capacity(rest.len());
    for (i, literal) in rest.iter().enumerate() {
        let end = if i + 1 == rest.len() {
            // the last literal ends the message
            at.strip_suffix(literal)?.len()
        } else if literal.is_empty() {
            // two parts side by side cannot be told apart
            return None;
        } else {
            at.find(literal)?
        };
        parts.push(&at[..end]);
        at = &at[end + literal.len()..];
    }
    Some(parts)
}

/// `pattern` with its `{}` filled by `parts` in order.
fn fill(pattern: &str, parts: &[String]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut parts = parts.iter();
    let mut literals = pattern.split("{}").peekable();
    while let Some(literal) = literals.next() {
        out.push_str(literal);
        if literals.peek().is_some() {
            out.push_str(parts.next().map_or("", String::as_str));
        }
    }
    out
}

/// This language's half of a message written in both: Korean text, then the English in
/// parentheses at the end.
fn bilingual_half(lang: Lang, message: &str) -> Option<String> {
    let body = message.trim_end().strip_suffix(')')?;
    let open = body.rfind(" (")?;
    let (ko, en) = (body[..open].trim_end(), &body[open + 2..]);
    let hangul = |c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c);
    if !ko.chars().any(hangul) || en.chars().any(hangul) || en.split_whitespace().count() < 4 {
        return None;
    }
    Some(match lang {
        Lang::Ko => ko.to_string(),
        Lang::En => {
            let mut en = en.to_string();
            if let Some(first) = en.get(..1) {
                en.replace_range(..1, &first.to_ascii_uppercase());
            }
            en
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::card::CardRecord;

    fn hangul(text: &str) -> bool {
        text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
    }

    #[test]
    fn patterns_carry_their_parts_into_the_other_language() {
        assert_eq!(
            Lang::En.localize("한 번에 10명까지 문의할 수 있습니다. 지금 12명입니다."),
            "You can contact up to 10 researchers at once; this has 12."
        );
        // a label inside a pattern is translated too
        assert_eq!(
            Lang::En.localize("회사명을(를) 입력하세요."),
            "Please enter the company name."
        );
        assert_eq!(
            Lang::Ko.localize("`per_page`: `0` is out of range; use 1 to 100"),
            "`per_page`: `0`은(는) 범위를 벗어납니다. 1–100로 쓰세요"
        );
        // a message already in the language, or not listed, stays as it is
        assert_eq!(
            Lang::Ko.localize("찾는 연구자 카드가 없습니다."),
            "찾는 연구자 카드가 없습니다."
        );
        assert_eq!(
            Lang::En.localize("처음 보는 말입니다."),
            "처음 보는 말입니다."
        );
        // a message written in both keeps one half
        let both = "다른 사이트에서 보낸 요청은 받지 않습니다. (A request sent from another site is refused.)";
        assert_eq!(
            Lang::En.localize(both),
            "A request sent from another site is refused."
        );
        assert_eq!(
            Lang::Ko.localize(both),
            "다른 사이트에서 보낸 요청은 받지 않습니다."
        );
    }

    #[test]
    fn every_pattern_goes_both_ways() {
        for &(ko, en) in MESSAGES {
            assert_eq!(ko.matches("{}").count(), en.matches("{}").count(), "{ko}");
            assert!(hangul(ko), "{ko}");
            assert!(!hangul(en), "{en}");
            // filled with parts that say nothing of either language, a message returns
            let parts: Vec<String> = (0..ko.matches("{}").count())
                .map(|i| format!("x{i}"))
                .collect();
            let (k, e) = (fill(ko, &parts), fill(en, &parts));
            assert_eq!(Lang::En.localize(&k), e, "{ko}");
            assert_eq!(Lang::Ko.localize(&e), k, "{en}");
        }
    }

    #[test]
    fn every_message_of_a_bad_card_has_its_english() {
        let card: CardRecord = serde_json::from_value(serde_json::json!({
            "id": "K 1",
            "slug": "Bad Slug",
            "name": "",
            "name_en": "x".repeat(500),
            "bio": "a\u{7}b",
            "keywords": ["", "x".repeat(300)],
            "career": [{"organization": "A", "start": "2020-13", "end": "2010"}],
            "publications": [{"title": "T", "year": 1800, "url": "javascript:alert(1)"}],
            "videos": [{"title": "V", "url": ""}],
            "contact": {"email": "nope", "phone": "abc", "orcid": "0000-0000-0000-0000"},
        }))
        .unwrap();
        let errors = card.validate().unwrap_err();
        assert!(errors.len() >= 10, "{errors:?}");
        for e in errors {
            assert!(hangul(&e.message), "{e:?}");
            let en = Lang::En.localize(&e.message);
            assert!(!hangul(&en), "{}: {} → {en}", e.path, e.message);
        }
    }

    #[test]
    fn accept_language_chooses_between_korean_and_english() {
        for (header, lang) in [
            ("en-US,en;q=0.9", Lang::En),
            ("ko-KR,ko;q=0.9,en-US;q=0.8", Lang::Ko),
            ("en;q=0.5, ko;q=0.8", Lang::Ko),
            ("fr-FR, en;q=0.7", Lang::En),
            ("de, fr", Lang::Ko),
            ("*", Lang::Ko),
            ("", Lang::Ko),
            ("en;q=0, ko;q=0", Lang::Ko),
            ("EN", Lang::En),
        ] {
            assert_eq!(Lang::from_accept_language(header), lang, "{header}");
        }
    }
}
