//! The English pages under `/en/` (issue 17): the same directory, every public text in
//! English, `<html lang>`, `hreflang` alternates, and links that stay in English.

use crate::enc;
use crate::helpers::TestApp;

/// Whether the page has a `<link rel=…>` (with `hreflang`, when given) to a URL ending so.
fn has_link(html: &str, rel: &str, hreflang: &str, href_end: &str) -> bool {
    html.split("<link").any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        tag.contains(&format!("rel=\"{rel}\""))
            && (hreflang.is_empty() || tag.contains(&format!("hreflang=\"{hreflang}\"")))
            && tag.contains(&format!("{href_end}\""))
    })
}

#[tokio::test]
async fn english_pages_have_english_text_language_and_links() {
    let (app, _dir) = TestApp::with_fixture().await;

    let (status, html) = app.get(&format!("/en/?q={}", enc("wafer"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"en\""), "html lang");
    for text in [
        "Researcher search",
        "researchers for ‘wafer’",
        "Relevance",
        "Technology field",
        "Contact</a>",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    for korean in ["관련도순", "검색 결과", "키워드 검색", "협력 문의</a>"] {
        assert!(
            !html.contains(korean),
            "Korean UI text {korean} on an English page"
        );
    }
    assert!(
        html.contains("href=\"/en/cards/seoyeon-kim?q=wafer\""),
        "hits stay in English, with the search's topic"
    );
    assert!(html.contains("Seoyeon Kim</a>"), "the English name leads");
    assert!(
        html.contains("action=\"/en/\""),
        "the search form stays in English"
    );
    assert!(has_link(&html, "alternate", "ko", "/?q=wafer"));
    assert!(has_link(&html, "alternate", "en", "/en/?q=wafer"));
    assert!(has_link(&html, "canonical", "", "/en/?q=wafer"));
    assert!(
        html.contains("href=\"/?q=wafer\" rel=\"external\""),
        "the switch leads to the same search in Korean"
    );

    let (status, html) = app.get("/en/cards/seoyeon-kim").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\""));
    assert!(
        html.contains("<title>Seoyeon Kim · R-Card</title>"),
        "title in English"
    );
    for text in [
        "About",
        "Expertise and interests",
        "Publications",
        "Contact",
        "Save contact (vCard)",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    assert!(
        !html.contains(">소개<") && !html.contains(">연락처<"),
        "Korean headings"
    );
    assert!(has_link(&html, "alternate", "ko", "/cards/seoyeon-kim"));
    assert!(has_link(&html, "canonical", "", "/en/cards/seoyeon-kim"));

    let (status, html) = app.get("/en/match").await;
    assert_eq!(status, 200);
    assert!(html.contains("Find researchers for your need"));

    let (status, html) = app.get("/en/cards/nobody").await;
    assert_eq!(status, 404);
    assert!(
        html.contains("Page not found") || html.contains("no such researcher card"),
        "{html}"
    );

    // Korean stays the default, with a switch to the English page
    let (status, html) = app.get("/cards/seoyeon-kim").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ko\""));
    assert!(html.contains(">소개<"));
    assert!(html.contains("href=\"/en/cards/seoyeon-kim\" rel=\"external\""));
    assert!(has_link(&html, "alternate", "en", "/en/cards/seoyeon-kim"));
}

#[tokio::test]
async fn a_company_can_contact_a_researcher_in_english() {
    let (app, _dir) = TestApp::with_fixture().await;
    // the English card leads to the English form
    let (_, card) = app.get("/en/cards/seoyeon-kim").await;
    assert!(
        card.contains("href=\"/en/inquiry?cards=seoyeon-kim\""),
        "the contact button stays in English"
    );
    let (status, html) = app.get("/en/inquiry?cards=seoyeon-kim").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\""));
    for text in [
        "Company<!> (required)",
        "Kind of help (required)",
        "Message (required)",
        "Send inquiry",
        "Without consent the inquiry cannot be sent.",
        "Testing and certification",
    ] {
        let at = html.find("for=\"company\"").unwrap_or(0);
        assert!(
            html.contains(text),
            "missing {text}: {}",
            &html[at..(at + 300).min(html.len())]
        );
    }
    for korean in ["회사명", "문의 보내기", "고르세요", "개인정보"] {
        assert!(
            !html.contains(korean),
            "Korean UI text {korean} on an English page"
        );
    }
    // the Korean form is unchanged, and switches to the English one
    let (_, html) = app.get("/inquiry?cards=seoyeon-kim").await;
    assert!(html.contains("회사명") && html.contains("문의 보내기"));
    assert!(html.contains("href=\"/en/inquiry?cards=seoyeon-kim\" rel=\"external\""));
    // a company's other pages
    let (status, html) = app.get("/en/needs/new").await;
    assert_eq!(status, 200);
    assert!(html.contains("Post a technology need") && !html.contains("기술 수요 등록"));
    let (status, html) = app.get("/en/shortlist").await;
    assert_eq!(status, 200);
    assert!(html.contains("Compare your shortlist"));
    // the signed-in pages have their English too: sign-in switches to it
    let (_, html) = app.get("/login").await;
    assert!(html.contains("<a href=\"/en/login\" rel=\"external\" hreflang=\"en\""));
    let (status, html) = app.get("/en/login").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\"") && html.contains("Sign in (researchers, staff)"));
    assert!(
        !html.contains("비밀번호"),
        "Korean UI text on the English sign-in"
    );
    // a page that exists in no language has no switch
    let (_, html) = app.get("/no-such-page").await;
    assert!(!html.contains("class=\"lang-switch\""));
    app.stop().await;
}
