//! `rcard import` and `rcard export`: the JSON Lines interchange format.
//!
//! An import reads the file twice: first to validate every line (keeping only the ids, so
//! memory stays flat for large files), then, when nothing is wrong, to write all cards in
//! one transaction.

use app::model::card::CardRecord;
use app::service::{Directory, ImportSummary};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// Longest accepted line, in bytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// A problem found on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIssue {
    pub line: usize,
    /// JSON path of the field, empty for the whole line.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LineIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}: {}: {}", self.line, self.path, self.message)
        }
    }
}

/// The result of checking a whole file.
#[derive(Debug, Default)]
pub struct Checked {
    pub cards: usize,
    pub errors: Vec<LineIssue>,
    pub warnings: Vec<LineIssue>,
}

const TOP_KEYS: &[&str] = &[
    "id",
    "slug",
    "name",
    "name_en",
    "name_variants",
    "position",
    "organization",
    "division",
    "site",
    "fields",
    "keywords",
    "bio",
    "career",
    "projects",
    "publications",
    "patents",
    "videos",
    "links",
    "contact",
    "offers",
    "status",
    // written by export, ignored by import
    "created_at",
    "updated_at",
    "version",
];

fn nested_keys(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "career" => &["organization", "role", "start", "end"],
        "projects" => &["title", "funder", "start", "end", "role", "summary"],
        "publications" => &["title", "venue", "year", "keywords", "url"],
        "patents" => &["title", "number", "year", "status"],
        "videos" => &["title", "url"],
        "links" => &["homepage", "orcid", "scholar"],
        "contact" => &["email", "email_public", "phone", "phone_public"],
        _ => return None,
    })
}

fn unknown_keys(value: &Value, line: usize, warnings: &mut Vec<LineIssue>) {
    let Value::Object(map) = value else { return };
    let mut warn = |path: String| {
        warnings.push(LineIssue {
            line,
            path,
            message:
                "unknown key; it is ignored (see docs/card-format.md for the keys R-Card reads)"
                    .into(),
        })
    };
    for (key, v) in map {
        if !TOP_KEYS.contains(&key.as_str()) {
            warn(key.clone());
            continue;
        }
        let Some(known) = nested_keys(key) else {
            continue;
        };
        let mut check = |obj: &Value, path: String| {
            if let Value::Object(inner) = obj {
                for k in inner.keys().filter(|k| !known.contains(&k.as_str())) {
                    warn(format!("{path}.{k}"));
                }
            }
        };
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check(item, format!("{key}[{i}]"));
                }
            }
            other => check(other, key.clone()),
        }
    }
}

/// Parses and validates one line.
pub fn parse_line(
    text: &str,
    line: usize,
    warnings: &mut Vec<LineIssue>,
) -> Result<CardRecord, Vec<LineIssue>> {
    let issue = |path: &str, message: String| LineIssue {
        line,
        path: path.to_string(),
        message,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![issue(
            "",
            format!("not valid JSON ({e}); each line must be one complete JSON object"),
        )]
    })?;
    if !value.is_object() {
        return Err(vec![issue("", "is not a JSON object; each line must be one card like {\"id\": \"K-1\", \"name\": \"…\"}".into())]);
    }
    let obj = value
        .as_object()
        .map(|m| (m.contains_key("id"), m.contains_key("name")));
    if let Some((has_id, has_name)) = obj {
        let mut missing = Vec::new();
        if !has_id {
            missing.push(issue(
                "id",
                "is missing; every card needs the institute's key in `id`".into(),
            ));
        }
        if !has_name {
            missing.push(issue(
                "name",
                "is missing; every card needs a `name`".into(),
            ));
        }
        if !missing.is_empty() {
            return Err(missing);
        }
    }
    unknown_keys(&value, line, warnings);
    let mut record: CardRecord = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        vec![issue(&path, format!("{}", e.into_inner()))]
    })?;
    for path in record.placeholder_links() {
        warnings.push(issue(
            path,
            "holds no address (like `http://None`); it was left empty".to_string(),
        ));
    }
    let scrubbed = record.normalize();
    if scrubbed > 0 {
        warnings.push(issue(
            "",
            format!(
                "{scrubbed} text field(s) held control characters or line breaks; they were removed (one-line fields keep single spaces)"
            ),
        ));
    }
    record.validate().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| issue(&e.path, e.message))
            .collect::<Vec<_>>()
    })?;
    Ok(record)
}

