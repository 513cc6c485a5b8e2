//! The R-Card server: configuration, start-up and the HTTP router.

pub mod api;
pub mod assets;
pub mod backup;
pub mod bench;
pub mod demo;
pub mod eval;
pub mod fragments;
pub mod guard;
pub mod import;
pub mod mail;
pub mod og;
pub mod ops;
pub mod print;
pub mod rpc;
pub mod seo;
pub mod shortlist;
pub mod users;
pub mod vcard;

use anyhow::Context;
use app::search::SearchIndex;
use app::service::Directory;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the server keeps its data and what it listens on.
#[derive(Clone, Debug)]
pub struct Config {
    /// Holds `rcard.db` and `index/`.
    pub data_dir: PathBuf,
    /// Overrides the SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// Overrides `data_dir/index`.
    pub index_dir: Option<PathBuf>,
    /// Load the demo cards into an empty database.
    pub demo: bool,
    /// A compiled mecab-ko-dic: Korean text is then analysed into morphemes instead of bigrams.
    pub dictionary: Option<PathBuf>,
    /// The SMTP server mail goes through (`RCARD_SMTP_URL`); without one, mail is kept as
    /// files under `data_dir/mail` (see [`mail`]).
    pub smtp_url: Option<String>,
    /// The sender of the platform's mail (`RCARD_MAIL_FROM`).
    pub mail_from: Option<String>,
}

impl Config {
    /// Reads `RCARD_DATA_DIR` (default `./data`), `DATABASE_URL`, `INDEX_DIR`, `RCARD_DEMO`,
    /// `RCARD_MECAB_DIR`, `RCARD_SMTP_URL` and `RCARD_MAIL_FROM`.
    pub fn from_env() -> Config {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Config {
            data_dir: var("RCARD_DATA_DIR").map_or_else(|| PathBuf::from("data"), PathBuf::from),
            database_url: var("DATABASE_URL"),
            index_dir: var("INDEX_DIR").map(PathBuf::from),
            demo: var("RCARD_DEMO").is_none_or(|v| v != "0" && v != "false"),
            dictionary: var("RCARD_MECAB_DIR").map(PathBuf::from),
            smtp_url: var("RCARD_SMTP_URL"),
            mail_from: var("RCARD_MAIL_FROM"),
        }
    }

    /// The database URL in effect.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("rcard.db").display()
            )
        })
    }

    /// The index directory in effect.
    pub fn index_dir(&self) -> PathBuf {
        self.index_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("index"))
    }
}

/// Makes sure a directory exists and this process can write in it.
fn ensure_writable(dir: &Path, what: &str) -> anyhow::Result<()> {
    if !dir.exists() {
        std::fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the {what} {}; choose a writable one with --data-dir or RCARD_DATA_DIR",
                dir.display()
            )
        })?;
        tracing::info!(dir = %dir.display(), "created the {what}");
    }
    match tempfile::Builder::new()
        .prefix(".rcard-write-check")
        .tempfile_in(dir)
    {
        Ok(_) => Ok(()),
        Err(e) => anyhow::bail!(
            "{what} {} is not writable: {e}. Make it writable for this user (a read-only volume \
             must be remounted read-write), or choose another with --data-dir or RCARD_DATA_DIR",
            dir.display()
        ),
    }
}

/// Opens the database alone (creating the data directory when the database lives in it),
/// for commands that need no search index: they leave the index, and its lock, to a
/// running server.
pub async fn open_database(config: &Config) -> anyhow::Result<app::db::DbPool> {
    if config.database_url.is_none() {
        ensure_writable(&config.data_dir, "data directory")?;
    }
    let url = config.database_url();
    app::db::connect(&url)
        .await
        .with_context(|| format!("cannot open the database at {url}"))
}

/// The directory over the database alone, with an empty index in memory: for commands that
/// read or change only the database (`rcard export`, `rcard user`).
pub async fn open_database_only(config: &Config) -> anyhow::Result<Directory> {
    let db = open_database(config).await?;
    Ok(Directory::new(db, SearchIndex::in_ram()?))
}

