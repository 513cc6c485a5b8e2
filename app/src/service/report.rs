//! The collaboration report for staff (see [`crate::model::report`]).

use super::account::Actor;
use super::{Directory, DomainError};
use crate::db::{self, report as rdb};
use crate::model::card::Offer;
use crate::model::inquiry::{InquiryStatus, Outcome, kst};
use crate::model::report::{Count, DemandWeek, InquiryReport, Month, Waiting};

/// Months and weeks a report looks back.
const MONTHS: usize = 12;
const WEEKS: i64 = 12;

/// `YYYY-MM` of a Unix time, in Korean time.
fn month_of(secs: i64) -> String {
    kst(&db::rfc3339(secs))[..7].to_string()
}

/// The `n` months up to the one of `now`, oldest first.
fn last_months(now: i64, n: usize) -> Vec<String> {
    let current = month_of(now);
    let (mut y, mut m): (i64, i64) = (
        current[..4].parse().unwrap_or(1970),
        current[5..7].parse().unwrap_or(1),
    );
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(format!("{y:04}-{m:02}"));
        m -= 1;
        if m == 0 {
            m = 12;
            y -= 1;
        }
    }
    out.reverse();
    out
}

/// The first second of the week (Monday 00:00, Korean time) that holds `secs`; the same
/// arithmetic as [`rdb::demand_weeks`].
fn week_start(secs: i64) -> i64 {
    ((secs + 32_400 + 259_200).div_euclid(604_800)) * 604_800 - 259_200 - 32_400
}

fn labelled(rows: Vec<(String, i64)>, label: impl Fn(&str) -> String) -> Vec<Count> {
    rows.into_iter()
        .map(|(key, count)| Count {
            label: label(&key),
            count,
        })
        .collect()
}

fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    })
}

impl Directory {
    /// The collaboration report (staff).
    pub async fn inquiry_report(&self, actor: &Actor) -> Result<InquiryReport, DomainError> {
        actor.curator()?;
        let now = db::now();
        let status_label = |k: &str| {
            InquiryStatus::from_key(k).map_or_else(|| k.to_string(), |s| s.label().to_string())
        };
        let outcome_label =
            |k: &str| Outcome::from_key(k).map_or_else(|| k.to_string(), |o| o.label().to_string());
        let by_status = labelled(rdb::by_status(&self.db).await?, status_label);
        let total = by_status.iter().map(|c| c.count).sum();
        let answer_seconds = rdb::answer_seconds(&self.db).await?;
        let answered = answer_seconds.len() as i64;
        let median_hours_to_answer =
            median(answer_seconds).map(|s| (s / 3600.0 * 100.0).round() / 100.0);

        let months = last_months(now, MONTHS);
        let mut rows: Vec<Month> = months
            .iter()
            .map(|m| Month {
                month: m.clone(),
                ..Default::default()
            })
            .collect();
        let since = now - 400 * 86_400;
        for (created, first_answer, status, outcome, updated) in
            rdb::recent(&self.db, since).await?
        {
            let slot = |secs: i64| months.iter().position(|m| *m == month_of(secs));
            if let Some(i) = slot(created) {
                rows[i].received += 1;
            }
            if let Some(i) = first_answer.and_then(slot) {
                rows[i].answered += 1;
            }
            if status == InquiryStatus::Closed.key()
                && let Some(i) = slot(updated)
            {
                rows[i].closed += 1;
                let label = outcome.as_deref().map(outcome_label).unwrap_or_default();
                match rows[i].outcomes.iter_mut().find(|c| c.label == label) {
                    Some(c) => c.count += 1,
                    None => rows[i].outcomes.push(Count { label, count: 1 }),
                }
            }
        }

        let unanswered = rdb::waiting(&self.db, 100)
            .await?
            .into_iter()
            .map(|(id, company, created, researchers, division)| Waiting {
                id,
                company,
                researchers,
                division,
                created_at: db::rfc3339(created),
                days: (now - created) / 86_400,
            })
            .collect();

        // every one of the last weeks, those without searches as zeros
        let weeks = rdb::demand_weeks(&self.db, now - WEEKS * 7 * 86_400).await?;
        let this_week = week_start(now);
        let demand = (0..=WEEKS)
            .rev()
            .map(|back| this_week - back * 7 * 86_400)
            .map(|start| {
                let (searches, empty) = weeks
                    .iter()
                    .find(|(s, ..)| *s == start)
                    .map_or((0, 0), |(_, n, e)| (*n, *e));
                DemandWeek {
                    week: kst(&db::rfc3339(start))[..10].to_string(),
                    searches,
                    empty,
                }
            })
            .collect();

        Ok(InquiryReport {
            total,
            by_status,
            by_division: labelled(rdb::by_division(&self.db).await?, str::to_string),
            by_field: labelled(rdb::by_field(&self.db).await?, str::to_string),
            by_kind: labelled(rdb::by_kind(&self.db).await?, |k| {
                Offer::from_key(k).map_or_else(|| k.to_string(), |o| o.label().to_string())
            }),
            by_outcome: labelled(rdb::by_outcome(&self.db).await?, outcome_label),
            median_hours_to_answer,
            answered,
            unanswered,
            months: rows,
            demand,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_back_across_the_new_year() {
        // 2027-01-19 00:00 UTC
        let months = last_months(1_800_316_800, 3);
        assert_eq!(months, ["2026-11", "2026-12", "2027-01"]);
    }

    #[test]
    fn weeks_start_on_monday_in_korean_time() {
        // Monday 2026-12-07 00:30 KST is in the week that starts then; Sunday 23:30 is not
        let monday = 1_796_571_000;
        assert_eq!(kst(&db::rfc3339(week_start(monday))), "2026-12-07 00:00");
        assert_eq!(
            kst(&db::rfc3339(week_start(monday - 3600))),
            "2026-11-30 00:00"
        );
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(vec![7]), Some(7.0));
        assert_eq!(median(Vec::new()), None);
    }
}
