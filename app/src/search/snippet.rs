//! Highlighted snippets: the passage of a card that best matches the query.

use super::analyzer::QueryWord;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 160;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A line prepared for matching: its characters, its lowercase form, and where each
/// lowercase byte falls in characters.
struct Line {
    chars: Vec<char>,
    lower: String,
    char_at: Vec<usize>,
}

impl Line {
    /// None when lowercasing changes the number of characters (then offsets would not map).
    fn new(text: &str) -> Option<Line> {
        let chars: Vec<char> = text.chars().collect();
        let lower = text.to_lowercase();
        let mut char_at = vec![0; lower.len() + 1];
        let mut n = 0;
        for (i, c) in lower.char_indices() {
            for slot in &mut char_at[i..i + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        char_at[lower.len()] = n;
        (n == chars.len()).then_some(Line {
            chars,
            lower,
            char_at,
        })
    }

    /// Character ranges where one query word matches.
    fn word_ranges(&self, word: &QueryWord) -> Vec<(usize, usize)> {
        let needles = needles(word);
        let mut ranges = Vec::new();
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            for (byte, _) in self.lower.match_indices(needle.as_str()) {
                let start = self.char_at[byte];
                let end = self.char_at[byte + needle.len()];
                if word.cjk {
                    ranges.push((start, end));
                    continue;
                }
                // a Latin word must start at a word boundary, and extends to the word's end
                if start > 0 && self.chars[start - 1].is_alphanumeric() {
                    continue;
                }
                // a stem extends to the end of its word (`detect` marks `detection`); a number
                // or a term with digits must end there (`2` does not mark `2003`)
                let mut end = end;
                let exact = needle.chars().any(|c| c.is_ascii_digit());
                let continues = |end: usize| {
                    end < self.chars.len()
                        && self.chars[end].is_alphanumeric()
                        && !is_hangul(self.chars[end])
                };
                if exact {
                    if continues(end) {
                        continue;
                    }
                } else {
                    while continues(end) {
                        end += 1;
                    }
                }
                ranges.push((start, end));
            }
        }
        ranges
    }

    /// Ranges of every word, merged and sorted, and how many distinct words matched.
    fn ranges(&self, words: &[QueryWord]) -> (Vec<(usize, usize)>, usize) {
        let mut all = Vec::new();
        let mut distinct = 0;
        for w in words {
            let r = self.word_ranges(w);
            distinct += usize::from(!r.is_empty());
            all.extend(r);
        }
        all.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in all {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        (merged, distinct)
    }
}

/// The lowercase strings that mark a word in text.
fn needles(word: &QueryWord) -> Vec<String> {
    if word.cjk && word.text.chars().count() > 2 {
        // bigrams, so that a compound query also marks its spaced form
        let w: Vec<char> = word.text.chars().collect();
        w.windows(2).map(|p| p.iter().collect()).collect()
    } else {
        vec![word.text.to_lowercase()]
    }
}

/// A cheap test whether any needle may occur in `text`; lines that fail it are skipped
/// without the character bookkeeping of [`Line`].
struct Prefilter {
    needles: Vec<String>,
    /// Some needle has letters beyond ASCII with case (`é`), so ASCII lowercasing is not enough.
    full_case: bool,
}

impl Prefilter {
    fn new(words: &[QueryWord]) -> Prefilter {
        let needles: Vec<String> = words.iter().flat_map(needles).collect();
        let full_case = needles
            .iter()
            .flat_map(|n| n.chars())
            .any(|c| !c.is_ascii() && c.is_lowercase());
        Prefilter { needles, full_case }
    }

    fn may_match(&self, text: &str) -> bool {
        let lower = if self.full_case {
            text.to_lowercase()
        } else {
            text.to_ascii_lowercase()
        };
        self.needles.iter().any(|n| lower.contains(n.as_str()))
    }
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Picks the passage of `source` (one passage per line) that matches the most query words,
/// and returns it as escaped HTML with `<mark>` around matches.
pub fn snippet(source: &str, words: &[QueryWord]) -> String {
    let mut best: Option<(usize, usize, &str)> = None; // (distinct words, marks, line)
    let prefilter = Prefilter::new(words);
    for text in source.lines().filter(|l| !l.trim().is_empty()) {
        if !prefilter.may_match(text) {
            continue;
        }
        let Some(line) = Line::new(text) else {
            continue;
        };
        let (marks, distinct) = line.ranges(words);
        if distinct > 0 && best.is_none_or(|(d, m, _)| (distinct, marks.len()) > (d, m)) {
            best = Some((distinct, marks.len(), text));
        }
    }
    let line = match best {
        Some((_, _, line)) => line,
        None => source.lines().find(|l| !l.trim().is_empty()).unwrap_or(""),
    };
    render(line, words)
}

/// How many of `words` occur in `text`.
pub fn count_matches(text: &str, words: &[QueryWord]) -> usize {
    Line::new(text).map_or(0, |line| line.ranges(words).1)
}

/// `text` as escaped HTML with `<mark>` around matches, cut around the first match.
pub fn highlight(text: &str, words: &[QueryWord]) -> String {
    render(text, words)
}

fn render(line: &str, words: &[QueryWord]) -> String {
    let chars: Vec<char> = line.chars().collect();
    let ranges = Line::new(line)
        .map(|l| l.ranges(words).0)
        .unwrap_or_default();
    // a window around the first match
    let first = ranges.first().map_or(0, |r| r.0);
    let mut from = first.saturating_sub(SNIPPET_CHARS / 3);
    let to = (from + SNIPPET_CHARS).min(chars.len());
    if to - from < SNIPPET_CHARS {
        from = to.saturating_sub(SNIPPET_CHARS);
    }
    // start at a word boundary when one is near and before the first match
    if from > 0
        && let Some(space) = chars[from..first.max(from)]
            .iter()
            .take(20)
            .position(|c| c.is_whitespace())
    {
        from += space + 1;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut pos = from;
    for &(s, e) in &ranges {
        let (s, e) = (s.max(from), e.min(to));
        if s >= e || s < pos {
            continue;
        }
        out.push_str(&escape_html(&chars[pos..s].iter().collect::<String>()));
        out.push_str("<mark>");
        out.push_str(&escape_html(&chars[s..e].iter().collect::<String>()));
        out.push_str("</mark>");
        pos = e;
    }
    out.push_str(&escape_html(&chars[pos..to].iter().collect::<String>()));
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::query_words;

    #[test]
    fn the_line_matching_most_words_is_chosen_and_marked() {
        let source = "반도체 공정을 연구한다\n딥러닝 기반 반도체 웨이퍼 결함 검출";
        let html = snippet(source, &query_words("반도체를 딥러닝으로"));
        assert_eq!(
            html,
            "<mark>딥러닝</mark> 기반 <mark>반도체</mark> 웨이퍼 결함 검출"
        );
    }

    #[test]
    fn a_compound_query_marks_the_spaced_form() {
        let html = snippet("인공지능 반도체 설계", &query_words("인공지능반도체"));
        assert_eq!(html, "<mark>인공지능</mark> <mark>반도체</mark> 설계");
    }

    #[test]
    fn latin_words_match_case_insensitively_to_the_end_of_the_word() {
        let html = snippet(
            "Defect detection for HBM stacks",
            &query_words("detect hbm"),
        );
        assert_eq!(
            html,
            "Defect <mark>detection</mark> for <mark>HBM</mark> stacks"
        );
    }

    #[test]
    fn a_number_marks_only_the_whole_number() {
        let html = snippet("2003년 입사, ROS 2 미들웨어", &query_words("ROS 2"));
        assert_eq!(
            html,
            "2003년 입사, <mark>ROS</mark> <mark>2</mark> 미들웨어"
        );
    }

    #[test]
    fn markup_in_the_source_is_escaped() {
        let html = snippet("<script>alert(1)</script> 반도체", &query_words("반도체"));
        assert_eq!(
            html,
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark>반도체</mark>"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_first_match() {
        let source = format!("{} 반도체 {}", "가".repeat(300), "나".repeat(300));
        let html = snippet(&source, &query_words("반도체"));
        assert!(html.starts_with('…') && html.ends_with('…'));
        assert!(html.contains("<mark>반도체</mark>"));
        assert!(html.chars().count() < SNIPPET_CHARS + 20);
    }

    #[test]
    fn a_cut_snippet_starts_at_a_word_boundary() {
        let source = format!(
            "{} Minhwan Kim works on semiconductor packaging",
            "word ".repeat(40)
        );
        let html = snippet(&source, &query_words("packaging"));
        assert!(html.starts_with("…"));
        let first_word = html
            .trim_start_matches('…')
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        assert!(
            ["word", "Minhwan", "Kim", "works"].contains(&first_word.as_str()),
            "{html}"
        );
    }
}
