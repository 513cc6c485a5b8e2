//! Accounts, sessions and card editing against a real server: the authorization matrix
//! (anonymous, researcher A, researcher B, staff, admin × every action), CSRF, optimistic
//! concurrency, history and revert, review, and sign-in hardening.

use crate::helpers::{TestApp, fixture, rcard};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

pub(crate) const PASSWORD: &str = "correct horse battery staple";

/// `rcard user add … --password-stdin` with the password on standard input.
pub(crate) fn add_user(dir: &Path, email: &str, role: &str, card: Option<&str>) {
    let mut args = vec![
        "user",
        "add",
        "--email",
        email,
        "--role",
        role,
        "--password-stdin",
    ];
    if let Some(card) = card {
        args.extend(["--card", card]);
    }
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rcard"));
    if let Some(url) = crate::helpers::database_url(dir) {
        command.env("DATABASE_URL", url);
    }
    let mut child = command
        .arg("--data-dir")
        .arg(dir)
        .args(&args)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run rcard user add");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "user add {email}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A client that is signed in (or not).
pub(crate) struct Who {
    name: &'static str,
    pub(crate) cookie: Option<String>,
    pub(crate) csrf: String,
}

impl Who {
    pub(crate) fn anonymous() -> Who {
        Who {
            name: "anonymous",
            cookie: None,
            csrf: String::new(),
        }
    }

    /// A client that sends this `Cookie` header (a session that may have ended) and no CSRF token.
    pub(crate) fn with_cookie(cookie: &str) -> Who {
        Who {
            name: "cookie",
            cookie: Some(cookie.to_string()),
            csrf: String::new(),
        }
    }
}

pub(crate) async fn login(
    app: &TestApp,
    name: &'static str,
    email: &str,
    password: &str,
) -> (u16, Who, Value, String) {
    let r = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let set_cookie = r
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body: Value = r.json().await.unwrap();
    let cookie = set_cookie
        .split(';')
        .next()
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    let csrf = body["csrf_token"].as_str().unwrap_or_default().to_string();
    (status, Who { name, cookie, csrf }, body, set_cookie)
}

pub(crate) async fn signed_in(app: &TestApp, name: &'static str, email: &str) -> Who {
    let (status, who, body, _) = login(app, name, email, PASSWORD).await;
    assert_eq!(status, 200, "{email} signs in: {body}");
    who
}

/// Sends a request as `who`, with the CSRF header when `csrf`.
pub(crate) async fn call(
    app: &TestApp,
    who: &Who,
    method: &str,
    path: &str,
    body: Option<Value>,
    csrf: bool,
) -> (u16, Value) {
    let url = format!("{}{path}", app.base);
    let mut request = app.client.request(method.parse().unwrap(), url);
    if let Some(cookie) = &who.cookie {
        request = request.header("cookie", cookie);
    }
    if csrf && !who.csrf.is_empty() {
        request = request.header("x-csrf-token", &who.csrf);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::Null);
    (status, value)
}

/// Saves `card` (an edited form with its `version`) as `who`.
async fn save(app: &TestApp, who: &Who, slug: &str, card: Value) -> (u16, Value) {
    call(
        app,
        who,
        "PUT",
        &format!("/api/cards/{slug}"),
        Some(card),
        true,
    )
    .await
}

/// A page as `who` sees it, signed in: its status and HTML.
pub(crate) async fn page_as(app: &TestApp, who: &Who, path: &str) -> (u16, String) {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(cookie) = &who.cookie {
        request = request.header("cookie", cookie);
    }
    let r = request.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The card's editable form (as staff see it): the record plus its version.
async fn current(app: &TestApp, staff: &Who, slug: &str) -> (Value, i64) {
    let (status, body) = call(
        app,
        staff,
        "GET",
        &format!("/api/cards/{slug}/edit"),
        None,
        false,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    (body["card"].clone(), body["version"].as_i64().unwrap())
}

async fn setup() -> (TestApp, tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let app = TestApp::spawn(dir.path()).await;
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
    add_user(dir.path(), "a@keti.re.kr", "researcher", Some(&a));
    add_user(dir.path(), "b@keti.re.kr", "researcher", Some(&b));
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    add_user(dir.path(), "admin@keti.re.kr", "admin", None);
    (app, dir, a, b)
}

#[tokio::test]
async fn authorization_matrix_holds_for_every_role_and_action() {
    let (app, _dir, a, _b) = setup().await;
    let who = [
        Who::anonymous(),
        signed_in(&app, "researcher A", "a@keti.re.kr").await,
        signed_in(&app, "researcher B", "b@keti.re.kr").await,
        signed_in(&app, "staff", "staff@keti.re.kr").await,
        signed_in(&app, "admin", "admin@keti.re.kr").await,
    ];
    let staff = &who[3];

    // expected statuses in the order: anonymous, A, B, staff, admin
    let reads: [(&str, [u16; 5]); 6] = [
        ("/api/me", [401, 200, 200, 200, 200]),
        (&format!("/api/cards/{a}/edit"), [401, 200, 403, 200, 200]),
        (
            &format!("/api/cards/{a}/history"),
            [401, 200, 403, 200, 200],
        ),
        ("/api/review", [401, 403, 403, 200, 200]),
        ("/api/dashboard", [401, 403, 403, 200, 200]),
        ("/api/lists", [401, 403, 403, 200, 200]),
    ];
    for (path, expected) in &reads {
        for (w, want) in who.iter().zip(expected) {
            let (status, body) = call(&app, w, "GET", path, None, false).await;
            assert_eq!(status, *want, "GET {path} as {}: {body}", w.name);
        }
    }

    // saving card A: each allowed role saves on the current version
    for (w, want) in who.iter().zip([401, 200, 403, 200, 200]) {
        let (mut card, version) = current(&app, staff, &a).await;
        card["bio"] = json!(format!("{}이(가) 고친 소개", w.name));
        card["version"] = json!(version);
        let (status, body) = save(&app, w, &a, card).await;
        assert_eq!(status, want, "PUT card A as {}: {body}", w.name);
        if want == 200 {
            assert_eq!(body["version"], version + 1, "{body}");
        }
    }

    // curation: revert, archive, restore, create, accounts, settings
    for (w, want) in who.iter().zip([401, 403, 403, 200, 200]) {
        let (_, version) = current(&app, staff, &a).await;
        let (status, body) = call(
            &app,
            w,
            "POST",
            &format!("/api/cards/{a}/revert"),
            Some(json!({"to": 1, "version": version})),
            true,
        )
        .await;
        assert_eq!(status, want, "revert as {}: {body}", w.name);
        for action in ["archive", "restore"] {
            let (status, body) = call(
                &app,
                w,
                "POST",
                &format!("/api/cards/{a}/{action}"),
                None,
                true,
            )
            .await;
            assert_eq!(status, want, "{action} as {}: {body}", w.name);
        }
    }
    for (i, (w, want)) in who.iter().zip([401, 403, 403, 201, 201]).enumerate() {
        let card =
            json!({"id": format!("NEW-{i}"), "name": "신규연구자", "keywords": ["양자암호"]});
        let (status, body) = call(&app, w, "POST", "/api/cards", Some(card), true).await;
        assert_eq!(status, want, "create as {}: {body}", w.name);
    }
    for (i, (w, want)) in who.iter().zip([401, 403, 403, 201, 201]).enumerate() {
        let account = json!({"email": format!("r{i}@keti.re.kr"), "role": "researcher", "card": format!("new-{i}")});
        // the created cards' slugs come from their ids (NEW-3 → new-3)
        let (status, body) = call(&app, w, "POST", "/api/accounts", Some(account), true).await;
        assert_eq!(status, want, "invite a researcher as {}: {body}", w.name);
        if want == 201 {
            assert!(
                body["invite_path"]
                    .as_str()
                    .unwrap()
                    .starts_with("/set-password?token=")
            );
        }
    }
    for (i, (w, want)) in who.iter().zip([401, 403, 403, 403, 201]).enumerate() {
        let account = json!({"email": format!("s{i}@keti.re.kr"), "role": "staff"});
        let (status, body) = call(&app, w, "POST", "/api/accounts", Some(account), true).await;
        assert_eq!(status, want, "add staff as {}: {body}", w.name);
    }
    for (w, want) in who.iter().zip([401, 403, 403, 403, 200]) {
        let (status, body) = call(
            &app,
            w,
            "PUT",
            "/api/settings",
            Some(json!({"review_edits": false})),
            true,
        )
        .await;
        assert_eq!(status, want, "settings as {}: {body}", w.name);
    }

    // the lists (sent back unchanged), reset links, merging the created cards, import
    let (_, lists) = call(&app, staff, "GET", "/api/lists", None, false).await;
    for (w, want) in who.iter().zip([401, 403, 403, 200, 200]) {
        let (status, body) = call(&app, w, "PUT", "/api/lists", Some(lists.clone()), true).await;
        assert_eq!(status, want, "replace the lists as {}: {body}", w.name);
    }
    for (w, want) in who.iter().zip([401, 403, 403, 200, 200]) {
        let reset = json!({"email": "b@keti.re.kr"});
        let (status, body) = call(&app, w, "POST", "/api/accounts/reset", Some(reset), true).await;
        assert_eq!(status, want, "reset B's password as {}: {body}", w.name);
    }
    for (i, (w, want)) in who.iter().zip([401, 403, 403, 200, 200]).enumerate() {
        // staff merge the created NEW-3 into NEW-4, the admin NEW-4 into card A
        let (keep, from) = if i < 4 {
            ("new-4".to_string(), "new-3".to_string())
        } else {
            (a.clone(), "new-4".to_string())
        };
        let (status, body) = call(
            &app,
            w,
            "POST",
            &format!("/api/cards/{keep}/merge"),
            Some(json!({ "from": from })),
            true,
        )
        .await;
        assert_eq!(
            status, want,
            "merge {from} into {keep} as {}: {body}",
            w.name
        );
    }
    for (w, want) in who.iter().zip([401, 403, 403, 200, 200]) {
        let mut request = app
            .client
            .post(format!("{}/api/import?dry_run=true", app.base))
            .header("content-type", "application/x-ndjson")
            .body("{\"id\": \"IMP-1\", \"name\": \"가져온연구자\"}\n");
        if let Some(cookie) = &w.cookie {
            request = request
                .header("cookie", cookie)
                .header("x-csrf-token", &w.csrf);
        }
        let status = request.send().await.unwrap().status().as_u16();
        assert_eq!(status, want, "import (dry run) as {}", w.name);
    }

    // every signed-in role: a change without the CSRF header, or with a wrong one, is refused
    for w in &who[1..] {
        let (status, body) = call(&app, w, "POST", "/api/auth/logout", None, false).await;
        assert_eq!(status, 403, "logout without CSRF as {}: {body}", w.name);
        let forged = Who {
            name: w.name,
            cookie: w.cookie.clone(),
            csrf: "0".repeat(64),
        };
        let (_, version) = current(&app, staff, &a).await;
        let (status, _) = save(
            &app,
            &forged,
            &a,
            json!({"id": "T-001", "name": "x", "version": version}),
        )
        .await;
        assert_eq!(status, 403, "PUT with a forged CSRF token as {}", w.name);
    }
    app.stop().await;
}

#[tokio::test]
async fn saves_are_versioned_validated_searchable_and_revertible() {
    let (app, _dir, a, _b) = setup().await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;

    let (card, version) = current(&app, &researcher, &a).await;
    // a new keyword no card had, and a new career entry
    let mut edited = card.clone();
    edited["keywords"]
        .as_array_mut()
        .unwrap()
        .push(json!("뉴로모픽칩설계"));
    edited["career"] = json!([{"organization": "한국전자정보기술연구원", "role": "책임연구원", "start": "2019-03"}]);
    edited["version"] = json!(version);
    let (status, body) = save(&app, &researcher, &a, edited.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "published");

    // the change is searchable at once
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            app::model::search::encode_component("뉴로모픽칩설계")
        ))
        .await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["slug"], json!(a));

    // a second save based on the old version is refused with the current card
    let mut stale = card.clone();
    stale["bio"] = json!("다른 창에서 고친 소개");
    stale["version"] = json!(version);
    let (status, body) = save(&app, &staff, &a, stale).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "stale");
    assert_eq!(body["error"]["version"], version + 1);
    assert!(
        body["error"]["current"]["keywords"]
            .to_string()
            .contains("뉴로모픽칩설계")
    );

    // invalid input: 422 with the field, and nothing changes
    let mut bad = card.clone();
    bad["name"] = json!("");
    bad["videos"] = json!([{"url": "javascript:alert(1)"}]);
    bad["version"] = json!(version + 1);
    let (status, body) = save(&app, &researcher, &a, bad).await;
    assert_eq!(status, 422, "{body}");
    let paths = body["error"]["fields"].to_string();
    assert!(
        paths.contains("\"name\"") && paths.contains("videos[0].url"),
        "{body}"
    );
    // a wrong type is a 400 that names the field
    let (status, body) = save(
        &app,
        &researcher,
        &a,
        json!({"id": "T-001", "name": "김서연", "keywords": "not a list", "version": version + 1}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("keywords"),
        "{body}"
    );
    let (_, now) = current(&app, &staff, &a).await;
    assert_eq!(now, version + 1, "refused saves change nothing");

    // history: who, what, before and after
    let (status, history) = call(
        &app,
        &staff,
        "GET",
        &format!("/api/cards/{a}/history"),
        None,
        false,
    )
    .await;
    assert_eq!(status, 200);
    let latest = &history["versions"][0];
    assert_eq!(latest["version"], version + 1);
    assert_eq!(latest["by"], "a@keti.re.kr");
    assert_eq!(latest["source"], "researcher");
    let fields: Vec<&str> = latest["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["keywords", "career"], "{latest}");

    // staff revert to the first version; the revert is a version of its own
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/cards/{a}/revert"),
        Some(json!({"to": version, "version": version + 1})),
        true,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (card_now, v) = current(&app, &staff, &a).await;
    assert_eq!(v, version + 2);
    assert_eq!(card_now["keywords"], card["keywords"]);
    let (_, history) = call(
        &app,
        &staff,
        "GET",
        &format!("/api/cards/{a}/history"),
        None,
        false,
    )
    .await;
    assert_eq!(history["versions"][0]["source"], "revert");
    assert_eq!(history["versions"][0]["by"], "staff@keti.re.kr");
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            app::model::search::encode_component("뉴로모픽칩설계")
        ))
        .await;
    assert_eq!(
        found["total"], 0,
        "the reverted keyword left search: {found}"
    );

    // archive: gone from search, the page keeps only whom to contact; restore brings it back
    let (status, _) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/cards/{a}/archive"),
        Some(json!({"note": "퇴직"})),
        true,
    )
    .await;
    assert_eq!(status, 200);
    let (_, all) = app.json("/api/search?q=%EA%B9%80%EC%84%9C%EC%97%B0").await;
    assert_eq!(all["total"], 0, "archived cards leave search: {all}");
    let (status, public) = app.json(&format!("/api/cards/{a}")).await;
    assert_eq!(status, 200);
    assert_eq!(public["status"], "archived");
    assert!(
        public["keywords"].as_array().is_none_or(|k| k.is_empty()),
        "{public}"
    );
    // a staff save that leaves out `status` keeps the card archived
    let (mut card, version) = current(&app, &staff, &a).await;
    card.as_object_mut().unwrap().remove("status");
    card["bio"] = json!("퇴직 후 정리한 소개");
    card["version"] = json!(version);
    let (status, body) = save(&app, &staff, &a, card).await;
    assert_eq!(status, 200, "{body}");
    let (_, public) = app.json(&format!("/api/cards/{a}")).await;
    assert_eq!(public["status"], "archived", "{public}");
    let (status, _) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/cards/{a}/restore"),
        None,
        true,
    )
    .await;
    assert_eq!(status, 200);
    let (_, all) = app.json("/api/search?q=%EA%B9%80%EC%84%9C%EC%97%B0").await;
    assert_eq!(all["total"], 1, "restored: {all}");
    app.stop().await;
}

