//! `GET /api/openapi.json` (issue 17): every documented route exists, every documented
//! example fits its schema, and real answers fit the documented schemas.

use crate::helpers::{TestApp, fixture, rcard};
use crate::stderr;
use serde_json::{Value, json};

/// A validator for `schema` (which may `$ref` the document's components).
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    if let Some(object) = root.as_object_mut() {
        object.insert("components".into(), doc["components"].clone());
    }
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// The schema of `path`'s `method` answer with `status`, as JSON.
fn answer_schema(doc: &Value, path: &str, method: &str, status: &str) -> Value {
    doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"].clone()
}

#[tokio::test]
async fn the_openapi_document_matches_the_routes_and_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let app = TestApp::spawn(dir.path()).await;
    let (status, doc) = app.json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "R-Card API");

    // every documented route answers as a route: never the unknown-route answer, never 405
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        let url = path
            .replace("{slug}", "seoyeon-kim")
            .replace("{id}", "1")
            .replace("{token}", "no-such-token");
        for method in ["get", "post", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            operations += 1;
            let r = app
                .client
                .request(
                    method.to_uppercase().parse().unwrap(),
                    format!("{}{url}", app.base),
                )
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            assert_ne!(status, 405, "{method} {path}: {body}");
            assert!(
                !body.contains(server::api::UNKNOWN_ROUTE),
                "{method} {path} is documented but not served: {body}"
            );
        }
    }
    assert!(operations >= 45, "only {operations} operations documented");
    // the negative control: an undocumented path gets the unknown-route answer
    let (status, body) = app.get("/api/no-such-route").await;
    assert_eq!(status, 404);
    assert!(body.contains(server::api::UNKNOWN_ROUTE), "{body}");

    // every example of a request body fits the body's schema
    let mut examples = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let Some(content) = operation["requestBody"]["content"].as_object() else {
                continue;
            };
            for media in content.values() {
                if let Some(example) = media.get("example") {
                    examples += 1;
                    let v = validator(&doc, &media["schema"]);
                    let found = errors(&v, example);
                    assert!(
                        found.is_empty(),
                        "{method} {path}: example {example}: {found:?}"
                    );
                }
            }
        }
    }
    assert!(examples >= 8, "only {examples} examples");
    // the validator does refuse what does not fit
    let matching = validator(
        &doc,
        &doc["paths"]["/api/match"]["post"]["requestBody"]["content"]["application/json"]["schema"],
    );
    assert!(!errors(&matching, &json!({"text": 5})).is_empty());

    // real answers fit their documented schemas
    for (url, path) in [
        ("/api/search?q=%EB%B0%98%EB%8F%84%EC%B2%B4", "/api/search"),
        (
            "/api/search?q=wafer&site=%EC%84%B1%EB%82%A8&sort=updated",
            "/api/search",
        ),
        ("/api/cards/seoyeon-kim", "/api/cards/{slug}"),
        (
            "/api/cards/seoyeon-kim/similar",
            "/api/cards/{slug}/similar",
        ),
        (
            "/api/cards/seoyeon-kim/topic?q=wafer",
            "/api/cards/{slug}/topic",
        ),
        ("/api/suggest?q=%EB%B0%98", "/api/suggest"),
        ("/api/health", "/api/health"),
    ] {
        let (status, body) = app.json(url).await;
        assert_eq!(status, 200, "{url}: {body}");
        let v = validator(&doc, &answer_schema(&doc, path, "get", "200"));
        let found = errors(&v, &body);
        assert!(found.is_empty(), "{url}: {found:?}");
    }
    let r = app
        .client
        .post(format!("{}/api/match", app.base))
        .json(&json!({"text": "웨이퍼 표면 결함을 카메라 영상으로 검출하는 머신비전"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    let v = validator(&doc, &answer_schema(&doc, "/api/match", "post", "200"));
    assert!(errors(&v, &body).is_empty(), "{:?}", errors(&v, &body));
    // and an error answer fits the error body
    let (status, body) = app.json("/api/search?page=0").await;
    assert_eq!(status, 400);
    let v = validator(&doc, &answer_schema(&doc, "/api/search", "get", "400"));
    assert!(errors(&v, &body).is_empty(), "{:?}", errors(&v, &body));
}
