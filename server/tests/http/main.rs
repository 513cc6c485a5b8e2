//! Integration tests against a real server on a loopback port, with a temporary data
//! directory and the real `rcard` binary for imports.

mod accounts;
mod api_language;
mod cli;
mod english;
mod helpers;
mod inquiries;
mod nodes;
mod openapi;
mod ops;
mod public_script;
mod related;
mod robustness;
mod rpc;
mod smtp;

use app::model::search::MAX_NEED_CHARS;
use helpers::{TestApp, fixture, rcard};
use serde_json::Value;
use std::path::Path;

fn enc(s: &str) -> String {
    app::model::search::encode_component(s)
}

#[tokio::test]
async fn search_page_is_server_rendered_with_results_and_facets() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, html) = app.get(&format!("/?q={}", enc("반도체를"))).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"id="results""#), "results list rendered");
    assert!(html.contains("김서연"), "the matching card is in the HTML");
    assert!(!html.contains("최유진"), "drafts never appear");
    assert!(!html.contains("정하늘"), "archived cards never appear");
    assert!(html.contains(r#"data-facet="site""#));
    assert!(html.contains("<mark>"), "snippets are highlighted");
    assert!(
        html.contains(r#"action="/""#) && html.contains(r#"name="q""#),
        "a plain GET form"
    );
}

#[tokio::test]
async fn facet_links_are_plain_urls_that_filter_results() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, all) = app.json("/api/search").await;
    assert_eq!(all["total"], 4, "published cards only: {all}");
    let (_, html) = app.get(&format!("/?site={}", enc("광주"))).await;
    assert!(html.contains("박지훈"));
    assert!(!html.contains("김서연"));
}

#[tokio::test]
async fn api_search_returns_the_documented_shape() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, body) = app
        .json(&format!("/api/search?q={}&per_page=5", enc("웨이퍼 결함")))
        .await;
    assert_eq!(status, 200);
    for key in ["total", "page", "per_page", "took_ms", "hits", "facets"] {
        assert!(body.get(key).is_some(), "missing `{key}`: {body}");
    }
    let hit = &body["hits"][0];
    for key in [
        "id",
        "external_id",
        "slug",
        "name",
        "name_en",
        "position",
        "organization",
        "division",
        "site",
        "fields",
        "keywords",
        "snippet",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks `{key}`: {hit}");
    }
    assert_eq!(hit["external_id"], "T-001");
    for facet in ["field", "division", "site", "offer", "has_video"] {
        assert!(body["facets"][facet].is_array(), "facet `{facet}`: {body}");
    }
    assert_eq!(
        body["facets"]["has_video"][0],
        serde_json::json!({"value": "true", "count": 1})
    );
}

#[tokio::test]
async fn a_hit_counts_its_works_on_the_topic_or_on_part_of_it() {
    let (app, _dir) = TestApp::with_fixture().await;
    // 김서연's project `AI 기반 반도체 검사 장비 개발` has both words
    let (_, body) = app
        .json(&format!("/api/search?q={}", enc("반도체 검사")))
        .await;
    let hit = &body["hits"][0];
    assert_eq!(hit["external_id"], "T-001", "{body}");
    assert_eq!(hit["evidence"]["projects"], 1, "{hit}");
    assert!(hit["evidence"].get("partial").is_none(), "{hit}");
    // no card says `수율`: the hit is partial, and so are the works it counts
    let (_, body) = app
        .json(&format!("/api/search?q={}", enc("반도체 검사 수율")))
        .await;
    let hit = &body["hits"][0];
    assert_eq!(hit["external_id"], "T-001", "{body}");
    assert_eq!(hit["partial"], true, "{hit}");
    assert_eq!(hit["evidence"]["projects"], 1, "{hit}");
    assert_eq!(hit["evidence"]["partial"], true, "{hit}");
    let (_, html) = app.get(&format!("/?q={}", enc("반도체 검사 수율"))).await;
    assert!(html.contains("관련 과제 1건"), "the page says so in Korean");
}

#[tokio::test]
async fn api_facets_combine_and_keep_their_own_counts() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, body) = app
        .json("/api/search?offer=testing&offer=tech_transfer&site=%EA%B4%91%EC%A3%BC")
        .await;
    assert_eq!(body["total"], 1);
    let offers: Vec<&str> = body["facets"]["offer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert!(
        offers.contains(&"testing") && offers.contains(&"equipment"),
        "{offers:?}"
    );
    let sites = body["facets"]["site"].as_array().unwrap();
    assert!(
        sites.len() >= 2,
        "the site facet ignores its own selection: {sites:?}"
    );
}

