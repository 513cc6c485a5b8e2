//! Autocomplete over the directory's vocabulary: keywords, technology fields and names.
//!
//! Terms are compared as sequences of keystroke jamo (`반도체` = ㅂㅏㄴㄷㅗㅊㅔ), so a
//! half-typed syllable (`반돛`), initial consonants only (`ㅂㄷㅊ`), Korean typed on an
//! English keyboard layout (`qksehcp`) and one wrong keystroke (`반도채`) all find `반도체`.

use crate::model::search::Suggestion;
use std::collections::{HashMap, HashSet};

const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const MEDIALS: [&str; 21] = [
    "ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ",
    "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ",
];
const FINALS: [&str; 28] = [
    "", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ",
    "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ",
    "ㅎ",
];

/// Compound compatibility jamo as keystrokes.
fn split_compat(c: char) -> Option<&'static str> {
    Some(match c {
        'ㅘ' => "ㅗㅏ",
        'ㅙ' => "ㅗㅐ",
        'ㅚ' => "ㅗㅣ",
        'ㅝ' => "ㅜㅓ",
        'ㅞ' => "ㅜㅔ",
        'ㅟ' => "ㅜㅣ",
        'ㅢ' => "ㅡㅣ",
        'ㄳ' => "ㄱㅅ",
        'ㄵ' => "ㄴㅈ",
        'ㄶ' => "ㄴㅎ",
        'ㄺ' => "ㄹㄱ",
        'ㄻ' => "ㄹㅁ",
        'ㄼ' => "ㄹㅂ",
        'ㄽ' => "ㄹㅅ",
        'ㄾ' => "ㄹㅌ",
        'ㄿ' => "ㄹㅍ",
        'ㅀ' => "ㄹㅎ",
        'ㅄ' => "ㅂㅅ",
        _ => return None,
    })
}

/// Keystroke jamo of a text; other characters are lowercased, spaces dropped.
pub fn keystrokes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for c in super::analyzer::fold_width(text).chars() {
        let code = c as u32;
        if (0xAC00..=0xD7A3).contains(&code) {
            let i = code - 0xAC00;
            out.push(INITIALS[(i / 588) as usize]);
            out.push_str(MEDIALS[((i % 588) / 28) as usize]);
            out.push_str(FINALS[(i % 28) as usize]);
        } else if let Some(parts) = split_compat(c) {
            out.push_str(parts);
        } else if !c.is_whitespace() && c != '-' && c != '·' {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Initial consonants of each syllable (`반도체` → ㅂㄷㅊ); other characters kept.
pub fn initials(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            let code = c as u32;
            if (0xAC00..=0xD7A3).contains(&code) {
                INITIALS[((code - 0xAC00) / 588) as usize]
            } else {
                c
            }
        })
        .collect()
}

/// The jamo a two-set (두벌식) keyboard types for Latin letters, if `text` is only letters.
pub fn from_english_layout(text: &str) -> Option<String> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
        return None;
    }
    let mut out = String::new();
    for c in text.chars().filter(|c| *c != ' ') {
        let j = match c {
            'Q' => 'ㅃ',
            'W' => 'ㅉ',
            'E' => 'ㄸ',
            'R' => 'ㄲ',
            'T' => 'ㅆ',
            'O' => 'ㅒ',
            'P' => 'ㅖ',
            _ => match c.to_ascii_lowercase() {
                'q' => 'ㅂ',
                'w' => 'ㅈ',
                'e' => 'ㄷ',
                'r' => 'ㄱ',
                't' => 'ㅅ',
                'y' => 'ㅛ',
                'u' => 'ㅕ',
                'i' => 'ㅑ',
                'o' => 'ㅐ',
                'p' => 'ㅔ',
                'a' => 'ㅁ',
                's' => 'ㄴ',
                'd' => 'ㅇ',
                'f' => 'ㄹ',
                'g' => 'ㅎ',
                'h' => 'ㅗ',
                'j' => 'ㅓ',
                'k' => 'ㅏ',
                'l' => 'ㅣ',
                'z' => 'ㅋ',
                'x' => 'ㅌ',
                'c' => 'ㅊ',
                'v' => 'ㅍ',
                'b' => 'ㅠ',
                'n' => 'ㅜ',
                'm' => 'ㅡ',
                _ => return None,
            },
        };
        out.push(j);
    }
    Some(out)
}

