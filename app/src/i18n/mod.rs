//! Korean and English. Korean is the site's language and the catalogue's key: a page
//! writes its Korean text through [`Lang::tr`], and the English page at `/en/…` gets the
//! English of that text from [`english`]. Tables keyed by the text the code already shows
//! (the public pages' here, the researcher's pages' in `researcher`, the staff desk's in
//! `staff`) keep the Korean readable where it is used, need no build step or crate, and a
//! test (below) fails when a text of a page has no English.
//! Texts with numbers or names in them are written per language where they are built.
//!
//! The language lives in the URL: `/en/`, `/en/cards/{slug}`, `/en/match`, a company's
//! pages (`/en/inquiry`, `/en/needs/new`, `/en/track/{token}`, `/en/shortlist`) and the
//! signed-in ones (`/en/login`, `/en/set-password`, `/en/edit/{slug}`, `/en/inbox`,
//! `/en/staff`) are the English pages; every other path is Korean. Switching is a full
//! page load. E-mails and the server-drawn print pages stay Korean.

use leptos::prelude::*;

pub mod messages;
mod researcher;
mod staff;

/// The language of a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// The language of a site path: English under `/en`.
    pub fn of_path(path: &str) -> Lang {
        if path == "/en" || path.starts_with("/en/") || path.starts_with("/en?") {
            Lang::En
        } else {
            Lang::Ko
        }
    }

    /// The BCP 47 code, for `<html lang>` and `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// A site path (beginning with `/`) of a public page, in this language: `/cards/x`
    /// becomes `/en/cards/x`, `/?q=a` becomes `/en/?q=a`. Paths of pages that have no
    /// English version are left alone.
    pub fn path(self, path: &str) -> String {
        let bare = strip(path);
        let bare = bare.as_str();
        match self {
            Lang::Ko => bare.to_string(),
            Lang::En if !has_english(bare) => bare.to_string(),
            Lang::En if bare == "/" => "/en/".to_string(),
            Lang::En if bare.starts_with("/?") => format!("/en{bare}"),
            Lang::En => format!("/en{bare}"),
        }
    }

    /// A researcher's name as a heading shows it: the name to lead with (the English one on
    /// English pages, where the card has one), and the other beside it, or nothing when
    /// the two are the same (`Luc Van Gool` on a card written in English).
    pub fn names(self, name: &str, name_en: &str) -> (String, String) {
        let (first, second) = if self == Lang::En && !name_en.trim().is_empty() {
            (name_en, name)
        } else {
            (name, name_en)
        };
        let second = if second.trim().is_empty()
            || second.trim().to_lowercase() == first.trim().to_lowercase()
        {
            ""
        } else {
            second
        };
        (first.to_string(), second.to_string())
    }

    /// Whether the page at `path` (either language's) exists in both languages.
    pub fn has_version(path: &str) -> bool {
        has_english(&strip(path))
    }

    /// The text `ko` in this language (Korean when the catalogue has no English for it).
    pub fn tr(self, ko: &'static str) -> &'static str {
        match self {
            Lang::Ko => ko,
            Lang::En => english(ko).unwrap_or(ko),
        }
    }

    /// [`Lang::tr`] for a text known only at run time (an error's message): the page
    /// catalogue, else the message patterns of [`messages`].
    pub fn translate(self, ko: &str) -> String {
        match self {
            Lang::En => english(ko).map_or_else(|| self.localize(ko), str::to_string),
            Lang::Ko => ko.to_string(),
        }
    }

    /// `ko` for Korean pages and `en` for English ones: for texts built with numbers or names.
    pub fn pick<T>(self, ko: T, en: T) -> T {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

/// `path` without its `/en` prefix.
pub fn strip(path: &str) -> String {
    match path.strip_prefix("/en") {
        Some("") => "/".into(),
        Some(rest) if rest.starts_with('/') => rest.into(),
        Some(rest) if rest.starts_with('?') => format!("/{rest}"),
        _ => path.into(),
    }
}

/// Whether the page at `path` (without the prefix) has an English version.
fn has_english(path: &str) -> bool {
    let page = path.split(['?', '#']).next().unwrap_or_default();
    page == "/"
        || page.starts_with("/cards/")
        || page.starts_with("/track/")
        || page.starts_with("/edit/")
        || [
            "/match",
            "/inquiry",
            "/needs/new",
            "/shortlist",
            "/login",
            "/set-password",
            "/inbox",
            "/staff",
        ]
        .contains(&page)
}

/// The language of the current page, from the context the app provides.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The English of a Korean text of a page: the public pages' catalogue below, then the
/// researcher's pages' (sign-in, editor, inbox) and the staff desk's.
pub fn english(ko: &str) -> Option<&'static str> {
    public(ko)
        .or_else(|| researcher::english(ko))
        .or_else(|| staff::english(ko))
}

/// The English of a Korean text of the public pages.
fn public(ko: &str) -> Option<&'static str> {
    Some(match ko {
        // header, footer, account links
        "연구자·직원 로그인" => "Sign in (researchers, staff)",
        "관리" => "Staff desk",
        "내 카드" => "My card",
        "받은 문의" => "Inquiries",
        "로그아웃" => "Sign out",
        "R-Card 연구자 찾기" => "R-Card: find a researcher",
        "주 메뉴" => "Main menu",
        "키워드 검색" => "Search",
        "필요한 기술로 찾기" => "Describe your need",
        "공동 연구개발 · 기술이전 · 시험인증 · 장비 활용 · 자문 — 연구자에게 직접 문의하세요. " => {
            "Joint R&D · technology transfer · testing and certification · shared equipment · consulting: contact the researcher directly. "
        }
        "누구에게 물을지 모르겠다면 기술 수요를 등록하세요." => {
            "Not sure whom to ask? Post your technology need."
        }
        "한국어" => "한국어",
        "언어" => "Language",
        // search page
        "기술 분야" => "Technology field",
        "연구 부서" => "Division",
        "지역 거점" => "Site",
        "협력 방식" => "Collaboration",
        "협력 가능 여부" => "Availability",
        "영상" => "Video",
        "소개 영상 있음" => "Has an explainer video",
        "연구자 검색" => "Researcher search",
        "검색하는 중…" => "Searching…",
        "기술, 키워드, 연구자 이름 — 예: 웨이퍼 결함 검출, HBM, 이차전지" => {
            "Technology, keyword or researcher name, in Korean or English: e.g. wafer defect detection, HBM, battery"
        }
        "추천 검색어" => "Suggestions",
        "연구자" => "Researcher",
        "키워드" => "Keyword",
        "검색" => "Search",
        "관련도순" => "Relevance",
        "최근 수정순" => "Recently updated",
        "이름순" => "Name",
        "필터" => "Filters",
        "검색 결과" => "Results",
        "검색 조건" => "Filters",
        "정렬" => "Sort",
        "연관 키워드" => "Related keywords",
        "모든 단어가 들어간 카드가 없어, 일부 단어와 맞는 카드를 보여 줍니다." => {
            "No card has every word; showing cards that match some of them."
        }
        "필요한 기술을 문장으로 적으셨다면, 그 설명 그대로 찾는 편이 더 잘 맞습니다:" => {
            "If you described a need in a sentence, searching with that description finds better matches:"
        }
        "이 설명으로 연구자 찾기" => "Find researchers for this description",
        "조건에 맞는 연구자가 없습니다." => "No researcher matches.",
        "검색어를 줄이거나 선택한 조건을 해제해 보세요. 한국어와 영어 용어(예: 인공지능 / AI)를 바꿔 검색해도 좋습니다." => {
            "Try fewer words or clear a filter. Korean and English terms both work (e.g. 인공지능 / AI)."
        }
        "이런 기술 분야의 연구자를 찾아볼 수 있습니다:" => {
            "You can browse researchers in these fields:"
        }
        "검색어 일부 또는 연관 키워드와 맞는 연구자" => {
            "Researchers matching some of the words or related keywords"
        }
        "페이지" => "Pages",
        "← 이전" => "← Previous",
        "다음 →" => "Next →",
        "협력 문의" => "Contact",
        // card page
        "불러오는 중…" => "Loading…",
        "비슷한 전문성을 가진 연구자" => "Researchers with similar expertise",
        "인쇄용 카드 (A4, QR 코드)" => "Printable card (A4, QR code)",
        "이 카드는 다른 카드와 합쳐졌습니다. " => {
            "This card was merged into another. "
        }
        "최신 카드 보기" => "See the current card",
        "협력 제안" => "Offers",
        "소개" => "About",
        "전문 분야 · 관심 키워드" => "Expertise and interests",
        "소개 영상" => "Explainer videos",
        "연구 과제" => "Projects",
        "논문 · 발표" => "Publications",
        "특허" => "Patents",
        "등록" => "granted",
        "출원" => "filed",
        "경력" => "Career",
        "연락처" => "Contact",
        "이메일 " => "E-mail ",
        "전화 " => "Phone ",
        "협력 문의하기" => "Send an inquiry",
        "문의는 연구자와 부서 협력 담당자에게 함께 전달되고, 답변은 메일과 진행 상황 링크로 받습니다." => {
            "Your inquiry goes to the researcher and the division's partnership contact; answers come by e-mail and through a private status link."
        }
        "연락처 저장 (vCard)" => "Save contact (vCard)",
        "링크" => "Links",
        "홈페이지" => "Homepage",
        "학술 프로필" => "Scholar profile",
        "재생하면 YouTube(쿠키 없는 모드)에서 영상을 불러옵니다" => {
            "Playing loads the video from YouTube (privacy-enhanced mode)"
        }
        "YouTube에서 보기" => "Watch on YouTube",
        // match page
        "회사에 필요한 기술을 문장으로 적으면, 맞는 연구자와 그 근거(논문·과제·특허)를 찾아 드립니다. Describe your need and find researchers who can help." => {
            "Describe the technology your company needs and get the researchers who can help, with the evidence (publications, projects, patents)."
        }
        "필요한 기술로 연구자 찾기" => "Find researchers for your need",
        "해결하고 싶은 문제나 필요한 기술을 편하게 적어 주세요. 한국어와 영어를 섞어 써도 됩니다. 맞는 연구자와 그 근거(과제·논문·특허·키워드)를 보여 드립니다." => {
            "Describe the problem to solve or the technology you need, in English or Korean. You get matching researchers and the evidence: projects, publications, patents, keywords."
        }
        "필요한 기술 설명" => "Your need",
        "예: 반도체 후공정 라인에서 웨이퍼 표면 결함을 카메라 영상으로 자동 검출하고 싶습니다. 딥러닝 기반 검사 장비를 함께 개발할 연구자를 찾습니다." => {
            "e.g. We want to detect wafer surface defects automatically from camera images on our back-end line, and look for researchers to co-develop deep-learning inspection equipment."
        }
        "찾는 중…" => "Searching…",
        "연결이 끊겼습니다. 잠시 후 다시 시도해 주세요." => {
            "The connection failed. Please try again in a moment."
        }
        "연구자 찾기" => "Find researchers",
        "이 기능은 JavaScript가 필요합니다. 키워드 검색은 JavaScript 없이도 됩니다." => {
            "This needs JavaScript. The keyword search works without it."
        }
        "맞는 연구자를 찾지 못했습니다." => "No researcher matched.",
        "핵심 기술 용어(예: 머신비전, 이차전지, 5G)를 넣어 다시 설명해 보세요." => {
            "Try again with the key technical terms (e.g. machine vision, secondary battery, 5G)."
        }
        "기술 수요로 등록하면 기관 담당자가 맞는 연구자를 찾아 드립니다." => {
            "Register it as a technology need and the institute's staff will find the right researcher."
        }
        "찾은 핵심어" => "Key terms found",
        "딱 맞는 연구자가 없나요? 기술 수요를 등록하면 기관이 찾아 전달합니다." => {
            "No exact match? Register a technology need and the institute will route it."
        }
        "← 검색 결과로 돌아가기" => "← Back to the search results",
        "과제" => "Project",
        "논문" => "Publication",
        "기타" => "Other",
        "근거" => "Evidence",
        "✓ 담음" => "✓ Saved",
        "☆ 관심 목록" => "☆ Shortlist",
        // errors and not found
        "주소를 확인하거나 검색에서 다시 찾아 보세요." => {
            "Check the address, or find the card again through the search."
        }
        "검색 조건을 고쳐 다시 시도해 주세요." => {
            "Correct the search and try again."
        }
        "표시된 항목을 고쳐 주세요." => "Correct the marked fields.",
        "새로 고침한 뒤 다시 시도해 주세요." => "Reload the page and try again.",
        "로그인한 뒤 다시 시도해 주세요." => "Sign in and try again.",
        "이 카드를 맡은 연구자나 담당 직원에게 문의해 주세요." => {
            "Ask the card's researcher or the staff in charge."
        }
        "잠시 기다린 뒤 다시 시도해 주세요." => "Wait a moment and try again.",
        "서버 관리자에게 알려 주세요." => "Please tell the server's administrator.",
        "잠시 후 다시 시도해 주세요." => "Please try again in a moment.",
        "찾을 수 없음" => "Not found",
        "페이지를 찾을 수 없습니다" => "Page not found",
        "주소가 바뀌었거나 카드가 더 이상 공개되지 않습니다." => {
            "The address changed, or the card is no longer public."
        }
        "연구자 검색으로 돌아가기" => "Back to the researcher search",
        // the fixed messages of errors (crate::error::AppError)
        "찾는 연구자 카드가 없습니다." => "There is no such researcher card.",
        "입력한 내용을 확인해 주세요." => "Please check what you entered.",
        "이 작업을 할 권한이 없습니다." => "You may not do this.",
        "서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요." => {
            "Something went wrong on the server. Please try again in a moment."
        }
        // model labels
        "협력 가능" => "Open to collaboration",
        "제한적" => "Limited",
        "당분간 불가" => "Not for now",
        "공동 연구개발" => "Joint R&D",
        "기술이전" => "Technology transfer",
        "시험·인증" => "Testing and certification",
        "장비 활용" => "Shared equipment",
        "자문·교육" => "Consulting and training",
        // a company's pages: inquiry, need, tracking, shortlist
        " (필수)" => " (required)",
        "회사명" => "Company",
        "담당자 이름" => "Your name",
        "이메일" => "Email",
        "전화번호 (선택)" => "Phone (optional)",
        "웹사이트 (비워 두세요)" => "Website (leave empty)",
        " 개인정보 수집·이용에 동의합니다 (필수)" => {
            " I agree to the collection and use of my personal data (required)"
        }
        "진행 상황 보기" => "Follow its progress",
        "문의할 연구자를 고르지 않았거나, 고른 연구자의 카드가 공개되어 있지 않습니다. " => {
            "No researcher was chosen, or the chosen researcher's card is not public. "
        }
        "에서 연구자를 찾아 ‘협력 문의하기’를 누르세요." => {
            " for a researcher and press ‘Send an inquiry’."
        }
        "받는 연구자" => "To",
        "이 연구자는 당분간 협력이 어려워, 문의는 부서 협력 담당자가 먼저 받습니다." => {
            "This researcher is not taking on work for now, so the division's liaison receives the inquiry first."
        }
        "문의는 연구자와 소속 부서의 협력 담당자에게 함께 전달됩니다. 연구자의 개인 연락처는 공개되지 않으며, 답변은 메일과 진행 상황 페이지로 받습니다." => {
            "The inquiry goes to the researcher and to their division's liaison. The researcher's own contact details stay private; answers come by email and on the progress page."
        }
        "문의를 보냈습니다" => "Your inquiry was sent",
        "도움 받을 분야 (필수)" => "Kind of help (required)",
        "고르세요" => "Choose",
        "문의 내용 (필수)" => "Message (required)",
        "무엇을 함께 하고 싶은지, 일정과 규모를 적어 주세요. 예: 센서 모듈 EMC 시험을 다음 달 안에 의뢰하고 싶습니다." => {
            "What would you like to do together, when, and at what scale? E.g. we would like EMC testing of a sensor module within the next month."
        }
        "연락 희망 시간 (선택)" => "Best time to reach you (optional)",
        "보내는 중…" => "Sending…",
        "문의 보내기" => "Send inquiry",
        "문의를 보내려면 JavaScript가 필요합니다. 어렵다면 카드에 있는 부서 연락처로 연락해 주세요." => {
            "Sending an inquiry needs JavaScript. Otherwise, use the division's contact on the card."
        }
        "기술 수요 등록" => "Post a technology need",
        "어느 연구자에게 물어야 할지 모를 때, 필요한 기술을 적어 주세요. 기관 담당자가 맞는 연구자를 찾아 전달하고, 연구자의 답변은 메일과 진행 상황 페이지로 받습니다." => {
            "Not sure whom to ask? Describe the technology you need. The institute's staff find the right researchers and pass it on; their answers come by email and on the progress page."
        }
        "기술 수요를 등록했습니다" => "Your need was posted",
        "필요한 도움 (필수)" => "Help needed (required)",
        "필요한 기술 (필수)" => "Technology needed (required)",
        "해결하려는 문제, 지금의 방법, 바라는 결과를 적어 주세요. 예: 사출 성형품의 미세 기포를 라인에서 자동으로 찾고 싶습니다." => {
            "The problem, how you handle it now, and the result you want. E.g. we want to find tiny bubbles in injection-moulded parts on the line, automatically."
        }
        "답변이 필요한 날 (선택, YYYY-MM-DD)" => "Answer needed by (optional, YYYY-MM-DD)",
        "기술 수요 보내기" => "Send the need",
        "문의 진행 상황" => "Inquiry progress",
        "진행 단계" => "Steps",
        "기관 담당자가 이 기술 수요에 맞는 연구자를 찾고 있습니다. 전달되면 이 페이지와 메일로 알려 드립니다." => {
            "The institute's staff are looking for researchers for this need. You will hear here and by email when it is passed on."
        }
        "전달된 연구자" => "Passed on to",
        "문의한 연구자" => "Researchers asked",
        "메시지" => "Messages",
        "메시지 남기기" => "Leave a message",
        "보내기" => "Send",
        "접수" => "Received",
        "전달" => "Forwarded",
        "답변" => "Answered",
        "협의 중" => "In discussion",
        "종결" => "Closed",
        "회사" => "Company",
        "기관 담당자" => "Institute staff",
        "공동과제" => "Joint project",
        "시험 의뢰" => "Testing",
        "장비 사용" => "Equipment use",
        "자문" => "Consulting",
        "불발" => "No result",
        "관심 목록 비교" => "Compare your shortlist",
        "공유받은 목록입니다. " => "This list was shared with you. ",
        "내 관심 목록으로 저장" => "Save as my shortlist",
        "관심 목록이 비어 있습니다. 검색 결과나 카드에서 ‘☆ 관심 목록’을 눌러 연구자를 담으세요. 목록은 이 브라우저에만 저장됩니다." => {
            "Your shortlist is empty. Press ‘☆ Shortlist’ on a search result or a card to keep a researcher. The list is kept in this browser only."
        }
        "모두에게 한 번에 문의하기" => "Contact them all at once",
        "CSV 내려받기" => "Download CSV",
        "공유 링크" => "Share link",
        "연구자 비교표" => "Researchers compared",
        "항목" => "Item",
        "소속" => "Affiliation",
        "최근 과제" => "Recent projects",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_shown_once_when_both_spellings_are_the_same() {
        let names = |lang: Lang, ko: &str, en: &str| lang.names(ko, en);
        assert_eq!(
            names(Lang::Ko, "김서연", "Seoyeon Kim"),
            ("김서연".into(), "Seoyeon Kim".into())
        );
        assert_eq!(
            names(Lang::En, "김서연", "Seoyeon Kim"),
            ("Seoyeon Kim".into(), "김서연".into())
        );
        assert_eq!(
            names(Lang::En, "김서연", " "),
            ("김서연".into(), String::new())
        );
        assert_eq!(
            names(Lang::Ko, "Luc Van Gool", "luc van gool "),
            ("Luc Van Gool".into(), String::new())
        );
        assert_eq!(
            names(Lang::En, "Luc Van Gool", "Luc Van Gool"),
            ("Luc Van Gool".into(), String::new())
        );
    }

    #[test]
    fn paths_move_between_languages() {
        assert_eq!(Lang::En.path("/"), "/en/");
        assert_eq!(Lang::En.path("/?q=HBM&page=2"), "/en/?q=HBM&page=2");
        assert_eq!(Lang::En.path("/cards/seoyeon-kim"), "/en/cards/seoyeon-kim");
        assert_eq!(Lang::En.path("/match"), "/en/match");
        assert_eq!(Lang::En.path("/login"), "/en/login");
        assert_eq!(Lang::En.path("/edit/a"), "/en/edit/a");
        // pages without an English version stay as they are
        assert_eq!(
            Lang::En.path("/staff/print?division=x"),
            "/staff/print?division=x"
        );
        assert_eq!(Lang::En.path("/api/health"), "/api/health");
        assert_eq!(Lang::En.path("/inquiry?cards=a,b"), "/en/inquiry?cards=a,b");
        assert_eq!(Lang::En.path("/track/abc"), "/en/track/abc");
        assert_eq!(Lang::Ko.path("/en/cards/a"), "/cards/a");
        assert_eq!(Lang::Ko.path("/en/"), "/");
        assert_eq!(Lang::En.path("/en/cards/a"), "/en/cards/a");
        // the language switch shows only where the other language has the page
        for path in [
            "/",
            "/en/",
            "/cards/a",
            "/en/cards/a",
            "/match",
            "/en/match",
            "/login",
            "/en/login",
            "/edit/a",
            "/staff",
            "/inbox",
        ] {
            assert!(Lang::has_version(path), "{path}");
        }
        for path in ["/inquiryx", "/staff/print", "/edit", "/en/staffs"] {
            assert!(!Lang::has_version(path), "{path}");
        }
        for (path, lang) in [
            ("/en/", Lang::En),
            ("/en", Lang::En),
            ("/en/cards/a", Lang::En),
            ("/", Lang::Ko),
            ("/engineering", Lang::Ko),
            ("/cards/en", Lang::Ko),
        ] {
            assert_eq!(Lang::of_path(path), lang, "{path}");
        }
    }

    /// Every Korean text of the pages has its English: it is in the catalogue, or
    /// it is the Korean half of a `pick(ko, en)`. Texts with `{…}` are built per language.
    #[test]
    fn the_public_pages_are_translated() {
        let sources = [
            include_str!("../lib.rs"),
            include_str!("../pages/search_page.rs"),
            include_str!("../pages/card_page.rs"),
            include_str!("../pages/match_page.rs"),
            include_str!("../pages/not_found.rs"),
            include_str!("../components/card_view.rs"),
            include_str!("../components/match_hit.rs"),
            include_str!("../components/shortlist.rs"),
            include_str!("../components/error_view.rs"),
            include_str!("../pages/inquiry_page.rs"),
            include_str!("../pages/shortlist_page.rs"),
            include_str!("../pages/login_page.rs"),
            include_str!("../pages/inbox_page.rs"),
            include_str!("../pages/editor/mod.rs"),
            include_str!("../pages/editor/fields.rs"),
            include_str!("../pages/editor/conflict.rs"),
            include_str!("../pages/editor/history.rs"),
            include_str!("../pages/editor/staff.rs"),
            include_str!("../components/changes.rs"),
            include_str!("../pages/staff_page.rs"),
        ];
        let hangul = |c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c);
        let mut missing = Vec::new();
        let mut seen = 0;
        for source in sources {
            // a file's tests hold sample cards, not texts of the page
            let source = source.split("#[cfg(test)]").next().unwrap_or_default();
            let mut rest = source;
            let mut at = 0;
            while let Some(open) = rest.find('"') {
                let Some(len) = rest[open + 1..].find('"') else {
                    break;
                };
                let text = &rest[open + 1..open + 1 + len];
                let start = at + open;
                at += open + len + 2;
                rest = &rest[open + len + 2..];
                if !text.chars().any(hangul) || text.contains('{') || text.contains('\n') {
                    continue;
                }
                seen += 1;
                let before = &source[source[..start]
                    .char_indices()
                    .rev()
                    .nth(120)
                    .map_or(0, |(i, _)| i)..start];
                if english(text).is_none() && !before.contains("pick(") {
                    missing.push(text.to_string());
                }
            }
        }
        assert!(seen > 300, "only {seen} Korean texts found");
        assert!(missing.is_empty(), "no English for: {missing:#?}");
    }

    /// The labels the editor, its history and the staff desk show for a card's fields and
    /// for where a version came from have their English.
    #[test]
    fn field_and_source_labels_are_translated() {
        use crate::model::account::{FIELD_ORDER, field_label, source_label};
        // every field a real card has is among them
        for line in include_str!("../../../server/tests/fixtures/cards.jsonl").lines() {
            let card: crate::model::card::CardRecord = serde_json::from_str(line).unwrap();
            let card = serde_json::to_value(card).unwrap();
            for key in card.as_object().unwrap().keys() {
                assert!(FIELD_ORDER.contains(&key.as_str()), "{key} has no label");
            }
        }
        for key in FIELD_ORDER {
            let label = field_label(key);
            assert_ne!(label, *key, "no Korean label for the field {key}");
            assert!(
                english(label).is_some(),
                "no English for the field label {label}"
            );
        }
        for source in [
            "import",
            "researcher",
            "staff",
            "revert",
            "review",
            "archive",
            "restore",
            "create",
            "merge",
        ] {
            let label = source_label(source);
            assert!(
                english(label).is_some(),
                "no English for the source {label}"
            );
        }
    }
}