/// Opens the database and index, rebuilding the index when it is out of step.
pub async fn open_directory(config: &Config) -> anyhow::Result<Directory> {
    ensure_writable(&config.data_dir, "data directory")?;
    let dictionary = match &config.dictionary {
        Some(dir) => {
            let dict = app::search::mecab::Dictionary::open(dir).with_context(|| {
                "cannot load the Korean dictionary named by RCARD_MECAB_DIR; unset it to use bigrams"
            })?;
            tracing::info!(dir = %dir.display(), "Korean text is analysed with mecab-ko-dic");
            Some(std::sync::Arc::new(dict))
        }
        None => None,
    };
    let db = open_database(config).await?;
    let index_dir = config.index_dir();
    // an index outside the data directory (INDEX_DIR) gets the same check
    if let Some(parent) = index_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && *p != config.data_dir)
    {
        ensure_writable(parent, "index's directory")?;
    }
    let (search, stamp) = SearchIndex::open_or_create(&index_dir, dictionary).map_err(|e| {
        let dir = index_dir.display();
        match e {
            tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
                "the search index in {dir} is in use by another process: {e}. A server or another \
                 rcard command uses this data directory; stop it first (`rcard export` and \
                 `rcard user` work while a server runs)"
            ),
            e => anyhow::anyhow!(
                "cannot open the search index in {dir}: {e}. Check the directory's permissions \
                 and free space; removing it makes the next start rebuild it from the database"
            ),
        }
    })?;
    let directory = Directory::new(db.clone(), search);
    let (_, lists_seq) = app::db::seqs(&db).await?;
    directory.reload_synonyms().await?;
    directory.saw_lists(lists_seq);
    let bar = progress_bar("rebuilding search index");
    let rebuilt = directory
        .sync_index(stamp, |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    directory.rebuild_suggestions().await?;
    if rebuilt {
        tracing::info!("search index rebuilt from the database");
    }
    Ok(directory)
}

/// Loads the demo cards when the database is empty.
pub async fn load_demo_if_empty(directory: &Directory) -> anyhow::Result<()> {
    if directory.count().await? == 0 {
        let cards = demo::demo_cards();
        let n = cards.len();
        let summary = directory.import(cards.into_iter(), |_| {}).await?;
        tracing::info!(
            cards = n,
            created = summary.created,
            "database was empty; loaded demo cards"
        );
    }
    Ok(())
}

/// A terminal progress bar on stderr (hidden when stderr is not a terminal).
pub fn progress_bar(message: &'static str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

/// Leptos settings from the environment cargo-leptos sets, with defaults for a plain run.
pub fn leptos_options() -> LeptosOptions {
    if option_env!("LEPTOS_OUTPUT_NAME").is_some()
        && let Ok(mut conf) = get_configuration(None)
    {
        // cargo-leptos writes hashed file names and their hashes beside the binary; follow
        // them whether or not it started this process (a plain `target/release/rcard`)
        conf.leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(conf.leptos_options.hash_file.as_ref())))
            .is_some_and(|hashes| hashes.is_file());
        return conf.leptos_options;
    }
    // built by plain cargo (tests, `cargo run`): same defaults cargo-leptos would set
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let site_addr = var("LEPTOS_SITE_ADDR")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)));
    LeptosOptions::builder()
        .output_name("rcard")
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
        .site_addr(site_addr)
        .build()
}

/// The app's routes, generated once per process. Generating them runs the app with
/// resource loading suppressed process-wide (a global flag in `leptos_server`), so a page
/// that another server of this process renders at that moment would wait forever (seen
/// as a request timing out in the tests, where many servers share one process).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| {
            let mut routes = generate_route_list(App);
            // the English home is `/en/`: the app's router takes it for `/en`, axum needs it
            // listed as written
            let english: Vec<_> = routes
                .iter()
                .filter(|r| r.path() == "/en")
                .map(|r| {
                    leptos_axum::AxumRouteListing::new(
                        "/en/".to_string(),
                        r.mode().clone(),
                        r.methods(),
                        Vec::new(),
                    )
                })
                .collect();
            routes.extend(english);
            routes
        })
        .clone()
}

/// The HTTP router: JSON API, pages, server functions and static files.
pub fn router(state: AppState) -> Router {
    router_with(state, ops::MetricsAt::Off)
}