#[tokio::test]
async fn review_holds_researcher_edits_until_staff_decide() {
    let (app, _dir, a, _b) = setup().await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let admin = signed_in(&app, "admin", "admin@keti.re.kr").await;
    let (status, _) = call(
        &app,
        &admin,
        "PUT",
        "/api/settings",
        Some(json!({"review_edits": true})),
        true,
    )
    .await;
    assert_eq!(status, 200);

    let (mut card, version) = current(&app, &researcher, &a).await;
    card["bio"] = json!("검토를 기다리는 소개");
    card["version"] = json!(version);
    let (status, body) = save(&app, &researcher, &a, card).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "pending_review");
    assert_eq!(body["version"], version, "nothing published yet");

    let (_, queue) = call(&app, &staff, "GET", "/api/review", None, false).await;
    let edit = &queue["edits"][0];
    assert_eq!(edit["by"], "a@keti.re.kr");
    assert_eq!(edit["changes"][0]["field"], "bio");
    let id = edit["id"].as_i64().unwrap();
    let (status, decided) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/review/{id}"),
        Some(json!({"approve": false, "comment": "출처를 밝혀 주세요"})),
        true,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(decided["outcome"], "rejected", "{decided}");
    // the researcher sees the decision and its comment in the editor
    let (_, editable) = call(
        &app,
        &researcher,
        "GET",
        &format!("/api/cards/{a}/edit"),
        None,
        false,
    )
    .await;
    assert_eq!(editable["last_edit"]["state"], "rejected");
    assert_eq!(editable["last_edit"]["comment"], "출처를 밝혀 주세요");
    assert_eq!(editable["version"], version);
    // deciding twice is a conflict
    let (status, _) = call(
        &app,
        &staff,
        "POST",
        &format!("/api/review/{id}"),
        Some(json!({"approve": true})),
        true,
    )
    .await;
    assert_eq!(status, 409);
    app.stop().await;
}

