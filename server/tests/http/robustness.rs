//! What probing the running server found (issue 14): writers that failed on SQLite's lock,
//! and an index that silently fell behind the database after a full disk.

use crate::accounts::{Who, add_user, call, signed_in};
use crate::helpers::{TestApp, rcard};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

/// A Latin keyword (one search term) per prefix and number: `imptopicc`.
fn topic(prefix: &str, i: usize) -> String {
    format!("{}topic{}", prefix.to_lowercase(), (b'a' + i as u8) as char)
}

/// A JSON Lines file of `n` small cards with ids `{prefix}-0…`.
fn cards(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            json!({
                "id": format!("{prefix}-{i}"),
                "name": format!("연구자{prefix}{i}"),
                "keywords": [topic(prefix, i % 26), "공정 최적화".to_string()],
                "bio": "제조 공정의 데이터를 분석하고 예지보전 모델을 연구합니다. ".repeat(8),
                "publications": (0..6).map(|p| json!({"title": format!("Process data study {p} of {prefix} {i}"), "year": 2020})).collect::<Vec<_>>(),
            })
            .to_string()
                + "\n"
        })
        .collect()
}

async fn create(app: &TestApp, staff: &Who, id: &str, keyword: &str) -> (u16, Value) {
    let card = json!({"id": id, "name": format!("새연구자{id}"), "keywords": [keyword]});
    call(app, staff, "POST", "/api/cards", Some(card), true).await
}

