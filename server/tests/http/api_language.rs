//! The JSON API's error `message` follows `Accept-Language` (issue 17): Korean by default,
//! English when asked for, whichever language the message was written in; `code`, `path`
//! and the status never change.

use crate::helpers::TestApp;
use serde_json::{Value, json};

const HANGUL: std::ops::RangeInclusive<char> = '\u{ac00}'..='\u{d7a3}';

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| HANGUL.contains(&c))
}

/// Every message of an error body: `message` and each field's.
fn messages(body: &Value) -> Vec<String> {
    let error = &body["error"];
    let mut out = vec![error["message"].as_str().unwrap_or_default().to_string()];
    for field in error["fields"].as_array().into_iter().flatten() {
        out.push(field["message"].as_str().unwrap_or_default().to_string());
    }
    out
}

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    language: Option<&str>,
    body: Option<Value>,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut request = app.client.request(method, format!("{}{path}", app.base));
    if let Some(language) = language {
        request = request.header("Accept-Language", language);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body, headers)
}

#[tokio::test]
async fn api_error_messages_follow_accept_language() {
    let (app, _dir) = TestApp::with_fixture().await;
    let bad_inquiry =
        json!({"cards": [], "email": "nope", "kind": "lunch", "message": "가".repeat(5001)});
    let cases: Vec<(reqwest::Method, String, Option<Value>)> = vec![
        // written in Korean: field errors of a company's inquiry
        (
            reqwest::Method::POST,
            "/api/inquiries".into(),
            Some(bad_inquiry),
        ),
        // written in Korean: no such card
        (
            reqwest::Method::GET,
            "/api/cards/nobody-at-all".into(),
            None,
        ),
        // written in English: a search parameter out of range
        (
            reqwest::Method::GET,
            "/api/search?q=AI&per_page=0".into(),
            None,
        ),
        (
            reqwest::Method::GET,
            "/api/search?q=AI&sort=price".into(),
            None,
        ),
        // sign-in needed
        (reqwest::Method::GET, "/api/inbox".into(), None),
        // no such route: written in both
        (reqwest::Method::GET, "/api/no-such-thing".into(), None),
    ];
    for (method, path, body) in cases {
        let (ko_status, ko, headers) = call(&app, method.clone(), &path, None, body.clone()).await;
        assert!(ko_status >= 400, "{path}: {ko}");
        let (en_status, en, en_headers) = call(
            &app,
            method.clone(),
            &path,
            Some("en-US,en;q=0.9"),
            body.clone(),
        )
        .await;
        let (_, ko_asked, _) =
            call(&app, method, &path, Some("ko-KR,ko;q=0.9,en;q=0.8"), body).await;
        assert_eq!(ko_status, en_status, "{path}");
        assert_eq!(ko["error"]["code"], en["error"]["code"], "{path}");
        assert_eq!(ko, ko_asked, "{path}: Korean is the default");
        let (ko_messages, en_messages) = (messages(&ko), messages(&en));
        assert_eq!(ko_messages.len(), en_messages.len(), "{path}");
        for (k, e) in ko_messages.iter().zip(&en_messages) {
            assert!(has_hangul(k), "{path}: a Korean message: {k}");
            assert!(!has_hangul(e), "{path}: an English message: {e}");
            assert!(!e.is_empty(), "{path}");
        }
        // the paths of field errors stay as they are
        let paths = |body: &Value| -> Vec<Value> {
            body["error"]["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| f["path"].clone())
                .collect()
        };
        assert_eq!(paths(&ko), paths(&en), "{path}");
        assert_eq!(en_headers.get("content-language").unwrap(), "en", "{path}");
        assert_eq!(headers.get("content-language").unwrap(), "ko", "{path}");
        assert!(
            en_headers.get_all("vary").iter().any(|v| v
                .to_str()
                .unwrap()
                .to_ascii_lowercase()
                .contains("accept-language")),
            "{path}: caches keep the languages apart"
        );
    }

    // numbers and labels are carried over into the other language
    let (_, en, _) = call(
        &app,
        reqwest::Method::POST,
        "/api/inquiries",
        Some("en"),
        Some(json!({"cards": ["seoyeon-kim"], "company": "", "name": "A", "email": "a@b.kr", "kind": "testing", "message": "가".repeat(5001), "consent": true})),
    )
    .await;
    let text = en.to_string();
    assert!(text.contains("Please enter the company name."), "{text}");
    assert!(
        text.contains("up to 5000 characters; it has 5001"),
        "{text}"
    );
    let (_, ko, _) = call(
        &app,
        reqwest::Method::GET,
        "/api/search?q=AI&per_page=0",
        None,
        None,
    )
    .await;
    assert!(
        ko["error"]["message"].as_str().unwrap().contains("1–100"),
        "{ko}"
    );
    app.stop().await;
}
