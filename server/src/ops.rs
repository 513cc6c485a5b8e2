//! Operations: readiness, Prometheus metrics and the node's name.
//!
//! - `GET /api/health` (in [`crate::api`]) is liveness: the process answers.
//! - `GET /api/ready` is readiness: the database answers and the search index holds every
//!   change, with the lag; 503 until both are true.
//! - `GET /metrics` is served only when `RCARD_METRICS` is set: `1` serves it on the app's
//!   port, an address (`127.0.0.1:9100`) on that address alone.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Json, Response};
use serde_json::json;
use std::net::SocketAddr;
use std::time::Instant;

/// This node's name for logs and metrics: `RCARD_NODE_ID`, else the host name.
pub fn node_id() -> String {
    std::env::var("RCARD_NODE_ID")
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "rcard".into())
}

/// Where `/metrics` is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricsAt {
    Off,
    /// On the app's own port.
    App,
    /// On this address alone.
    Own(SocketAddr),
}

impl MetricsAt {
    /// Reads `RCARD_METRICS`.
    pub fn from_env() -> anyhow::Result<MetricsAt> {
        let Ok(value) = std::env::var("RCARD_METRICS") else {
            return Ok(MetricsAt::Off);
        };
        match value.trim() {
            "" | "0" | "false" | "off" => Ok(MetricsAt::Off),
            "1" | "true" | "on" => Ok(MetricsAt::App),
            addr => addr.parse().map(MetricsAt::Own).map_err(|_| {
                anyhow::anyhow!(
                    "RCARD_METRICS is `{addr}`: set it to 1 (serve /metrics on the app's port) \
                     or to an address such as 127.0.0.1:9100 (serve it there alone)"
                )
            }),
        }
    }
}

/// `GET /api/ready`.
#[utoipa::path(
    get,
    path = "/api/ready",
    tag = "operations",
    summary = "Readiness: the database answers and the index is in step",
    responses(
        (status = 200, description = "Ready: `{\"ready\": true, \"status\": \"ready\", \"node\", \"database\": \"ok\", \"index_lag\": 0}`", body = serde_json::Value),
        (status = 503, description = "Not ready: `ready` false, `status` `catching_up` (with `index_lag`) or `database_unavailable`, and a `message`", body = serde_json::Value),
    )
)]
pub async fn ready(State(state): State<AppState>) -> Response {
    let lag = state.directory.index_lag().await;
    let node = node_id();
    match lag {
        Ok(0) => Json(json!({"ready": true, "status": "ready", "node": node, "database": "ok", "index_lag": 0}))
            .into_response(),
        Ok(lag) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({
                "ready": false,
                "status": "catching_up",
                "node": node,
                "database": "ok",
                "index_lag": lag,
                "message": format!("검색 색인이 데이터베이스보다 {lag}건 뒤처져 따라잡는 중입니다"),
            })),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({
                    "ready": false,
                    "status": "database_unavailable",
                    "node": node,
                    "database": "error",
                    "message": "데이터베이스에 연결할 수 없습니다",
                })),
            )
                .into_response()
        }
    }
}

/// Counts a routed request and its latency under its route pattern.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |p| p.as_str().to_string());
    let method = request.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.directory.metrics().request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// `GET /metrics` in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let directory = &state.directory;
    let lag = directory.index_lag().await.unwrap_or(-1);
    let cards = directory.count().await.unwrap_or(-1);
    let outbox = directory.outbox_depth().await.unwrap_or(-1);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        directory.metrics().render(&node_id(), cards, lag, outbox),
    )
        .into_response()
}

/// A router with `/metrics` alone, for [`MetricsAt::Own`].
pub fn metrics_router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(metrics))
        .with_state(state)
}
