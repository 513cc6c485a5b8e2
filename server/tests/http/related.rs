//! Related terms mined from the cards: the partial tier they fill, the "연관 키워드" of a
//! search, and the synonym suggestions staff accept or reject.

use crate::accounts::{Who, add_user, call, signed_in};
use crate::helpers::TestApp;
use serde_json::{Value, json};

/// A small directory: quality inspectors who write 결함 and 불량 (and defect) on the same
/// cards, three who only write 불량, and researchers of unrelated topics.
fn cards() -> String {
    let mut lines = Vec::new();
    let mut card = |id: String, keywords: &[&str], title: &str| {
        lines.push(
            json!({
                "id": id,
                "name": format!("연구자 {id}"),
                "keywords": keywords,
                "publications": [{"title": title, "year": 2024}],
                "status": "published",
            })
            .to_string(),
        );
    };
    let titles = [
        "PCB 이물 검출",
        "디스플레이 얼룩 검사",
        "용접 비드 판정",
        "도장 표면 평가",
        "주조품 기공 탐지",
    ];
    for (i, title) in titles.iter().enumerate() {
        card(format!("Q-{i}"), &["결함", "불량", "defect"], title);
    }
    for i in 0..3 {
        card(format!("P-{i}"), &["불량", "사출"], "사출 성형 불량 분석");
    }
    for i in 0..4 {
        card(
            format!("R-{i}"),
            &["로봇", "매니퓰레이터"],
            "협동 로봇 파지",
        );
        card(
            format!("B-{i}"),
            &["배터리", "열폭주"],
            "이차전지 열폭주 예측",
        );
    }
    // enough others that 불량 (on 8 cards) is not on a fifth of the directory
    for i in 0..40 {
        card(
            format!("X-{i}"),
            &[&format!("주제{i}")],
            &format!("고유 과제 {i}"),
        );
    }
    lines.join("\n") + "\n"
}

fn ids(search: &Value) -> Vec<(String, bool)> {
    search["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["external_id"].as_str().unwrap().to_string(),
                h["partial"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

fn pairs(body: &Value) -> Vec<(String, String)> {
    body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (a, b) = (s["a"].as_str().unwrap(), s["b"].as_str().unwrap());
            if a <= b {
                (a.to_string(), b.to_string())
            } else {
                (b.to_string(), a.to_string())
            }
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

#[tokio::test]
async fn mined_neighbours_fill_the_partial_tier_and_staff_accept_or_reject_them() {
    let (app, dir) = TestApp::with_cards(&cards()).await;
    let (_, own) = app.json("/api/search?q=주제0").await;
    let slug = own["hits"][0]["slug"].as_str().unwrap().to_string();
    // off the test's thread: the server runs on it and may be writing the search log
    let data = dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        add_user(&data, "staff@keti.re.kr", "staff", None);
        add_user(&data, "r@keti.re.kr", "researcher", Some(&slug));
    })
    .await
    .unwrap();

    // 결함: the five cards that say it first, then the three that only say 불량
    let (status, search) = app.json("/api/search?q=결함").await;
    assert_eq!(status, 200, "{search}");
    let found = ids(&search);
    let strict: Vec<&(String, bool)> = found.iter().filter(|(_, p)| !p).collect();
    assert_eq!(strict.len(), 5, "{found:?}");
    assert!(
        strict.iter().all(|(id, _)| id.starts_with("Q-")),
        "{found:?}"
    );
    let first_partial = found.iter().position(|(_, p)| *p).expect("a partial tier");
    assert_eq!(
        first_partial, 5,
        "the related cards follow every card with the word"
    );
    assert!(
        found[5..].iter().any(|(id, _)| id.starts_with("P-")),
        "cards that only say 불량: {found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(id, _)| id.starts_with('R') || id.starts_with('B')),
        "unrelated topics stay out: {found:?}"
    );
    let related = search["related"].to_string();
    assert!(related.contains("불량"), "{search}");
    assert!(
        !related.contains("로봇") && !related.contains("배터리"),
        "{related}"
    );

    // the page shows them as links
    let (_, page) = app.get("/?q=%EA%B2%B0%ED%95%A8").await;
    assert!(
        page.contains("연관 키워드"),
        "the related terms on the page"
    );
    assert!(page.contains("class=\"related-term\""));

    // suggestions are staff's
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher", "r@keti.re.kr").await;
    let path = "/api/lists/suggestions";
    let (status, _) = call(&app, &Who::anonymous(), "GET", path, None, false).await;
    assert_eq!(status, 401);
    let (status, _) = call(&app, &researcher, "GET", path, None, false).await;
    assert_eq!(status, 403);
    let decision = json!({"a": "결함", "b": "불량", "accept": false});
    let (status, _) = call(
        &app,
        &researcher,
        "POST",
        path,
        Some(decision.clone()),
        true,
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = call(&app, &staff, "GET", path, None, false).await;
    assert_eq!(status, 200, "{body}");
    let before = pairs(&body);
    assert!(before.contains(&pair("결함", "불량")), "{body}");
    assert!(
        before.contains(&pair("결함", "defect")),
        "other script: {body}"
    );
    assert!(!before.contains(&pair("결함", "로봇")), "{body}");
    let first = &body["suggestions"][0];
    assert!(first["score"].as_f64().unwrap() > 0.0 && first["together"].as_u64().unwrap() >= 2);

    // rejecting: never suggested again, and no longer widens a search
    let (status, body) = call(&app, &staff, "POST", path, Some(decision), true).await;
    assert_eq!(status, 200, "{body}");
    assert!(!pairs(&body).contains(&pair("결함", "불량")), "{body}");
    let (_, search) = app.json("/api/search?q=결함").await;
    assert!(!search["related"].to_string().contains("불량"), "{search}");
    assert!(
        !ids(&search).iter().any(|(id, _)| id.starts_with("P-")),
        "a rejected pair does not fill the partial tier: {search}"
    );

    // accepting: a synonym group, used by searches at once
    let accept = json!({"a": "결함", "b": "defect", "accept": true});
    let (status, body) = call(&app, &staff, "POST", path, Some(accept), true).await;
    assert_eq!(status, 200, "{body}");
    assert!(!pairs(&body).contains(&pair("결함", "defect")), "{body}");
    let (_, lists) = call(&app, &staff, "GET", "/api/lists", None, false).await;
    assert!(
        lists["synonyms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g.to_string().contains("결함") && g.to_string().contains("defect")),
        "{lists}"
    );

    // bad decisions get a specific Korean message
    for (bad, says) in [
        (json!({"a": "", "b": "불량", "accept": true}), "두 용어"),
        (
            json!({"a": "결함", "b": "결함을", "accept": false}),
            "같은 말",
        ),
        (
            json!({"a": "결함", "b": "가".repeat(101), "accept": true}),
            "100자",
        ),
    ] {
        let (status, body) = call(&app, &staff, "POST", path, Some(bad), true).await;
        assert_eq!(status, 400, "{body}");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{body}");
    }
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        path,
        Some(json!({"a": "결함", "b": 3, "accept": "yes"})),
        true,
    )
    .await;
    assert_eq!(status, 400, "wrong types: {body}");
    app.stop().await;
}
