//! The public pages load the small public script, the desk pages the app (issue 17), and
//! the need form's results come from the server as HTML.

use crate::helpers::{TestApp, database_url, fixture, rcard};
use server::Config;

/// A server whose site root is `dir/site`, so that its public script is read from
/// `dir/enhance`, with the fixture cards.
async fn spawn_with_site(dir: &std::path::Path) -> TestApp {
    let data = dir.join("data");
    let out = rcard(&data, &["import", fixture().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = Config {
        data_dir: data.clone(),
        database_url: database_url(&data),
        index_dir: None,
        demo: false,
        dictionary: None,
        smtp_url: None,
        mail_from: None,
    };
    let mut options = server::leptos_options();
    options.site_root = dir.join("site").to_string_lossy().to_string().into();
    TestApp::spawn_options(&config, options).await
}

#[tokio::test]
async fn public_pages_load_the_public_script_and_desk_pages_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let enhance = dir.path().join("enhance");
    std::fs::create_dir_all(&enhance).unwrap();
    let hash = "0123456789abcdef0123";
    std::fs::write(
        enhance.join(format!("rcard-enhance.{hash}.js")),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(enhance.join(format!("rcard-enhance.{hash}.wasm")), b"\0asm").unwrap();
    std::fs::write(enhance.join("HASH"), format!("{hash}\n")).unwrap();
    let app = spawn_with_site(dir.path()).await;
    let script = format!("/enhance/rcard-enhance.{hash}.js");

    for page in [
        "/",
        "/?q=wafer",
        "/en/",
        "/match",
        "/en/match",
        "/cards/seoyeon-kim",
        "/no-such-page",
    ] {
        let (_, html) = app.get(page).await;
        assert!(html.contains(&script), "{page} loads the public script");
        assert!(
            !html.contains("href=\"/pkg/rcard.js"),
            "{page} does not load the app"
        );
    }
    for page in ["/login", "/en/login", "/shortlist", "/needs/new", "/staff"] {
        let (_, html) = app.get(page).await;
        assert!(
            html.contains("href=\"/pkg/rcard.js"),
            "{page} loads the app"
        );
        assert!(
            !html.contains("/enhance/"),
            "{page} does not load the public script"
        );
    }

    // the hashed files are served for a year
    let r = app
        .client
        .get(format!("{}{script}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let cache = r.headers()["cache-control"].to_str().unwrap().to_string();
    assert!(cache.contains("immutable"), "{cache}");

    // a rebuild while the server runs is picked up
    let newer = "fedcba9876543210fedc";
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(enhance.join("HASH"), format!("{newer}\n")).unwrap();
    let (_, html) = app.get("/").await;
    assert!(
        html.contains(&format!("rcard-enhance.{newer}.wasm")),
        "the new hash is used"
    );

    // a broken HASH file: the pages work without script rather than load a wrong name
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(enhance.join("HASH"), "../../etc/passwd").unwrap();
    let (status, html) = app.get("/").await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("/enhance/"),
        "no script from a malformed HASH"
    );
}

#[tokio::test]
async fn without_a_built_script_public_pages_still_work() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, html) = app.get("/?q=wafer").await;
    assert_eq!(status, 200);
    assert!(!html.contains("/enhance/") && !html.contains("href=\"/pkg/rcard.js"));
    assert!(html.contains("id=\"search-body\""));
}

#[tokio::test]
async fn the_need_form_gets_researchers_as_html_in_the_page_language() {
    let (app, _dir) = TestApp::with_fixture().await;
    let post = |path: &'static str, text: &'static str| {
        app.client
            .post(format!("{}{path}", app.base))
            .form(&[("text", text)])
            .send()
    };
    let need = "저희 공장에서 반도체 웨이퍼의 표면 결함을 카메라로 자동 검출하고 싶습니다.";
    let r = post("/match/results", need).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"match-results\""), "{html}");
    assert!(html.contains("class=\"hit match-hit\""), "{html}");
    assert!(html.contains("<mark>"), "the evidence is marked");
    assert!(html.contains("찾은 핵심어"));
    // the shortlist buttons carry what the public script needs
    assert!(html.contains("data-slug=\"") && html.contains("data-label-add=\""));
    assert!(!html.contains("<html"), "a fragment, not a page");

    let html = post("/en/match/results", need)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Key terms found") || html.contains("Contact"),
        "{html}"
    );
    assert!(!html.contains("찾은 핵심어"));

    // nothing to match: the error, in the page's language, with its status
    let r = post("/match/results", "   ").await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\""), "{html}");

    // script in the text comes back escaped
    let html = post(
        "/match/results",
        "<script>alert(1)</script> 웨이퍼 결함 검출",
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(!html.contains("<script>"), "{html}");
}
