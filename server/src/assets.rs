//! The built site's `/pkg` files (WASM, JS, CSS): served from files compressed once, with
//! cache lifetimes that follow their names.
//!
//! cargo-leptos builds with `hash-files`, so each file's name carries a hash of its content
//! (`rcard.3f9a….wasm`): such a file never changes, and browsers may keep it for a year
//! (`immutable`). A name without a hash is revalidated (`no-cache`). Brotli and gzip copies
//! are written next to each file once, in the background at start-up, and served to
//! clients that accept them instead of compressing every response again.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files worth compressing.
const COMPRESSIBLE: [&str; 4] = ["wasm", "js", "css", "svg"];

/// Whether a file name carries a content hash: `name.HASH.ext` with a long hex or base64url
/// middle part, as cargo-leptos writes them.
pub fn is_hashed(file: &str) -> bool {
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() >= 8
        && parts[parts.len() - 2]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `/pkg` files: a year and `immutable` for hashed names, revalidation otherwise.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let file = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let value = if is_hashed(&file) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The router for a directory of built files (`/pkg`, `/enhance`): precompressed files
/// first, then the file itself.
pub fn pkg_service(dir: &Path) -> axum::Router {
    axum::Router::new()
        .fallback_service(
            tower_http::services::ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(cache_headers))
}

/// Writes `FILE.br` and `FILE.gz` for each compressible file of `dir` whose copies are
/// missing or older; returns how many files were compressed.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut done = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || !path.is_file() {
            continue;
        }
        let modified = std::fs::metadata(&path)?.modified()?;
        let stale = |copy: &PathBuf| {
            std::fs::metadata(copy)
                .and_then(|m| m.modified())
                .map_or(true, |t| t < modified)
        };
        let (br, gz) = (with_suffix(&path, "br"), with_suffix(&path, "gz"));
        if !stale(&br) && !stale(&gz) {
            continue;
        }
        let source = std::fs::read(&path)?;
        if stale(&br) {
            let mut out = Vec::with_capacity(source.len() / 3);
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut source.as_slice(), &mut out, &params)?;
            write_atomically(&br, &out)?;
        }
        if stale(&gz) {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(&source)?;
            write_atomically(&gz, &encoder.finish()?)?;
        }
        done += 1;
    }
    Ok(done)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Written under a temporary name and renamed, so a half-written copy is never served.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = with_suffix(path, "tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Compresses a directory of built files in the background; a read-only site only logs it.
pub fn precompress_in_background(dir: PathBuf) {
    if !dir.is_dir() {
        return;
    }
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        match precompress(&dir) {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                files = n,
                ms = started.elapsed().as_millis() as u64,
                "site files compressed once (brotli, gzip)"
            ),
            Err(e) => tracing::warn!(
                error = %e,
                dir = %dir.display(),
                "could not write compressed copies of the site files; they are compressed per request"
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed("rcard.2b1c9d0e7a6f5b4c.wasm"));
        assert!(is_hashed("rcard.Xy-_z0123456789.css"));
        assert!(!is_hashed("rcard.css"));
        assert!(!is_hashed("rcard_bg.wasm"));
        assert!(!is_hashed("favicon.svg"));
    }

    #[tokio::test]
    async fn hashed_files_are_immutable_and_served_precompressed() {
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        let css = "body { color: #123; }\n".repeat(100);
        std::fs::write(pkg.join("rcard.YvLWM6bsaWJELvuk.css"), &css).unwrap();
        std::fs::write(pkg.join("plain.css"), &css).unwrap();
        precompress(&pkg).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().nest_service("/pkg", pkg_service(&site.path().join("pkg")));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = reqwest::Client::new();
        let get = |file: &str, encoding: &str| {
            client
                .get(format!("http://{addr}/pkg/{file}"))
                .header("accept-encoding", encoding)
                .send()
        };
        let r = get("rcard.YvLWM6bsaWJELvuk.css", "br, gzip").await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(r.headers()["content-encoding"], "br");
        assert_eq!(r.headers()["content-type"], "text/css");
        assert!(r.bytes().await.unwrap().len() < css.len() / 4);
        let r = get("rcard.YvLWM6bsaWJELvuk.css", "gzip").await.unwrap();
        assert_eq!(r.headers()["content-encoding"], "gzip");
        let r = get("rcard.YvLWM6bsaWJELvuk.css", "identity").await.unwrap();
        assert!(r.headers().get("content-encoding").is_none());
        assert_eq!(r.text().await.unwrap(), css);
        let r = get("plain.css", "br").await.unwrap();
        assert_eq!(
            r.headers()["cache-control"],
            "no-cache",
            "no hash: revalidated"
        );
        let r = get("missing.css", "br").await.unwrap();
        assert_eq!(r.status().as_u16(), 404);
        assert!(r.headers().get("cache-control").is_none());
    }

    #[test]
    fn copies_are_written_once_and_decompress_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "fn main() { println!(\"안녕\"); }\n".repeat(200);
        std::fs::write(dir.path().join("rcard.abcdef0123.js"), &text).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "skip").unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 1);
        let gz = std::fs::read(dir.path().join("rcard.abcdef0123.js.gz")).unwrap();
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(gz.as_slice()), &mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = std::fs::read(dir.path().join("rcard.abcdef0123.js.br")).unwrap();
        assert!(br.len() < text.len() / 4);
        assert!(!dir.path().join("notes.txt.br").exists());
        // up to date: nothing is written again
        let before = std::fs::metadata(dir.path().join("rcard.abcdef0123.js.br"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 0);
        let after = std::fs::metadata(dir.path().join("rcard.abcdef0123.js.br"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }
}
