//! `rcard backup --out FILE` and `rcard restore FILE` for the embedded SQLite database.
//!
//! A backup is `VACUUM INTO`: one consistent, compact copy taken inside a read transaction,
//! so it runs while a server serves and writes. A restore checks the file, replaces the
//! database (never while a server holds the data directory) and rebuilds the search index
//! from it, since the index is derived from the database.

use crate::{Config, open_database, open_directory};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

/// The SQLite file a configuration uses; PostgreSQL has its own tools.
fn sqlite_file(config: &Config) -> anyhow::Result<PathBuf> {
    match &config.database_url {
        None => Ok(config.data_dir.join("rcard.db")),
        Some(url) if url.starts_with("sqlite:") => {
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:")
                .split('?')
                .next()
                .unwrap_or_default();
            Ok(PathBuf::from(path))
        }
        Some(_) => bail!(
            "`rcard backup` and `rcard restore` copy the embedded SQLite database; for \
             PostgreSQL use pg_dump and pg_restore (docs/operations.md)"
        ),
    }
}

/// Writes a consistent copy of the database to `out`; returns its size in bytes.
pub async fn backup(config: &Config, out: &Path) -> anyhow::Result<u64> {
    let source = sqlite_file(config)?;
    if !source.is_file() {
        bail!(
            "there is no database at {} to back up; check --data-dir or RCARD_DATA_DIR",
            source.display()
        );
    }
    if out.exists() {
        bail!(
            "{} already exists; a backup never overwrites a file, so choose a new name",
            out.display()
        );
    }
    let db = open_database(config).await?;
    // written beside the target and renamed, so a failed backup leaves no half file
    let partial = out.with_file_name(format!(
        ".{}.partial",
        out.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("rcard-backup")
    ));
    let _ = std::fs::remove_file(&partial);
    let path = partial
        .to_str()
        .context("the backup path must be valid UTF-8")?
        .to_string();
    if let Err(e) = sqlx::query("VACUUM INTO $1").bind(&path).execute(&db).await {
        let _ = std::fs::remove_file(&partial);
        return Err(anyhow::anyhow!(e)).with_context(|| {
            format!(
                "cannot write the backup to {}; check that its directory exists, is writable and has space",
                out.display()
            )
        });
    }
    db.close().await;
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot move the backup into place at {}", out.display()))?;
    Ok(std::fs::metadata(out)?.len())
}

/// Checks that `file` is an R-Card database; returns its number of cards.
async fn check(file: &Path) -> anyhow::Result<i64> {
    let bad = |why: String| {
        anyhow::anyhow!(
            "{} is not an R-Card backup ({why}); nothing was changed",
            file.display()
        )
    };
    if !file.is_file() {
        bail!("{} does not exist or is not a file", file.display());
    }
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = sqlx::SqlitePool::connect(&url)
        .await
        .map_err(|e| bad(e.to_string()))?;
    let ok: (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&db)
        .await
        .map_err(|e| bad(e.to_string()))?;
    if ok.0 != "ok" {
        return Err(bad(format!("integrity check: {}", ok.0)));
    }
    let cards: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM card")
        .fetch_one(&db)
        .await
        .map_err(|_| bad("it has no card table".into()))?;
    sqlx::query("SELECT version FROM _sqlx_migrations LIMIT 1")
        .fetch_optional(&db)
        .await
        .map_err(|_| bad("it has no migration history".into()))?;
    db.close().await;
    Ok(cards.0)
}

/// Replaces the database with `file` and rebuilds the index; returns the cards restored.
/// `progress` is told (done, total) while the index is rebuilt.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<i64> {
    let target = sqlite_file(config)?;
    let cards = check(file).await?;
    let index_dir = config.index_dir();
    // a running server holds the index's lock: taking it proves no server uses this directory
    if index_dir.exists() {
        let lock =
            app::search::SearchIndex::open_or_create(&index_dir, None).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
                    "a server (or another rcard command) is using {}; stop it before restoring, \
                 then start it again",
                    config.data_dir.display()
                ),
                e => anyhow::anyhow!(
                    "cannot open the search index in {} to check that no server runs: {e}",
                    index_dir.display()
                ),
            })?;
        drop(lock);
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let incoming = target.with_extension("db.restoring");
    std::fs::copy(file, &incoming)
        .with_context(|| format!("cannot copy {} to {}", file.display(), incoming.display()))?;
    std::fs::File::open(&incoming)?.sync_all()?;
    // the old database's log belongs to the old database
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&incoming, &target)
        .with_context(|| format!("cannot move the restored database to {}", target.display()))?;
    // the index is derived from the database: build it again from the restored one
    if index_dir.exists() {
        std::fs::remove_dir_all(&index_dir).with_context(|| {
            format!(
                "the database is restored, but the old index in {} could not be removed; \
                 remove it and run `rcard reindex`",
                index_dir.display()
            )
        })?;
    }
    let directory = open_directory(config).await?;
    Ok(directory.count().await.map(|_| cards)?)
}
