//! `rcard`: serve the directory, import, export, reindex and benchmark.

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use server::{Config, import, open_directory, progress_bar};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns to the system the memory that opening the directory freed. The start-up reads
/// every card (autocomplete terms and the mining of related terms) on this thread, and the
/// allocator keeps what that freed until the thread allocates again, which the thread that
/// only accepts connections rarely does. At 100k cards that was 50–60 MB held for the first
/// seconds of serving, while the first searches map the index: the server's peak resident
/// set was 237–250 MB where it is otherwise about 200 (docs/benchmarks.md).
fn give_back_startup_memory() {
    // SAFETY: `mi_collect` takes no pointers and may be called from any thread at any time;
    // it frees only memory that no allocation uses.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[derive(Parser)]
#[command(
    name = "rcard",
    version,
    about = "R-Card: find the right researcher to contact"
)]
struct Cli {
    /// Directory holding the database and the search index [env: RCARD_DATA_DIR, default: ./data]
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and the JSON API on LEPTOS_SITE_ADDR (the default command).
    Serve {
        /// Don't load the demo cards into an empty database.
        #[arg(long)]
        no_demo: bool,
    },
    /// Import cards from a JSON Lines file; nothing is written unless every line is valid.
    Import {
        file: PathBuf,
        /// Only validate and report.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid lines and leave out the invalid ones (written to --rejects),
        /// instead of importing nothing when a line is invalid.
        #[arg(long)]
        skip_invalid: bool,
        /// With --skip-invalid: where to write each rejected line with its errors (JSON Lines).
        #[arg(long, requires = "skip_invalid")]
        rejects: Option<PathBuf>,
    },
    /// Export every card as JSON Lines.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Write a consistent copy of the database to a new file, while a server runs (SQLite)
    Backup {
        /// The backup file to create; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a backup and rebuild the search index (stop the server first)
    Restore {
        /// A file written by `rcard backup`.
        file: PathBuf,
    },
    /// Score search quality on judged queries (nDCG@10, P@5, recall@100) next to plain BM25.
    Eval {
        /// Cards in the interchange format; imported into a temporary data directory.
        #[arg(long)]
        cards: PathBuf,
        /// Judged queries: one {"query": "...", "relevant": {"<card id>": grade}} per line.
        #[arg(long)]
        qrels: PathBuf,
        /// Also write the report (Markdown) to this file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// List every query's scores.
        #[arg(long)]
        verbose: bool,
        /// Also rank with morphemes from this compiled mecab-ko-dic directory
        /// (default: RCARD_MECAB_DIR, when set).
        #[arg(long, env = "RCARD_MECAB_DIR")]
        dictionary: Option<PathBuf>,
    },
    /// Write the demo cards and their judged queries (for `rcard eval`).
    Demo {
        /// Where to write the cards (JSON Lines).
        #[arg(long, default_value = "eval/demo-cards.jsonl")]
        cards: PathBuf,
        /// Where to write the judged queries (JSON Lines).
        #[arg(long, default_value = "eval/demo-qrels.jsonl")]
        qrels: PathBuf,
        /// Write this many synthetic cards to `--cards` instead (for load tests); no qrels.
        #[arg(long)]
        synthetic: Option<usize>,
    },
    /// Manage accounts (works while the server runs).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Measure import, indexing and search on synthetic cards; writes docs/benchmarks.md.
    Bench {
        /// Card counts to measure, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        cards: Vec<usize>,
        /// Where to write the report; sections of an earlier report from its first `## `
        /// heading on (measurements added by hand) are kept below the new figures.
        #[arg(long, default_value = "docs/benchmarks.md")]
        out: PathBuf,
        /// Leave each generated data directory in place and print its path, to serve or
        /// profile it afterwards (`rcard --data-dir PATH serve`).
        #[arg(long)]
        keep: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account and print its one-time set-password link.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "staff", "researcher"])]
        role: String,
        /// The card a researcher keeps (its slug, as in /cards/SLUG).
        #[arg(long)]
        card: Option<String>,
        /// Read the password from standard input instead of printing a link (for automation).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a one-time password-reset link for an account.
    Reset {
        #[arg(long)]
        email: String,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| "info,tantivy=warn,sqlx=warn".into())
    };
    // RCARD_LOG_FORMAT=json: one JSON object per line, for a log collector
    if std::env::var("RCARD_LOG_FORMAT").is_ok_and(|f| f.trim().eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_env_filter(filter())
            .with_writer(std::io::stderr)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter())
            .with_writer(std::io::stderr)
            .init();
    }
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let mut config = Config::from_env();
    if let Some(dir) = cli.data_dir {
        config.data_dir = dir;
    }
    match cli.command.unwrap_or(Command::Serve { no_demo: false }) {
        Command::Serve { no_demo } => {
            config.demo &= !no_demo;
            let options = server::leptos_options();
            let addr: SocketAddr = options.site_addr;
            let app = server::build(&config, addr, options).await?;
            give_back_startup_memory();
            tracing::info!(
                node = %server::ops::node_id(),
                "R-Card listening on http://{addr} (data in {})",
                config.data_dir.display()
            );
            app.run_until_stopped().await?;
        }
        Command::Import {
            file,
            dry_run,
            skip_invalid,
            rejects,
        } => {
            let bar = progress_bar("checking");
            let checked = import::check_file(&file, |n| bar.set_position(n))
                .with_context(|| format!("cannot read {}", file.display()))?;
            bar.finish_and_clear();
            for w in &checked.warnings {
                eprintln!("warning: {w}");
            }
            let rejected = import::rejected_lines(&checked);
            if !checked.errors.is_empty() {
                for e in checked.errors.iter().take(50) {
                    eprintln!("error: {e}");
                }
                if checked.errors.len() > 50 {
                    eprintln!("… and {} more error(s)", checked.errors.len() - 50);
                }
                if !skip_invalid {
                    bail!(
                        "{} error(s) on {} line(s) of {}; nothing was imported. Fix the lines above and run the import again, \
                         or import the valid lines with --skip-invalid --rejects REJECTS.jsonl",
                        checked.errors.len(),
                        rejected.len(),
                        file.display()
                    );
                }
                if let Some(out) = &rejects {
                    let n = import::write_rejects(&file, &checked, out)?;
                    eprintln!(
                        "wrote {n} rejected line(s) with their errors to {}",
                        out.display()
                    );
                }
            }
            if dry_run {
                println!(
                    "{}: {} valid card(s), {} warning(s); dry run, nothing written",
                    file.display(),
                    checked.cards,
                    checked.warnings.len()
                );
                return Ok(std::process::ExitCode::SUCCESS);
            }
            let directory = open_directory(&config).await?;
            let bar = progress_bar("importing");
            bar.set_length(checked.cards as u64);
            let summary =
                import::apply_file_skipping(&directory, &file, &rejected, |n| bar.set_position(n))
                    .await?;
            bar.finish_and_clear();
            println!(
                "imported {}: {} created, {} updated, {} unchanged",
                file.display(),
                summary.created,
                summary.updated,
                summary.unchanged
            );
            if !rejected.is_empty() {
                println!(
                    "partial: {} line(s) rejected and not imported{}",
                    rejected.len(),
                    rejects
                        .as_ref()
                        .map(|p| format!(" (see {})", p.display()))
                        .unwrap_or_default()
                );
            }
            if !summary.new_fields.is_empty() {
                println!(
                    "added to the technology field list: {}",
                    summary.new_fields.join(", ")
                );
            }
        }
        Command::Export { out } => {
            // the database is all an export reads: a running server keeps its index
            let directory = server::open_database_only(&config).await?;
            let n = match &out {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    import::export(&directory, &mut std::io::BufWriter::new(file)).await?
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut lock = stdout.lock();
                    let n = import::export(&directory, &mut lock).await?;
                    lock.flush()?;
                    n
                }
            };
            eprintln!("exported {n} card(s)");
        }
        Command::Backup { out } => {
            let bytes = server::backup::backup(&config, &out).await?;
            println!(
                "backed up the database to {} ({:.1} MB)",
                out.display(),
                bytes as f64 / 1e6
            );
        }
        Command::Restore { file } => {
            let cards = server::backup::restore(&config, &file).await?;
            println!(
                "restored {cards} cards from {} into {}; the search index was rebuilt",
                file.display(),
                config.data_dir.display()
            );
        }
        Command::Reindex => {
            let directory = open_directory(&config).await?;
            let bar = progress_bar("reindexing");
            let n = directory
                .reindex_all(|done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish_and_clear();
            println!("reindexed {n} card(s)");
        }
        Command::Eval {
            cards,
            qrels,
            out,
            verbose,
            dictionary,
        } => {
            server::eval::run(
                &cards,
                &qrels,
                out.as_deref(),
                verbose,
                dictionary.as_deref(),
            )
            .await?;
        }
        Command::Demo {
            cards,
            synthetic: Some(n),
            ..
        } => {
            server::bench::write_synthetic(&cards, n)?;
        }
        Command::Demo {
            cards,
            qrels,
            synthetic: None,
        } => {
            server::eval::write_demo(&cards, &qrels)?;
        }
        Command::User { command } => server::users::run(&config, command_args(command)).await?,
        Command::Bench { cards, out, keep } => {
            server::bench::run(&cards, &out, keep).await?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn command_args(command: UserCommand) -> server::users::UserArgs {
    match command {
        UserCommand::Add {
            email,
            role,
            card,
            password_stdin,
        } => server::users::UserArgs::Add {
            email,
            role,
            card,
            password_stdin,
        },
        UserCommand::Reset { email } => server::users::UserArgs::Reset { email },
    }
}