#[tokio::test]
async fn api_bad_parameters_are_400_with_a_json_error() {
    let (app, _dir) = TestApp::with_fixture().await;
    for query in [
        "page=0",
        "per_page=1000",
        "sort=best",
        "offer=lunch",
        "has_video=maybe",
        "page=abc",
    ] {
        let (status, body) = app.json(&format!("/api/search?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], "bad_request", "{query}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }
    let long = "가".repeat(600);
    let (status, _) = app.json(&format!("/api/search?q={}", enc(&long))).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn api_card_hides_private_contacts_and_unknown_cards_are_404() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, search) = app.json(&format!("/api/search?q={}", enc("김서연"))).await;
    let slug = search["hits"][0]["slug"].as_str().unwrap().to_string();
    assert_eq!(slug, "seoyeon-kim");
    let (status, card) = app.json(&format!("/api/cards/{slug}")).await;
    assert_eq!(status, 200);
    assert!(
        card["contact"].get("email").is_none(),
        "a hidden email never leaves the server: {card}"
    );
    assert_eq!(card["contact"]["phone"], "031-000-0001");
    assert_eq!(card["career"][0]["organization"], "SK하이닉스");
    let (status, body) = app.json("/api/cards/no-such-card").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, body) = app.json("/api/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn card_page_has_every_section_and_metadata() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, html) = app.get("/cards/seoyeon-kim").await;
    assert_eq!(status, 200);
    for text in [
        "김서연",
        "SK하이닉스",
        "AI 기반 반도체 검사 장비 개발",
        "Wafer defect detection",
        "웨이퍼 결함 분류 방법",
        "결함 검출 소개",
        "공동 연구개발",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    assert!(html.contains(r#"application/ld+json"#) && html.contains(r#""@type":"Person""#));
    assert!(html.contains(r#"property="og:title""#));
    assert!(
        !html.contains("s.kim@example.re.kr"),
        "hidden email is not rendered"
    );
    assert!(html.contains("031-000-0001"));
    assert!(
        !html.contains("<iframe"),
        "videos load nothing until clicked"
    );
}

#[tokio::test]
async fn unknown_and_draft_cards_get_a_404_page_and_archived_cards_say_who_to_contact() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, html) = app.get("/cards/nobody").await;
    assert_eq!(status, 404);
    assert!(html.contains("찾을 수 없습니다"));
    let (status, _) = app.get("/cards/t-004").await;
    assert_eq!(status, 404, "drafts are not public");
    let (status, html) = app.get("/cards/haneul-jung").await;
    assert_eq!(status, 200);
    assert!(html.contains("더 이상 재직하지 않습니다") && html.contains("스마트제조혁신센터"));
    assert!(
        !html.contains("h.jung@example.re.kr"),
        "archived cards show no contact"
    );
}

#[tokio::test]
async fn user_supplied_markup_is_rendered_as_text() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, html) = app.get(&format!("/?q={}", enc("XSS"))).await;
    assert!(html.contains("Script Test"));
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "name is escaped in results"
    );
    assert!(!html.contains("<b>XSS</b>"));
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    let (_, html) = app.get("/cards/script-test").await;
    assert!(
        !html.contains("<script>alert(1)"),
        "name is escaped on the card page, title included"
    );
    assert!(!html.contains("<img src=x"), "bio is escaped");
    assert!(
        !html.contains(r#""name":"</"#),
        "JSON-LD cannot close the script element"
    );
}

#[tokio::test]
async fn the_index_is_rebuilt_when_its_directory_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(out.status.success());
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let app = TestApp::spawn(dir.path()).await;
    let (_, body) = app.json(&format!("/api/search?q={}", enc("배터리"))).await;
    assert_eq!(body["total"], 1, "{body}");
    app.stop().await;

    // an unreadable index is replaced too
    std::fs::write(dir.path().join("index/meta.json"), b"{ not json").unwrap();
    let app = TestApp::spawn(dir.path()).await;
    let (_, body) = app.json("/api/search").await;
    assert_eq!(body["total"], 4, "{body}");
    app.stop().await;
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_invalid_file_is_rejected_whole_with_every_error_listed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    let lines = [
        r#"{"id":"OK-1","name":"정상 카드"}"#,
        r#"{"id":"B-1","name":"김","career":[{"organization":"A","start":"2021/03"}]}"#,
        r#"{"id":"B-2"}"#,
        r#"{"id":"B-3","name":"김", "#,
        r#"{"id":"B-4","name":"김","publications":[{"title":"x","year":"2023"}]}"#,
        r#"{"id":"OK-1","name":"중복"}"#,
        r#"{"id":"B-5","name":"김","videos":[{"url":"javascript:alert(1)"}],"hobby":"x"}"#,
        &format!(r#"{{"id":"B-6","name":"{}"}}"#, "가".repeat(300)),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let data = dir.path().join("data");
    let out = rcard(&data, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for expected in [
        "line 2: career[0].start:",
        "line 3: name: is missing",
        "line 4: not valid JSON",
        "line 5: publications[0].year: invalid type",
        "line 6: id: `OK-1` already appears on line 1",
        "line 7: videos[0].url:",
        "line 7: hobby: unknown key",
        "line 8: name: 300자입니다. 100자 이하로",
        "nothing was imported",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
    // nothing written: an export of the data directory is empty
    let out = rcard(&data, &["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn dry_run_validates_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(
        dir.path(),
        &["import", "--dry-run", fixture().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("6 valid card(s)"), "{}", stdout(&out));
    let out = rcard(dir.path(), &["export"]);
    assert_eq!(stdout(&out), "");
}

#[test]
fn reimport_reports_created_updated_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(
        stdout(&out).contains("6 created, 0 updated, 0 unchanged"),
        "{}",
        stdout(&out)
    );
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(
        stdout(&out).contains("0 created, 0 updated, 6 unchanged"),
        "{}",
        stdout(&out)
    );

    let changed = std::fs::read_to_string(fixture())
        .unwrap()
        .replace("LLM 경량화", "온디바이스 AI");
    let file = dir.path().join("changed.jsonl");
    std::fs::write(&file, changed).unwrap();
    let out = rcard(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("0 created, 1 updated, 5 unchanged"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn export_then_import_is_lossless() {
    let first = tempfile::tempdir().unwrap();
    assert!(
        rcard(first.path(), &["import", fixture().to_str().unwrap()])
            .status
            .success()
    );
    let exported = first.path().join("export.jsonl");
    let out = rcard(
        first.path(),
        &["export", "--out", exported.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let second = tempfile::tempdir().unwrap();
    let out = rcard(second.path(), &["import", exported.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("warning"),
        "export keys are known to import: {}",
        stderr(&out)
    );
    let again = stdout(&rcard(second.path(), &["export"]));

    let strip = |text: &str| -> Vec<Value> {
        text.lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                for k in ["created_at", "updated_at", "version"] {
                    v.as_object_mut().unwrap().remove(k);
                }
                v
            })
            .collect()
    };
    let before = strip(&std::fs::read_to_string(&exported).unwrap());
    assert_eq!(before.len(), 6);
    assert_eq!(before, strip(&again));
    // every field of the fixture survives
    let original: Value = serde_json::from_str(
        std::fs::read_to_string(fixture())
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    for (key, value) in original.as_object().unwrap() {
        assert_eq!(&before[0][key], value, "field `{key}` changed in export");
    }
}

#[tokio::test]
async fn an_import_while_the_server_runs_is_refused_and_harms_nothing() {
    let (app, dir) = TestApp::with_fixture().await;
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("stop it first"), "{}", stderr(&out));
    let (_, body) = app.json(&format!("/api/search?q={}", enc("배터리"))).await;
    assert_eq!(
        body["total"], 1,
        "the running server's index is intact: {body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn match_finds_researchers_for_a_described_need_with_evidence() {
    let (app, _dir) = TestApp::with_fixture().await;
    let need = "저희 공장에서 반도체 웨이퍼의 표면 결함을 카메라로 자동 검출하고 싶습니다. 딥러닝 검사 장비를 함께 개발할 분을 찾습니다.";
    let r = app
        .client
        .post(format!("{}/api/match", app.base))
        .json(&serde_json::json!({"text": need}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["hits"][0]["external_id"], "T-001", "{body}");
    let evidence = body["hits"][0]["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(
        evidence
            .iter()
            .any(|e| e["html"].as_str().unwrap().contains("<mark>")),
        "{evidence:?}"
    );
    assert!(
        body["hits"][0]["offers"]
            .as_array()
            .unwrap()
            .contains(&Value::from("testing"))
    );
    assert!(
        body["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "웨이퍼"),
        "{}",
        body["terms"]
    );

    // nested filters narrow the match
    let r = app
        .client
        .post(format!("{}/api/match", app.base))
        .json(&serde_json::json!({"text": need, "filters": {"site": ["광주"]}}))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert!(
        body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["site"] == "광주"),
        "{body}"
    );
}

#[tokio::test]
async fn match_rejects_bad_requests_with_400() {
    let (app, _dir) = TestApp::with_fixture().await;
    for body in [
        serde_json::json!({"text": ""}),
        serde_json::json!({"text": "가".repeat(6000)}),
        serde_json::json!({"text": "배터리", "offer": ["lunch"]}),
        serde_json::json!({"text": 42}),
    ] {
        let r = app
            .client
            .post(format!("{}/api/match", app.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 400, "{body}");
        let err: Value = r.json().await.unwrap();
        assert_eq!(err["error"]["code"], "bad_request");
    }
    let r = app
        .client
        .post(format!("{}/api/match", app.base))
        .header("content-type", "application/json")
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test]
async fn foreign_origins_and_non_json_bodies_are_refused_and_every_answer_has_security_headers() {
    let (app, _dir) = TestApp::with_fixture().await;
    let login = r#"{"email": "nobody@example.com", "password": "wrong password here"}"#;
    // a cross-site page posting a login (login CSRF) as a "simple" text/plain request
    let r = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .header("origin", "https://evil.example")
        .header("content-type", "text/plain")
        .body(login)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let err: Value = r.json().await.unwrap();
    assert_eq!(err["error"]["code"], "cross_origin");
    // the same from our own origin but as text/plain: wrong type
    let host = app.base.trim_start_matches("http://").to_string();
    let r = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .header("origin", format!("http://{host}"))
        .header("content-type", "text/plain")
        .body(login)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
    let err: Value = r.json().await.unwrap();
    assert_eq!(err["error"]["code"], "unsupported_media_type");
    // as JSON from our own origin it reaches the login (and fails on the password)
    let r = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .header("origin", format!("http://{host}"))
        .header("content-type", "application/json")
        .body(login)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    // a server function posted by a cross-site form
    let r = app
        .client
        .post(format!("{}/rpc/sign_in", app.base))
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40b.c&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    // every answer, pages and API alike, carries the headers; pages allow their own nonce
    for path in ["/", "/api/health", "/edit/x", "/no-such-page"] {
        let r = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("https://www.youtube-nocookie.com"),
            "{path}: {csp}"
        );
        if path == "/" {
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .expect("a page's policy names its nonce")
                .to_string();
            let html = r.text().await.unwrap();
            assert!(
                html.contains(&format!("nonce=\"{nonce}\"")),
                "the hydration script carries the nonce"
            );
        }
    }
}

#[tokio::test]
async fn card_pages_list_researchers_with_related_expertise() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, body) = app.json("/api/cards/minsu-lee/similar").await;
    assert_eq!(status, 200);
    let hits = body["hits"].as_array().unwrap();
    assert!(
        hits.iter().all(|h| h["slug"] != "minsu-lee"),
        "a card is not similar to itself"
    );
    assert!(
        hits.iter().all(|h| h["external_id"] != "T-004"),
        "drafts never appear"
    );
    let (_, html) = app.get("/cards/minsu-lee").await;
    if !hits.is_empty() {
        assert!(html.contains("비슷한 전문성을 가진 연구자"));
    }
    let (status, _) = app.json("/api/cards/t-004/similar").await;
    assert_eq!(
        status, 404,
        "a draft has no public page, nor related researchers"
    );
}

#[tokio::test]
async fn autocomplete_suggests_keywords_fields_and_names() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, body) = app.json(&format!("/api/suggest?q={}", enc("ㅇㅇㅍ"))).await;
    assert_eq!(status, 200);
    let first = &body["suggestions"][0];
    assert_eq!(first["text"], "웨이퍼 결함 검출", "{body}");
    assert_eq!(first["kind"], "keyword");
    let (_, body) = app.json("/api/suggest?q=qoxj").await;
    assert_eq!(
        body["suggestions"][0]["text"], "배터리 열폭주",
        "Korean typed on an English layout: {body}"
    );
    let (_, body) = app.json(&format!("/api/suggest?q={}", enc("최유"))).await;
    assert!(
        body["suggestions"].as_array().unwrap().is_empty(),
        "drafts are not suggested: {body}"
    );
    let (status, _) = app.json("/api/suggest?q=a&limit=0").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_misspelled_query_without_results_gets_a_suggestion() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, body) = app.json(&format!("/api/search?q={}", enc("배터라"))).await;
    assert_eq!(body["total"], 0);
    assert_eq!(body["did_you_mean"], "배터리", "{body}");
    assert_eq!(
        body["relaxed"], false,
        "nothing was found, relaxed or not: {body}"
    );
    let fields = body["related_fields"].as_array().expect("related fields");
    assert!(!fields.is_empty() && fields.len() <= 6, "{body}");
    let (_, html) = app.get(&format!("/?q={}", enc("배터라"))).await;
    assert!(html.contains("찾으셨나요"));
    assert!(
        html.contains("class=\"related-field\""),
        "zero results offer fields to browse"
    );
    let (_, body) = app
        .json(&format!("/api/search?q={}", enc("머신비젼")))
        .await;
    assert_eq!(
        body["hits"][0]["external_id"], "T-001",
        "bigrams forgive a misspelled syllable: {body}"
    );
}

/// A published card (JSON Lines) of one publication titled `title`, at an AI division.
fn work_card(id: &str, name: &str, title: &str) -> String {
    serde_json::json!({
        "id": id, "name": name, "organization": "한국전자정보기술연구원",
        "division": "인공지능연구센터", "site": "성남", "fields": ["인공지능"],
        "status": "published",
        "publications": [{"title": title, "year": 2024}],
    })
    .to_string()
}

/// The names of a search answer's hits, in order.
fn names(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn korean_task_names_find_researchers_whose_works_name_them_in_english() {
    let lines = [
        work_card(
            "G-1",
            "가연구",
            "Knowledge distillation for neural machine translation",
        ),
        work_card(
            "G-2",
            "나연구",
            "Point cloud registration with graph neural networks",
        ),
        work_card("G-3", "다연구", "Wafer defect inspection"),
    ];
    let (app, _dir) = TestApp::with_cards(&lines.join("\n")).await;
    for (q, who) in [
        ("기계번역", "가연구"),
        ("지식 증류", "가연구"),
        ("포인트 클라우드", "나연구"),
        ("그래프 신경망", "나연구"),
    ] {
        let (_, body) = app.json(&format!("/api/search?q={}", enc(q))).await;
        assert_eq!(body["total"], 1, "{q}: {body}");
        assert_eq!(body["hits"][0]["name"], who, "{q}: {body}");
    }
    app.stop().await;
}

#[tokio::test]
async fn an_acronym_finds_its_plural_and_not_a_coined_name_that_ends_like_it() {
    let lines = [
        work_card("P-1", "가연구", "Compressing LLMs for edge devices"),
        work_card("P-2", "나연구", "NeRS: neural reflectance surfaces"),
        work_card("P-3", "다연구", "Tagging legal text with BiLSTM CRFs"),
    ];
    let (app, _dir) = TestApp::with_cards(&lines.join("\n")).await;
    for q in ["LLM", "llms", "LLMs"] {
        let (_, body) = app.json(&format!("/api/search?q={}", enc(q))).await;
        assert_eq!(names(&body), ["가연구"], "{q}: {body}");
        let snippet = body["hits"][0]["snippet"].as_str().unwrap();
        assert!(snippet.contains("<mark>LLMs</mark>"), "{q}: {snippet}");
    }
    let (_, body) = app.json("/api/search?q=CRF").await;
    assert_eq!(names(&body), ["다연구"], "{body}");
    let (_, body) = app.json("/api/search?q=NeRS").await;
    assert_eq!(names(&body), ["나연구"], "{body}");
    // NER (named entity recognition) is not NeRS
    let (_, body) = app.json("/api/search?q=NER").await;
    assert!(!names(&body).contains(&"나연구".to_string()), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_sentence_in_the_search_box_is_offered_to_need_matching() {
    let (app, _dir) = TestApp::with_fixture().await;
    let need = "반도체 웨이퍼 표면 결함을 카메라로 자동 검출하고 싶습니다";
    let (status, html) = app.get(&format!("/?q={}", enc(need))).await;
    assert_eq!(status, 200);
    let href = format!("/match?text={}", enc(need));
    assert!(html.contains(&format!("href=\"{href}\"")), "{html}");
    // a few search terms are searched as such
    let (_, html) = app.get(&format!("/?q={}", enc("반도체 검사 수율"))).await;
    assert!(!html.contains("/match?text="), "{html}");
    // the need page takes the description, counted, ready to send
    let (status, html) = app.get(&href).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!(">{need}</textarea>")), "{html}");
    let counted = format!("{} / {}자", need.chars().count(), MAX_NEED_CHARS);
    assert!(html.contains(&counted), "{html}");
    // as text, never as markup
    let (_, html) = app
        .get(&format!(
            "/match?text={}",
            enc("<script>alert(1)</script> 결함")
        ))
        .await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; 결함</textarea>"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"), "{html}");
    let (_, html) = app
        .get(&format!("/match?text={}", enc("</textarea><b id=x>")))
        .await;
    assert!(!html.contains("<b id=x>"), "{html}");
    // the English page keeps its language
    let (_, html) = app.get(&format!("/en?q={}", enc(need))).await;
    assert!(
        html.contains(&format!("href=\"/en/match?text={}\"", enc(need))),
        "{html}"
    );
    assert!(
        html.contains("Find researchers for this description"),
        "{html}"
    );
}

#[tokio::test]
async fn only_the_words_no_card_has_are_respelled() {
    let (app, _dir) = TestApp::with_fixture().await;
    // `결함` is on a card (its keyword `웨이퍼 결함 검출`), `배터라` on none: the search
    // falls back to cards with some of the words, and only `배터라` is corrected
    let (_, body) = app
        .json(&format!("/api/search?q={}", enc("결함 배터라")))
        .await;
    assert_eq!(body["relaxed"], true, "{body}");
    assert_eq!(body["did_you_mean"], "결함 배터리", "{body}");
    // a word of one letter or syllable is left as typed, not completed (`웨` is no typo of
    // `웨이퍼`)
    for (q, respelled) in [("배터라 웨", "배터리 웨"), ("배터라 c", "배터리 c")] {
        let (_, body) = app.json(&format!("/api/search?q={}", enc(q))).await;
        assert_eq!(body["did_you_mean"], respelled, "{q}: {body}");
    }
    // syllables typed apart are offered joined, and respelled where still needed
    // (no card has both `배터리` and `결함`: that one finds cards with some of the words)
    for (q, offered, every_word) in [
        ("반 도 체 결 함", Some("반도체결함"), true),
        ("웨 이 퍼 결함", Some("웨이퍼 결함"), true),
        ("배 터 라 결함", Some("배터리 결함"), false),
        ("쿼 크 결함", None, false),
    ] {
        let (_, body) = app.json(&format!("/api/search?q={}", enc(q))).await;
        assert_eq!(body["did_you_mean"].as_str(), offered, "{q}: {body}");
        if let Some(offered) = offered {
            let (_, joined) = app.json(&format!("/api/search?q={}", enc(offered))).await;
            assert!(joined["total"].as_u64() > Some(0), "{offered}: {joined}");
            assert_eq!(joined["relaxed"], !every_word, "{offered}: {joined}");
        }
    }
    // a sentence-long query has only its first ten words checked, one check each
    let long = format!("{}배터라", "결함 ".repeat(10));
    let (_, body) = app.json(&format!("/api/search?q={}", enc(&long))).await;
    assert_eq!(body["relaxed"], true, "{body}");
    assert!(body["did_you_mean"].is_null(), "{body}");
    // full-width letters, as a Korean input method types them, are the ASCII ones
    let (_, wide) = app.json(&format!("/api/search?q={}", enc("ＢＭＳ"))).await;
    let (_, ascii) = app.json("/api/search?q=BMS").await;
    assert_eq!(wide["total"], ascii["total"], "{wide}");
    assert_eq!(wide["hits"][0]["name"], "박지훈", "{wide}");
    // a word typed from the middle of a topic is completed to the topic
    let (_, body) = app.json(&format!("/api/suggest?q={}", enc("열폭주"))).await;
    assert_eq!(body["suggestions"][0]["text"], "배터리 열폭주", "{body}");
    // the last word of a longer input is completed, the words before kept as typed
    let (_, body) = app
        .json(&format!("/api/suggest?q={}", enc("불량 머신")))
        .await;
    assert_eq!(body["suggestions"][0]["text"], "불량 머신비전", "{body}");
    assert_eq!(body["suggestions"][0]["kind"], "keyword", "{body}");
    // but not to a person's name
    let (_, body) = app
        .json(&format!("/api/suggest?q={}", enc("반도체 김서")))
        .await;
    assert!(!body.to_string().contains("김서연"), "{body}");
}

#[tokio::test]
async fn a_minus_before_a_word_leaves_out_the_cards_that_say_it() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (_, all) = app.json(&format!("/api/search?q={}", enc("반도체"))).await;
    assert!(names(&all).contains(&"김서연".to_string()), "{all}");
    // 김서연's card names 웨이퍼 결함; the other cards on semiconductors stay, in order
    for q in ["반도체 -결함", "반도체 −결함", "-결함 반도체"] {
        let (_, body) = app.json(&format!("/api/search?q={}", enc(q))).await;
        let expected: Vec<String> = names(&all).into_iter().filter(|n| n != "김서연").collect();
        assert_eq!(names(&body), expected, "{q}: {body}");
        assert_eq!(
            body["total"],
            all["total"].as_u64().unwrap() - 1,
            "{q}: {body}"
        );
        assert!(body["did_you_mean"].is_null(), "{q}: {body}");
    }
    // on its own, a left-out word lists every other card
    let (_, everyone) = app.json("/api/search?q=").await;
    let (_, without) = app.json(&format!("/api/search?q={}", enc("-결함"))).await;
    let (_, with) = app.json(&format!("/api/search?q={}", enc("결함"))).await;
    assert_eq!(
        without["total"].as_u64().unwrap() + with["total"].as_u64().unwrap(),
        everyone["total"].as_u64().unwrap(),
        "{without}"
    );
    // a minus before a number is part of the query, not an exclusion
    let (_, minus) = app
        .json(&format!("/api/search?q={}", enc("-40도 반도체")))
        .await;
    let (_, plain) = app
        .json(&format!("/api/search?q={}", enc("40도 반도체")))
        .await;
    assert_eq!(minus["total"], plain["total"], "{minus}");
    assert_eq!(names(&minus), names(&plain), "{minus}");
}

/// Runs where `scripts/setup.sh --dictionary` installed mecab-ko-dic and `RCARD_MECAB_DIR`
/// names it (as `scripts/test.sh` does).
#[test]
fn morphemes_are_evaluated_next_to_bigrams() {
    let Some(dictionary) = std::env::var_os("RCARD_MECAB_DIR") else {
        eprintln!("RCARD_MECAB_DIR is not set; skipping the mecab-ko-dic evaluation");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(
        dir.path(),
        &[
            "eval",
            "--cards",
            root.join("eval/demo-cards.jsonl").to_str().unwrap(),
            "--qrels",
            root.join("eval/demo-qrels.jsonl").to_str().unwrap(),
            "--dictionary",
            dictionary.to_str().unwrap(),
        ],
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ndcg = |system: &str| -> f64 {
        let row = report
            .lines()
            .find(|l| l.starts_with(&format!("| {system} |")))
            .unwrap_or_else(|| panic!("no row for {system}: {report}"));
        row.split('|').nth(2).unwrap().trim().parse().unwrap()
    };
    let morphemes = ndcg("R-Card, mecab-ko-dic morphemes");
    let baseline = ndcg("plain BM25 (baseline)");
    assert!(morphemes > baseline + 0.05, "{report}");
    // the demo qrels name each query's class, so the report breaks nDCG@10 down by class
    assert!(
        report.contains("| system | sentence (8) | compound (9) |"),
        "{report}"
    );
}

#[tokio::test]
async fn search_engines_find_every_published_card_and_nothing_private() {
    let (app, _dir) = TestApp::with_fixture().await;
    let (status, robots) = app.get("/robots.txt").await;
    assert_eq!(status, 200);
    assert!(
        robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)),
        "{robots}"
    );
    for private in [
        "/api/",
        "/edit/",
        "/staff",
        "/login",
        "/inbox",
        "/track/",
        "/en/edit/",
        "/en/staff",
        "/en/login",
        "/en/inbox",
        "/en/track/",
    ] {
        assert!(robots.contains(&format!("Disallow: {private}")), "{robots}");
    }

    let (status, sitemap) = app.get("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert!(sitemap.starts_with("<?xml"), "{sitemap}");
    let (_, all) = app.json("/api/search?per_page=50").await;
    let published: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap())
        .collect();
    assert!(published.len() >= 3);
    for slug in &published {
        let entry = format!("<loc>{}/cards/{slug}</loc><lastmod>", app.base);
        assert!(sitemap.contains(&entry), "{slug} in {sitemap}");
        let english = format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{}/en/cards/{slug}\"/>",
            app.base
        );
        assert!(
            sitemap.contains(&english),
            "{slug}'s English page in {sitemap}"
        );
    }
    assert_eq!(
        sitemap.matches("<url>").count(),
        published.len() + 1,
        "published cards and the front page only: {sitemap}"
    );
    assert!(!sitemap.contains("/cards/t-004"), "drafts stay out");
    assert!(
        !sitemap.contains("/cards/haneul-jung"),
        "archived cards stay out"
    );
    let (status, _) = app.get("/sitemap.xml?page=9").await;
    assert_eq!(status, 404);

    // pages say what they are and where they live
    let link = |html: &str, rel: &str| -> String {
        html.split("<link")
            .skip(1)
            .map(|tag| tag.split('>').next().unwrap_or_default().to_string())
            .find(|tag| tag.contains(&format!(r#"rel="{rel}""#)))
            .unwrap_or_default()
    };
    let (_, card) = app.get("/cards/seoyeon-kim").await;
    let canonical = link(&card, "canonical");
    assert!(
        canonical.contains(&format!(r#"href="{}/cards/seoyeon-kim""#, app.base)),
        "absolute canonical: {canonical}"
    );
    assert!(card.contains(r#"<meta name="description" content="책임연구원"#));
    let (_, search) = app.get(&format!("/?q={}", enc("반도체"))).await;
    assert!(search.contains(r#"<meta name="description" content="‘반도체’"#));
    assert!(link(&search, "canonical").contains(&format!(r#"href="{}/?q="#, app.base)));
    assert!(search.contains("<h1"), "a page heading");
    assert!(link(&search, "icon").contains(r#"href="/favicon.svg""#));
    app.stop().await;
}

#[tokio::test]
async fn a_long_list_of_works_folds_after_the_first_ten_and_a_name_in_one_spelling_shows_once() {
    let publications = |n: usize| -> Vec<Value> {
        (1..=n)
            .map(|i| serde_json::json!({"title": format!("Study number {i} of wafer inspection"), "year": 2000 + i}))
            .collect()
    };
    let lines = [
        serde_json::json!({"id": "L-1", "name": "Ada Lovelace", "name_en": "Ada Lovelace", "publications": publications(15)}),
        serde_json::json!({"id": "L-2", "name": "김짧은", "name_en": "Jjalbeun Kim", "publications": publications(12)}),
    ]
    .map(|c| c.to_string());
    let (app, _dir) = TestApp::with_cards(&lines.join("\n")).await;

    let (status, html) = app.get("/cards/ada-lovelace").await;
    assert_eq!(status, 200, "{html}");
    // every work stays in the page, in the researcher's order; the last five are folded
    let at = |title: &str| {
        html.find(&format!(">{title}<"))
            .unwrap_or_else(|| panic!("{title}: {html}"))
    };
    let fold = html
        .find("<details class=\"more-entries\">")
        .expect("a fold");
    assert!(at("Study number 10 of wafer inspection") < fold);
    assert!(at("Study number 11 of wafer inspection") > fold);
    assert!(at("Study number 15 of wafer inspection") > fold);
    assert!(
        html.contains("<summary>논문·발표 5편 더 보기</summary>"),
        "{html}"
    );
    assert_eq!(html.matches("<details class=\"more-entries\">").count(), 1);
    // the same name in both spellings is written once
    assert!(!html.contains("class=\"name-en\""), "{html}");
    let (_, english) = app.get("/en/cards/ada-lovelace").await;
    assert!(
        english.contains("<summary>5 more publications</summary>"),
        "{english}"
    );

    // twelve works are shown whole: folding away two would save nothing
    let (status, html) = app.get("/cards/jjalbeun-kim").await;
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("more-entries"), "{html}");
    assert!(html.contains(">Study number 12 of wafer inspection<"));
    assert!(
        html.contains("<span class=\"name-en\">Jjalbeun Kim</span>"),
        "{html}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_hit_leads_to_its_card_with_the_works_on_the_searched_topic_first() {
    let card = serde_json::json!({
        "id": "T-1", "name": "박토픽", "name_en": "Topik Park", "keywords": ["solder joints"],
        "publications": [
            {"title": "Wafer defect inspection with deep learning", "year": 2021},
            {"title": "A survey of battery management", "year": 2024},
            {"title": "Defect inspection of <b>solder</b> joints", "year": 2023},
        ],
    });
    let (app, _dir) = TestApp::with_cards(&card.to_string()).await;
    let (_, page) = app.get(&format!("/?q={}", enc("defect inspection"))).await;
    assert!(
        page.contains("href=\"/cards/topik-park?q=defect%20inspection\""),
        "{page}"
    );
    // the hit's counts open the card at the works they count
    assert!(
        page.contains(
            "<a href=\"/cards/topik-park?q=defect%20inspection#topic-works\">이 주제 논문 2편"
        ),
        "{page}"
    );

    let (status, html) = app
        .get(&format!("/cards/topik-park?q={}", enc("defect inspection")))
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("‘defect inspection’ 주제의 연구 2건"),
        "{html}"
    );
    let topic = &html[html
        .find("class=\"topic-works\"")
        .expect("the topic's works")..];
    let topic = &topic[..topic.find("</section>").unwrap()];
    // newest first, the query's words marked, markup in a title kept as text
    let newest = topic
        .find("<mark>Defect</mark> <mark>inspection</mark> of &lt;b&gt;solder")
        .expect(topic);
    let older = topic
        .find("Wafer <mark>defect</mark> <mark>inspection</mark> with")
        .expect(topic);
    assert!(newest < older, "{topic}");
    assert!(!topic.contains("battery"), "{topic}");
    assert!(
        topic.contains("href=\"/?q=defect%20inspection\""),
        "the way back: {topic}"
    );

    let (_, english) = app
        .get(&format!(
            "/en/cards/topik-park?q={}",
            enc("defect inspection")
        ))
        .await;
    assert!(
        english.contains("2 works on ‘defect inspection’"),
        "{english}"
    );
    assert!(
        english.contains("href=\"/en/?q=defect%20inspection\""),
        "{english}"
    );

    // without a query, or with one no work is on, the card is as before
    for path in ["/cards/topik-park", "/cards/topik-park?q=robotics"] {
        let (status, html) = app.get(path).await;
        assert_eq!(status, 200);
        assert!(!html.contains("topic-works"), "{path}: {html}");
    }
    // the same list in the JSON API
    let (status, body) = app
        .json(&format!(
            "/api/cards/topik-park/topic?q={}",
            enc("defect inspection")
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["partial"], false, "{body}");
    assert_eq!(body["works"].as_array().map(Vec::len), Some(2), "{body}");
    assert_eq!(body["works"][0]["year"], 2023, "{body}");
    assert_eq!(body["works"][0]["kind"], "publication", "{body}");
    let (_, body) = app
        .json(&format!(
            "/api/cards/topik-park/topic?q={}",
            enc("defect robotics")
        ))
        .await;
    assert_eq!(body["partial"], true, "{body}");
    let (status, _) = app.json("/api/cards/nobody/topic?q=defect").await;
    assert_eq!(status, 404);
    let long = "결함".repeat(300);
    let (status, body) = app
        .json(&format!("/api/cards/topik-park/topic?q={}", enc(&long)))
        .await;
    assert_eq!(status, 400, "{body}");
    // a keyword links to a search the search page accepts (it asked for `per_page=0`)
    let (_, html) = app.get("/cards/topik-park").await;
    let chip = "href=\"/?q=solder%20joints\"";
    assert!(html.contains(chip), "{html}");
    let (status, page) = app.get("/?q=solder%20joints").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("href=\"/cards/topik-park?q=solder%20joints\""),
        "{page}"
    );
    app.stop().await;
}
