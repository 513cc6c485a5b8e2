//! Highlighted snippets: the passage of a card that best matches the query.

use super::analyzer::QueryWord;
use aho_corasick::{AhoCorasick, AhoCorasickKind};

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

/// The query's words with the lowercase strings that mark each of them, prepared once per
/// query and reused for every card.
pub struct Marker<'w> {
    words: &'w [QueryWord],
    /// The needles of `words[i]`.
    needles: Vec<Vec<Needle>>,
    /// Every needle, for one pass over a card's text; pattern `p` belongs to `word_of[p]`.
    finder: Option<AhoCorasick>,
    word_of: Vec<usize>,
    /// Some needle has letters beyond ASCII with case (`é`), so ASCII lowercasing is not enough.
    full_case: bool,
    /// Words marked only in a text without any of `words` ([`Marker::or_else`]).
    fallback: Option<Box<Marker<'w>>>,
}

impl<'w> Marker<'w> {
    pub fn new(words: &'w [QueryWord]) -> Marker<'w> {
        let needles: Vec<Vec<Needle>> = words
            .iter()
            .map(|w| {
                needles(w)
                    .into_iter()
                    .filter(|n| !n.text.is_empty())
                    .collect()
            })
            .collect();
        let mut patterns = Vec::new();
        let mut word_of = Vec::new();
        for (i, list) in needles.iter().enumerate() {
            for n in list {
                patterns.push(n.text.as_str());
                word_of.push(i);
            }
        }
        let full_case = patterns
            .iter()
            .flat_map(|n| n.chars())
            .any(|c| !c.is_ascii() && c.is_lowercase());
        // a contiguous NFA: a DFA scans faster, but with a query's synonyms and related terms
        // its construction took longer than scanning the page's texts (1.65% of a server's
        // time on two slow queries at 100k cards)
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
        Marker {
            words,
            needles,
            finder,
            word_of,
            full_case,
            fallback: None,
        }
    }

    /// Marks `words` only in a text that has none of this marker's own: a search's related
    /// terms show where a work is on the topic in other words, but beside the query's own
    /// words a lone `supervised` of the related `weakly supervised semantic` would be marked
    /// in a title about `semantic segmentation` as if it were asked for.
    pub fn or_else(mut self, words: &'w [QueryWord]) -> Marker<'w> {
        if !words.is_empty() {
            self.fallback = Some(Box::new(Marker::new(words)));
        }
        self
    }

    /// Picks the passage of `source` (one passage per line) that matches the most query
    /// words, and returns it as escaped HTML with `<mark>` around matches.
    pub fn snippet(&self, source: &str) -> String {
        let best = self
            .best_line(source)
            .or_else(|| self.fallback.as_ref()?.best_line(source));
        match best {
            Some((line, marks)) => render(line, &marks),
            None => self.render(source.lines().find(|l| !l.trim().is_empty()).unwrap_or("")),
        }
    }

    /// The line with the most distinct words, then the most marks; the first of equals.
    ///
    /// One pass of all needles over the lowercased text bounds each line from above (its
    /// distinct words and raw needle hits); lines are then checked exactly, best bound first,
    /// until no remaining line can win.
    /// Returns the line with its marks.
    fn best_line<'s>(&self, source: &'s str) -> Option<(&'s str, Vec<(usize, usize)>)> {
        let finder = self.finder.as_ref()?;
        // the finder ignores ASCII case; other case differences need the lowercased text,
        // which keeps line breaks, so its lines correspond to the source's one to one
        let lower;
        let haystack = if self.full_case {
            lower = source.to_lowercase();
            lower.as_str()
        } else {
            source
        };
        let starts: Vec<usize> = std::iter::once(0)
            .chain(haystack.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut found: Vec<(usize, usize, usize, usize)> = finder
            .find_overlapping_iter(haystack)
            .map(|m| {
                let line = starts.partition_point(|&s| s <= m.start()) - 1;
                (
                    line,
                    m.start(),
                    m.end(),
                    self.word_of[m.pattern().as_usize()],
                )
            })
            .collect();
        found.sort_unstable();
        // per line, bounds from above: the distinct words (exact for Hangul, at most for
        // Latin, whose matches must also sit at word boundaries) and the marks once
        // overlapping matches merge (exact for Hangul; Latin marks only merge further)
        let mut bounds: Vec<(usize, usize, usize)> = Vec::new(); // (distinct, marks, line)
        let mut words: Vec<usize> = Vec::new();
        let mut end = 0;
        for (k, &(line, start, stop, word)) in found.iter().enumerate() {
            let first = k == 0 || found[k - 1].0 != line;
            if first {
                bounds.push((0, 0, line));
                words.clear();
            }
            let entry = bounds.last_mut().expect("pushed above");
            if !words.contains(&word) {
                words.push(word);
                entry.0 += 1;
            }
            if first || start > end {
                entry.1 += 1;
                end = stop;
            } else {
                end = end.max(stop);
            }
        }
        bounds.sort_unstable_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(&b.2)));
        let lines: Vec<&str> = source.lines().collect();
        let mut best: Option<(usize, usize, usize)> = None; // (distinct, marks, line index)
        let mut best_marks = Vec::new();
        for (distinct_bound, marks_bound, i) in bounds {
            // lines come best bound first, then in order: one that cannot beat the best ends it
            if let Some((d, m, j)) = best
                && ((distinct_bound, marks_bound) < (d, m)
                    || ((distinct_bound, marks_bound) == (d, m) && i > j))
            {
                break;
            }
            let Some(text) = lines.get(i).filter(|l| !l.trim().is_empty()) else {
                continue;
            };
            let Some(line) = Line::new(text) else {
                continue;
            };
            let (marks, distinct) = line.ranges(self);
            if distinct == 0 {
                continue;
            }
            let better = best.is_none_or(|(d, m, j)| {
                (distinct, marks.len()) > (d, m) || ((distinct, marks.len()) == (d, m) && i < j)
            });
            if better {
                best = Some((distinct, marks.len(), i));
                best_marks = marks;
            }
        }
        best.map(|(_, _, i)| (lines[i], best_marks))
    }