fn is_consonant_jamo(c: char) -> bool {
    ('ㄱ'..='ㅎ').contains(&c)
}

/// True when some prefix of `term` is within one edit (insert, delete, substitute) of `input`.
fn within_one_edit_of_prefix(input: &[char], term: &[char]) -> bool {
    // Levenshtein rows of `input` against every prefix of `term`, stopping once all exceed 1
    let mut prev: Vec<usize> = (0..=term.len()).collect();
    for (i, a) in input.iter().enumerate() {
        let mut row = vec![i + 1; term.len() + 1];
        for (j, b) in term.iter().enumerate() {
            let cost = usize::from(a != b);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().all(|d| *d > 1) {
            return false;
        }
        prev = row;
    }
    prev.iter().any(|d| *d <= 1)
}

#[derive(Clone, Debug)]
struct Entry {
    text: String,
    kind: &'static str,
    count: u32,
    keys: String,
    initials: String,
}

/// The vocabulary, sorted for prefix look-ups.
#[derive(Clone, Debug, Default)]
pub struct Suggester {
    /// Sorted by `keys`.
    by_keys: Vec<Entry>,
    /// Indexes into `by_keys`, sorted by `initials`.
    by_initials: Vec<usize>,
    /// The most frequent entries for every keystroke prefix of up to [`SHORT_PREFIX`]
    /// keystrokes: such prefixes (`ㄱ`, `김`) match a large part of the vocabulary.
    popular: HashMap<String, Vec<usize>>,
    /// Indexes into `by_keys` of the topics (every kind but names), most frequent first,
    /// for words typed from the middle of a topic.
    topics: Vec<usize>,
}

/// Keystroke prefixes up to this long have their suggestions precomputed.
const SHORT_PREFIX: usize = 3;

/// Suggestions kept per precomputed prefix; requests ask for at most this many.
pub const MAX_SUGGESTIONS: usize = 20;

/// How well a suggestion matched; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Prefix,
    Initials,
    Layout,
    /// A word inside a topic (`영상` in `의료영상 AI`).
    Inside,
    Typo,
}

