//! The institute's collaboration report (협력 성과): inquiries by division, field and kind,
//! time to the first answer, the unanswered ones, outcomes per month, and the demand trend
//! of searches; with charts drawn as SVG, so they read without JavaScript and print well.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A label and a count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// One month of inquiries: received, first answered and closed in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Month {
    /// `YYYY-MM` (Korean time).
    pub month: String,
    pub received: i64,
    pub answered: i64,
    pub closed: i64,
    /// Closed in the month, by outcome label.
    pub outcomes: Vec<Count>,
}

/// An inquiry waiting for its first answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Waiting {
    pub id: i64,
    pub company: String,
    pub researchers: String,
    pub division: String,
    /// RFC 3339.
    pub created_at: String,
    pub days: i64,
}

/// One week of searches: how many, and how many found nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandWeek {
    /// The Monday that starts the week, `YYYY-MM-DD`.
    pub week: String,
    pub searches: i64,
    pub empty: i64,
}

/// `GET /api/inquiries/report`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InquiryReport {
    pub total: i64,
    pub by_status: Vec<Count>,
    pub by_division: Vec<Count>,
    pub by_field: Vec<Count>,
    pub by_kind: Vec<Count>,
    pub by_outcome: Vec<Count>,
    /// Median hours from an inquiry to its first answer, over the answered ones.
    pub median_hours_to_answer: Option<f64>,
    pub answered: i64,
    pub unanswered: Vec<Waiting>,
    /// The last twelve months, oldest first.
    pub months: Vec<Month>,
    /// The last twelve weeks of searches, oldest first.
    pub demand: Vec<DemandWeek>,
}

/// Escapes text for SVG (XML) content and attributes.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const BLUE: &str = "#0b5cad";
const GREEN: &str = "#2f7d32";
const GREY: &str = "#8a94a6";
const RED: &str = "#b3261e";
/// What a chart without data says.
const NO_DATA: &str = "아직 자료가 없습니다";

/// A vertical bar chart of series over labelled columns (months, weeks): each column holds
/// one bar per series, side by side. `title` names the chart for screen readers; a chart
/// without data says so in `lang`.
pub fn column_chart(
    lang: Lang,
    title: &str,
    labels: &[String],
    series: &[(&str, &str, Vec<i64>)],
) -> String {
    let (width, height, left, bottom, top) = (640.0, 240.0, 36.0, 44.0, 28.0);
    let largest = series
        .iter()
        .flat_map(|(_, _, v)| v.iter().copied())
        .max()
        .unwrap_or(0);
    // an even top, so the middle line of the scale is a whole number too
    let max = (largest.max(1) + 1) / 2 * 2;
    let max = max as f64;
    let plot_w = width - left - 8.0;
    let plot_h = height - bottom - top;
    let n = labels.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.8 / series.len().max(1) as f64).max(1.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-label=\"{}\" class=\"chart\"><title>{}</title>",
        xml(title),
        xml(title)
    );
    if largest == 0 {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#4a5568\">{}</text>",
            left + plot_w / 2.0,
            top + plot_h / 2.0,
            lang.tr(NO_DATA)
        ));
    }
    // the scale: zero, half and the top
    for step in [0.0, 0.5, 1.0] {
        let y = top + plot_h * (1.0 - step);
        let value = (max * step).round() as i64;
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d5dbe3\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5568\">{value}</text>",
            width - 8.0,
            left - 4.0,
            y + 4.0
        ));
    }
    for (i, label) in labels.iter().enumerate() {
        let x0 = left + slot * i as f64 + slot * 0.1;
        for (s, (name, color, values)) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            let h = plot_h * v as f64 / max;
            let x = x0 + bar * s as f64;
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{} {}: {v}</title></rect>",
                top + plot_h - h,
                (bar - 1.0).max(1.0),
                xml(label),
                xml(name)
            ));
        }
        // every label when they fit, else every other one
        if labels.len() <= 12 || i % 2 == 0 {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#2d3748\">{}</text>",
                left + slot * (i as f64 + 0.5),
                height - bottom + 16.0,
                xml(label)
            ));
        }
    }
    // the legend
    let mut x = left;
    for (name, color, _) in series {
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"16\" font-size=\"12\" fill=\"#1a202c\">{}</text>",
            x + 16.0,
            xml(name)
        ));
        x += 24.0 + 13.0 * name.chars().count() as f64;
    }
    svg.push_str("</svg>");
    svg
}