    /// How many of the words occur in `text`.
    pub fn count_matches(&self, text: &str) -> usize {
        Line::new(text).map_or(0, |line| line.ranges(self).1)
    }

    /// `text` as escaped HTML with `<mark>` around matches, cut around the first match.
    pub fn highlight(&self, text: &str) -> String {
        self.render(text)
    }

    /// All of `text` (a title) as escaped HTML with `<mark>` around matches.
    pub fn mark(&self, text: &str) -> String {
        let ranges = Line::new(text)
            .map(|l| l.ranges(self).0)
            .unwrap_or_default();
        render_within(text, &ranges, usize::MAX)
    }

    fn render(&self, line: &str) -> String {
        let ranges = Line::new(line)
            .map(|l| l.ranges(self).0)
            .unwrap_or_default();
        render(line, &ranges)
    }
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
    fn word_ranges(&self, word: &QueryWord, needles: &[Needle]) -> Vec<(usize, usize)> {
        if word.cjk && needles.len() > 1 {
            return self.bigram_ranges(needles);
        }
        let mut ranges = Vec::new();
        for needle in needles {
            for (start, end) in self.occurrences(needle) {
                if word.cjk {
                    ranges.push((start, end));
                    continue;
                }
                // a Latin word must start at a word boundary, and extends to the word's end
                if start > 0 && self.chars[start - 1].is_alphanumeric() {
                    continue;
                }
                // a stem extends to the end of its word (`detect` marks `detection`); a whole
                // needle must end there, but for a plural `s` (`2` does not mark `2003`, `AI`
                // does not mark `Air`, `GNN` marks `GNNs`)
                let mut end = end;
                let continues = |end: usize| {
                    end < self.chars.len()
                        && self.chars[end].is_alphanumeric()
                        && !is_hangul(self.chars[end])
                };
                if needle.whole {
                    if continues(end) && self.chars[end] == 's' && !continues(end + 1) {
                        end += 1;
                    }
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

    /// Character ranges of each occurrence of `needle` in the lowercased line.
    fn occurrences<'a>(&'a self, needle: &'a Needle) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.lower
            .match_indices(needle.text.as_str())
            .map(|(byte, _)| (self.char_at[byte], self.char_at[byte + needle.text.len()]))
    }

    /// Character ranges of a Hangul word's bigrams, each next to another of them (touching,
    /// or across one space, as in `의료 영상` for `의료영상`): a lone bigram is a piece of some
    /// other word (`웨어` of `미들웨어` for `소프트웨어`), which the index would not match either.
    fn bigram_ranges(&self, needles: &[Needle]) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (n, needle) in needles.iter().enumerate() {
            found.extend(self.occurrences(needle).map(|(start, end)| (start, end, n)));
        }
        found
            .iter()
            .filter(|(start, end, n)| {
                found
                    .iter()
                    .any(|(s, e, m)| m != n && *s <= end + 1 && start <= &(e + 1))
            })
            .map(|(start, end, _)| (*start, *end))
            .collect()
    }

    /// Ranges of every word, merged and sorted, and how many distinct words matched.
    fn ranges(&self, marker: &Marker<'_>) -> (Vec<(usize, usize)>, usize) {
        let mut all = Vec::new();
        let mut distinct = 0;
        for (w, needles) in marker.words.iter().zip(&marker.needles) {
            let r = self.word_ranges(w, needles);
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

/// A lowercase string that marks a query word in text.
struct Needle {
    text: String,
    /// Marks only a whole word (or its plural): a number or a term with digits (`2`, `5G`),
    /// and a short word such as an acronym (`AI`, `GNN`). A longer Latin needle marks to the
    /// end of the word it begins, as a stem does (`detect` marks `detection`).
    whole: bool,
}

/// The strings that mark a word in text: for Hangul its bigrams, so that a compound query
/// also marks its spaced form; for a Latin word the word as typed and the stems the index
/// matched, so `detections` marks `Detection` and `NeRFs` marks `NeRF`.
fn needles(word: &QueryWord) -> Vec<Needle> {
    let part = |text: String| Needle { text, whole: false };
    if word.cjk && word.text.chars().count() > 2 {
        let w: Vec<char> = word.text.chars().collect();
        return w.windows(2).map(|p| part(p.iter().collect())).collect();
    }
    let lower = word.text.to_lowercase();
    if word.cjk {
        return vec![part(lower)];
    }
    let mut texts = vec![lower];
    for t in &word.required {
        if !texts.contains(t) {
            texts.push(t.clone());
        }
    }
    texts
        .into_iter()
        .map(|text| Needle {
            whole: text.chars().any(|c| c.is_ascii_digit()) || text.chars().count() <= 3,
            text,
        })
        .collect()
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Picks the passage of `source` (one passage per line) that matches the most query words,
/// and returns it as escaped HTML with `<mark>` around matches.
pub fn snippet(source: &str, words: &[QueryWord]) -> String {
    Marker::new(words).snippet(source)
}

/// `line` as escaped HTML with `<mark>` around `ranges` (in characters), cut to a window of
/// `width` characters around the first one.
fn render_within(line: &str, ranges: &[(usize, usize)], width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    // a window around the first match
    let first = ranges.first().map_or(0, |r| r.0);
    let mut from = first.saturating_sub(width / 3);
    let to = from.saturating_add(width).min(chars.len());
    if to - from < width {
        from = to.saturating_sub(width);
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
    for &(s, e) in ranges {
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

fn render(line: &str, ranges: &[(usize, usize)]) -> String {
    render_within(line, ranges, SNIPPET_CHARS)
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
    fn a_lone_bigram_of_a_longer_word_is_not_marked() {
        // `웨어` of `소프트웨어` inside `미들웨어`
        let html = snippet(
            "ROS 2 미들웨어와 소프트 웨어 구조",
            &query_words("소프트웨어"),
        );
        assert_eq!(
            html,
            "ROS 2 미들웨어와 <mark>소프트</mark> <mark>웨어</mark> 구조"
        );
        assert_eq!(
            snippet("반도 지역의 반도체", &query_words("반도체")),
            "반도 지역의 <mark>반도체</mark>"
        );
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
    fn a_latin_word_marks_the_forms_its_stem_matched() {
        let html = snippet(
            "Object Detection with NeRF-XL",
            &query_words("object detections NeRFs"),
        );
        assert_eq!(
            html,
            "<mark>Object</mark> <mark>Detection</mark> with <mark>NeRF</mark>-XL"
        );
    }

    #[test]
    fn a_short_word_marks_only_itself_and_its_plural() {
        let html = snippet(
            "AI for air quality with GNNs and GNNExplainer",
            &query_words("AI GNN"),
        );
        assert_eq!(
            html,
            "<mark>AI</mark> for air quality with <mark>GNNs</mark> and GNNExplainer"
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

    #[test]
    fn related_words_are_marked_only_where_the_query_words_are_not() {
        let own = query_words("semantic segmentation");
        let related = query_words("weakly supervised semantic");
        let marker = Marker::new(&own).or_else(&related);
        assert_eq!(
            marker.snippet("Scribble-Supervised LiDAR Semantic Segmentation"),
            "Scribble-Supervised LiDAR <mark>Semantic</mark> <mark>Segmentation</mark>"
        );
        // a work on the topic in other words still shows which of them it says
        assert_eq!(
            marker.snippet("Weakly Supervised Learning of Masks"),
            "<mark>Weakly</mark> <mark>Supervised</mark> Learning of Masks"
        );
        // the line with the query's words wins over one with the related words
        assert_eq!(
            marker.snippet("Weakly supervised detection\nSegmentation of point clouds"),
            "<mark>Segmentation</mark> of point clouds"
        );
    }
}
