//! Counters and latency histograms for `GET /metrics` (Prometheus text format), kept in
//! memory per node: requests and latency per route, search latency, import progress.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 13] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A latency histogram (cumulative when written out).
#[derive(Debug, Default)]
pub struct Histogram {
    counts: [AtomicU64; BUCKETS.len()],
    /// Observations above the last bucket.
    over: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, took: Duration) {
        let seconds = took.as_secs_f64();
        match BUCKETS.iter().position(|&b| seconds <= b) {
            Some(i) => self.counts[i].fetch_add(1, Ordering::Relaxed),
            None => self.over.fetch_add(1, Ordering::Relaxed),
        };
        self.sum_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    /// Writes `name_bucket`, `name_sum` and `name_count` with `labels` (`key="value",…` or empty).
    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        let mut total = 0;
        for (bound, count) in BUCKETS.iter().zip(&self.counts) {
            total += count.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {total}");
        }
        total += self.over.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {total}");
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let braces = |s: &str| {
            if s.is_empty() {
                String::new()
            } else {
                format!("{{{s}}}")
            }
        };
        let _ = writeln!(out, "{name}_sum{} {sum}", braces(labels));
        let _ = writeln!(out, "{name}_count{} {total}", braces(labels));
    }
}

/// A route's requests by status class, and its latency.
#[derive(Debug, Default)]
struct RouteStats {
    by_status: BTreeMap<&'static str, u64>,
    latency: Histogram,
}

/// The node's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
    /// Directory searches, from any route (page, API, server function).
    pub search: Histogram,
    /// An import is running.
    pub importing: AtomicBool,
    /// Cards the running (or last) import has written.
    pub import_done: AtomicU64,
    /// Imports finished since start.
    pub imports: AtomicU64,
}

/// `"` and `\` escaped, for a label value.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    /// Records one request to `route` (a route pattern such as `/api/cards/{slug}`, never
    /// the path itself, so the number of series stays bounded).
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let class = match status {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let stats = routes
            .entry((method.to_string(), route.to_string()))
            .or_default();
        *stats.by_status.entry(class).or_default() += 1;
        stats.latency.observe(took);
    }

    /// The Prometheus text exposition, with the gauges read at scrape time.
    pub fn render(&self, node: &str, cards: i64, index_lag: i64, outbox: i64) -> String {
        let node = label(node);
        let mut out = String::new();
        out.push_str(
            "# HELP rcard_http_requests_total HTTP requests by route pattern and status class.\n",
        );
        out.push_str("# TYPE rcard_http_requests_total counter\n");
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        for ((method, route), stats) in routes.iter() {
            for (class, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "rcard_http_requests_total{{node=\"{node}\",method=\"{}\",route=\"{}\",status=\"{class}\"}} {n}",
                    label(method),
                    label(route)
                );
            }
        }
        out.push_str(
            "# HELP rcard_http_request_duration_seconds HTTP request latency by route pattern.\n",
        );
        out.push_str("# TYPE rcard_http_request_duration_seconds histogram\n");
        for ((method, route), stats) in routes.iter() {
            let labels = format!(
                "node=\"{node}\",method=\"{}\",route=\"{}\"",
                label(method),
                label(route)
            );
            stats
                .latency
                .write(&mut out, "rcard_http_request_duration_seconds", &labels);
        }
        drop(routes);
        out.push_str("# HELP rcard_search_duration_seconds Directory search latency (pages, API and server functions).\n");
        out.push_str("# TYPE rcard_search_duration_seconds histogram\n");
        self.search.write(
            &mut out,
            "rcard_search_duration_seconds",
            &format!("node=\"{node}\""),
        );
        let gauge = |out: &mut String, name: &str, help: &str, kind: &str, value: String| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            let _ = writeln!(out, "{name}{{node=\"{node}\"}} {value}");
        };
        gauge(
            &mut out,
            "rcard_index_lag",
            "Database changes the search index has not applied yet (0: in step).",
            "gauge",
            index_lag.to_string(),
        );
        gauge(
            &mut out,
            "rcard_mail_outbox",
            "Mail not sent yet: waiting, failing, or kept as files without SMTP (-1: unknown).",
            "gauge",
            outbox.to_string(),
        );
        gauge(
            &mut out,
            "rcard_cards",
            "Cards in the database, any status.",
            "gauge",
            cards.to_string(),
        );
        gauge(
            &mut out,
            "rcard_import_running",
            "1 while an import runs on this node.",
            "gauge",
            u8::from(self.importing.load(Ordering::Relaxed)).to_string(),
        );
        gauge(
            &mut out,
            "rcard_import_cards",
            "Cards written by the running or last import on this node.",
            "gauge",
            self.import_done.load(Ordering::Relaxed).to_string(),
        );
        gauge(
            &mut out,
            "rcard_imports_total",
            "Imports finished on this node since it started.",
            "counter",
            self.imports.load(Ordering::Relaxed).to_string(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_routes_counted_by_class() {
        let m = Metrics::default();
        m.request("GET", "/api/search", 200, Duration::from_micros(800));
        m.request("GET", "/api/search", 200, Duration::from_millis(30));
        m.request("GET", "/api/search", 404, Duration::from_secs(20));
        m.search.observe(Duration::from_millis(3));
        let text = m.render("a\"b", 7, 0, 2);
        assert!(
            text.contains(r#"rcard_mail_outbox{node="a\"b"} 2"#),
            "{text}"
        );
        assert!(text.contains(r#"rcard_http_requests_total{node="a\"b",method="GET",route="/api/search",status="2xx"} 2"#), "{text}");
        assert!(text.contains(r#"status="4xx"} 1"#));
        assert!(
            text.contains(r#"route="/api/search",le="0.001"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"route="/api/search",le="0.05"} 2"#));
        assert!(text.contains(r#"route="/api/search",le="+Inf"} 3"#));
        assert!(text.contains(r#"rcard_search_duration_seconds_bucket{node="a\"b",le="0.005"} 1"#));
        assert!(text.contains(r#"rcard_cards{node="a\"b"} 7"#));
        assert!(text.contains("# TYPE rcard_index_lag gauge"));
    }
}
