//! Korean-aware text analysis without a dictionary.
//!
//! Text is cut into runs of one script. Hangul and CJK runs become overlapping character
//! bigrams (a one-syllable run stays a unigram), plus the bigram across a single space, so
//! compounds match across spacing: `인공지능반도체` and `인공지능 반도체` have the same bigrams. Latin letters and
//! digits stay together (`HBM3`, `5G`) and are lowercased; English words are stemmed,
//! but acronyms and terms with digits (`BMS`, `LEDs` is stemmed, `BMS` is not) are kept.
//!
//! Particles and endings (`반도체를`, `연구하는`) are stripped from query words only: at
//! index time they add a single stray bigram, while stripping there would also cut
//! real nouns (`정확도`).

use super::mecab::Dictionary;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in the index.
pub const KO: &str = "ko";

/// How Korean text is analysed; recorded with the index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Analysis {
    /// Character bigrams; needs no dictionary.
    #[default]
    Bigram,
    /// Morphemes from mecab-ko-dic.
    MecabKoDic,
}

impl Analysis {
    /// The analysis that `dictionary` gives: morphemes with one, bigrams without.
    pub fn of(dictionary: Option<&Dictionary>) -> Analysis {
        if dictionary.is_some() {
            Analysis::MecabKoDic
        } else {
            Analysis::Bigram
        }
    }
}

/// The analyzer of every text field, at index and at query time: morphemes from
/// `dictionary`, or bigrams without one.
pub fn analyzer(dictionary: Option<Arc<Dictionary>>) -> TextAnalyzer {
    TextAnalyzer::builder(KoTokenizer {
        morphemes: dictionary,
        ..KoTokenizer::default()
    })
    .build()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    /// Hangul syllables and CJK ideographs or kana: bigrammed.
    Cjk,
    /// Letters of alphabetic scripts and digits: kept whole.
    Word,
    /// Everything else separates tokens.
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0xAC00..=0xD7A3 // Hangul syllables
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF => Script::Cjk,
        _ if c.is_alphanumeric() => Script::Word,
        _ => Script::Other,
    }
}