/// Reads lines as (line number, text), reporting lines that are too long or not UTF-8.
fn lines(path: &Path) -> std::io::Result<impl Iterator<Item = (usize, Result<String, String>)>> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut n = 0;
    Ok(std::iter::from_fn(move || {
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Ok(_) => {
                n += 1;
                if buf.len() > MAX_LINE_BYTES {
                    return Some((
                        n,
                        Err(format!(
                            "is {} bytes long; the limit is {MAX_LINE_BYTES} bytes per card",
                            buf.len()
                        )),
                    ));
                }
                let text = String::from_utf8(buf)
                    .map_err(|_| "is not valid UTF-8; save the file as UTF-8".to_string());
                Some((
                    n,
                    text.map(|t| {
                        t.trim_end_matches(['\n', '\r'])
                            .trim_start_matches('\u{feff}')
                            .to_string()
                    }),
                ))
            }
            Err(e) => {
                n += 1;
                Some((n, Err(format!("could not be read: {e}"))))
            }
        }
    }))
}

/// What checking one line found.
enum LineCheck {
    Blank,
    Unreadable(LineIssue),
    Card {
        line: usize,
        id: String,
        warnings: Vec<LineIssue>,
    },
    Invalid {
        errors: Vec<LineIssue>,
        warnings: Vec<LineIssue>,
    },
}

fn check_line(line: usize, text: Result<String, String>) -> LineCheck {
    let text = match text {
        Ok(t) => t,
        Err(message) => {
            return LineCheck::Unreadable(LineIssue {
                line,
                path: String::new(),
                message,
            });
        }
    };
    if text.trim().is_empty() {
        return LineCheck::Blank;
    }
    let mut warnings = Vec::new();
    match parse_line(&text, line, &mut warnings) {
        Ok(record) => LineCheck::Card {
            line,
            id: record.id,
            warnings,
        },
        Err(errors) => LineCheck::Invalid { errors, warnings },
    }
}

/// Lines handed to a checking thread at a time.
const CHECK_CHUNK: usize = 256;