/// A horizontal bar chart of counts, largest first, at most `limit` bars.
pub fn bar_chart(lang: Lang, title: &str, counts: &[Count], limit: usize) -> String {
    let rows: Vec<&Count> = counts.iter().take(limit).collect();
    let (width, row, label_w) = (400.0, 30.0, 150.0);
    let height = row * rows.len().max(1) as f64 + 8.0;
    let max = rows.iter().map(|c| c.count).max().unwrap_or(0).max(1) as f64;
    let plot_w = width - label_w - 48.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-label=\"{}\" class=\"chart\"><title>{}</title>",
        xml(title),
        xml(title)
    );
    if rows.is_empty() {
        svg.push_str(&format!(
            "<text x=\"0\" y=\"18\" font-size=\"13\" fill=\"#4a5568\">{}</text>",
            lang.tr(NO_DATA)
        ));
    }
    for (i, c) in rows.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let w = plot_w * c.count as f64 / max;
        let label = fit(&c.label, 18);
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" text-anchor=\"end\" fill=\"#1a202c\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{BLUE}\"><title>{}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" fill=\"#1a202c\">{}</text>",
            label_w - 6.0,
            y + 19.0,
            xml(&label),
            y + 3.0,
            row - 8.0,
            xml(&c.label),
            c.count,
            label_w + w + 4.0,
            y + 19.0,
            c.count
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// `label` cut to fit `room` half-width columns, with an ellipsis: a wide character (Hangul,
/// Han, kana, full-width forms) takes two columns, others one, so Korean and English labels
/// fill the same space.
fn fit(label: &str, room: usize) -> String {
    let width = |c: char| {
        if matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ff60}')
        {
            2
        } else {
            1
        }
    };
    if label.chars().map(width).sum::<usize>() <= room {
        return label.to_string();
    }
    let mut used = 1; // the ellipsis
    let mut cut = String::new();
    for c in label.chars() {
        used += width(c);
        if used > room {
            break;
        }
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

/// A CSV cell: quoted when it holds a comma, quote or line break, and with a leading
/// `= + - @` defused (a spreadsheet would run it as a formula).
pub fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

impl InquiryReport {
    /// Inquiries received, answered and closed per month, named in `lang`.
    pub fn months_chart(&self, lang: Lang) -> String {
        let labels: Vec<String> = self.months.iter().map(|m| m.month.clone()).collect();
        column_chart(
            lang,
            lang.tr("월별 문의: 접수, 첫 답변, 종결"),
            &labels,
            &[
                (
                    lang.tr("접수"),
                    BLUE,
                    self.months.iter().map(|m| m.received).collect(),
                ),
                (
                    lang.tr("첫 답변"),
                    GREEN,
                    self.months.iter().map(|m| m.answered).collect(),
                ),
                (
                    lang.tr("종결"),
                    GREY,
                    self.months.iter().map(|m| m.closed).collect(),
                ),
            ],
        )
    }

    /// Searches per week and those that found nothing, named in `lang`.
    pub fn demand_chart(&self, lang: Lang) -> String {
        let labels: Vec<String> = self
            .demand
            .iter()
            .map(|w| w.week.get(5..).unwrap_or(&w.week).to_string())
            .collect();
        column_chart(
            lang,
            lang.tr("주별 검색 수와 결과 없는 검색"),
            &labels,
            &[
                (
                    lang.tr("검색 수"),
                    BLUE,
                    self.demand.iter().map(|w| w.searches).collect(),
                ),
                (
                    lang.tr("결과 없음"),
                    RED,
                    self.demand.iter().map(|w| w.empty).collect(),
                ),
            ],
        )
    }

    /// The report as CSV, one row per month and outcome, then the breakdowns: what the
    /// institute files as its 협력 성과.
    pub fn to_csv(&self) -> String {
        let cell = csv_cell;
        let mut out = String::from("\u{feff}구분,항목,건수\n");
        for m in &self.months {
            out.push_str(&format!("월별 접수,{},{}\n", m.month, m.received));
            out.push_str(&format!("월별 첫 답변,{},{}\n", m.month, m.answered));
            out.push_str(&format!("월별 종결,{},{}\n", m.month, m.closed));
            for o in &m.outcomes {
                out.push_str(&format!(
                    "월별 성과 {},{},{}\n",
                    cell(&o.label),
                    m.month,
                    o.count
                ));
            }
        }
        for (kind, list) in [
            ("부서", &self.by_division),
            ("기술 분야", &self.by_field),
            ("협력 방식", &self.by_kind),
            ("상태", &self.by_status),
            ("성과", &self.by_outcome),
        ] {
            for c in list {
                out.push_str(&format!("{kind},{},{}\n", cell(&c.label), c.count));
            }
        }
        if let Some(h) = self.median_hours_to_answer {
            out.push_str(&format!("첫 답변까지 중앙값(시간),전체,{h:.1}\n"));
        }
        out.push_str(&format!("미답변,전체,{}\n", self.unanswered.len()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English desk's charts carry no Korean of their own: titles, series, the note of
    /// a chart without data.
    #[test]
    fn charts_speak_the_page_language() {
        let hangul = |svg: &str| svg.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
        let empty = InquiryReport::default();
        let busy = InquiryReport {
            months: vec![Month {
                month: "2026-11".into(),
                received: 3,
                answered: 2,
                closed: 1,
                ..Month::default()
            }],
            ..InquiryReport::default()
        };
        for report in [&empty, &busy] {
            for svg in [report.months_chart(Lang::En), report.demand_chart(Lang::En)] {
                assert!(!hangul(&svg), "{svg}");
            }
            assert!(hangul(&report.months_chart(Lang::Ko)));
        }
        assert!(empty.months_chart(Lang::En).contains("No data yet"));
        assert!(!hangul(&bar_chart(Lang::En, "By outcome", &[], 6)));
        assert!(bar_chart(Lang::Ko, "성과별", &[], 6).contains(NO_DATA));
    }

    #[test]
    fn chart_labels_fit_by_width() {
        // nine Hangul syllables fit; English gets as many columns
        assert_eq!(fit("지능형반도체연구센", 18), "지능형반도체연구센");
        assert_eq!(fit("지능형반도체연구센터", 18), "지능형반도체연구…");
        assert_eq!(fit("Technology transfer", 18), "Technology transf…");
        assert_eq!(fit("Joint R&D", 18), "Joint R&D");
        assert_eq!(fit("Testing and certification", 18), "Testing and certi…");
    }

    #[test]
    fn charts_escape_labels_and_scale_to_the_largest_value() {
        let svg = bar_chart(
            Lang::Ko,
            "부서별",
            &[
                Count {
                    label: "<b>A</b>".into(),
                    count: 10,
                },
                Count {
                    label: "B".into(),
                    count: 5,
                },
            ],
            10,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("<b>") && svg.contains("&lt;b&gt;"));
        // the largest bar takes the whole plot width, the other half of it
        assert!(
            svg.contains("width=\"202.0\"") && svg.contains("width=\"101.0\""),
            "{svg}"
        );
        let columns = column_chart(
            Lang::Ko,
            "월별",
            &["2026-11".into(), "2026-12".into()],
            &[("접수", BLUE, vec![0, 4])],
        );
        assert_eq!(
            columns.matches("<rect x=").count(),
            2 + 1,
            "two bars and a legend swatch"
        );
    }

    #[test]
    fn csv_quotes_commas_and_defuses_formulas() {
        let report = InquiryReport {
            by_division: vec![
                Count {
                    label: "=HYPERLINK(\"x\")".into(),
                    count: 1,
                },
                Count {
                    label: "a,b".into(),
                    count: 2,
                },
            ],
            ..Default::default()
        };
        let csv = report.to_csv();
        assert!(csv.contains("부서,\"'=HYPERLINK(\"\"x\"\")\",1"), "{csv}");
        assert!(csv.contains("부서,\"a,b\",2"), "{csv}");
    }
}