/// Full-width forms (`ＡＩ`, `５Ｇ`, `（`), which a Korean input method types in its
/// full-width mode, as their ASCII letters, digits and signs, and the ideographic space as
/// a space. Applied to every word at index and query time, so `ＡＩ` finds `AI` and back.
pub fn fold_width(text: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !text.chars().any(wide) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The word a query token leaves out: `결함` of `-결함`, `lithium` of `-lithium` (also with a
/// full-width `－`, the minus sign `−`, or more than one). A minus before a digit (`-40도`)
/// is a number, and a lone `-` a sign: neither leaves anything out.
pub fn excluded_word(token: &str) -> Option<&str> {
    let rest = token.trim_start_matches(['-', '\u{2212}', '\u{FF0D}']);
    if rest.len() == token.len() {
        return None;
    }
    rest.chars().next()?.is_alphabetic().then_some(rest)
}

/// A query split into its words to find, as typed, and the words it leaves out
/// ([`excluded_word`]): `반도체 -결함` is (`반도체`, [`결함`]).
pub fn split_exclusions(query: &str) -> (String, Vec<&str>) {
    let mut find: Vec<&str> = Vec::new();
    let mut leave_out = Vec::new();
    for token in query.split_whitespace() {
        match excluded_word(token) {
            Some(word) => leave_out.push(word),
            None => find.push(token),
        }
    }
    (find.join(" "), leave_out)
}

/// The query with each run of two or more one-syllable Hangul words joined into one word:
/// `반 도 체 결 함` is `반도체결함`, `웨 이 퍼 결함` is `웨이퍼 결함` (a phone keyboard or a
/// habit that spaces every syllable). None when the query has no such run. One syllable
/// alone between longer words (`열 해석`) is a word of its own and stays.
pub fn join_spaced_syllables(query: &str) -> Option<String> {
    let syllable = |w: &str| {
        let mut chars = w.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if ('가'..='힣').contains(&c))
    };
    let mut words: Vec<String> = Vec::new();
    let mut run = 0;
    let mut joined = false;
    for w in query.split_whitespace() {
        if syllable(w) {
            run += 1;
            if run > 1 {
                joined = true;
                if let Some(last) = words.last_mut() {
                    last.push_str(w);
                }
                continue;
            }
        } else {
            run = 0;
        }
        words.push(w.to_string());
    }
    joined.then(|| words.join(" "))
}

/// Splits text into runs of one script, with their byte offsets.
pub fn runs(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut out = Vec::new();
    let mut start = None::<(usize, Script)>;
    for (i, c) in text.char_indices() {
        let s = script(c);
        match start {
            Some((from, cur)) if cur == s => {
                let _ = from;
            }
            Some((from, cur)) => {
                if cur != Script::Other {
                    out.push((from, &text[from..i], cur == Script::Cjk));
                }
                start = Some((i, s));
            }
            None => start = Some((i, s)),
        }
    }
    if let Some((from, cur)) = start
        && cur != Script::Other
    {
        out.push((from, &text[from..], cur == Script::Cjk));
    }
    out.into_iter()
}

/// [`runs`] without a Korean particle written onto a Latin or digit word (`AI로`, `5G를`,
/// `BMS의`): it is split off as a run of its own, and as a word it would have to match.
fn without_attached_particles(text: &str) -> Vec<(usize, &str, bool)> {
    let mut out: Vec<(usize, &str, bool)> = Vec::new();
    for (at, run, cjk) in runs(text) {
        let attached = out
            .last()
            .is_some_and(|&(prev_at, prev, prev_cjk)| !prev_cjk && prev_at + prev.len() == at);
        if cjk && attached && SUFFIXES.contains(&run) {
            continue;
        }
        out.push((at, run, cjk));
    }
    out
}

/// Whether two Korean runs separated by `gap` belong to one phrase: only a space or a tab
/// between them, not a line break or punctuation.
fn joins_phrase(gap: &str) -> bool {
    matches!(gap, " " | "  " | "\t")
}

/// Tokenizer producing CJK bigrams and whole lowercased Latin/digit words.
///
/// Indexing calls it for every text of every card, so it keeps its buffers between calls
/// and memoizes stems: a token costs no allocation once the buffers have grown.
#[derive(Clone)]
pub struct KoTokenizer {
    /// With a dictionary, Korean phrases become morphemes instead of bigrams.
    morphemes: Option<Arc<Dictionary>>,
    stemmer: TextAnalyzer,
    stems: HashMap<String, String>,
    spans: Vec<Span>,
    texts: String,
    token: Token,
}

/// One token: where it is in the input and where its text is in [`KoTokenizer::texts`].
#[derive(Clone, Copy, Debug)]
struct Span {
    from: usize,
    to: usize,
    text: (usize, usize),
}

/// Stems memoized per tokenizer; the memo is cleared when it grows past this.
const STEM_MEMO: usize = 50_000;

impl Default for KoTokenizer {
    fn default() -> Self {
        KoTokenizer {
            morphemes: None,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            stems: HashMap::new(),
            spans: Vec::new(),
            texts: String::new(),
            token: Token::default(),
        }
    }
}

/// The singular of an acronym's plural: `LLMs`, `NeRFs`, `PhDs` and, typed in lowercase,
/// `llms` or `cnns` (a word without a vowel before its `s`). The English stemmer leaves a
/// plural `s` after a word without vowels, so `CNNs` would not find `CNN`.
fn acronym_singular(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    let last = stem.chars().last()?;
    let no_vowel = || {
        stem.chars()
            .all(|c| c.is_ascii_lowercase() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    };
    (stem.chars().count() >= 2 && (last.is_uppercase() || no_vowel())).then_some(stem)
}

/// True for `BMS`, `5G`, `HBM3`, and for coined names that end in a capital (`NeRS`, `iOS`,
/// `LiDAR`): terms an English stemmer would damage. Stemmed, `NeRS` would become `ner` and
/// match the acronym `NER`. Other coined names (`iPhone`) are stemmed like a word, as their
/// lowercase spelling typed into the search box is.
fn is_acronym(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        || (word.chars().count() >= 2 && word.chars().last().is_some_and(char::is_uppercase))
}

impl KoTokenizer {
    /// Appends the lowercased, stemmed form of a Latin word to `texts`.
    fn push_word(&mut self, from: usize, to: usize, word: &str) {
        let start = self.texts.len();
        let word = &*fold_width(word);
        let word = acronym_singular(word).unwrap_or(word);
        if is_acronym(word) {
            self.texts.extend(word.chars().flat_map(char::to_lowercase));
        } else if let Some(stem) = self.stems.get(word) {
            self.texts.push_str(stem);
        } else {
            let lower = word.to_lowercase();
            let stem = if lower.is_ascii() {
                let mut stream = self.stemmer.token_stream(&lower);
                let stemmed = stream.next().map(|t| t.text.clone());
                drop(stream);
                stemmed.unwrap_or(lower)
            } else {
                lower
            };
            self.texts.push_str(&stem);
            if self.stems.len() >= STEM_MEMO {
                self.stems.clear();
            }
            self.stems.insert(word.to_string(), stem);
        }
        self.spans.push(Span {
            from,
            to,
            text: (start, self.texts.len()),
        });
    }

    /// Appends the morphemes of a Korean phrase.
    fn push_morphemes(&mut self, dictionary: &Dictionary, text: &str, offset: usize) {
        dictionary.terms(text, |range, term| {
            let start = self.texts.len();
            self.texts.push_str(term);
            self.spans.push(Span {
                from: offset + range.start,
                to: offset + range.end,
                text: (start, self.texts.len()),
            });
        });
    }

    /// Appends a bigram (or a lone syllable when `b` is None).
    fn push_chars(&mut self, from: usize, to: usize, a: char, b: Option<char>) {
        let start = self.texts.len();
        self.texts.push(a);
        if let Some(b) = b {
            self.texts.push(b);
        }
        self.spans.push(Span {
            from,
            to,
            text: (start, self.texts.len()),
        });
    }

    fn analyse(&mut self, text: &str) {
        self.spans.clear();
        self.texts.clear();
        // `Min-su`, `Li-ion`: the parts, and the whole without hyphens (see `join_hyphens`)
        let mut chain: Option<(usize, usize, String)> = None; // (from, to, joined)
        let mut pending_joins: Vec<(usize, usize, String)> = Vec::new();
        // the last syllable of the previous CJK run: (its offset, the run's end, the syllable)
        let mut previous: Option<(usize, usize, char)> = None;
        // with a dictionary: the Korean phrase being gathered, as a byte range
        let morphemes = self.morphemes.clone();
        let mut phrase: Option<Range<usize>> = None;
        for (offset, run, cjk) in runs(text) {
            if let Some(dictionary) = &morphemes {
                let continues = cjk
                    && phrase
                        .as_ref()
                        .is_some_and(|p| joins_phrase(&text[p.end..offset]));
                if continues {
                    if let Some(p) = &mut phrase {
                        p.end = offset + run.len();
                    }
                    continue;
                }
                if let Some(p) = phrase.take() {
                    self.push_morphemes(dictionary, &text[p.clone()], p.start);
                }
                if cjk {
                    if let Some((from, to, joined)) = chain.take()
                        && joined.len() < to - from
                    {
                        self.push_word(from, to, &joined);
                    }
                    phrase = Some(offset..offset + run.len());
                    continue;
                }
            }
            let joins = !cjk
                && chain
                    .as_ref()
                    .is_some_and(|(_, to, _)| &text[*to..offset] == "-");
            match (&mut chain, joins) {
                (Some((_, to, joined)), true) => {
                    joined.push_str(run);
                    *to = offset + run.len();
                }
                _ => {
                    if let Some((from, to, joined)) = chain.take()
                        && joined.len() < to - from
                    {
                        pending_joins.push((from, to, joined));
                    }
                    if !cjk {
                        chain = Some((offset, offset + run.len(), run.to_string()));
                    }
                }
            }
            if cjk {
                let mut chars = run.char_indices().peekable();
                let Some(&(_, first)) = chars.peek() else {
                    continue;
                };
                // `의료 영상` also yields `료영`, so the query `의료영상` needs no loose matching
                if let Some((from, end, last)) = previous
                    && joins_phrase(&text[end..offset])
                {
                    self.push_chars(from, offset + first.len_utf8(), last, Some(first));
                }
                let mut lone = true;
                let mut last = (0, first);
                while let Some((i, a)) = chars.next() {
                    last = (i, a);
                    if let Some(&(j, b)) = chars.peek() {
                        lone = false;
                        self.push_chars(offset + i, offset + j + b.len_utf8(), a, Some(b));
                    }
                }
                if lone {
                    self.push_chars(offset, offset + run.len(), first, None);
                }
                previous = Some((offset + last.0, offset + run.len(), last.1));
            } else {
                previous = None;
                self.push_word(offset, offset + run.len(), run);
            }
            for (from, to, joined) in pending_joins.drain(..) {
                self.push_word(from, to, &joined);
            }
        }
        if let (Some(dictionary), Some(p)) = (&morphemes, phrase) {
            self.push_morphemes(dictionary, &text[p.clone()], p.start);
        }
        if let Some((from, to, joined)) = chain
            && joined.len() < to - from
        {
            self.push_word(from, to, &joined);
        }
    }
}

/// The tokens of one text, produced by [`KoTokenizer::analyse`] into the tokenizer's buffers.
pub struct KoTokenStream<'a> {
    spans: &'a [Span],
    texts: &'a str,
    token: &'a mut Token,
    next: usize,
}

impl Tokenizer for KoTokenizer {
    type TokenStream<'a> = KoTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoTokenStream<'a> {
        self.analyse(text);
        KoTokenStream {
            spans: &self.spans,
            texts: &self.texts,
            token: &mut self.token,
            next: 0,
        }
    }
}

impl TokenStream for KoTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(span) = self.spans.get(self.next) else {
            return false;
        };
        self.token.offset_from = span.from;
        self.token.offset_to = span.to;
        self.token.position = self.next;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.texts[span.text.0..span.text.1]);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Particles and verb endings stripped from the end of a Korean query word, longest first.