/// [`router`], with `/metrics` on the app's port when `metrics` says so.
pub fn router_with(state: AppState, metrics: ops::MetricsAt) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let fallback_state = state.clone();
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let pkg_dir = state.leptos_options.site_pkg_dir.to_string();
    let mut app = Router::new()
        .nest_service(
            &format!("/{pkg_dir}"),
            assets::pkg_service(&site_root.join(&pkg_dir)),
        )
        .nest_service(
            app::bundles::PUBLIC_SCRIPT_URL,
            assets::pkg_service(state.public_script.dir()),
        )
        .merge(fragments::routes())
        .merge(api::routes())
        .merge(seo::routes())
        .merge(og::routes())
        .merge(print::routes())
        .merge(vcard::routes())
        .merge(shortlist::routes())
        .route("/api/ready", axum::routing::get(ops::ready));
    if metrics == ops::MetricsAt::App {
        app = app.route("/metrics", axum::routing::get(ops::metrics));
    }
    app.leptos_routes_with_context(
        &state,
        routes,
        move || {
            provide_context(context_state.clone());
            // each page gets a fresh nonce for its hydration script (see `guard`)
            leptos::nonce::provide_nonce();
        },
        move || shell(shell_options.clone()),
    )
    // every route pattern (not the fallback's static files) is counted for /metrics
    .route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        ops::track,
    ))
    .fallback(leptos_axum::file_and_error_handler_with_context::<
        AppState,
        _,
    >(
        move || {
            provide_context(fallback_state.clone());
            leptos::nonce::provide_nonce();
        },
        shell,
    ))
    // inside compression, so that it reads the server functions' errors as they are
    .layer(axum::middleware::from_fn(rpc::statuses))
    // the API's error messages in the client's language; also inside compression
    .layer(axum::middleware::from_fn(api::language::localize))
    .layer(tower_http::compression::CompressionLayer::new())
    .layer(axum::middleware::from_fn(guard::guard))
    .with_state(state)
}

/// A server bound to its port, ready to run.
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    /// The tasks that keep the index in step, send mail and forget old inquiries' personal
    /// data; they end with the application.
    background: Vec<AbortOnDrop>,
    /// `/metrics` on an address of its own (`RCARD_METRICS=ADDR`), and the router for it.
    metrics: Option<(tokio::net::TcpListener, Router)>,
    /// Written to once serving stops (the searches of its last second).
    directory: Directory,
}

/// Aborts a background task when dropped, so it does not outlive the server it serves
/// (and keep the index, which it holds, locked).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Application {
    /// The bound port (useful when binding to port 0).
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map_or(0, |a| a.port())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        use axum::serve::ListenerExt;
        let _background = self.background;
        let _metrics = self.metrics.map(|(listener, router)| {
            AbortOnDrop(tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, router).await {
                    tracing::error!(error = %e, "the metrics listener stopped");
                }
            }))
        });
        // small responses (a stylesheet, a JSON answer) go out at once instead of waiting
        // for the client's delayed ACK (Nagle's algorithm): 40 ms per static file otherwise
        let listener = self.listener.tap_io(|stream| {
            if let Err(e) = stream.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY on a connection");
            }
        });
        // the peer's address reaches handlers (sign-in throttling per client)
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        self.directory.close_search_log().await;
        Ok(())
    }
}

/// Opens everything and binds the listener.
pub async fn build(
    config: &Config,
    addr: SocketAddr,
    options: LeptosOptions,
) -> anyhow::Result<Application> {
    build_with(config, addr, options, ops::MetricsAt::from_env()?).await
}

/// [`build`], with `/metrics` where `metrics_at` says instead of where `RCARD_METRICS` does.
pub async fn build_with(
    config: &Config,
    addr: SocketAddr,
    options: LeptosOptions,
    metrics_at: ops::MetricsAt,
) -> anyhow::Result<Application> {
    // bind first, so a busy port fails before any data is touched
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}; is another server using it? Set LEPTOS_SITE_ADDR to another address"))?;
    let metrics_listener = match metrics_at {
        ops::MetricsAt::Own(at) => {
            Some(tokio::net::TcpListener::bind(at).await.with_context(|| {
                format!("cannot listen on {at} for /metrics (RCARD_METRICS); is it in use?")
            })?)
        }
        _ => None,
    };
    let directory = open_directory(config).await?;
    if config.demo {
        load_demo_if_empty(&directory).await?;
    }
    let mail = mail::MailConfig::new(
        config.smtp_url.as_deref(),
        config.mail_from.as_deref(),
        &config.data_dir,
    )?;
    let background = vec![
        AbortOnDrop(tokio::spawn(keep_index_in_step(
            directory.clone(),
            config.database_url(),
        ))),
        AbortOnDrop(tokio::spawn(mail::run(directory.clone(), mail))),
        AbortOnDrop(tokio::spawn(inquiry_chores(directory.clone()))),
    ];
    directory.compact_index_in_background();
    let site_root = PathBuf::from(options.site_root.as_ref());
    assets::precompress_in_background(site_root.join(options.site_pkg_dir.as_ref()));
    let public_script = app::bundles::PublicScript::new(public_script_dir(&site_root));
    assets::precompress_in_background(public_script.dir().to_path_buf());
    let state = AppState {
        leptos_options: options,
        directory: directory.clone(),
        public_script,
    };
    let metrics = metrics_listener.map(|l| (l, ops::metrics_router(state.clone())));
    Ok(Application {
        listener,
        router: router_with(state, metrics_at),
        background,
        metrics,
        directory,
    })
}

