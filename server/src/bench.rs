//! `rcard bench`: figures for docs/benchmarks.md.

use std::path::Path;

/// Runs the benchmark for each card count and writes the report.
pub async fn run(_cards: &[usize], _out: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the benchmark is not written yet")
}