const SUFFIXES: &[&str] = &[
    "에서부터",
    "으로부터",
    "으로서는",
    "에서처럼",
    "이라든가",
    "로부터",
    "에게서",
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로도",
    "으로서",
    "으로써",
    "에게는",
    "까지는",
    "부터는",
    "이라는",
    "이라고",
    "이라면",
    "하였다",
    "하였고",
    "합니다",
    "했으며",
    "하거나",
    "에서",
    "으로",
    "에게",
    "한테",
    "까지",
    "부터",
    "에는",
    "에도",
    "에의",
    "와의",
    "과의",
    "로서",
    "로써",
    "로는",
    "로도",
    "보다",
    "처럼",
    "만큼",
    "마다",
    "이나",
    "이랑",
    "이며",
    "이고",
    "라는",
    "라고",
    "하는",
    "하고",
    "하며",
    "하여",
    "해서",
    "했다",
    "한다",
    "하기",
    "되는",
    "되어",
    "된다",
    "적인",
    "적으로",
    "들의",
    "들을",
    "들이",
    "들은",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "에",
    "와",
    "과",
    "도",
    "만",
    "로",
    "랑",
    "나",
    "들",
    "된",
    "한",
];

/// Query words that carry no topic on their own.
const STOPWORDS: &[&str] = &[
    "및",
    "등",
    "의",
    "와",
    "과",
    "또는",
    "그리고",
    "관련",
    // what a sentence asks for around its topic: `설비 예지보전 연구하는 분`,
    // `센서 융합에 관한 연구`, `공정 자동화를 위한 기술`
    "분",
    "사람",
    "곳",
    "관한",
    "대한",
    "위한",
    "통한",
    "a",
    "an",
    "and",
    "or",
    "of",
    "the",
    "for",
    "in",
    "on",
    "with",
    "to",
    "by",
    "at",
    "from",
];

