//! A real `rcard` server on a loopback port with its own temporary data directory.

use server::Config;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The fixture cards.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards.jsonl")
}

/// The PostgreSQL cluster the suite runs on instead of SQLite, when `RCARD_TEST_POSTGRES`
/// names one (`postgres://postgres@127.0.0.1:PORT/postgres`, as `scripts/pg.sh start`
/// prints it). `scripts/test.sh` runs the suite once on each backend.
fn postgres_cluster() -> Option<String> {
    std::env::var("RCARD_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.is_empty())
}

/// Whether the suite runs on PostgreSQL.
pub fn on_postgres() -> bool {
    postgres_cluster().is_some()
}

/// The database of `data_dir`: `None` (its SQLite file) on SQLite; on PostgreSQL a
/// database of its own in the test cluster, created on first use and named after the
/// directory, so the CLI and the servers of one test meet in it.
pub fn database_url(data_dir: &Path) -> Option<String> {
    use std::hash::{Hash, Hasher};
    use std::sync::Mutex;
    static CREATED: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let cluster = postgres_cluster()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    let name = format!("t{:016x}", hasher.finish());
    let (base, _) = cluster.rsplit_once('/').expect("a database URL");
    let url = format!("{base}/{name}");
    let mut created = CREATED.lock().unwrap_or_else(|e| e.into_inner());
    if !created.contains(&name) {
        // on a thread of its own: callers may be inside the test's runtime or outside any
        let create = format!("CREATE DATABASE \"{name}\"");
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                use sqlx::Connection;
                let mut admin = sqlx::postgres::PgConnection::connect(&cluster)
                    .await
                    .expect("the test cluster answers");
                match sqlx::query(sqlx::AssertSqlSafe(create))
                    .execute(&mut admin)
                    .await
                {
                    Ok(_) => {}
                    // made by an earlier run with the same directory name
                    Err(e)
                        if e.as_database_error().and_then(|d| d.code()).as_deref()
                            == Some("42P04") => {}
                    Err(e) => panic!("create a test database: {e}"),
                }
            })
        })
        .join()
        .expect("create a test database");
        created.push(name);
    }
    Some(url)
}

/// Runs the `rcard` binary with `args` on `data_dir`.
/// `rcard import FILE` into `data_dir`, which must succeed.
fn import(data_dir: &Path, file: &Path) {
    let out = rcard(data_dir, &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn rcard(data_dir: &Path, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rcard"));
    match database_url(data_dir) {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("RUST_LOG", "warn")
        // tests choose the analysis themselves (see `morphemes_are_evaluated_next_to_bigrams`)
        .env_remove("RCARD_MECAB_DIR")
        .output()
        .expect("run rcard")
}

/// A running server.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    handle: tokio::task::JoinHandle<()>,
}

impl TestApp {
    /// Starts a server on `data_dir`, without demo data.
    pub async fn spawn(data_dir: &Path) -> TestApp {
        Self::spawn_with(data_dir, None).await
    }

    /// Starts a server on `data_dir` with its index in `index_dir` (when given).
    pub async fn spawn_with(data_dir: &Path, index_dir: Option<PathBuf>) -> TestApp {
        Self::spawn_metered(data_dir, index_dir, server::ops::MetricsAt::Off).await
    }

    /// Starts a server with `/metrics` where `metrics` says.
    pub async fn spawn_metered(
        data_dir: &Path,
        index_dir: Option<PathBuf>,
        metrics: server::ops::MetricsAt,
    ) -> TestApp {
        let config = Config {
            data_dir: data_dir.to_path_buf(),
            database_url: database_url(data_dir),
            index_dir,
            demo: false,
            dictionary: None,
            smtp_url: None,
            mail_from: None,
        };
        Self::spawn_config(&config, metrics).await
    }

    /// Starts a server with `config`.
    pub async fn spawn_config(config: &Config, metrics: server::ops::MetricsAt) -> TestApp {
        Self::spawn_full(config, server::leptos_options(), metrics).await
    }

    /// Starts a server with `config` and these Leptos options (another site root).
    pub async fn spawn_options(
        config: &Config,
        options: leptos::prelude::LeptosOptions,
    ) -> TestApp {
        Self::spawn_full(config, options, server::ops::MetricsAt::Off).await
    }

    async fn spawn_full(
        config: &Config,
        options: leptos::prelude::LeptosOptions,
        metrics: server::ops::MetricsAt,
    ) -> TestApp {
        let app = server::build_with(config, "127.0.0.1:0".parse().unwrap(), options, metrics)
            .await
            .expect("server starts");
        let base = format!("http://127.0.0.1:{}", app.port());
        let handle = tokio::spawn(async move {
            app.run_until_stopped().await.expect("server runs");
        });
        TestApp {
            base,
            // a request that never gets an answer fails the test instead of hanging the suite
            client: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(120))
                .build()
                .expect("HTTP client"),
            handle,
        }
    }

    /// Starts a server over a fresh directory holding the fixture cards, imported by the CLI.
    pub async fn with_fixture() -> (TestApp, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        import(dir.path(), &fixture());
        (TestApp::spawn(dir.path()).await, dir)
    }

    /// Starts a server over a fresh directory holding `cards` (JSON Lines), imported by the CLI.
    pub async fn with_cards(cards: &str) -> (TestApp, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cards.jsonl");
        std::fs::write(&file, cards).unwrap();
        import(dir.path(), &file);
        (TestApp::spawn(dir.path()).await, dir)
    }

    /// GET a path; returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    /// GET a path as JSON.
    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, body) = self.get(path).await;
        let value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}"));
        (status, value)
    }

    /// Stops the server and releases the data directory.
    pub async fn stop(self) {
        self.handle.abort();
        let _ = self.handle.await;
        // the index writer is released when the router (and its state) is dropped
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}