/// Where scripts/build-enhance.sh put the public pages' script: `RCARD_ENHANCE_DIR`, else
/// `enhance` beside the site root (`target/enhance` for `target/site`).
pub(crate) fn public_script_dir(site_root: &Path) -> PathBuf {
    std::env::var("RCARD_ENHANCE_DIR")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map_or_else(|| site_root.with_file_name("enhance"), PathBuf::from)
}

/// How often the server looks for inquiries past their retention period or waiting for an
/// answer.
const RETENTION_CHECK: std::time::Duration = std::time::Duration::from_secs(3600);

/// The site's address for links in mail sent without a request: `RCARD_PUBLIC_URL`, else
/// the address the server listens on.
fn public_url() -> String {
    std::env::var("RCARD_PUBLIC_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("LEPTOS_SITE_ADDR")
                .ok()
                .map(|a| format!("http://{a}"))
        })
        .unwrap_or_else(|| "http://127.0.0.1:3000".into())
        .trim_end_matches('/')
        .to_string()
}

/// Blanks the personal data of inquiries older than the retention period
/// (`RCARD_INQUIRY_RETENTION_DAYS`), and reminds and escalates unanswered ones
/// (`RCARD_INQUIRY_REMIND_DAYS`), at start and then hourly.
async fn inquiry_chores(directory: Directory) {
    let mut tick = tokio::time::interval(RETENTION_CHECK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let days = app::service::inquiry::retention_days();
        if let Err(e) = directory.anonymise_inquiries(days).await {
            tracing::warn!(error = %e, "could not anonymise old inquiries");
        }
        let base = public_url();
        let remind = app::service::inquiry::remind_days();
        if let Err(e) = directory.follow_up_inquiries(remind, &base).await {
            tracing::warn!(error = %e, "could not follow up unanswered inquiries");
        }
    }
}

/// How often the server checks that it holds every change of the database (one small
/// read). On PostgreSQL other nodes' changes are also announced (`LISTEN`); this check is
/// the fallback that bounds the delay when a notice is lost, and on SQLite it is how two
/// processes over one file (an `rcard import` beside a server) see each other's changes.
const INDEX_CHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps this node in step with the database: changes other nodes made (cards, lists), and
/// changes the index could not take (a full disk, say) until it is in step again. Every
/// write on this node also catches up, so on SQLite this matters when no write follows a
/// failure.
async fn keep_index_in_step(directory: Directory, url: String) {
    let wake = Arc::new(tokio::sync::Notify::new());
    let _listener = (app::db::Backend::of_url(&url) == Some(app::db::Backend::Postgres))
        .then(|| AbortOnDrop(tokio::spawn(listen_for_changes(url.clone(), wake.clone()))));
    let mut tick = tokio::time::interval(INDEX_CHECK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = wake.notified() => {}
        }
        if let Err(e) = directory.follow_database().await {
            tracing::warn!(error = %e, "could not bring this node in step with the database");
        }
    }
}

/// Wakes `wake` whenever PostgreSQL announces a committed change, reconnecting after a
/// lost connection (a database restart); the periodic check covers the gap.
async fn listen_for_changes(url: String, wake: Arc<tokio::sync::Notify>) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(app::db::CHANGE_CHANNEL).await {
                    tracing::warn!(error = %e, "could not listen for changes; retrying");
                } else {
                    // a change may have been missed while not listening
                    wake.notify_one();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(_)) => wake.notify_one(),
                            Ok(None) => {
                                tracing::warn!(
                                    "lost the connection that listens for changes; reconnecting"
                                );
                                wake.notify_one();
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "listening for changes failed; reconnecting");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not connect to listen for changes; retrying")
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    /// The app's routes split into public pages (the small script) and desk pages (the
    /// app); a new route must land on the side meant for it.
    #[tokio::test]
    async fn every_route_is_a_public_or_a_desk_page() {
        let mut public: Vec<String> = super::route_list()
            .iter()
            .map(|r| r.path().to_string())
            .filter(|p| !app::bundles::hydrates(p))
            .map(|p| app::i18n::strip(&p))
            .collect();
        public.sort();
        public.dedup();
        assert_eq!(public, ["/", "/cards/{slug}", "/match"]);
        let desk = super::route_list()
            .iter()
            .filter(|r| app::bundles::hydrates(r.path()))
            .count();
        assert!(desk >= 18, "{desk} desk routes");
    }
}