/// Words of a sentence around its topic, as a company describes a need on the need page
/// (`We are a small company and need help with …`, `저희 회사는 … 기술이 필요합니다`):
/// pronouns, auxiliaries and the words of asking. They name no topic, and on real data they
/// are rare enough in work titles (`we` in a few) to be taken for the rarest terms of a
/// need. A search keeps them ([`need_words_with`] drops them): a two-word search is a
/// topic phrase, and the real-data queries include `help guide`. A word written in capitals is an acronym and kept (`DO`, `WHO`); words
/// that Korean users also type in lowercase as acronyms (`it`, `as`, `us`, `can`) are not
/// listed.
const SENTENCE_WORDS: &[&str] = &[
    "we",
    "our",
    "ours",
    "i",
    "me",
    "my",
    "you",
    "your",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "would",
    "could",
    "should",
    "shall",
    "will",
    "might",
    "must",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "where",
    "when",
    "how",
    "why",
    "there",
    "here",
    "into",
    "onto",
    "about",
    "than",
    "then",
    "also",
    "such",
    "some",
    "any",
    "very",
    "so",
    "if",
    "but",
    "not",
    "need",
    "needs",
    "looking",
    "want",
    "wants",
    "like",
    "please",
    "someone",
    "anyone",
    "company",
    "companies",
    "help",
    "helps",
    "find",
    "저희",
    "우리",
    "당사",
    "회사",
    "저희는",
    "있는데",
    "있는",
    "있습니다",
    "있고",
    "합니다",
    "하는",
    "하고",
    "필요합니다",
    "필요한데",
    "필요해요",
    "찾고",
    "찾습니다",
    "싶습니다",
    "원합니다",
    "부탁드립니다",
    "드립니다",
    "도움",
    "문의",
    "필요",
];

