//! Operations: readiness, metrics, backup and restore (issue 16).

use crate::helpers::{TestApp, fixture, rcard};
use crate::stderr;
use server::ops::MetricsAt;

/// The value of the first sample whose line contains every one of `parts`.
fn sample(metrics: &str, parts: &[&str]) -> Option<f64> {
    metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = rcard(dir.path(), &["import", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[tokio::test]
async fn readiness_and_metrics_describe_the_node() {
    let dir = fixture_dir().await;
    let app = TestApp::spawn_metered(dir.path(), None, MetricsAt::App).await;
    let (status, ready) = app.json("/api/ready").await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["ready"], true, "{ready}");
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["index_lag"], 0);
    let (status, _) = app.json("/api/health").await;
    assert_eq!(status, 200);

    for _ in 0..2 {
        let (status, _) = app.json("/api/search?q=%EB%B0%98%EB%8F%84%EC%B2%B4").await;
        assert_eq!(status, 200);
    }
    let (status, _) = app.get("/cards/seoyeon-kim").await;
    assert_eq!(status, 200);
    let (status, _) = app.get("/api/cards/nobody").await;
    assert_eq!(status, 404);

    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let kind = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    let metrics = r.text().await.unwrap();
    let requests = |route: &str, class: &str| {
        sample(
            &metrics,
            &[
                "rcard_http_requests_total{",
                &format!("route=\"{route}\""),
                &format!("status=\"{class}\""),
            ],
        )
    };
    assert_eq!(requests("/api/search", "2xx"), Some(2.0), "{metrics}");
    assert_eq!(requests("/cards/{slug}", "2xx"), Some(1.0), "{metrics}");
    assert_eq!(requests("/api/cards/{slug}", "4xx"), Some(1.0), "{metrics}");
    assert_eq!(
        sample(
            &metrics,
            &[
                "rcard_http_request_duration_seconds_count{",
                "route=\"/api/search\""
            ]
        ),
        Some(2.0)
    );
    assert!(
        sample(&metrics, &["rcard_search_duration_seconds_count{"]).unwrap() >= 2.0,
        "{metrics}"
    );
    assert_eq!(sample(&metrics, &["rcard_index_lag{"]), Some(0.0));
    assert_eq!(sample(&metrics, &["rcard_cards{"]), Some(6.0));
    assert_eq!(
        sample(&metrics, &["rcard_mail_outbox{"]),
        Some(0.0),
        "no mail yet"
    );
    assert_eq!(sample(&metrics, &["rcard_import_running{"]), Some(0.0));
    assert!(
        !metrics.contains("seoyeon-kim") && !metrics.contains("nobody"),
        "labels are route patterns, never paths"
    );
    app.stop().await;
}

#[tokio::test]
async fn metrics_are_off_unless_asked_for_and_may_have_an_address_of_their_own() {
    let dir = fixture_dir().await;
    let app = TestApp::spawn(dir.path()).await;
    let (status, _) = app.get("/metrics").await;
    assert_eq!(status, 404, "no metrics without RCARD_METRICS");
    app.stop().await;

    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let at = free.local_addr().unwrap();
    drop(free);
    let app = TestApp::spawn_metered(dir.path(), None, MetricsAt::Own(at)).await;
    let (status, _) = app.get("/metrics").await;
    assert_eq!(status, 404, "not on the app's port");
    let r = app
        .client
        .get(format!("http://{at}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("# TYPE rcard_index_lag gauge")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_the_same_directory() {
    let dir = fixture_dir().await;
    let app = TestApp::spawn(dir.path()).await;
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("rcard-backup.db");
    // the CLI blocks; the server runs on this test's thread, so wait off it
    let (data, out) = (dir.path().to_path_buf(), file.clone());
    let first = tokio::task::spawn_blocking(move || {
        let taken = rcard(&data, &["backup", "--out", out.to_str().unwrap()]);
        let again = rcard(&data, &["backup", "--out", out.to_str().unwrap()]);
        let restore = rcard(&data, &["restore", out.to_str().unwrap()]);
        (taken, again, restore)
    })
    .await
    .unwrap();
    let (taken, again, restore) = first;
    if crate::helpers::on_postgres() {
        // PostgreSQL is backed up by its own tools; the commands say so and touch nothing
        for out in [&taken, &restore] {
            assert!(!out.status.success());
            assert!(stderr(out).contains("pg_dump"), "{}", stderr(out));
        }
        assert!(!file.exists());
        app.stop().await;
        return;
    }
    assert!(taken.status.success(), "{}", stderr(&taken));
    assert!(String::from_utf8_lossy(&taken.stdout).contains("backed up"));
    assert!(!again.status.success(), "never overwrites");
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert!(!restore.status.success(), "not over a running server");
    assert!(stderr(&restore).contains("stop it"), "{}", stderr(&restore));
    let (_, before) = app.json("/api/search?per_page=50").await;
    app.stop().await;

    // a fresh directory from the backup holds the same cards, times included
    let fresh = tempfile::tempdir().unwrap();
    let out = rcard(fresh.path(), &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("restored 6 cards"));
    let export = |d: &std::path::Path| {
        let out = rcard(d, &["export"]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(export(dir.path()), export(fresh.path()));
    let app = TestApp::spawn(fresh.path()).await;
    let (_, after) = app.json("/api/search?per_page=50").await;
    assert_eq!(
        before["total"], after["total"],
        "the index was rebuilt: {after}"
    );
    app.stop().await;

    // a file that is not a backup changes nothing
    let junk = backups.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let out = rcard(fresh.path(), &["restore", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not an R-Card backup"),
        "{}",
        stderr(&out)
    );
    assert_eq!(export(dir.path()), export(fresh.path()));
}

#[tokio::test]
async fn a_card_link_preview_image_is_drawn_with_its_name_and_cached() {
    let dir = fixture_dir().await;
    let app = TestApp::spawn(dir.path()).await;
    let (_, page) = app.get("/cards/seoyeon-kim").await;
    assert!(
        page.contains("property=\"og:image\"") && page.contains("/cards/seoyeon-kim/og.png\""),
        "the card page names its image"
    );
    let url = format!("{}/cards/seoyeon-kim/og.png", app.base);
    let r = app.client.get(&url).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let png = r.bytes().await.unwrap();
    let image = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1200, 630));
    // the name's glyphs are dark on the light background, in the name's line only
    let dark = |rows: std::ops::Range<u32>| {
        rows.flat_map(|y| (96..900).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let p = image.pixel(x, y).unwrap();
                u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 200
            })
            .count()
    };
    assert!(
        dark(140..220) > 400,
        "the name is drawn: {} dark pixels",
        dark(140..220)
    );
    assert_eq!(dark(560..620), 0, "below the topics the picture is empty");

    // the same version again: not modified
    let r = app
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 304);
    let (_, archived) = app.get("/cards/haneul-jung").await;
    assert!(
        archived.contains("haneul-jung") && !archived.contains("og.png"),
        "an archived card names no image"
    );
    for missing in [
        "/cards/nobody/og.png",
        "/cards/t-004/og.png",
        "/cards/haneul-jung/og.png",
    ] {
        let (status, _) = app.get(missing).await;
        assert_eq!(status, 404, "{missing}: only published cards have an image");
    }
}

#[tokio::test]
async fn a_card_prints_on_one_a4_page_and_staff_print_a_division() {
    use crate::accounts::{Who, add_user, call, page_as, signed_in};
    let dir = fixture_dir().await;
    add_user(dir.path(), "staff@keti.re.kr", "staff", None);
    let app = TestApp::spawn(dir.path()).await;

    let (status, html) = app.get("/cards/seoyeon-kim/print").await;
    assert_eq!(status, 200);
    for text in [
        "김서연",
        "Seoyeon Kim",
        "@page { size: A4",
        "<svg",
        "주요 과제",
        "031-000-0001",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    assert!(
        html.contains(&format!("{}/cards/seoyeon-kim", app.base)),
        "the QR code's address is printed under it"
    );
    assert!(
        !html.contains("s.kim@example.re.kr"),
        "a hidden e-mail is never printed"
    );
    assert_eq!(html.matches("class=\"sheet\"").count(), 1);
    let (_, card) = app.get("/cards/seoyeon-kim").await;
    assert!(
        card.contains("/cards/seoyeon-kim/print"),
        "the card links to it"
    );

    let (status, _) = app.get("/cards/t-004/print").await;
    assert_eq!(status, 404, "drafts do not print");
    let (status, _) = app.get("/cards/haneul-jung/print").await;
    assert_eq!(status, 404, "nor do archived cards");
    let (_, script) = app.json("/api/search?q=alert").await;
    let slug = script["hits"][0]["slug"].as_str().unwrap().to_string();
    let (status, html) = app.get(&format!("/cards/{slug}/print")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert"), "names are escaped");

    // a division: staff only, every published card of it, one sheet each
    let division = "/staff/print?division=%EC%A7%80%EB%8A%A5%ED%98%95%EB%B0%98%EB%8F%84%EC%B2%B4%EC%97%B0%EA%B5%AC%EC%84%BC%ED%84%B0";
    let (status, _) = call(&app, &Who::anonymous(), "GET", division, None, false).await;
    assert_eq!(status, 401);
    let staff = signed_in(&app, "staff", "staff@keti.re.kr").await;
    let (status, html) = page_as(&app, &staff, division).await;
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("class=\"sheet\"").count(),
        1,
        "김서연 only: 최유진's card is a draft"
    );
    assert!(html.contains("김서연") && !html.contains("최유진"));
    let (status, _) = page_as(&app, &staff, "/staff/print?division=%EC%97%86%EB%8A%94").await;
    assert_eq!(status, 404, "a division without cards says so");
    app.stop().await;
}