/// Validates every line of a file without writing anything. Lines are parsed on every core;
/// the findings are merged in line order, so the report does not depend on timing.
pub fn check_file(path: &Path, mut progress: impl FnMut(u64)) -> std::io::Result<Checked> {
    type Chunk = (usize, Vec<(usize, Result<String, String>)>);
    let mut lines = lines(path)?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let (chunks, chunk_rx) = std::sync::mpsc::sync_channel::<Chunk>(workers * 2);
    let chunk_rx = std::sync::Mutex::new(chunk_rx);
    let (done, done_rx) = std::sync::mpsc::channel::<(usize, Vec<LineCheck>)>();
    let mut checked = Checked::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done = done.clone();
            let chunk_rx = &chunk_rx;
            scope.spawn(move || {
                loop {
                    let next = chunk_rx
                        .lock()
                        .map_err(drop)
                        .and_then(|rx| rx.recv().map_err(drop));
                    let Ok((i, chunk)) = next else { break };
                    let found = chunk.into_iter().map(|(n, t)| check_line(n, t)).collect();
                    if done.send((i, found)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        scope.spawn(move || {
            let mut i = 0;
            loop {
                let chunk: Vec<_> = lines.by_ref().take(CHECK_CHUNK).collect();
                if chunk.is_empty() || chunks.send((i, chunk)).is_err() {
                    break;
                }
                i += 1;
            }
        });
        let mut waiting: std::collections::BTreeMap<usize, Vec<LineCheck>> = Default::default();
        let mut next = 0;
        let mut read = 0;
        for (i, found) in done_rx {
            waiting.insert(i, found);
            while let Some(found) = waiting.remove(&next) {
                next += 1;
                read += found.len() as u64;
                progress(read);
                for check in found {
                    match check {
                        LineCheck::Blank => {}
                        LineCheck::Unreadable(issue) => checked.errors.push(issue),
                        LineCheck::Card { line, id, warnings } => {
                            checked.warnings.extend(warnings);
                            if let Some(first) = seen.get(&id) {
                                checked.errors.push(LineIssue {
                                    line,
                                    path: "id".into(),
                                    message: format!("`{id}` already appears on line {first}; each id may appear once per file"),
                                });
                            } else {
                                seen.insert(id, line);
                                checked.cards += 1;
                            }
                        }
                        LineCheck::Invalid { errors, warnings } => {
                            checked.warnings.extend(warnings);
                            checked.errors.extend(errors);
                        }
                    }
                }
            }
        }
    });
    Ok(checked)
}

/// Writes a checked file: every card in one transaction. Call only after [`check_file`] found no errors.
pub async fn apply_file(
    directory: &Directory,
    path: &Path,
    progress: impl FnMut(u64),
) -> anyhow::Result<ImportSummary> {
    apply_file_skipping(directory, path, &HashSet::new(), progress).await
}

/// Writes a checked file but for the `skip` lines (1-based), in one transaction.
pub async fn apply_file_skipping(
    directory: &Directory,
    path: &Path,
    skip: &HashSet<usize>,
    progress: impl FnMut(u64),
) -> anyhow::Result<ImportSummary> {
    // the other lines passed `check_file`, so the typed parse alone suffices
    let skip = skip.clone();
    let records = lines(path)?.filter_map(move |(n, text)| {
        let text = text.ok()?;
        if text.trim().is_empty() || skip.contains(&n) {
            return None;
        }
        let value: Value = serde_json::from_str(&text).ok()?;
        let times = times_of(&value);
        Some((serde_json::from_value::<CardRecord>(value).ok()?, times))
    });
    Ok(directory.import_with_times(records, progress).await?)
}

/// The export-only `created_at` and `updated_at` of a line, when it has both and they are
/// RFC 3339 times in order: an export imported again keeps when its cards were created and
/// last changed, so "recently updated" and the stale-card list keep their meaning.
fn times_of(value: &Value) -> Option<app::db::Times> {
    let at = |key: &str| value.get(key)?.as_str().and_then(app::db::parse_rfc3339);
    let (created_at, updated_at) = (at("created_at")?, at("updated_at")?);
    (created_at <= updated_at && updated_at <= app::db::now() + 86_400).then_some(app::db::Times {
        created_at,
        updated_at,
    })
}

/// The lines (1-based) with at least one error.
pub fn rejected_lines(checked: &Checked) -> HashSet<usize> {
    checked.errors.iter().map(|e| e.line).collect()
}

/// Each rejected line of `path` as `{"line", "errors", "text"}`: its number, its errors,
/// and the line as it was, so it can be fixed and imported again; at most `limit` of them.
pub fn rejects(path: &Path, checked: &Checked, limit: usize) -> anyhow::Result<Vec<Value>> {
    let mut errors: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for e in &checked.errors {
        let at = if e.path.is_empty() {
            e.message.clone()
        } else {
            format!("{}: {}", e.path, e.message)
        };
        errors.entry(e.line).or_default().push(at);
    }
    let mut out = Vec::new();
    for (line, text) in lines(path)? {
        if out.len() == limit || out.len() == errors.len() {
            break;
        }
        let Some(list) = errors.get(&line) else {
            continue;
        };
        let text = text.unwrap_or_else(|e| e);
        out.push(serde_json::json!({"line": line, "errors": list, "text": text}));
    }
    Ok(out)
}

/// Writes every rejected line of `path` to `out` (see [`rejects`]); returns how many.
pub fn write_rejects(path: &Path, checked: &Checked, out: &Path) -> anyhow::Result<usize> {
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?,
    );
    let list = rejects(path, checked, usize::MAX)?;
    for value in &list {
        serde_json::to_writer(&mut file, value)?;
        file.write_all(b"\n")?;
    }
    file.flush()?;
    Ok(list.len())
}

/// Writes every card as one JSON line, with the read-only `created_at`, `updated_at` and `version`.
pub async fn export(directory: &Directory, out: &mut dyn Write) -> anyhow::Result<u64> {
    let n = directory
        .for_each_card(|row, record| {
            let mut value = serde_json::to_value(&record).map_err(std::io::Error::other)?;
            value["created_at"] = app::db::rfc3339(row.created_at).into();
            value["updated_at"] = app::db::rfc3339(row.updated_at).into();
            value["version"] = row.version.into();
            serde_json::to_writer(&mut *out, &value).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        })
        .await?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(line: &str) -> Vec<String> {
        parse_line(line, 7, &mut Vec::new())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.to_string())
            .collect()
    }

    #[test]
    fn wrong_types_name_the_field_path() {
        let e = errors(r#"{"id":"K-1","name":"김","career":[{"organization":"A","start":2015}]}"#);
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("line 7: career[0].start: invalid type"),
            "{e:?}"
        );
    }

    #[test]
    fn missing_name_and_bad_json_are_reported() {
        assert_eq!(
            errors(r#"{"id":"K-1"}"#),
            vec!["line 7: name: is missing; every card needs a `name`"]
        );
        assert!(errors(r#"{"id":"K-1","#)[0].starts_with("line 7: not valid JSON"));
        assert!(errors("[1,2]")[0].contains("not a JSON object"));
    }

    #[test]
    fn unknown_keys_are_warnings_not_errors() {
        let mut warnings = Vec::new();
        let r = parse_line(
            r#"{"id":"K-1","name":"김","hobby":"x","links":{"blog":"y"}}"#,
            1,
            &mut warnings,
        );
        assert!(r.is_ok());
        let paths: Vec<_> = warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, vec!["hobby", "links.blog"]);
    }

    #[test]
    fn unknown_offer_is_an_error() {
        let e = errors(r#"{"id":"K-1","name":"김","offers":["lunch"]}"#);
        assert!(
            e[0].starts_with("line 7: offers[0]: unknown variant"),
            "{e:?}"
        );
    }
}