/// Words so common in research profiles that they should rank, never filter.
const GENERIC: &[&str] = &[
    "연구",
    "개발",
    "기술",
    "시스템",
    "기반",
    "분석",
    "응용",
    "설계",
    "방법",
    "장치",
    "플랫폼",
    "전문가",
    "연구자",
    "연구원",
    "research",
    "develop",
    "technolog",
    "system",
    "studi",
    "method",
    "base",
    "analysi",
    "applic",
    "design",
    "platform",
    "expert",
    "researcher",
];

/// Strips one particle or ending from a Hangul word when at least two syllables remain.
pub fn strip_particle(word: &str) -> &str {
    let syllables = word.chars().count();
    for suffix in SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= 2
            && syllables > stem.chars().count()
        {
            return stem;
        }
    }
    word
}

/// The words of a text that may name a topic, as keys for mining related terms (see
/// [`super::neighbours`]): lowercase, particles and a Latin plural `s` stripped, without
/// stopwords, generic words (`연구`, `system`) and bare numbers. Cheaper than
/// [`query_words`], which also analyses each word into index tokens.
pub fn topic_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, run, cjk) in without_attached_particles(text) {
        let lower = run.to_lowercase();
        if STOPWORDS.contains(&lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let word = if cjk {
            strip_particle(&lower).to_string()
        } else {
            singular(&lower).to_string()
        };
        let generic = if cjk {
            GENERIC.contains(&word.as_str())
        } else {
            GENERIC
                .iter()
                .any(|g| g.is_ascii() && word.starts_with(g) && word.len() <= g.len() + 4)
        };
        if !generic && word.chars().count() >= 2 {
            out.push(word);
        }
    }
    out
}

/// Whether a title word frames a work's topic rather than names one (`… over tables`,
/// `towards robust …`, `revisiting …`, the `wise` of `channel-wise`; not the `up` of
/// `bottom-up`, which keeps `bottom` half of a phrase). Such words stay in a card's profile
/// for topic feedback, but are never a related term, and never make the word beside them
/// half of a phrase.
pub fn is_title_filler(word: &str) -> bool {
    TITLE_FILLER.contains(&word)
}

const TITLE_FILLER: &[&str] = &[
    "about",
    "above",
    "across",
    "advancing",
    "against",
    "all",
    "along",
    "among",
    "are",
    "around",
    "as",
    "be",
    "below",
    "better",
    "between",
    "beyond",
    "can",
    "do",
    "does",
    "down",
    "during",
    "each",
    "end",
    "enhancing",
    "evaluating",
    "exploring",
    "fly",
    "fundamental",
    "how",
    "improve",
    "improved",
    "improves",
    "improving",
    "into",
    "investigating",
    "is",
    "it",
    "its",
    "leveraging",
    "make",
    "making",
    "more",
    "new",
    "not",
    "novel",
    "onto",
    "our",
    "over",
    "rethinking",
    "revisiting",
    "than",
    "that",
    "their",
    "this",
    "through",
    "toward",
    "towards",
    "under",
    "understanding",
    "upon",
    "use",
    "using",
    "via",
    "we",
    "what",
    "when",
    "where",
    "which",
    "why",
    "wise",
    "within",
    "without",
    "you",
    "your",
];

