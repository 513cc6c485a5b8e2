//! Several app nodes over one database, each with its own search index (issue 16): what is
//! saved on one is found on the other, and sign-ins, lists and rate limits hold on both.
//! On SQLite the nodes share the file; on PostgreSQL they share the database and hear of
//! each other's changes by `LISTEN/NOTIFY`.

use crate::accounts::{add_user, call, signed_in};
use crate::helpers::{TestApp, on_postgres};
use serde_json::json;
use std::time::{Duration, Instant};

/// Waits until a search on `app` for `q` finds `want` cards; returns how long it took.
async fn found_within(app: &TestApp, q: &str, want: u64, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let (status, body) = app
            .json(&format!(
                "/api/search?q={}",
                app::model::search::encode_component(q)
            ))
            .await;
        assert_eq!(status, 200, "{body}");
        if body["total"].as_u64() == Some(want) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "{q}: {} cards after {limit:?}, wanted {want}",
            body["total"]
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_over_one_database_stay_in_step() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    let a = TestApp::spawn_with(dir.path(), Some(dir.path().join("index-a"))).await;
    let b = TestApp::spawn_with(dir.path(), Some(dir.path().join("index-b"))).await;

    // a sign-in on A is valid on B: sessions live in the database
    let staff = signed_in(&a, "staff", "staff@keti.re.kr").await;
    let (status, me) = call(&b, &staff, "GET", "/api/me", None, false).await;
    assert_eq!(status, 200, "{me}");

    // a card saved on A is found on B within a second: announced on PostgreSQL, by the
    // periodic check (every second) on SQLite
    let limit = if on_postgres() {
        Duration::from_secs(1)
    } else {
        Duration::from_secs(3)
    };
    let mut waits = Vec::new();
    let mut slugs = Vec::new();
    for i in 0..5 {
        let card = json!({"id": format!("NODE-{i}"), "name": format!("노드{i}"), "keywords": ["nodetopic"]});
        let (status, body) = call(&a, &staff, "POST", "/api/cards", Some(card), true).await;
        assert_eq!(status, 201, "{body}");
        slugs.push(
            body["slug"]
                .as_str()
                .expect("the new card's slug")
                .to_string(),
        );
        waits.push(found_within(&b, "nodetopic", i + 1, limit).await);
    }
    eprintln!("card on A found on B after {waits:?}");

    // an edit on B is found on A
    let slug = &slugs[0];
    let path = format!("/api/cards/{slug}/edit");
    let (status, editable) = call(&b, &staff, "GET", &path, None, false).await;
    assert_eq!(status, 200, "{editable}");
    let mut card = editable["card"].clone();
    card["keywords"] = json!(["nodetopic", "nodeedited"]);
    card["version"] = editable["version"].clone();
    let path = format!("/api/cards/{slug}");
    let (status, saved) = call(&b, &staff, "PUT", &path, Some(card), true).await;
    assert_eq!(status, 200, "{saved}");
    found_within(&a, "nodeedited", 1, limit).await;

    // synonyms saved on B widen searches on A
    let (status, mut lists) = call(&b, &staff, "GET", "/api/lists", None, false).await;
    assert_eq!(status, 200);
    lists["synonyms"]
        .as_array_mut()
        .unwrap()
        .push(json!(["nodetopic", "zznodesyn"]));
    let (status, saved) = call(&b, &staff, "PUT", "/api/lists", Some(lists), true).await;
    assert_eq!(status, 200, "{saved}");
    found_within(&a, "zznodesyn", 5, limit).await;

    // signing out on B ends the session on A too
    let (status, _) = call(&b, &staff, "POST", "/api/auth/logout", None, true).await;
    assert!(status < 300, "{status}");
    let (status, _) = call(&a, &staff, "GET", "/api/me", None, false).await;
    assert_eq!(status, 401, "the session ended everywhere");

    a.stop().await;
    b.stop().await;
}

/// Saves racing for one unique key on two nodes: one wins, the others are told the key is
/// taken (409), none fails with a server error, and the database holds one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_for_one_key_on_two_nodes_give_one_winner_and_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "admin@keti.re.kr", "admin", None);
    let a = TestApp::spawn_with(dir.path(), Some(dir.path().join("index-a"))).await;
    let b = TestApp::spawn_with(dir.path(), Some(dir.path().join("index-b"))).await;
    let admin = signed_in(&a, "admin", "admin@keti.re.kr").await;

    let card = json!({"id": "RACE-1", "name": "경쟁연구자", "keywords": ["racetopic"]});
    let account = json!({"email": "race@keti.re.kr", "role": "staff"});
    for (path, body) in [("/api/cards", card), ("/api/accounts", account)] {
        let tasks: Vec<_> = (0..8)
            .map(|i| {
                let node = if i % 2 == 0 { &a } else { &b };
                let request = node
                    .client
                    .post(format!("{}{path}", node.base))
                    .header("cookie", admin.cookie.clone().unwrap())
                    .header("x-csrf-token", &admin.csrf)
                    .json(&body);
                tokio::spawn(async move {
                    let r = request.send().await.unwrap();
                    (
                        r.status().as_u16(),
                        r.json::<serde_json::Value>().await.unwrap(),
                    )
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        let statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "{path}: one winner: {answers:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 201 || *s == 409),
            "{path}: the others are conflicts: {answers:?}"
        );
        for (status, body) in &answers {
            if *status == 409 {
                assert_eq!(body["error"]["code"], "conflict", "{body}");
            }
        }
    }
    found_within(&b, "racetopic", 1, Duration::from_secs(3)).await;
    a.stop().await;
    b.stop().await;
}
