//! Inquiries end to end (issue 15): a company asks, mail goes through a real SMTP server on
//! loopback, the researcher answers from the inbox, the company follows through its private
//! link, and staff close with an outcome. Without SMTP, mail is kept as `.eml` files.

use crate::accounts::{Who, add_user, call, signed_in};
use crate::helpers::{TestApp, fixture, rcard};
use crate::smtp::Smtp;
use serde_json::{Value, json};
use std::time::Duration;

const SEMI_LIAISON: &str = "semi-liaison@keti.re.kr";

/// A server over the fixture cards with researcher A (`a@keti.re.kr`) on 김서연's card,
/// researcher B on 이민수's, staff, and a liaison address for 김서연's division; mail goes
/// to `smtp` when given.
async fn setup(smtp: Option<&Smtp>) -> (TestApp, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = config(dir.path(), smtp);
    let app = TestApp::spawn_config(&config, server::ops::MetricsAt::Off).await;
    let (_, all) = app.json("/api/search?per_page=50").await;
    let slug_of = |id: &str| {
        all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["external_id"] == id)
            .map(|h| h["slug"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (a, b) = (slug_of("T-001"), slug_of("T-002"));
    // the CLI blocks, and the server runs on this test's thread: off it, so the server can
    // finish any write it started
    let path = dir.path().to_path_buf();
    let a2 = a.clone();
    tokio::task::spawn_blocking(move || {
        add_user(&path, "a@keti.re.kr", "researcher", Some(&a2));
        add_user(&path, "b@keti.re.kr", "researcher", Some(&b));
        add_user(&path, "staff@keti.re.kr", "staff", None);
    })
    .await
    .unwrap();
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (_, mut lists) = call(&app, &staff, "GET", "/api/lists", None, false).await;
    for d in lists["divisions"].as_array_mut().unwrap() {
        if d["name"] == "지능형반도체연구센터" {
            d["contact"] = json!(format!(
                "반도체센터 협력 담당 {SEMI_LIAISON} (031-789-7000)"
            ));
        }
    }
    let (status, body) = call(&app, &staff, "PUT", "/api/lists", Some(lists), true).await;
    assert_eq!(status, 200, "{body}");
    (app, dir, a)
}

fn inquiry(card: &str, email: &str) -> Value {
    json!({
        "cards": [card],
        "company": "(주)한빛센서",
        "name": "이도윤",
        "email": email,
        "phone": "031-123-4567",
        "kind": "testing",
        "message": "센서 모듈의 EMC 시험을 의뢰하고 싶습니다. <b>가능한 일정</b>을 알려 주세요.",
        "consent": true,
    })
}

/// The token at the end of a tracking URL.
fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

/// A server's configuration over `dir`, with mail to `smtp` when given.
fn config(dir: &std::path::Path, smtp: Option<&Smtp>) -> server::Config {
    server::Config {
        data_dir: dir.to_path_buf(),
        database_url: crate::helpers::database_url(dir),
        index_dir: None,
        demo: false,
        dictionary: None,
        smtp_url: smtp.map(Smtp::url),
        mail_from: Some("R-Card <no-reply@rcard.test>".into()),
    }
}

/// Runs one statement on the stopped server's database (to let time pass).
async fn change_database(dir: &std::path::Path, sql: &'static str) {
    let url = crate::helpers::database_url(dir)
        .unwrap_or_else(|| format!("sqlite://{}", dir.join("rcard.db").display()));
    let db = app::db::connect(&url).await.unwrap();
    sqlx::query(sql).execute(&db).await.unwrap();
    db.close().await;
}

async fn post(app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    call(app, &Who::anonymous(), "POST", path, Some(body), false).await
}

#[tokio::test]
async fn an_inquiry_reaches_researcher_and_liaison_by_smtp_and_the_company_follows_it() {
    let smtp = Smtp::start().await;
    let (app, _dir, a) = setup(Some(&smtp)).await;
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "doyun@hanbit.co.kr")).await;
    assert_eq!(status, 201, "{created}");
    let url = created["tracking_url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http") && url.contains("/track/"), "{url}");

    // one mail to the researcher (their account's address), one to the liaison, one to the company
    let mail = smtp.wait_for(3).await;
    assert_eq!(mail.len(), 3, "{mail:?}");
    let to = |addr: &str| {
        mail.iter()
            .find(|m| m.to == [addr])
            .unwrap_or_else(|| panic!("no mail to {addr}: {mail:?}"))
    };
    let researcher = to("a@keti.re.kr");
    assert!(
        researcher.text().contains("EMC 시험"),
        "{}",
        researcher.text()
    );
    assert!(
        researcher.subject().contains("(주)한빛센서"),
        "{}",
        researcher.subject()
    );
    assert!(to(SEMI_LIAISON).text().contains("김서연"));
    let company = to("doyun@hanbit.co.kr");
    let text = company.text();
    assert!(
        text.contains(&url),
        "the company's mail carries its link: {text}"
    );
    for hidden in ["a@keti.re.kr", "s.kim@example.re.kr"] {
        assert!(
            !company.data.contains(hidden) && !text.contains(hidden),
            "{hidden} leaked: {text}"
        );
    }
    // what people typed is escaped in the HTML part
    assert!(
        researcher.text().contains("&lt;b&gt;가능한 일정"),
        "{}",
        researcher.text()
    );

    let token = token_of(&url);
    let (status, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(status, 200, "{tracking}");
    assert_eq!(tracking["status"], "forwarded", "{tracking}");
    assert_eq!(tracking["messages"][0]["from"], "company");
    assert_eq!(tracking["researchers"][0]["name"], "김서연");
    assert!(
        !tracking.to_string().contains("s.kim@example.re.kr"),
        "{tracking}"
    );
    let (status, _) = app
        .json(&format!("/api/inquiries/track/{}", "0".repeat(64)))
        .await;
    assert_eq!(status, 404);

    // the researcher asked sees it; another researcher neither sees nor answers it
    let researcher_a = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let researcher_b = signed_in(&app, "researcher B", "b@keti.re.kr").await;
    let (status, inbox) = call(&app, &researcher_a, "GET", "/api/inbox", None, false).await;
    assert_eq!(status, 200, "{inbox}");
    assert_eq!(inbox["inquiries"].as_array().unwrap().len(), 1, "{inbox}");
    let id = inbox["inquiries"][0]["id"].as_i64().unwrap();
    assert_eq!(id, created["id"].as_i64().unwrap());
    assert_eq!(inbox["inquiries"][0]["company"], "(주)한빛센서");
    let (_, other) = call(&app, &researcher_b, "GET", "/api/inbox", None, false).await;
    assert_eq!(other["inquiries"].as_array().unwrap().len(), 0, "{other}");
    let reply = json!({"message": "다음 주 화요일 오후에 시험실에서 뵙겠습니다."});
    let path = format!("/api/inquiries/{id}/reply");
    let (status, _) = call(
        &app,
        &researcher_b,
        "POST",
        &path,
        Some(reply.clone()),
        true,
    )
    .await;
    assert_eq!(status, 404, "not theirs");
    let (status, _) = call(
        &app,
        &Who::anonymous(),
        "POST",
        &path,
        Some(reply.clone()),
        false,
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = call(
        &app,
        &researcher_a,
        "POST",
        &path,
        Some(reply.clone()),
        false,
    )
    .await;
    assert_eq!(status, 403, "a reply needs the CSRF token");
    let (status, answered) = call(&app, &researcher_a, "POST", &path, Some(reply), true).await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["status"], "answered");

    // the reply reaches the company from the platform, without the researcher's address
    let mail = smtp.wait_for(4).await;
    let answer = mail.last().unwrap();
    assert_eq!(answer.to, ["doyun@hanbit.co.kr"]);
    let text = answer.text();
    assert!(text.contains("화요일 오후"), "{text}");
    assert!(!answer.data.contains("a@keti.re.kr") && !text.contains("a@keti.re.kr"));
    assert!(text.contains("/track/"), "a fresh link: {text}");
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(
        tracking["status"], "answered",
        "the first link still works: {tracking}"
    );
    assert_eq!(tracking["messages"][1]["from"], "researcher");

    // the company writes back: 협의 중, and the researcher hears of it
    let (status, tracking) = post(
        &app,
        &format!("/api/inquiries/track/{token}"),
        json!({"message": "화요일 좋습니다. 시료 3개를 가져가겠습니다."}),
    )
    .await;
    assert_eq!(status, 200, "{tracking}");
    assert_eq!(tracking["status"], "negotiating");
    let steps: Vec<&str> = tracking["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["at"] != "")
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["received", "forwarded", "answered", "negotiating"],
        "{tracking}"
    );
    let mail = smtp.wait_for(5).await;
    assert_eq!(mail.last().unwrap().to, ["a@keti.re.kr"], "{mail:?}");

    // only staff close, with an outcome; 불발 needs a reason
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let close = format!("/api/inquiries/{id}/close");
    let (status, _) = call(
        &app,
        &researcher_a,
        "POST",
        &close,
        Some(json!({"outcome": "test_request"})),
        true,
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        &close,
        Some(json!({"outcome": "no_deal"})),
        true,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["path"], "note", "{body}");
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        &close,
        Some(json!({"outcome": "lunch"})),
        true,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, closed) = call(
        &app,
        &staff,
        "POST",
        &close,
        Some(json!({"outcome": "test_request", "note": "EMC 시험 의뢰 접수"})),
        true,
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["status"], "closed");
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(tracking["status"], "closed");
    assert_eq!(tracking["outcome"], "test_request");

    // the collaboration report counts it, by month, division, field, kind and outcome
    let (status, report) = call(&app, &staff, "GET", "/api/inquiries/report", None, false).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["total"], 1, "{report}");
    assert_eq!(report["answered"], 1);
    assert!(
        report["median_hours_to_answer"].as_f64().is_some(),
        "{report}"
    );
    let has = |key: &str, label: &str| {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["label"] == label && c["count"] == 1)
    };
    assert!(has("by_division", "지능형반도체연구센터"), "{report}");
    assert!(has("by_field", "시스템반도체"), "{report}");
    assert!(has("by_kind", "시험·인증"), "{report}");
    assert!(has("by_outcome", "시험 의뢰"), "{report}");
    let month = report["months"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            month["received"].clone(),
            month["answered"].clone(),
            month["closed"].clone()
        ),
        (json!(1), json!(1), json!(1)),
        "{month}"
    );
    assert_eq!(report["unanswered"].as_array().unwrap().len(), 0);
    let (status, _) = call(
        &app,
        &researcher_a,
        "GET",
        "/api/inquiries/report",
        None,
        false,
    )
    .await;
    assert_eq!(status, 403, "the report is for staff");
    let csv = app
        .client
        .get(format!("{}/api/inquiries/report.csv", app.base))
        .header("cookie", staff.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = csv.text().await.unwrap();
    assert!(
        csv.contains("부서,지능형반도체연구센터,1") && csv.contains("성과,시험 의뢰,1"),
        "{csv}"
    );

    // staff revoke the link: it stops working
    let (status, _) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/inquiries/{id}/revoke"),
        None,
        true,
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(status, 404);
    assert!(
        body["error"]["message"].as_str().unwrap().contains("링크"),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_inquiries_get_korean_field_errors_robots_get_nothing_and_floods_are_limited() {
    let (app, dir, a) = setup(None).await;
    // every missing or wrong field is named
    let (status, body) = post(
        &app,
        "/api/inquiries",
        json!({"cards": [], "email": "nope", "kind": "lunch"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let paths: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for p in [
        "cards", "company", "name", "email", "kind", "message", "consent",
    ] {
        assert!(paths.contains(&p), "{p}: {body}");
    }
    // wrong types get a 400 that says where
    let (status, body) = post(
        &app,
        "/api/inquiries",
        json!({"cards": "seoyeon-kim", "consent": "yes"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("cards"),
        "{body}"
    );
    // drafts, archived and unknown cards cannot be asked
    for card in ["t-004", "haneul-jung", "nobody"] {
        let (status, body) = post(&app, "/api/inquiries", inquiry(card, "x@corp.kr")).await;
        assert_eq!(status, 422, "{card}: {body}");
        assert_eq!(body["error"]["fields"][0]["path"], "cards");
    }
    // oversized text is refused with its limit
    let mut long = inquiry(&a, "x@corp.kr");
    long["message"] = json!("가".repeat(5001));
    let (status, body) = post(&app, "/api/inquiries", long).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("5000자"), "{body}");

    // the honeypot: an answer that looks the same, and nothing stored or sent
    let mut robot = inquiry(&a, "robot@spam.example");
    robot["website"] = json!("http://spam.example");
    let (status, body) = post(&app, "/api/inquiries", robot).await;
    assert_eq!(status, 201, "{body}");
    let (status, _) = app
        .json(&format!(
            "/api/inquiries/track/{}",
            token_of(body["tracking_url"].as_str().unwrap())
        ))
        .await;
    assert_eq!(status, 404);

    // without SMTP, mail stays in the outbox and is written as .eml files
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "first@corp.kr")).await;
    assert_eq!(status, 201, "{created}");
    let mail_dir = dir.path().join("mail");
    let started = std::time::Instant::now();
    let files = loop {
        let files: Vec<_> = std::fs::read_dir(&mail_dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        if files.len() >= 3 || started.elapsed() > Duration::from_secs(20) {
            break files;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(files.len(), 3, "researcher, liaison, company: {files:?}");
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (_, outbox) = call(&app, &staff, "GET", "/api/mail", None, false).await;
    let waiting = outbox["mail"].as_array().unwrap();
    assert_eq!(waiting.len(), 3, "{outbox}");
    assert!(
        waiting
            .iter()
            .all(|m| m["saved_as"].as_str().unwrap().ends_with(".eml"))
    );
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let (status, _) = call(&app, &researcher, "GET", "/api/mail", None, false).await;
    assert_eq!(status, 403, "the outbox is for staff");
    let (_, inbox) = call(&app, &staff, "GET", "/api/inbox", None, false).await;
    assert_eq!(
        inbox["inquiries"].as_array().unwrap().len(),
        1,
        "the robot's inquiry was not stored: {inbox}"
    );

    // a flood from one address is stopped, in Korean, after five an hour
    for i in 0..4 {
        let (status, body) = post(&app, "/api/inquiries", inquiry(&a, "first@corp.kr")).await;
        assert_eq!(status, 201, "inquiry {i}: {body}");
    }
    let (status, body) = post(&app, "/api/inquiries", inquiry(&a, "first@corp.kr")).await;
    assert_eq!(status, 429, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("한 시간"),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn mail_the_smtp_server_refused_is_shown_to_staff_and_sent_on_retry() {
    let smtp = Smtp::start().await;
    smtp.refuse_next(3);
    let (app, _dir, a) = setup(Some(&smtp)).await;
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "doyun@hanbit.co.kr")).await;
    assert_eq!(status, 201, "{created}");
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    // the three messages fail once and wait for their retry
    let started = std::time::Instant::now();
    let failed = loop {
        let (_, outbox) = call(&app, &staff, "GET", "/api/mail", None, false).await;
        let failed: Vec<Value> = outbox["mail"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["last_error"].as_str().unwrap_or_default().contains("451"))
            .cloned()
            .collect();
        if failed.len() == 3 || started.elapsed() > Duration::from_secs(20) {
            break failed;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(smtp.received().is_empty());
    for m in &failed {
        let (status, body) = call(
            &app,
            &staff,
            "POST",
            &format!("/api/mail/{}/retry", m["id"]),
            None,
            true,
        )
        .await;
        assert_eq!(status, 204, "{body}");
    }
    let mail = smtp.wait_for(3).await;
    assert_eq!(mail.len(), 3, "sent on retry: {mail:?}");
    let (_, outbox) = call(&app, &staff, "GET", "/api/mail", None, false).await;
    assert_eq!(outbox["mail"].as_array().unwrap().len(), 0, "{outbox}");
    let (status, _) = call(&app, &staff, "POST", "/api/mail/999999/retry", None, true).await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test]
async fn inquiries_past_the_retention_period_lose_their_personal_data() {
    let (app, dir, a) = setup(None).await;
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "old@corp.kr")).await;
    assert_eq!(status, 201, "{created}");
    let token = token_of(created["tracking_url"].as_str().unwrap());
    app.stop().await;
    // four years pass (the default retention is three)
    change_database(
        dir.path(),
        "UPDATE inquiry SET created_at = created_at - 4 * 365 * 86400",
    )
    .await;

    // the job runs when the server starts, then hourly
    let app = TestApp::spawn(dir.path()).await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let started = std::time::Instant::now();
    let inbox = loop {
        let (_, inbox) = call(&app, &staff, "GET", "/api/inbox", None, false).await;
        if inbox["inquiries"][0]["company"] == "" || started.elapsed() > Duration::from_secs(20) {
            break inbox;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let item = &inbox["inquiries"][0];
    assert_eq!(item["company"], "", "{inbox}");
    assert_eq!(item["email"], "");
    assert_eq!(item["messages"][0]["body"], "");
    assert_eq!(
        item["kind"], "testing",
        "what is not personal stays for the reports"
    );
    let (status, _) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(status, 404, "the link died with the data");
    app.stop().await;
}

#[tokio::test]
async fn unanswered_inquiries_are_reminded_then_escalated_once() {
    let smtp = Smtp::start().await;
    let (app, dir, a) = setup(Some(&smtp)).await;
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "wait@corp.kr")).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(smtp.wait_for(3).await.len(), 3);
    app.stop().await;
    // two weeks without an answer: past 3 working days (reminder) and 6 (escalation)
    change_database(
        dir.path(),
        "UPDATE inquiry SET created_at = created_at - 14 * 86400",
    )
    .await;

    let config = config(dir.path(), Some(&smtp));
    let app = TestApp::spawn_config(&config, server::ops::MetricsAt::Off).await;
    let mail = smtp.wait_for(5).await;
    assert_eq!(mail.len(), 5, "{mail:?}");
    let later = &mail[3..];
    let reminder = later
        .iter()
        .find(|m| m.to == ["a@keti.re.kr"])
        .expect("the researcher is reminded");
    assert!(
        reminder.subject().contains("답변을 기다리는"),
        "{}",
        reminder.subject()
    );
    let escalation = later
        .iter()
        .find(|m| m.to == [SEMI_LIAISON])
        .expect("the liaison hears of it");
    assert!(
        escalation.subject().contains("답변 없는"),
        "{}",
        escalation.subject()
    );
    app.stop().await;

    // once each: a restart sends nothing more
    let app = TestApp::spawn_config(&config, server::ops::MetricsAt::Off).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.received().len(), 5);
    app.stop().await;
}

#[tokio::test]
async fn a_researcher_marked_unavailable_is_shown_filtered_and_left_to_the_liaison() {
    let smtp = Smtp::start().await;
    let (app, _dir, a) = setup(Some(&smtp)).await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let edit = format!("/api/cards/{a}/edit");
    let (status, current) = call(&app, &researcher, "GET", &edit, None, false).await;
    assert_eq!(status, 200, "{current}");
    let mut card = current["card"].clone();
    card["version"] = current["version"].clone();
    card["availability"] = json!({"status": "closed", "until": "내일"});
    let (status, body) = call(
        &app,
        &researcher,
        "PUT",
        &format!("/api/cards/{a}"),
        Some(card.clone()),
        true,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["error"]["fields"][0]["path"], "availability.until",
        "{body}"
    );
    card["availability"] =
        json!({"status": "closed", "until": "2099-12-31", "note": "해외 파견 중"});
    let (status, body) = call(
        &app,
        &researcher,
        "PUT",
        &format!("/api/cards/{a}"),
        Some(card),
        true,
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // on the card, on the hit, as a facet and a filter
    let (_, public) = app.json(&format!("/api/cards/{a}")).await;
    assert_eq!(public["availability"]["status"], "closed", "{public}");
    let (status, found) = app.json("/api/search?availability=closed").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["slug"], a.as_str());
    assert_eq!(found["hits"][0]["availability"]["note"], "해외 파견 중");
    let (_, all) = app.json("/api/search").await;
    let counts = all["facets"]["availability"].as_array().unwrap();
    let count = |v: &str| {
        counts
            .iter()
            .find(|c| c["value"] == v)
            .map(|c| c["count"].as_u64().unwrap())
    };
    assert_eq!(count("closed"), Some(1), "{counts:?}");
    assert!(count("open").unwrap_or(0) >= 1, "{counts:?}");
    let (status, body) = app.json("/api/search?availability=maybe").await;
    assert_eq!(status, 400, "{body}");

    // an inquiry goes to the liaison, not to the researcher away
    let (status, created) = post(&app, "/api/inquiries", inquiry(&a, "doyun@hanbit.co.kr")).await;
    assert_eq!(status, 201, "{created}");
    let mail = smtp.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mail = if mail.len() < 3 {
        smtp.received()
    } else {
        mail
    };
    let to: Vec<&str> = mail.iter().map(|m| m.to[0].as_str()).collect();
    assert_eq!(mail.len(), 2, "{to:?}");
    assert!(
        to.contains(&SEMI_LIAISON) && to.contains(&"doyun@hanbit.co.kr"),
        "{to:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_card_offers_a_vcard_of_its_public_contact_only() {
    let (app, _dir, a) = setup(None).await;
    let r = app
        .client
        .get(format!("{}/cards/{a}/vcard", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/vcard")
    );
    let vcard = r.text().await.unwrap();
    assert!(
        vcard.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"),
        "{vcard}"
    );
    assert!(
        vcard.contains("FN:김서연")
            && vcard.contains("ORG:한국전자정보기술연구원;지능형반도체연구센터"),
        "{vcard}"
    );
    // the email is hidden on this card, the phone public
    assert!(!vcard.contains("s.kim@example.re.kr"), "{vcard}");
    assert!(
        vcard.contains("TEL;TYPE=work,voice:031-000-0001"),
        "{vcard}"
    );
    assert!(vcard.contains(&format!("/cards/{a}")));
    for slug in ["t-004", "haneul-jung", "nobody"] {
        let r = app
            .client
            .get(format!("{}/cards/{slug}/vcard", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{slug}");
    }
    app.stop().await;
}

#[tokio::test]
async fn researchers_take_on_decline_or_forward_to_a_colleague() {
    let smtp = Smtp::start().await;
    let (app, _dir, a) = setup(Some(&smtp)).await;
    let researcher_a = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let researcher_b = signed_in(&app, "researcher B", "b@keti.re.kr").await;
    let (_, b_card) = call(&app, &researcher_b, "GET", "/api/me", None, false).await;
    let b = b_card["card"].as_str().unwrap().to_string();

    // forward: colleagues are suggested; the colleague sees it and is mailed
    let (_, created) = post(&app, "/api/inquiries", inquiry(&a, "one@corp.kr")).await;
    let id = created["id"].as_i64().unwrap();
    smtp.wait_for(3).await;
    let (status, colleagues) = call(
        &app,
        &researcher_a,
        "GET",
        &format!("/api/inquiries/{id}/colleagues"),
        None,
        false,
    )
    .await;
    assert_eq!(status, 200, "{colleagues}");
    assert!(
        colleagues["colleagues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["slug"] != a.as_str()),
        "{colleagues}"
    );
    let forward = format!("/api/inquiries/{id}/forward");
    let (status, body) = call(
        &app,
        &researcher_a,
        "POST",
        &forward,
        Some(json!({"to": a})),
        true,
    )
    .await;
    assert_eq!(status, 422, "already asked: {body}");
    let (status, body) = call(
        &app,
        &researcher_a,
        "POST",
        &forward,
        Some(json!({"to": "nobody"})),
        true,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, item) = call(
        &app,
        &researcher_a,
        "POST",
        &forward,
        Some(json!({"to": b, "note": "EMC는 이 분이 전문입니다"})),
        true,
    )
    .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["researchers"].as_array().unwrap().len(), 2);
    let mail = smtp.wait_for(4).await;
    let to_b = mail.last().unwrap();
    assert_eq!(to_b.to, ["b@keti.re.kr"]);
    assert!(
        to_b.text().contains("EMC는 이 분이 전문입니다"),
        "{}",
        to_b.text()
    );
    let (_, inbox) = call(&app, &researcher_b, "GET", "/api/inbox", None, false).await;
    assert_eq!(inbox["inquiries"][0]["id"], id, "{inbox}");
    // the company never sees the internal record of the forward
    let token = token_of(created["tracking_url"].as_str().unwrap());
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(
        tracking["messages"].as_array().unwrap().len(),
        1,
        "{tracking}"
    );

    // accept: 협의 중, and the company hears from the platform
    let (status, item) = call(
        &app,
        &researcher_b,
        "POST",
        &format!("/api/inquiries/{id}/accept"),
        None,
        true,
    )
    .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["status"], "negotiating");
    let mail = smtp.wait_for(5).await;
    assert_eq!(mail.last().unwrap().to, ["one@corp.kr"]);
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    let reached: Vec<&str> = tracking["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["at"] != "")
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        reached,
        ["received", "forwarded", "answered", "negotiating"],
        "{tracking}"
    );

    // a researcher may choose to give the company their own address
    let (status, _) = call(
        &app,
        &researcher_b,
        "POST",
        &format!("/api/inquiries/{id}/reply"),
        Some(json!({"message": "직접 연락 주셔도 됩니다.", "reveal": true})),
        true,
    )
    .await;
    assert_eq!(status, 200);
    let mail = smtp.wait_for(6).await;
    assert!(
        mail.last().unwrap().text().contains("b@keti.re.kr"),
        "{:?}",
        mail.last()
    );
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert!(tracking.to_string().contains("b@keti.re.kr"), "{tracking}");

    // decline: a reason is required; the company reads it and the liaison is told
    let (_, created) = post(&app, "/api/inquiries", inquiry(&a, "two@corp.kr")).await;
    let id = created["id"].as_i64().unwrap();
    smtp.wait_for(9).await;
    let decline = format!("/api/inquiries/{id}/decline");
    let (status, body) = call(
        &app,
        &researcher_a,
        "POST",
        &decline,
        Some(json!({"reason": " "})),
        true,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["path"], "reason");
    let (status, item) = call(
        &app,
        &researcher_a,
        "POST",
        &decline,
        Some(json!({"reason": "올해 장비 일정이 모두 찼습니다."})),
        true,
    )
    .await;
    assert_eq!(status, 200, "{item}");
    let mail = smtp.wait_for(11).await;
    let last_two: Vec<&crate::smtp::Received> = mail.iter().rev().take(2).collect();
    let company = last_two
        .iter()
        .find(|m| m.to == ["two@corp.kr"])
        .expect("the company hears why");
    assert!(
        company.text().contains("장비 일정이 모두 찼습니다"),
        "{}",
        company.text()
    );
    assert!(
        last_two.iter().any(|m| m.to == [SEMI_LIAISON]),
        "the liaison is told: {last_two:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_shared_shortlist_compares_and_exports_public_details_only() {
    let (app, _dir, a) = setup(None).await;
    let (_, all) = app.json("/api/search?per_page=50").await;
    let b = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .find(|s| *s != a)
        .unwrap();
    // the page renders the shared list on the server, with one inquiry to all of them
    let (status, html) = app.get(&format!("/shortlist?cards={a},{b},t-004")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("김서연") && html.contains(&format!("/inquiry?cards={a},{b},t-004")),
        "{html}"
    );
    assert!(!html.contains("s.kim@example.re.kr"));
    let r = app
        .client
        .get(format!(
            "{}/shortlist.csv?cards={a},{b},t-004,nobody",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "a header and the two published cards: {csv}"
    );
    assert!(lines[1].starts_with("김서연,Seoyeon Kim,"), "{csv}");
    assert!(
        !csv.contains("s.kim@example.re.kr"),
        "hidden e-mail stays hidden: {csv}"
    );
    assert!(
        csv.contains("031-000-0001"),
        "the public phone is there: {csv}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_company_posts_a_need_staff_forward_it_to_a_proposed_researcher_who_answers() {
    let smtp = Smtp::start().await;
    let (app, _dir, a) = setup(Some(&smtp)).await;
    let need = json!({
        "company": "(주)세라칩",
        "name": "박하은",
        "email": "haeun@serachip.example",
        "kind": "joint_rnd",
        "text": "반도체 웨이퍼 결함을 머신비전으로 검출하는 장비를 함께 개발할 연구자를 찾습니다.",
        "deadline": "2099-12-31",
        "consent": true,
    });
    let mut past = need.clone();
    past["deadline"] = json!("2000-01-01");
    past["text"] = json!(" ");
    let (status, body) = post(&app, "/api/needs", past).await;
    assert_eq!(status, 422, "{body}");
    let paths: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"deadline") && paths.contains(&"text"),
        "{body}"
    );

    let (status, created) = post(&app, "/api/needs", need).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let mail = smtp.wait_for(2).await;
    let to: Vec<&str> = mail.iter().map(|m| m.to[0].as_str()).collect();
    assert!(
        to.contains(&"staff@keti.re.kr") && to.contains(&"haeun@serachip.example"),
        "{to:?}"
    );
    let token = token_of(created["tracking_url"].as_str().unwrap());
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(tracking["origin"], "need");
    assert_eq!(tracking["status"], "received");
    assert_eq!(tracking["researchers"].as_array().unwrap().len(), 0);

    // staff see it with the researchers need matching proposes, and forward it
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (_, inbox) = call(&app, &staff, "GET", "/api/inbox", None, false).await;
    assert_eq!(inbox["inquiries"][0]["origin"], "need", "{inbox}");
    assert_eq!(inbox["inquiries"][0]["deadline"], "2099-12-31");
    let (_, proposed) = call(
        &app,
        &staff,
        "GET",
        &format!("/api/inquiries/{id}/colleagues"),
        None,
        false,
    )
    .await;
    let proposed: Vec<&str> = proposed["colleagues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        proposed.first(),
        Some(&a.as_str()),
        "the wafer-defect researcher first: {proposed:?}"
    );
    let (status, item) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/inquiries/{id}/forward"),
        Some(json!({"to": a})),
        true,
    )
    .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["status"], "forwarded");
    let mail = smtp.wait_for(3).await;
    let to_a = mail.last().unwrap();
    assert_eq!(to_a.to, ["a@keti.re.kr"]);
    assert!(to_a.text().contains("기술 수요"), "{}", to_a.text());

    // the researcher sees it as an open need and answers; the company reads it
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let (_, inbox) = call(&app, &researcher, "GET", "/api/inbox", None, false).await;
    assert_eq!(inbox["inquiries"][0]["id"], id, "{inbox}");
    let (status, _) = call(
        &app,
        &researcher,
        "POST",
        &format!("/api/inquiries/{id}/reply"),
        Some(json!({"message": "저희 과제와 맞습니다. 다음 주에 회의해요."})),
        true,
    )
    .await;
    assert_eq!(status, 200);
    let (_, tracking) = app.json(&format!("/api/inquiries/track/{token}")).await;
    assert_eq!(tracking["status"], "answered");
    assert_eq!(tracking["researchers"][0]["slug"], a.as_str());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_senders_over_one_database_send_each_mail_once() {
    let (app, dir, a) = setup(None).await;
    let (status, _) = post(&app, "/api/inquiries", inquiry(&a, "once@corp.kr")).await;
    assert_eq!(status, 201);
    app.stop().await;
    // the three messages wait (kept as files, no SMTP); make them due now
    change_database(dir.path(), "UPDATE mail_outbox SET next_attempt_at = 0").await;

    // two nodes' senders, each with its own connection pool, at the same moment
    let smtp = Smtp::start().await;
    let config = config(dir.path(), None);
    let node_a = server::open_database_only(&config).await.unwrap();
    let node_b = server::open_database_only(&config).await.unwrap();
    let mail = server::mail::MailConfig::new(Some(&smtp.url()), None, dir.path()).unwrap();
    let (sent_a, sent_b) = tokio::join!(
        server::mail::deliver_due(&node_a, &mail),
        server::mail::deliver_due(&node_b, &mail)
    );
    sent_a.unwrap();
    sent_b.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = smtp.received();
    let mut to: Vec<&str> = received.iter().map(|m| m.to[0].as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        ["a@keti.re.kr", "once@corp.kr", SEMI_LIAISON],
        "each once"
    );
}