/// The singular of a lowercase English plural, as a topic is named: `networks` → `network`,
/// `studies` → `study`, `processes` → `process`, `approaches` → `approach`. A word that only
/// ends in `s` stays whole (`heterogeneous`, `analysis`, `process`, `series`). Not a stemmer:
/// the result is shown to users as a related term.
fn singular(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    const SAME: [&str; 4] = ["series", "species", "news", "physics"];
    if word.len() <= 3 || !word.ends_with('s') || SAME.contains(&word) {
        return Cow::Borrowed(word);
    }
    if let Some(stem) = word.strip_suffix("ies")
        && stem.len() >= 2
    {
        return Cow::Owned(format!("{stem}y"));
    }
    for ending in ["sses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(ending) {
            return Cow::Borrowed(&word[..word.len() - 2]);
        }
    }
    if ["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        return Cow::Borrowed(word);
    }
    Cow::Borrowed(&word[..word.len() - 1])
}

/// One word of a user's query, ready to be matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// The word as matched, particles stripped (used for highlighting).
    pub text: String,
    /// Whether the word is Hangul/CJK (matched by bigrams).
    pub cjk: bool,
    /// Tokens of the stripped word.
    pub required: Vec<String>,
    /// Extra tokens only the unstripped form has; they add score but are not needed.
    pub optional: Vec<String>,
    /// A word like 연구 or `system` that adds score but does not narrow the results.
    pub generic: bool,
}

fn tokens_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        if !out.contains(&t.text) {
            out.push(t.text.clone());
        }
    }
    out
}

/// Drops hyphens inside Latin words (`Min-su` → `Minsu`), which the index also holds joined.
fn join_hyphens(query: &str) -> String {
    let chars: Vec<char> = query.chars().collect();
    let latin =
        |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() && script(*c) == Script::Word);
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !(**c == '-' && *i > 0 && latin(chars.get(i - 1)) && latin(chars.get(i + 1)))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// Splits a query into words, strips particles and analyses each word, with bigrams for
/// Korean (an index with a dictionary uses [`query_words_with`] and its own analyzer).
pub fn query_words(query: &str) -> Vec<QueryWord> {
    query_words_with(&mut analyzer(None), query)
}

/// [`query_words`] with the analyzer of an index (see [`super::SearchIndex::query_words`]).
pub fn query_words_with(analyzer: &mut TextAnalyzer, query: &str) -> Vec<QueryWord> {
    words_of(analyzer, query, false)
}

/// The words of a described need: [`query_words_with`] without the [`SENTENCE_WORDS`]
/// around its topic.
pub fn need_words_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<QueryWord> {
    words_of(analyzer, text, true)
}