#[tokio::test]
async fn sign_in_is_hardened() {
    let (app, _dir, _a, _b) = setup().await;
    // the cookie is HttpOnly and SameSite=Lax; the body carries the CSRF token
    let (status, who, body, set_cookie) = login(&app, "A", "A@KETI.re.kr ", PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert_eq!(body["role"], "researcher");
    assert_eq!(body["csrf_token"].as_str().unwrap().len(), 64);
    assert!(body.get("password_hash").is_none());

    // the same answer for a wrong password and for an unknown email
    let (s1, _, wrong, _) = login(&app, "x", "a@keti.re.kr", "wrong password!").await;
    let (s2, _, unknown, _) = login(&app, "x", "nobody@keti.re.kr", "wrong password!").await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(wrong["error"]["message"], unknown["error"]["message"]);

    // five failures lock the email for a while, even with the right password
    for _ in 0..4 {
        login(&app, "x", "b@keti.re.kr", "wrong password!").await;
    }
    let (_, _, _, _) = login(&app, "x", "b@keti.re.kr", "wrong password!").await;
    let (status, _, body, _) = login(&app, "x", "b@keti.re.kr", PASSWORD).await;
    assert_eq!(status, 429, "{body}");

    // logout ends the session on the server
    let (status, _) = call(&app, &who, "POST", "/api/auth/logout", None, true).await;
    assert_eq!(status, 204);
    let (status, _) = call(&app, &who, "GET", "/api/me", None, false).await;
    assert_eq!(status, 401);

    // an invitation link sets a password once
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (status, created) = call(
        &app,
        &staff,
        "POST",
        "/api/accounts",
        Some(json!({"email": "new@keti.re.kr", "role": "staff"})),
        true,
    )
    .await;
    assert_eq!(status, 403, "staff cannot create staff: {created}");
    let admin = signed_in(&app, "admin", "admin@keti.re.kr").await;
    let (status, created) = call(
        &app,
        &admin,
        "POST",
        "/api/accounts",
        Some(json!({"email": "new@keti.re.kr", "role": "staff"})),
        true,
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let token = created["invite_path"]
        .as_str()
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    let set = |password: &str| json!({"token": token, "password": password});
    let anon = Who::anonymous();
    let (status, body) = call(
        &app,
        &anon,
        "POST",
        "/api/auth/password",
        Some(set("short")),
        false,
    )
    .await;
    assert_eq!(status, 400, "too short: {body}");
    let (status, _) = call(
        &app,
        &anon,
        "POST",
        "/api/auth/password",
        Some(set(PASSWORD)),
        false,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = call(
        &app,
        &anon,
        "POST",
        "/api/auth/password",
        Some(set(PASSWORD)),
        false,
    )
    .await;
    assert_eq!(status, 400, "a used link does not work twice");
    signed_in(&app, "new staff", "new@keti.re.kr").await;
    app.stop().await;
}

#[tokio::test]
async fn staff_issue_password_reset_links() {
    let (app, _dir, _a, _b) = setup().await;
    let reset = |email: &str| json!({"email": email});
    let a = signed_in(&app, "A", "a@keti.re.kr").await;
    let (status, _) = call(
        &app,
        &a,
        "POST",
        "/api/accounts/reset",
        Some(reset("b@keti.re.kr")),
        true,
    )
    .await;
    assert_eq!(status, 403, "a researcher cannot reset another account");
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        "/api/accounts/reset",
        Some(reset("admin@keti.re.kr")),
        true,
    )
    .await;
    assert_eq!(status, 403, "staff cannot reset an admin: {body}");
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        "/api/accounts/reset",
        Some(reset("nobody@keti.re.kr")),
        true,
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nobody@keti.re.kr"),
        "{body}"
    );
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        "/api/accounts/reset",
        Some(reset("A@keti.re.kr")),
        true,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let token = body["reset_path"]
        .as_str()
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap();
    let new_password = "a brand new passphrase";
    let (status, body) = call(
        &app,
        &Who::anonymous(),
        "POST",
        "/api/auth/password",
        Some(json!({"token": token, "password": new_password})),
        false,
    )
    .await;
    assert_eq!(status, 204, "{body}");
    let (status, _, _, _) = login(&app, "A", "a@keti.re.kr", PASSWORD).await;
    assert_eq!(status, 401, "the old password no longer works");
    let (status, _, body, _) = login(&app, "A", "a@keti.re.kr", new_password).await;
    assert_eq!(status, 200, "{body}");
    app.stop().await;
}

#[tokio::test]
async fn the_dashboard_shows_what_companies_look_for() {
    let (app, _dir, _a, _b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let enc = app::model::search::encode_component;
    for q in ["웨이퍼 결함", "웨이퍼  결함", "양자중력센서"] {
        app.json(&format!("/api/search?q={}", enc(q))).await;
    }
    // searches are recorded in the background; give them a moment
    let mut board = Value::Null;
    for _ in 0..50 {
        (_, board) = call(&app, &staff, "GET", "/api/dashboard", None, false).await;
        if board["top_queries"]
            .as_array()
            .is_some_and(|q| q.len() == 2)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        board["top_queries"][0],
        json!(["웨이퍼 결함", 2]),
        "{board}"
    );
    assert_eq!(
        board["empty_queries"],
        json!([["양자중력센서", 1]]),
        "{board}"
    );
    let statuses = board["statuses"].to_string();
    assert!(
        statuses.contains("published") && statuses.contains("archived"),
        "{board}"
    );
    app.stop().await;
}

/// A search answered just before a server is stopped (SIGTERM) reaches the dashboard: the
/// server writes the waiting search log as it stops instead of dropping up to a second of it.
#[tokio::test]
async fn a_search_just_before_the_server_stops_is_still_recorded() {
    let (app, dir, _a, _b) = setup().await;
    app.stop().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rcard"));
    if let Some(url) = crate::helpers::database_url(dir.path()) {
        command.env("DATABASE_URL", url);
    }
    let mut child = command
        .arg("--data-dir")
        .arg(dir.path())
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RCARD_DEMO", "0")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run rcard serve");
    let enc = app::model::search::encode_component;
    let url = format!(
        "http://127.0.0.1:{port}/api/search?q={}",
        enc("종료직전 검색어")
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        // one connection per request, so none is left open to hold up the graceful stop
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        if let Ok(r) = client.get(&url).send().await {
            assert_eq!(r.status(), 200);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "rcard serve did not answer"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = tokio::task::spawn_blocking(move || {
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        (status, stderr)
    })
    .await
    .unwrap();
    assert!(out.0.success(), "rcard serve stops cleanly: {}", out.1);

    let app = TestApp::spawn(dir.path()).await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (_, board) = call(&app, &staff, "GET", "/api/dashboard", None, false).await;
    assert_eq!(
        board["empty_queries"],
        json!([["종료직전 검색어", 1]]),
        "{board}"
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_edit_synonyms_and_searches_use_them_at_once() {
    let (app, _dir, _a, _b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let (_, before) = app.json("/api/search?q=zzwafer").await;
    assert_eq!(before["total"], 0);

    let (status, lists) = call(&app, &staff, "GET", "/api/lists", None, false).await;
    assert_eq!(status, 200);
    assert!(
        lists["synonyms"].as_array().unwrap().len() > 10,
        "the seeded groups"
    );
    let mut edited = lists.clone();
    edited["synonyms"]
        .as_array_mut()
        .unwrap()
        .push(json!(["웨이퍼", " zzwafer "]));
    edited["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!("양자기술"));

    let (status, _) = call(
        &app,
        &researcher,
        "PUT",
        "/api/lists",
        Some(edited.clone()),
        true,
    )
    .await;
    assert_eq!(status, 403, "researchers do not edit the lists");
    let mut lonely = edited.clone();
    lonely["synonyms"]
        .as_array_mut()
        .unwrap()
        .push(json!(["혼자"]));
    let (status, body) = call(&app, &staff, "PUT", "/api/lists", Some(lonely), true).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("혼자"),
        "{body}"
    );

    let (status, saved) = call(&app, &staff, "PUT", "/api/lists", Some(edited), true).await;
    assert_eq!(status, 200, "{saved}");
    assert!(
        saved["synonyms"]
            .to_string()
            .contains("[\"웨이퍼\",\"zzwafer\"]"),
        "trimmed: {saved}"
    );
    assert!(saved["fields"].to_string().contains("양자기술"));
    let (_, after) = app.json("/api/search?q=zzwafer").await;
    assert!(after["total"].as_u64().unwrap() >= 1, "{after}");
    app.stop().await;
}

#[tokio::test]
async fn divisions_and_sites_are_controlled_lists() {
    let (app, _dir, a, _b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    // the import filled both lists from the cards
    let (_, lists) = call(&app, &staff, "GET", "/api/lists", None, false).await;
    let (card, version) = current(&app, &staff, &a).await;
    let division = card["division"].as_str().unwrap().to_string();
    assert!(
        lists["divisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == division.as_str()),
        "{lists}"
    );
    assert!(!lists["sites"].as_array().unwrap().is_empty(), "{lists}");

    // a division must be at a listed site
    let mut edited = lists.clone();
    edited["divisions"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "양자기술연구센터", "site": "제주"}));
    let (status, body) = call(
        &app,
        &staff,
        "PUT",
        "/api/lists",
        Some(edited.clone()),
        true,
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("제주"),
        "{body}"
    );
    // a site still used by a division cannot be dropped on its own
    let used = lists["divisions"][0]["site"].as_str().unwrap().to_string();
    let fewer: Vec<Value> = lists["sites"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| **s != used.as_str())
        .cloned()
        .collect();
    let only_sites =
        json!({"synonyms": lists["synonyms"], "fields": lists["fields"], "sites": fewer});
    let (status, body) = call(&app, &staff, "PUT", "/api/lists", Some(only_sites), true).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains(&used),
        "{body}"
    );
    edited["sites"].as_array_mut().unwrap().push(json!("제주"));
    for d in edited["divisions"].as_array_mut().unwrap() {
        if d["name"] == division.as_str() {
            d["contact"] = json!("center@keti.re.kr, 031-789-7000");
        }
    }
    let (status, saved) = call(&app, &staff, "PUT", "/api/lists", Some(edited), true).await;
    assert_eq!(status, 200, "{saved}");

    // a researcher may pick a listed division, not invent one
    let (_, version_a) = current(&app, &staff, &a).await;
    assert_eq!(version, version_a);
    let mut moved = card.clone();
    moved["division"] = json!("없는연구센터");
    moved["version"] = json!(version);
    let (status, body) = save(&app, &researcher, &a, moved.clone()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["path"], "division", "{body}");
    moved["division"] = json!("양자기술연구센터");
    moved["site"] = json!("제주");
    let (status, body) = save(&app, &researcher, &a, moved).await;
    assert_eq!(status, 200, "{body}");

    // the division's contact shows where the researcher's own contacts cannot
    let (card, now) = current(&app, &staff, &a).await;
    assert_eq!(now, version + 1);
    let mut back = card.clone();
    back["division"] = json!(division);
    back["contact"]["email_public"] = json!(false);
    back["contact"]["phone_public"] = json!(false);
    back["version"] = json!(now);
    let (status, body) = save(&app, &staff, &a, back).await;
    assert_eq!(status, 200, "{body}");
    let (_, public) = app.json(&format!("/api/cards/{a}")).await;
    assert_eq!(
        public["division_contact"], "center@keti.re.kr, 031-789-7000",
        "{public}"
    );
    let page = app
        .client
        .get(format!("{}/cards/{a}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("center@keti.re.kr, 031-789-7000"),
        "the card page names the division's contact"
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_merge_a_duplicate_card() {
    let (app, _dir, a, b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher B", "b@keti.re.kr").await;
    let merge = |from: &str| json!({ "from": from });
    let path = format!("/api/cards/{a}/merge");
    let (status, _) = call(&app, &researcher, "POST", &path, Some(merge(&b)), true).await;
    assert_eq!(status, 403, "researchers do not merge cards");
    let (status, body) = call(&app, &staff, "POST", &path, Some(merge(&a)), true).await;
    assert_eq!(status, 400, "not into itself: {body}");
    let (status, body) = call(
        &app,
        &staff,
        "POST",
        &path,
        Some(merge("no-such-card")),
        true,
    )
    .await;
    assert_eq!(status, 400, "{body}");

    let (kept_before, _) = current(&app, &staff, &a).await;
    let (other, _) = current(&app, &staff, &b).await;
    let (status, saved) = call(&app, &staff, "POST", &path, Some(merge(&b)), true).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["slug"], a.as_str());
    let (kept, _) = current(&app, &staff, &a).await;
    assert_eq!(
        kept["name"], kept_before["name"],
        "the kept card keeps its name"
    );
    for keyword in other["keywords"].as_array().unwrap() {
        let lower = keyword.as_str().unwrap().to_lowercase();
        assert!(
            kept["keywords"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k.as_str().unwrap().to_lowercase() == lower),
            "{keyword} joined the kept card: {kept}"
        );
    }
    assert!(
        kept["name_variants"]
            .to_string()
            .contains(other["name"].as_str().unwrap()),
        "{kept}"
    );

    // the duplicate left search and points to the kept card; its researcher moved over
    let (_, public) = app.json(&format!("/api/cards/{b}")).await;
    assert_eq!(public["status"], "archived");
    assert_eq!(public["merged_into"], a.as_str(), "{public}");
    let enc = app::model::search::encode_component;
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            enc(other["name"].as_str().unwrap())
        ))
        .await;
    let slugs: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap())
        .collect();
    assert!(
        slugs.contains(&a.as_str()) && !slugs.contains(&b.as_str()),
        "{slugs:?}"
    );
    let (_, me) = call(&app, &researcher, "GET", "/api/me", None, false).await;
    assert_eq!(
        me["card"],
        b.as_str(),
        "A's card has its own researcher, so B's account stays: {me}"
    );
    let (_, history) = call(
        &app,
        &staff,
        "GET",
        &format!("/api/cards/{a}/history"),
        None,
        false,
    )
    .await;
    assert_eq!(history["versions"][0]["source"], "merge", "{history}");
    let (status, body) = call(&app, &staff, "POST", &path, Some(merge(&b)), true).await;
    assert_eq!(status, 409, "merged once only: {body}");
    // restoring the duplicate (a mistaken merge) makes it a card of its own again
    let restore = format!("/api/cards/{b}/restore");
    let (status, body) = call(&app, &staff, "POST", &restore, None, true).await;
    assert_eq!(status, 200, "{body}");
    let archive = format!("/api/cards/{b}/archive");
    call(&app, &staff, "POST", &archive, None, true).await;
    let (_, public) = app.json(&format!("/api/cards/{b}")).await;
    assert!(public.get("merged_into").is_none(), "{public}");
    app.stop().await;
}

#[tokio::test]
async fn undoing_a_merge_gives_the_researcher_their_own_card_back() {
    let (app, _dir, _a, b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher B", "b@keti.re.kr").await;
    // T-003's card has no account: B's account moves to it with the merge
    let (_, all) = app.json("/api/search?per_page=50").await;
    let keep = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["external_id"] == "T-003")
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .unwrap();
    let edits = |slug: String| {
        let (app, researcher) = (&app, &researcher);
        async move {
            let path = format!("/api/cards/{slug}/edit");
            call(app, researcher, "GET", &path, None, false).await.0
        }
    };
    let post = |path: String, body: Option<Value>| {
        let (app, staff) = (&app, &staff);
        async move {
            let (status, body) = call(app, staff, "POST", &path, body, true).await;
            assert_eq!(status, 200, "{path}: {body}");
        }
    };
    let merge = format!("/api/cards/{keep}/merge");
    let restore = format!("/api/cards/{b}/restore");
    let revert = format!("/api/cards/{keep}/revert");

    // restore, then revert
    let (_, before) = current(&app, &staff, &keep).await;
    post(merge.clone(), Some(json!({ "from": b }))).await;
    assert_eq!(edits(keep.clone()).await, 200, "the account moved");
    assert_eq!(edits(b.clone()).await, 403);
    post(restore.clone(), None).await;
    let (_, now) = current(&app, &staff, &keep).await;
    post(revert.clone(), Some(json!({"to": before, "version": now}))).await;
    assert_eq!(edits(b.clone()).await, 200, "B edits their own card again");
    assert_eq!(edits(keep.clone()).await, 403, "and no longer the other");
    let (_, me) = call(&app, &researcher, "GET", "/api/me", None, false).await;
    assert_eq!(me["card"], b.as_str(), "{me}");

    // revert first: the account comes back at once, and the restore keeps it there
    let (_, before) = current(&app, &staff, &keep).await;
    post(merge, Some(json!({ "from": b }))).await;
    assert_eq!(edits(keep.clone()).await, 200);
    let (_, now) = current(&app, &staff, &keep).await;
    post(revert, Some(json!({"to": before, "version": now}))).await;
    assert_eq!(edits(b.clone()).await, 200);
    assert_eq!(edits(keep.clone()).await, 403);
    post(restore, None).await;
    assert_eq!(edits(b.clone()).await, 200);
    assert_eq!(edits(keep.clone()).await, 403);
    let (_, public) = app.json(&format!("/api/cards/{b}")).await;
    assert_eq!(public["status"], "published");
    assert!(public.get("merged_into").is_none(), "{public}");
    app.stop().await;
}

#[tokio::test]
async fn staff_import_from_the_browser_with_a_dry_run_first() {
    let (app, _dir, _a, _b) = setup().await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let good = "{\"id\":\"UP-1\",\"name\":\"업로드연구자\",\"keywords\":[\"업로드검증키워드\"]}\n";
    let bad = format!("{good}{{\"id\":\"UP-2\",\"name\":\"\"}}\n");
    let post = |who: &Who, query: &str, body: String| {
        let mut request = app
            .client
            .post(format!("{}/api/import{query}", app.base))
            .header("x-csrf-token", &who.csrf)
            .header("content-type", "application/x-ndjson")
            .body(body);
        if let Some(cookie) = &who.cookie {
            request = request.header("cookie", cookie);
        }
        async move {
            let r = request.send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, _) = post(&researcher, "?dry_run=true", good.to_string()).await;
    assert_eq!(status, 403);
    let (status, body) = post(&staff, "", bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["report"]["errors"][0]["line"], 2, "{body}");
    let (status, body) = post(&staff, "?dry_run=true", good.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["report"]["cards"], 1);
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            app::model::search::encode_component("업로드검증키워드")
        ))
        .await;
    assert_eq!(found["total"], 0, "a dry run writes nothing");
    let (status, body) = post(&staff, "", good.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["summary"]["created"], 1);
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            app::model::search::encode_component("업로드검증키워드")
        ))
        .await;
    assert_eq!(found["total"], 1, "{found}");

    // with skip_invalid, the valid lines are written and the rejected ones come back whole
    let mixed = "{\"id\":\"UP-3\",\"name\":\"건너뛰기연구자\",\"keywords\":[\"부분가져오기키워드\"]}\n\
                 {\"id\":\"UP-4\",\"name\":\"\"}\n\
                 not json\n";
    let (status, body) = post(&staff, "?skip_invalid=maybe", mixed.to_string()).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = post(&staff, "?dry_run=true&skip_invalid=true", mixed.to_string()).await;
    assert_eq!(
        (status, &body["partial"], &body["rejected_count"]),
        (200, &json!(true), &json!(2)),
        "{body}"
    );
    assert!(
        body.get("summary").is_none(),
        "a dry run writes nothing: {body}"
    );
    let (status, body) = post(&staff, "?skip_invalid=true", mixed.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["summary"]["created"], 1, "{body}");
    assert_eq!(body["rejected_count"], 2);
    let lines: Vec<i64> = body["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![2, 3], "{body}");
    assert_eq!(body["rejects"][1]["text"], "not json");
    assert!(
        body["rejects"][0]["errors"][0]
            .as_str()
            .unwrap()
            .starts_with("name"),
        "{body}"
    );
    let (_, found) = app
        .json(&format!(
            "/api/search?q={}",
            app::model::search::encode_component("부분가져오기키워드")
        ))
        .await;
    assert_eq!(found["total"], 1, "{found}");
    app.stop().await;
}

#[tokio::test]
async fn guessing_across_many_accounts_from_one_client_is_throttled() {
    let (app, _dir, _a, _b) = setup().await;
    // 30 wrong passwords for 30 different emails: no email reaches its own limit …
    for i in 0..30 {
        let (status, _, _, _) = login(
            &app,
            "x",
            &format!("guess{i}@keti.re.kr"),
            "wrong password!",
        )
        .await;
        assert_eq!(status, 401);
    }
    // … but the client has: even a right password is refused now, with its own message
    let (status, _, body, _) = login(&app, "A", "a@keti.re.kr", PASSWORD).await;
    assert_eq!(status, 429, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("이 주소에서"), "{body}");
    // a forged X-Forwarded-For does not escape it (no trusted proxy is configured)
    let r = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .header("x-forwarded-for", "203.0.113.9")
        .json(&json!({"email": "a@keti.re.kr", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    // the browser's sign-in (a server function) is throttled the same way
    let r = app
        .client
        .post(format!("{}/rpc/sign_in", app.base))
        .form(&[("email", "a@keti.re.kr"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429, "{}", r.text().await.unwrap());
    app.stop().await;
}

#[tokio::test]
async fn a_field_that_closes_its_text_box_stays_text_in_the_server_rendered_editor() {
    let (app, _dir, a, _b) = setup().await;
    let researcher = signed_in(&app, "researcher A", "a@keti.re.kr").await;
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (card, version) = current(&app, &researcher, &a).await;
    let mut edited = card.clone();
    edited["bio"] = json!("센서 연구</textarea><b id=\"injected\">x</b> & 시험");
    edited["version"] = json!(version);
    let (status, body) = save(&app, &researcher, &a, edited).await;
    assert_eq!(status, 200, "{body}");
    for who in [&researcher, &staff] {
        let (status, html) = page_as(&app, who, &format!("/edit/{a}")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("센서 연구"),
            "the editor renders the bio: {html}"
        );
        assert!(!html.contains("<b id=\"injected\">"), "{html}");
        assert!(
            html.contains("센서 연구&lt;/textarea&gt;&lt;b id=&quot;injected&quot;&gt;x&lt;/b&gt; &amp; 시험</textarea>"),
            "{html}"
        );
    }
}
