//! The pages' server functions (`/rpc/…`): client errors are 4xx with the JSON API's error
//! body, and the browser still decodes them into the error the server meant (issue 14).

use crate::accounts::{Who, add_user, signed_in};
use crate::helpers::TestApp;
use app::error::AppError;
use leptos::server_fn::error::FromServerFnError;
use serde_json::{Value, json};

/// Posts to a server function as `who` (or anonymously); the status, and the body as JSON
/// and as the browser decodes it.
async fn rpc(
    app: &TestApp,
    who: Option<&Who>,
    path: &str,
    content_type: &str,
    body: &str,
) -> (u16, Value, AppError) {
    let mut request = app
        .client
        .post(format!("{}/rpc/{path}", app.base))
        .header("content-type", content_type)
        .body(body.to_string());
    if let Some(cookie) = who.and_then(|w| w.cookie.as_ref()) {
        request = request.header("cookie", cookie);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let bytes = r.bytes().await.unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{path}: not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, value, AppError::de(bytes))
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn server_functions_answer_client_errors_with_4xx_and_the_api_error_body() {
    let (app, dir) = TestApp::with_fixture().await;
    let (_, all) = app.json("/api/search?per_page=1").await;
    let slug = all["hits"][0]["slug"].as_str().unwrap().to_string();

    // malformed requests: 400 `bad_request`, not 500
    for (path, content_type, body) in [
        ("card", JSON, r#"{"slug":"#),
        ("card", JSON, r#"{"slug": 5}"#),
        ("search", JSON, r#"{"params": "everything"}"#),
        ("card", JSON, "\u{0}\u{1}"),
        ("sign_in", FORM, "email=a%40b.c"),
        ("save_card", JSON, "[]"),
    ] {
        let (status, body, decoded) = rpc(&app, None, path, content_type, body).await;
        assert_eq!(status, 400, "{path} {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{path}: {body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("요청을 읽지 못했습니다"), "{message}");
        assert_eq!(decoded, AppError::BadRequest(message.into()));
    }

    // signing out of a session that has ended: 401, which the page shows as "sign in"
    let dead = Who::with_cookie("rcard_session=ended-long-ago");
    let (status, body, decoded) = rpc(&app, Some(&dead), "sign_out", FORM, "csrf=x").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(decoded, AppError::sign_in());

    let (status, body, decoded) =
        rpc(&app, None, "card", JSON, r#"{"slug": "no-such-card"}"#).await;
    assert_eq!((status, decoded), (404, AppError::NotFound), "{body}");
    let (status, body, _) = rpc(
        &app,
        None,
        "card",
        JSON,
        &json!({ "slug": slug }).to_string(),
    )
    .await;
    assert_eq!(status, 200, "a good call still works: {body}");
    assert_eq!(body["slug"], slug.as_str());

    // signed in: 403, 409 `stale` with the card for the editor's conflict view, 422 `invalid`
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    add_user(dir.path(), "a@keti.re.kr", "researcher", Some(&slug));
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let researcher = signed_in(&app, "researcher", "a@keti.re.kr").await;
    let (status, body, decoded) = rpc(&app, Some(&researcher), "dashboard", JSON, "{}").await;
    assert_eq!((status, decoded), (403, AppError::Forbidden), "{body}");
    let (status, body, _) = rpc(&app, Some(&researcher), "me", JSON, "{}").await;
    assert_eq!(status, 200, "{body}");

    let (_, editable) = crate::accounts::call(
        &app,
        &staff,
        "GET",
        &format!("/api/cards/{slug}/edit"),
        None,
        false,
    )
    .await;
    let (card, version) = (
        editable["card"].clone(),
        editable["version"].as_i64().unwrap(),
    );
    let save = |card: &Value, version: i64| {
        json!({"slug": slug, "card": card, "version": version, "csrf": staff.csrf}).to_string()
    };
    let (status, body, decoded) = rpc(
        &app,
        Some(&staff),
        "save_card",
        JSON,
        &save(&card, version - 1),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "stale");
    match decoded {
        AppError::Stale(current) => {
            assert_eq!(current.version, version);
            assert_eq!(json!(current.card.name), card["name"]);
        }
        other => panic!("decoded as {other:?}"),
    }
    let mut nameless = card.clone();
    nameless["name"] = json!("");
    let (status, body, decoded) = rpc(
        &app,
        Some(&staff),
        "save_card",
        JSON,
        &save(&nameless, version),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        matches!(&decoded, AppError::Invalid(fields) if fields.iter().any(|f| f.path == "name")),
        "{decoded:?}"
    );

    // what the framework answers itself is JSON too: no such function, the wrong method
    let (status, body, decoded) = rpc(&app, None, "no_such_function", JSON, "{}").await;
    assert_eq!(status, 404, "{body}");
    // a 404 that is not about a card keeps its own message
    assert!(
        matches!(&decoded, AppError::Missing(m) if m.contains("서버 함수")),
        "{decoded:?}"
    );
    let r = app
        .client
        .get(format!("{}/rpc/sign_in", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 405);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
    app.stop().await;
}