fn words_of(analyzer: &mut TextAnalyzer, query: &str, sentence: bool) -> Vec<QueryWord> {
    let mut words: Vec<QueryWord> = Vec::new();
    let query = join_hyphens(&fold_width(query));
    for (_, run, cjk) in without_attached_particles(&query) {
        let lower = run.to_lowercase();
        if STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        let stem = if cjk { strip_particle(run) } else { run };
        if sentence
            && !(run.chars().count() > 1 && run.chars().all(|c| c.is_ascii_uppercase()))
            && (SENTENCE_WORDS.contains(&lower.as_str()) || SENTENCE_WORDS.contains(&stem))
        {
            continue;
        }
        let required = tokens_of(analyzer, stem);
        if required.is_empty() {
            continue;
        }
        let optional = tokens_of(analyzer, run)
            .into_iter()
            .filter(|t| !required.contains(t))
            .collect();
        // a short bare number (`ROS 2`, `Industry 4.0`) is often written joined or left out
        let short_number = stem.len() <= 2 && stem.chars().all(|c| c.is_ascii_digit());
        let generic = required.len() == 1 && GENERIC.contains(&required[0].as_str())
            || GENERIC.contains(&stem)
            || short_number;
        let word = QueryWord {
            text: if cjk { stem.to_string() } else { lower },
            cjk,
            required,
            optional,
            generic,
        };
        if !words.iter().any(|w| w.required == word.required) {
            words.push(word);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        tokens_of(&mut analyzer(None), text)
    }

    #[test]
    fn hangul_becomes_bigrams_and_a_single_syllable_stays_whole() {
        assert_eq!(tokens("반도체"), vec!["반도", "도체"]);
        assert_eq!(tokens("열 전달"), vec!["열", "열전", "전달"]);
    }

    #[test]
    fn full_width_letters_and_digits_are_their_ascii_forms() {
        assert_eq!(tokens("ＡＩ 반도체"), tokens("AI 반도체"));
        assert_eq!(tokens("５Ｇ　Ｎｅｔｗｏｒｋｓ"), tokens("5G Networks"));
        let words = query_words("ＨＢＭ３");
        assert_eq!(
            (words[0].text.as_str(), &words[0].required[..]),
            ("hbm3", &["hbm3".to_string()][..])
        );
    }

    #[test]
    fn latin_and_digit_terms_stay_whole_and_lowercase() {
        assert_eq!(tokens("HBM3 5G BMS LEDs"), vec!["hbm3", "5g", "bms", "led"]);
        assert_eq!(tokens("AI반도체"), vec!["ai", "반도", "도체"]);
    }

    #[test]
    fn hyphenated_latin_words_are_also_indexed_joined() {
        assert_eq!(tokens("Kim Min-su"), vec!["kim", "min", "su", "minsu"]);
        assert_eq!(
            tokens("Li-ion 배터리"),
            vec!["li", "ion", "배터", "터리", "liion"]
        );
        let words = query_words("Min-su Kim");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, vec!["minsu", "kim"]);
    }

    #[test]
    fn the_words_around_a_described_need_are_not_its_terms() {
        let texts = |q: &str| -> Vec<String> {
            need_words_with(&mut analyzer(None), q)
                .into_iter()
                .map(|w| w.text)
                .collect()
        };
        assert_eq!(
            texts("We are a company and need help with thermal runaway testing"),
            ["thermal", "runaway", "testing"]
        );
        assert_eq!(
            texts("저희 회사는 웨이퍼 결함 검출 기술이 필요합니다"),
            ["웨이퍼", "결함", "검출", "기술"]
        );
        // capitals make an acronym (not a capital I), and the ones Korean users type in
        // lowercase are kept
        assert_eq!(texts("WHO 보건 데이터"), ["who", "보건", "데이터"]);
        assert_eq!(texts("I need LiDAR calibration"), ["lidar", "calibration"]);
        assert_eq!(texts("it 보안 컨설팅"), ["it", "보안", "컨설팅"]);
        // a search keeps them: `help guide` is a topic phrase
        let search: Vec<String> = query_words("help guide")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(search, ["help", "guide"]);
    }

    #[test]
    fn runs_of_spaced_syllables_are_joined() {
        assert_eq!(
            join_spaced_syllables("반 도 체 결 함").as_deref(),
            Some("반도체결함")
        );
        assert_eq!(
            join_spaced_syllables("웨 이 퍼  결함 검출").as_deref(),
            Some("웨이퍼 결함 검출")
        );
        assert_eq!(
            join_spaced_syllables("AI 반 도 체 -결 함").as_deref(),
            Some("AI 반도체 -결 함")
        );
        assert_eq!(join_spaced_syllables("열 해석"), None);
        assert_eq!(join_spaced_syllables("빛 센서 a b"), None);
        assert_eq!(join_spaced_syllables("반도체"), None);
    }

    #[test]
    fn a_minus_before_a_word_leaves_it_out() {
        assert_eq!(
            split_exclusions("반도체  -결함 공정 −lithium －불량 --이물"),
            (
                "반도체 공정".to_string(),
                vec!["결함", "lithium", "불량", "이물"]
            )
        );
        // a minus inside a word, before a number or on its own leaves nothing out
        assert_eq!(
            split_exclusions("Li-ion -40도 저온 - 시험"),
            ("Li-ion -40도 저온 - 시험".to_string(), vec![])
        );
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(tokens("networks"), tokens("network"));
        assert_eq!(tokens("Detection"), tokens("detect"));
    }

    #[test]
    fn a_coined_name_ending_in_a_capital_is_not_stemmed_into_an_acronym() {
        // NeRS (neural reflectance surfaces) is not NER (named entity recognition)
        assert_eq!(tokens("NeRS"), vec!["ners"]);
        assert_ne!(tokens("NeRS"), tokens("NER"));
        assert_eq!(tokens("iOS LiDAR"), vec!["ios", "lidar"]);
        // a plural of a coined name is still its singular, as typed in lowercase
        assert_eq!(tokens("NeRFs ViTs"), tokens("nerf vit"));
        assert_eq!(tokens("CNNs LLMs PhDs"), tokens("CNN LLM PhD"));
        assert_eq!(tokens("cnns llms"), tokens("CNN LLM"));
        // a word with vowels keeps its English stem; a lone `s` is a word
        assert_eq!(tokens("GaAs process"), tokens("gaas processes"));
        assert_eq!(tokens("s"), vec!["s"]);
        let words = query_words("NeRS");
        assert_eq!(words[0].required, vec!["ners".to_string()]);
    }

    #[test]
    fn a_particle_written_onto_a_latin_word_is_not_a_word() {
        let texts =
            |q: &str| -> Vec<String> { query_words(q).into_iter().map(|w| w.text).collect() };
        assert_eq!(
            texts("의료영상 AI로 진단하는"),
            vec!["의료영상", "ai", "진단"]
        );
        assert_eq!(texts("5G를 활용한 BMS의"), vec!["5g", "활용", "bms"]);
        // a Korean word after a space, or one that is not a particle, stays
        assert_eq!(texts("AI 로봇"), vec!["ai", "로봇"]);
        assert_eq!(texts("AI반도체"), vec!["ai", "반도체"]);
        assert_eq!(topic_words("IoT를 위한 센서"), vec!["iot", "센서"]);
        assert_eq!(
            topic_words("Heterogeneous Networks Studies Processes Approaches Diagnosis Series"),
            vec![
                "heterogeneous",
                "network",
                "study",
                "process",
                "approach",
                "diagnosis",
                "series"
            ]
        );
    }

    #[test]
    fn particles_are_stripped_from_query_words() {
        assert_eq!(strip_particle("반도체를"), "반도체");
        assert_eq!(strip_particle("인공지능에서"), "인공지능");
        assert_eq!(strip_particle("연구하는"), "연구");
        // a stem needs two syllables, so short nouns survive
        assert_eq!(strip_particle("평가"), "평가");
        assert_eq!(strip_particle("이차전지"), "이차전지");
    }

    #[test]
    fn a_particle_leaves_the_required_tokens_of_the_bare_noun() {
        let words = query_words("반도체를");
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].required, tokens("반도체"));
        assert_eq!(words[0].optional, vec!["체를"]);
    }

    #[test]
    fn compound_and_spaced_forms_have_the_same_bigrams() {
        let mut compound = tokens("인공지능반도체");
        let mut spaced = tokens("인공지능 반도체");
        compound.sort();
        spaced.sort();
        assert_eq!(compound, spaced);
    }

    #[test]
    fn no_bigram_crosses_a_line_break_punctuation_or_latin_word() {
        for text in ["인공지능\n반도체", "인공지능, 반도체", "인공지능 AI 반도체"]
        {
            assert!(!tokens(text).contains(&"능반".to_string()), "{text}");
        }
    }

    #[test]
    fn a_short_bare_number_ranks_but_does_not_filter() {
        let words = query_words("ROS 2 로봇");
        assert!(words[1].generic && words[1].text == "2", "{words:?}");
        assert!(!words[0].generic && !words[2].generic);
        assert!(!query_words("2024")[0].generic);
    }

    #[test]
    fn mixed_script_queries_split_into_words_and_drop_stopwords() {
        let words = query_words("AI반도체 및 5G 통신");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, vec!["ai", "반도체", "5g", "통신"]);
    }
}