/// How many cards match every word of `q` (partial matches that fill the list aside).
async fn total(app: &TestApp, q: &str) -> u64 {
    let (status, body) = app
        .json(&format!(
            "/api/search?per_page=100&q={}",
            app::model::search::encode_component(q)
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    let hits = body["hits"].as_array().unwrap();
    hits.iter().filter(|h| h["partial"] != true).count() as u64
}

async fn index_lag(app: &TestApp) -> i64 {
    let (status, health) = app.json("/api/health").await;
    assert_eq!(status, 200, "{health}");
    health["index_lag"]
        .as_i64()
        .unwrap_or_else(|| panic!("health has index_lag: {health}"))
}

#[tokio::test]
async fn an_api_import_waits_its_turn_while_searches_and_saves_run() {
    let dir = tempfile::tempdir().unwrap();
    // a directory large enough for the import below to take a while
    let base = dir.path().join("base.jsonl");
    std::fs::write(&base, cards("BASE", 6000)).unwrap();
    let out = rcard(dir.path(), &["import", base.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    let app = TestApp::spawn(dir.path()).await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // anonymous searches, each of which queues a search-log write
    let searches = {
        let (client, base, stop) = (app.client.clone(), app.base.clone(), stop.clone());
        tokio::spawn(async move {
            let mut failures = Vec::new();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let q = format!("공정 {}", topic("BASE", n % 26));
                let r = client
                    .get(format!(
                        "{base}/api/search?q={}",
                        app::model::search::encode_component(&q)
                    ))
                    .send()
                    .await
                    .unwrap();
                if r.status() != 200 {
                    failures.push(r.status().as_u16());
                }
                n += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            (n, failures)
        })
    };
    let import = cards("IMP", 2500);
    let started = Instant::now();
    let importing = app
        .client
        .post(format!("{}/api/import", app.base))
        .header("cookie", staff.cookie.clone().unwrap())
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", "application/x-ndjson")
        .body(import)
        .send();
    // saves while the import runs: they wait their turn instead of failing
    let saves = async {
        let mut statuses = Vec::new();
        for i in 0..5 {
            tokio::time::sleep(Duration::from_millis(150)).await;
            let (status, body) = create(&app, &staff, &format!("LIVE-{i}"), "concurrentsave").await;
            statuses.push((status, body));
        }
        statuses
    };
    let (imported, saved) = tokio::join!(importing, saves);
    let imported = imported.unwrap();
    let status = imported.status().as_u16();
    let body: Value = imported.json().await.unwrap();
    let took = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (searched, failures) = searches.await.unwrap();

    assert_eq!(status, 200, "the import succeeds: {body}");
    assert_eq!(body["summary"]["created"], 2500, "{body}");
    for (status, body) in &saved {
        assert_eq!(
            *status, 201,
            "a save during the import waits and succeeds: {body}"
        );
    }
    assert!(failures.is_empty(), "searches failed: {failures:?}");
    assert!(
        searched > 5,
        "searches ran alongside ({searched} in {took:?})"
    );
    assert_eq!(total(&app, "concurrentsave").await, 5);
    // 2500 imported cards over 26 topics: topics a–d have 97 cards, the others 96
    assert_eq!(total(&app, &topic("IMP", 7)).await, 96);
    assert_eq!(index_lag(&app).await, 0);
    // the searches made during the import were recorded (in batches, off the request path)
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, dashboard) = call(&app, &staff, "GET", "/api/dashboard", None, false).await;
        assert_eq!(status, 200, "{dashboard}");
        if dashboard["top_queries"].to_string().contains("basetopic") {
            break;
        }
        assert!(Instant::now() < deadline, "searches recorded: {dashboard}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.stop().await;
}

/// A small tmpfs, unmounted when dropped.
pub(crate) struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    pub(crate) fn mount(at: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(at).unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "this test needs to mount a tmpfs (root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs(at.to_path_buf())
    }

    /// Makes the file system read-only (as a read-only volume would be: permissions do not
    /// stop root, who runs these tests).
    pub(crate) fn read_only(&self) {
        let out = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Fills the file system but for a few kilobytes; returns the filler's path.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let path = self.0.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .output();
    }
}

#[tokio::test]
async fn an_index_on_a_full_disk_catches_up_when_space_returns_and_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let tmpfs = Tmpfs::mount(&dir.path().join("small"), "8m");
    let index = dir.path().join("small/index");
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    let app = TestApp::spawn_with(dir.path(), Some(index.clone())).await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (status, _) = create(&app, &staff, "DISK-0", "diskfulltopic").await;
    assert_eq!(status, 201);
    assert_eq!(total(&app, "diskfulltopic").await, 1);

    // the disk fills up: saves still answer (the database is the source of truth) …
    let filler = tmpfs.fill();
    for i in 1..4 {
        let (status, body) = create(&app, &staff, &format!("DISK-{i}"), "diskfulltopic").await;
        assert_eq!(status, 201, "{body}");
    }
    // … and the lag is visible
    assert!(index_lag(&app).await > 0, "the lag shows in /api/health");
    assert!(total(&app, "diskfulltopic").await < 4);
    let (status, ready) = app.json("/api/ready").await;
    assert_eq!(status, 503, "not ready while behind: {ready}");
    assert!(ready["index_lag"].as_i64().unwrap() > 0, "{ready}");
    assert_eq!(ready["ready"], false, "{ready}");

    // space returns: the periodic check catches up without another write
    std::fs::remove_file(&filler).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while index_lag(&app).await > 0 {
        assert!(Instant::now() < deadline, "the index caught up");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(total(&app, "diskfulltopic").await, 4);
    let (status, ready) = app.json("/api/ready").await;
    assert_eq!(status, 200, "ready once caught up: {ready}");
    assert_eq!(ready["ready"], true, "{ready}");
    // the next save after a failure is indexed too, with what was missed
    let filler = tmpfs.fill();
    let (status, _) = create(&app, &staff, "DISK-4", "diskfulltopic").await;
    assert_eq!(status, 201);
    app.stop().await;

    // a start-up on an index that is behind the database catches up before serving
    std::fs::remove_file(&filler).unwrap();
    let app = TestApp::spawn_with(dir.path(), Some(index)).await;
    assert_eq!(index_lag(&app).await, 0, "caught up at start-up");
    assert_eq!(total(&app, "diskfulltopic").await, 5);
    app.stop().await;
}

async fn import(app: &TestApp, staff: &Who, lines: String) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}/api/import", app.base))
        .header("cookie", staff.cookie.clone().unwrap())
        .header("x-csrf-token", &staff.csrf)
        .header("content-type", "application/x-ndjson")
        .body(lines)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn an_api_import_on_a_full_disk_says_so_and_what_to_do() {
    if crate::helpers::on_postgres() {
        // the database is not in the data directory, so the import is stored; a full index
        // disk is `an_index_on_a_full_disk_catches_up_…`, which runs on both
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("small");
    let tmpfs = Tmpfs::mount(&data, "64m");
    add_user(&data, "staff@keti.re.kr", "staff", None);
    let app = TestApp::spawn(&data).await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;

    let filler = tmpfs.fill();
    for _ in 0..3 {
        let (status, body) = import(&app, &staff, cards("FULL", 3000)).await;
        assert_eq!(status, 507, "{body}");
        assert_eq!(body["error"]["code"], "disk_full", "{body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("디스크가 가득") && message.contains("공간을 확보"),
            "says what happened and what to do: {message}"
        );
    }

    // with space again, the import and later writes go through: no connection is left
    // stuck in the transaction that SQLite rolled back by itself
    std::fs::remove_file(&filler).unwrap();
    let (status, body) = import(&app, &staff, cards("FULL", 3000)).await;
    assert_eq!(
        status, 200,
        "with space again the import goes through: {body}"
    );
    assert_eq!(body["summary"]["created"], 3000, "{body}");
    for i in 0..10 {
        let (status, body) = create(&app, &staff, &format!("AFTER-{i}"), "afterfull").await;
        assert_eq!(status, 201, "{body}");
    }
    app.stop().await;
}

/// Sends `n` copies of one staff request at once; their statuses and bodies.
async fn at_once(app: &TestApp, staff: &Who, path: &str, n: usize) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let request = app
                .client
                .post(format!("{}{path}", app.base))
                .header("cookie", staff.cookie.clone().unwrap())
                .header("x-csrf-token", &staff.csrf);
            tokio::spawn(async move {
                let r = request.send().await.unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archive_and_restore_are_idempotent_under_concurrency() {
    let (app, dir) = TestApp::with_fixture().await;
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (_, all) = app.json("/api/search?per_page=1").await;
    let slug = all["hits"][0]["slug"].as_str().unwrap().to_string();
    let version = |answers: &[(u16, Value)]| answers[0].1["version"].as_i64().unwrap();

    let mut expected = None;
    for round in 0..4 {
        for action in ["archive", "restore"] {
            let answers = at_once(&app, &staff, &format!("/api/cards/{slug}/{action}"), 8).await;
            for (status, body) in &answers {
                assert_eq!(*status, 200, "round {round}, {action}: {body}");
            }
            // one of them changed the card; the others answer with its state
            let now = version(&answers);
            assert!(
                answers.iter().all(|(_, b)| b["version"] == now),
                "{answers:?}"
            );
            if let Some(before) = expected {
                assert_eq!(now, before + 1, "one new version per action: {answers:?}");
            }
            expected = Some(now);
            let (_, public) = app.json(&format!("/api/cards/{slug}")).await;
            let status = if action == "archive" {
                "archived"
            } else {
                "published"
            };
            assert_eq!(public["status"], status);
        }
    }
    app.stop().await;
}

/// The token of the one-time link `rcard user add|reset` prints.
fn link_token(out: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("a link in: {text}"))
        .to_string()
}

/// Signs in; the status and the answer's body.
async fn login(app: &TestApp, email: &str, password: &str) -> (u16, Value) {
    let (status, _, body, _) = crate::accounts::login(app, "owner", email, password).await;
    (status, body)
}

async fn set_password(app: &TestApp, token: &str, password: &str) -> u16 {
    app.client
        .post(format!("{}/api/auth/password", app.base))
        .json(&json!({"token": token, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_reset_link_ends_a_lock_out_and_spends_the_accounts_other_links() {
    let dir = tempfile::tempdir().unwrap();
    let email = "kim@keti.re.kr";
    let invite = link_token(&rcard(
        dir.path(),
        &["user", "add", "--email", email, "--role", "staff"],
    ));
    let app = TestApp::spawn(dir.path()).await;
    assert_eq!(
        set_password(&app, &invite, "first passphrase here").await,
        204
    );

    // someone else types wrong passwords until the account is locked
    for _ in 0..5 {
        assert_eq!(login(&app, email, "not the passphrase").await.0, 401);
    }
    let (status, body) = login(&app, email, "first passphrase here").await;
    assert_eq!(status, 429, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("재설정 링크"),
        "says the way back in: {message}"
    );

    // two reset links; the owner uses the second
    let older = link_token(&rcard(dir.path(), &["user", "reset", "--email", email]));
    let newer = link_token(&rcard(dir.path(), &["user", "reset", "--email", email]));
    assert_eq!(
        set_password(&app, &newer, "second passphrase here").await,
        204
    );
    let (status, body) = login(&app, email, "second passphrase here").await;
    assert_eq!(status, 200, "the lock-out ended with the reset: {body}");
    // the older reset link and the invitation are spent
    assert_eq!(set_password(&app, &older, "attacker passphrase").await, 400);
    assert_eq!(
        set_password(&app, &invite, "attacker passphrase").await,
        400
    );
    assert_eq!(login(&app, email, "second passphrase here").await.0, 200);
    app.stop().await;
}

#[test]
fn an_export_imported_again_keeps_when_cards_were_created_and_updated() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = first.path().join("cards.jsonl");
    // a card changed long ago, as a restored export would carry it
    let old = json!({"id": "OLD-1", "name": "오래된카드", "created_at": "2019-03-01T09:00:00Z", "updated_at": "2021-06-30T18:30:00+09:00"});
    std::fs::write(
        &file,
        format!("{old}\n{{\"id\": \"NEW-1\", \"name\": \"새카드\"}}\n"),
    )
    .unwrap();
    let out = rcard(first.path(), &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = |dir: &Path| -> Vec<Value> {
        let out = rcard(dir, &["export"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut cards: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        cards.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        cards
    };
    let exported = export(first.path());
    assert_eq!(exported[1]["id"], "OLD-1");
    assert_eq!(exported[1]["created_at"], "2019-03-01T09:00:00Z");
    assert_eq!(exported[1]["updated_at"], "2021-06-30T09:30:00Z");
    // the whole export into a fresh directory, and out again: the same times
    let restored = second.path().join("export.jsonl");
    let lines: String = exported.iter().map(|c| format!("{c}\n")).collect();
    std::fs::write(&restored, lines).unwrap();
    let out = rcard(second.path(), &["import", restored.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = export(second.path());
    for (a, b) in exported.iter().zip(&again) {
        assert_eq!(a["id"], b["id"]);
        assert_eq!(a["created_at"], b["created_at"], "{}", a["id"]);
        assert_eq!(a["updated_at"], b["updated_at"], "{}", a["id"]);
    }
}

/// Generating a router's route list runs the app with resource loading suppressed for the
/// whole process; a page rendered by another server of the same process at that moment
/// used to wait forever (a test timed out on `/cards/t-004` in CI).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_another_server_of_the_process_builds_its_router() {
    let (app, dir) = TestApp::with_fixture().await;
    let config = server::Config {
        data_dir: dir.path().to_path_buf(),
        database_url: crate::helpers::database_url(dir.path()),
        index_dir: None,
        demo: false,
        dictionary: None,
        smtp_url: None,
        mail_from: None,
    };
    let directory = server::open_database_only(&config).await.unwrap();
    let state = app::state::AppState {
        leptos_options: server::leptos_options(),
        directory,
        public_script: app::bundles::PublicScript::new("target/enhance"),
    };
    let building = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let builder = {
        let building = building.clone();
        std::thread::spawn(move || {
            // generating routes spawns tasks, as a server's start does
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let _entered = runtime.enter();
            let mut built = 0;
            while building.load(std::sync::atomic::Ordering::Relaxed) {
                drop(server::router(state.clone()));
                built += 1;
            }
            built
        })
    };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut answered = 0;
    for round in 0..40 {
        for path in ["/cards/t-004", "/cards/nobody", "/cards/haneul-jung", "/"] {
            let r = client.get(format!("{}{path}", app.base)).send().await;
            let r = r.unwrap_or_else(|e| panic!("round {round}, {path}: {e}"));
            assert!(matches!(r.status().as_u16(), 200 | 404), "{path}");
            r.text().await.unwrap();
            answered += 1;
        }
    }
    building.store(false, std::sync::atomic::Ordering::Relaxed);
    let built = builder.join().unwrap();
    assert!(built > 0 && answered == 160);
    app.stop().await;
}
