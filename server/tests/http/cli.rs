//! The command line next to a running server and on awkward data directories (issue 14).

use crate::accounts::add_user;
use crate::helpers::{TestApp, fixture, rcard};
use crate::robustness::Tmpfs;
use crate::stderr;

#[tokio::test]
async fn export_runs_while_the_server_holds_the_index() {
    let (app, dir) = TestApp::with_fixture().await;
    let out = rcard(dir.path(), &["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    let cards = std::fs::read_to_string(fixture()).unwrap().lines().count();
    assert_eq!(
        lines, cards,
        "every card, drafts and archived ones included"
    );
    let (status, body) = app.json("/api/search?per_page=1").await;
    assert_eq!(status, 200, "the server still searches: {body}");
    assert_eq!(body["total"], 4, "{body}");
    app.stop().await;
}

#[test]
fn user_add_creates_a_data_directory_that_does_not_exist_yet() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new/data");
    add_user(&data, "admin@keti.re.kr", "admin", None);
    if !crate::helpers::on_postgres() {
        assert!(data.join("rcard.db").is_file());
    }
    let out = rcard(&data, &["user", "reset", "--email", "admin@keti.re.kr"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[tokio::test]
async fn a_read_only_data_directory_is_named_as_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("volume");
    let tmpfs = Tmpfs::mount(&data, "32m");
    let out = rcard(&data, &["import", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    tmpfs.read_only();

    let wanted = format!("data directory {} is not writable", data.display());
    for args in [
        vec!["import", fixture().to_str().unwrap()],
        vec!["reindex"],
        vec!["user", "add", "--email", "x@keti.re.kr", "--role", "admin"],
    ] {
        if args[0] == "user" && crate::helpers::on_postgres() {
            // the database is elsewhere: accounts need nothing of the data directory
            continue;
        }
        let out = rcard(&data, &args);
        let message = stderr(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(message.contains(&wanted), "{args:?}: {message}");
        assert!(
            !message.contains("stop it first"),
            "no running server is blamed: {message}"
        );
    }
    let config = server::Config {
        data_dir: data.clone(),
        database_url: None,
        index_dir: None,
        demo: false,
        dictionary: None,
        smtp_url: None,
        mail_from: None,
    };
    let options = server::leptos_options();
    let refused = server::build(&config, "127.0.0.1:0".parse().unwrap(), options).await;
    let message = format!("{:#}", refused.err().expect("the server does not start"));
    assert!(message.contains(&wanted), "{message}");
}