impl Suggester {
    /// Builds the vocabulary from (text, kind) pairs; repeated pairs count up.
    pub fn new(terms: impl IntoIterator<Item = (String, &'static str)>) -> Suggester {
        let mut counts: HashMap<(String, &'static str), u32> = HashMap::new();
        for (text, kind) in terms {
            let text = text.trim().to_string();
            if !text.is_empty() && text.chars().count() <= 60 {
                *counts.entry((text, kind)).or_default() += 1;
            }
        }
        let mut by_keys: Vec<Entry> = counts
            .into_iter()
            .map(|((text, kind), count)| Entry {
                keys: keystrokes(&text),
                initials: initials(&text),
                text,
                kind,
                count,
            })
            .collect();
        by_keys.sort_by(|a, b| a.keys.cmp(&b.keys).then(b.count.cmp(&a.count)));
        let mut by_initials: Vec<usize> = (0..by_keys.len()).collect();
        by_initials.sort_by(|a, b| by_keys[*a].initials.cmp(&by_keys[*b].initials));
        let mut popular: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in by_keys.iter().enumerate() {
            for (end, c) in e.keys.char_indices().take(SHORT_PREFIX) {
                popular
                    .entry(e.keys[..end + c.len_utf8()].to_string())
                    .or_default()
                    .push(i);
            }
        }
        for list in popular.values_mut() {
            list.sort_by(|a, b| {
                let (ea, eb) = (&by_keys[*a], &by_keys[*b]);
                eb.count.cmp(&ea.count).then(ea.text.cmp(&eb.text))
            });
            list.truncate(MAX_SUGGESTIONS);
            list.shrink_to_fit();
        }
        let mut topics: Vec<usize> = (0..by_keys.len())
            .filter(|&i| by_keys[i].kind != "name")
            .collect();
        topics.sort_by(|a, b| by_keys[*b].count.cmp(&by_keys[*a].count));
        Suggester {
            by_keys,
            by_initials,
            popular,
            topics,
        }
    }

    /// Entries whose keys start with `prefix`: all of them, or for a short prefix the most
    /// frequent ones (enough to fill any request).
    fn prefixed(&self, prefix: &str) -> Vec<usize> {
        if prefix.chars().count() <= SHORT_PREFIX {
            return self.popular.get(prefix).cloned().unwrap_or_default();
        }
        self.keys_with_prefix(prefix).collect()
    }

    /// The `n` most frequent terms of one kind (`field`, `keyword`, `name`).
    pub fn most_frequent(&self, kind: &str, n: usize) -> Vec<String> {
        let mut of_kind: Vec<&Entry> = self.by_keys.iter().filter(|e| e.kind == kind).collect();
        of_kind.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
        of_kind
            .into_iter()
            .take(n)
            .map(|e| e.text.clone())
            .collect()
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.by_keys.len()
    }

    /// True without terms.
    pub fn is_empty(&self) -> bool {
        self.by_keys.is_empty()
    }

    /// Positions in `by_keys` whose keys start with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.by_keys.partition_point(|e| e.keys.as_str() < prefix);
        let len = self.by_keys[start..].partition_point(|e| e.keys.starts_with(prefix));
        start..start + len
    }

    /// Positions in `by_keys` whose initials start with `prefix`.
    fn initials_with_prefix(&self, prefix: &str) -> Vec<usize> {
        let of = |i: &usize| self.by_keys[*i].initials.as_str();
        let start = self.by_initials.partition_point(|i| of(i) < prefix);
        let len = self.by_initials[start..].partition_point(|i| of(i).starts_with(prefix));
        self.by_initials[start..start + len].to_vec()
    }

    /// Up to `limit` suggestions for what has been typed so far.
    pub fn suggest(&self, input: &str, limit: usize) -> Vec<Suggestion> {
        let input = input.trim();
        if input.is_empty() || limit == 0 {
            return Vec::new();
        }
        let limit = limit.min(MAX_SUGGESTIONS);
        let mut found: Vec<(Rank, usize)> = Vec::new();
        let mut seen: HashSet<usize> = HashSet::new();
        let mut add = |rank: Rank, i: usize, found: &mut Vec<(Rank, usize)>| {
            if seen.insert(i) {
                found.push((rank, i));
            }
        };
        let keys = keystrokes(input);
        for i in self.prefixed(&keys) {
            add(Rank::Prefix, i, &mut found);
        }
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.chars().all(is_consonant_jamo) {
            for i in self.initials_with_prefix(&compact) {
                add(Rank::Initials, i, &mut found);
            }
        }
        let layout = from_english_layout(input);
        if let Some(layout) = &layout {
            for i in self.prefixed(layout) {
                add(Rank::Layout, i, &mut found);
            }
        }
        // a word from the middle of a topic (`영상` of `의료영상 AI`), once two syllables'
        // worth has been typed: before guessing a typo, which would offer names (`양상철`)
        if found.len() < limit && keys.chars().count() >= 4 {
            for &i in &self.topics {
                if found.len() >= limit {
                    break;
                }
                if self.by_keys[i].keys.contains(keys.as_str()) {
                    add(Rank::Inside, i, &mut found);
                }
            }
        }
        // one wrong keystroke after the first, once two syllables' worth has been typed
        if found.len() < limit && keys.chars().count() >= 4 {
            let mut typings: Vec<Vec<char>> = vec![keys.chars().collect()];
            typings.extend(layout.map(|l| l.chars().collect::<Vec<char>>()));
            for typed in typings.iter().filter(|t| t.len() >= 4) {
                let first = typed[0].to_string();
                for i in self.keys_with_prefix(&first) {
                    let term: Vec<char> = self.by_keys[i].keys.chars().collect();
                    if within_one_edit_of_prefix(typed, &term) {
                        add(Rank::Typo, i, &mut found);
                    }
                }
            }
        }
        found.sort_by(|(ra, a), (rb, b)| {
            let (ea, eb) = (&self.by_keys[*a], &self.by_keys[*b]);
            ra.cmp(rb)
                .then(eb.count.cmp(&ea.count))
                .then(ea.text.cmp(&eb.text))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(_, i)| {
                let e = &self.by_keys[i];
                Suggestion {
                    text: e.text.clone(),
                    kind: e.kind.to_string(),
                    count: e.count,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggester() -> Suggester {
        Suggester::new(vec![
            ("반도체".to_string(), "keyword"),
            ("반도체".to_string(), "keyword"),
            ("반도체 공정".to_string(), "keyword"),
            ("시스템반도체".to_string(), "field"),
            ("반응성 이온 식각".to_string(), "keyword"),
            ("배터리".to_string(), "keyword"),
            ("김서연".to_string(), "name"),
            ("Seoyeon Kim".to_string(), "name"),
            ("semiconductor".to_string(), "keyword"),
            ("의료영상 AI".to_string(), "keyword"),
            ("양상철".to_string(), "name"),
        ])
    }

    fn texts(input: &str) -> Vec<String> {
        suggester()
            .suggest(input, 5)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn syllables_decompose_into_keystrokes() {
        assert_eq!(keystrokes("반도체"), "ㅂㅏㄴㄷㅗㅊㅔ");
        assert_eq!(keystrokes("과"), "ㄱㅗㅏ");
        assert_eq!(initials("반도체"), "ㅂㄷㅊ");
    }

    #[test]
    fn a_prefix_and_a_half_typed_syllable_find_the_term() {
        assert_eq!(texts("반도")[0], "반도체");
        assert_eq!(
            texts("반돛")[0],
            "반도체",
            "ㅊ typed as the final consonant"
        );
        assert!(texts("반").contains(&"반응성 이온 식각".to_string()));
    }

    #[test]
    fn initial_consonants_find_the_term() {
        assert_eq!(texts("ㅂㄷㅊ")[0], "반도체");
        assert_eq!(texts("ㄱㅅㅇ"), vec!["김서연"]);
    }

    #[test]
    fn korean_typed_on_an_english_layout_is_understood() {
        assert_eq!(texts("qksehcp")[0], "반도체");
        assert_eq!(texts("qoxj")[0], "배터리");
    }

    #[test]
    fn a_word_from_the_middle_of_a_topic_finds_it_before_a_typo_of_a_name() {
        assert_eq!(texts("영상"), vec!["의료영상 AI", "양상철"]);
        assert_eq!(texts("conductor"), vec!["semiconductor"]);
        assert_eq!(
            texts("Ｓｅｍｉ"),
            vec!["semiconductor"],
            "full-width letters"
        );
        // a one-syllable word inside a topic is too common to be worth offering
        assert!(!texts("상").contains(&"의료영상 AI".to_string()));
    }

    #[test]
    fn one_wrong_keystroke_is_forgiven() {
        assert_eq!(texts("반도채")[0], "반도체");
        assert!(texts("배타리").contains(&"배터리".to_string()));
    }

    #[test]
    fn latin_terms_complete_case_insensitively_and_frequency_breaks_ties() {
        assert_eq!(texts("Semi"), vec!["semiconductor"]);
        assert_eq!(texts("seo"), vec!["Seoyeon Kim"]);
        let s = suggester().suggest("반도체", 5);
        assert_eq!((s[0].text.as_str(), s[0].count), ("반도체", 2));
    }
}
