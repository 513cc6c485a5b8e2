//! Korean morphological analysis over a compiled MeCab dictionary (mecab-ko-dic).
//!
//! The dictionary files (`sys.dic`, `unk.dic`, `matrix.bin`, `char.bin`, `dicrc`) are the
//! ones `mecab-dict-index` writes; `scripts/setup.sh --dictionary` takes them from the PyPI
//! package `python-mecab-ko-dic`. They are memory-mapped, so only the pages a text touches
//! are read. The analysis is the usual lattice search: every dictionary word starting at each
//! position, unknown words grouped by character class, and the path with the lowest word and
//! connection costs.

use memmap2::Mmap;
use std::collections::HashMap;
use std::fs::File;
use std::ops::Range;
use std::path::Path;

/// `mecab-dict-index` XORs the file size with this to make the header's magic number.
const MAGIC: u32 = 0xef71_8f77;
const VERSION: u32 = 102;
const HEADER: usize = 72;
/// Unknown words longer than this many characters are not grouped into one word.
const MAX_GROUPING: usize = 24;
/// Longest text analysed in one lattice, in bytes; longer texts are cut at a space.
const MAX_SEGMENT: usize = 4096;

/// Why a dictionary could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a compiled MeCab dictionary ({reason}); run `bash scripts/setup.sh --dictionary`"
    )]
    Format { path: String, reason: &'static str },
}

fn map(path: &Path) -> Result<Mmap, DictError> {
    let io = |source| DictError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    // SAFETY: the dictionary files are written once at set-up and never modified while mapped.
    unsafe { Mmap::map(&file) }.map_err(io)
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// One entry of a lexicon: its connection ids, part-of-speech id, cost and features.
#[derive(Clone, Copy, Debug)]
struct Entry {
    left: u16,
    right: u16,
    pos_id: u16,
    cost: i16,
    feature: u32,
}

/// A `sys.dic` or `unk.dic`: a double-array trie from surface bytes to entries.
struct Lexicon {
    map: Mmap,
    trie: Range<usize>,
    entries: Range<usize>,
    features: Range<usize>,
}

impl Lexicon {
    fn open(path: &Path) -> Result<Lexicon, DictError> {
        let map = map(path)?;
        let bad = |reason| DictError::Format {
            path: path.display().to_string(),
            reason,
        };
        if map.len() < HEADER {
            return Err(bad("too short"));
        }
        if u32_at(&map, 0) ^ MAGIC != map.len() as u32 {
            return Err(bad("wrong magic number or truncated"));
        }
        if u32_at(&map, 4) != VERSION {
            return Err(bad("unsupported version"));
        }
        if !map[40..72].starts_with(b"UTF-8") && !map[40..72].starts_with(b"utf-8") {
            return Err(bad("not UTF-8"));
        }
        let trie_len = u32_at(&map, 24) as usize;
        let entries_len = u32_at(&map, 28) as usize;
        let features_len = u32_at(&map, 32) as usize;
        let trie = HEADER..HEADER + trie_len;
        let entries = trie.end..trie.end + entries_len;
        let features = entries.end..entries.end + features_len;
        if features.end != map.len()
            || !trie_len.is_multiple_of(8)
            || !entries_len.is_multiple_of(16)
        {
            return Err(bad("section sizes do not add up"));
        }
        Ok(Lexicon {
            map,
            trie,
            entries,
            features,
        })
    }

    /// The (base, check) pair of a trie unit, or None past the end.
    fn unit(&self, i: i64) -> Option<(i32, u32)> {
        let i = usize::try_from(i).ok()?;
        if i >= self.trie.len() / 8 {
            return None;
        }
        let at = self.trie.start + i * 8;
        Some((u32_at(&self.map, at) as i32, u32_at(&self.map, at + 4)))
    }

    /// The value stored for the key of node `b`, if a key ends there.
    fn value_at(&self, b: i64) -> Option<u32> {
        match self.unit(b) {
            Some((n, check)) if i64::from(check) == b && n < 0 => Some((-n - 1) as u32),
            _ => None,
        }
    }

    /// Calls `found(length, value)` for every key that is a prefix of `key`.
    fn prefixes(&self, key: &[u8], mut found: impl FnMut(usize, u32)) {
        let Some((root, _)) = self.unit(0) else {
            return;
        };
        let mut b = i64::from(root);
        for (i, &byte) in key.iter().enumerate() {
            if let Some(value) = self.value_at(b) {
                found(i, value);
            }
            let p = b + i64::from(byte) + 1;
            match self.unit(p) {
                Some((next, check)) if i64::from(check) == b => b = i64::from(next),
                _ => return,
            }
        }
        if let Some(value) = self.value_at(b) {
            found(key.len(), value);
        }
    }

    fn exact(&self, key: &[u8]) -> Option<u32> {
        let mut value = None;
        self.prefixes(key, |len, v| {
            if len == key.len() {
                value = Some(v);
            }
        });
        value
    }

    /// The entries a trie value points at: the first index and how many.
    fn entries_of(value: u32) -> Range<usize> {
        let first = (value >> 8) as usize;
        first..first + (value & 0xff) as usize
    }

    fn entry(&self, i: usize) -> Option<Entry> {
        let at = self.entries.start + i * 16;
        if at + 16 > self.entries.end {
            return None;
        }
        let m = &self.map;
        Some(Entry {
            left: u16_at(m, at),
            right: u16_at(m, at + 2),
            pos_id: u16_at(m, at + 4),
            cost: u16_at(m, at + 6) as i16,
            feature: u32_at(m, at + 8),
        })
    }

    fn feature(&self, offset: u32) -> &str {
        let start = self.features.start + offset as usize;
        if start >= self.features.end {
            return "";
        }
        let rest = &self.map[start..self.features.end];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        std::str::from_utf8(&rest[..end]).unwrap_or("")
    }
}

/// A character's classes, from `char.bin`.
#[derive(Clone, Copy, Debug, Default)]
struct CharInfo(u32);

impl CharInfo {
    fn kinds(self) -> u32 {
        self.0 & 0x3ffff
    }
    fn default_kind(self) -> usize {
        ((self.0 >> 18) & 0xff) as usize
    }
    fn length(self) -> usize {
        ((self.0 >> 26) & 0xf) as usize
    }
    fn group(self) -> bool {
        (self.0 >> 30) & 1 == 1
    }
    fn invoke(self) -> bool {
        (self.0 >> 31) & 1 == 1
    }
    fn same_kind(self, other: CharInfo) -> bool {
        self.kinds() & other.kinds() != 0
    }
}

/// A loaded mecab-ko-dic.
pub struct Dictionary {
    sys: Lexicon,
    unk: Lexicon,
    matrix: Mmap,
    left_size: usize,
    chars: Vec<CharInfo>,
    /// Unknown-word entries for each character class.
    unknown: Vec<Range<usize>>,
    /// mecab-ko's extra cost for parts of speech (particles, endings) right after a space.
    space_penalty: HashMap<u16, i32>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").finish_non_exhaustive()
    }
}

/// One morpheme of the best analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Morpheme<'a> {
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    pub surface: &'a str,
    /// The feature string: part of speech, semantic class, final consonant, reading, type,
    /// first and last part of speech, expression.
    pub feature: String,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    start: usize,
    end: usize,
    entry: Entry,
    unknown: bool,
    total: i64,
    prev: usize,
}

impl Dictionary {
    /// Opens the compiled dictionary in `dir`.
    pub fn open(dir: &Path) -> Result<Dictionary, DictError> {
        let sys = Lexicon::open(&dir.join("sys.dic"))?;
        let unk = Lexicon::open(&dir.join("unk.dic"))?;
        let matrix_path = dir.join("matrix.bin");
        let matrix = map(&matrix_path)?;
        let bad = |path: &Path, reason| DictError::Format {
            path: path.display().to_string(),
            reason,
        };
        if matrix.len() < 4 {
            return Err(bad(&matrix_path, "too short"));
        }
        let left_size = u16_at(&matrix, 0) as usize;
        let right_size = u16_at(&matrix, 2) as usize;
        if matrix.len() != 4 + 2 * left_size * right_size {
            return Err(bad(&matrix_path, "size does not match its header"));
        }
        let char_path = dir.join("char.bin");
        let char_bin = std::fs::read(&char_path).map_err(|source| DictError::Io {
            path: char_path.display().to_string(),
            source,
        })?;
        if char_bin.len() < 4 {
            return Err(bad(&char_path, "too short"));
        }
        let classes = u32_at(&char_bin, 0) as usize;
        let table = 4 + classes * 32;
        if char_bin.len() != table + 0xffff * 4 {
            return Err(bad(&char_path, "size does not match its header"));
        }
        let mut unknown = Vec::with_capacity(classes);
        for i in 0..classes {
            let name = &char_bin[4 + i * 32..4 + (i + 1) * 32];
            let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(32)];
            unknown.push(unk.exact(name).map_or(0..0, Lexicon::entries_of));
        }
        let chars = (0..0xffff)
            .map(|c| CharInfo(u32_at(&char_bin, table + c * 4)))
            .collect();
        let space_penalty = std::fs::read_to_string(dir.join("dicrc"))
            .map(|rc| space_penalties(&rc))
            .unwrap_or_default();
        Ok(Dictionary {
            sys,
            unk,
            matrix,
            left_size,
            chars,
            unknown,
            space_penalty,
        })
    }

    fn char_info(&self, c: char) -> CharInfo {
        self.chars
            .get(c as usize)
            .or_else(|| self.chars.first())
            .copied()
            .unwrap_or_default()
    }

    fn connection(&self, right: u16, left: u16) -> i64 {
        let i = 4 + 2 * (right as usize + self.left_size * left as usize);
        if i + 2 > self.matrix.len() {
            return 0;
        }
        i64::from(u16_at(&self.matrix, i) as i16)
    }

    /// The best analysis of `text`, as morphemes in order. Spaces are not morphemes.
    pub fn analyse<'a>(&self, text: &'a str) -> Vec<Morpheme<'a>> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut base = 0;
        while !rest.is_empty() {
            // cut long texts at a space so one lattice stays small
            let mut cut = rest.len();
            if cut > MAX_SEGMENT {
                let mut at = MAX_SEGMENT;
                while !rest.is_char_boundary(at) {
                    at -= 1;
                }
                cut = rest[..at].rfind(' ').map_or(at, |i| i + 1);
            }
            self.analyse_segment(&rest[..cut], base, &mut out);
            base += cut;
            rest = &rest[cut..];
        }
        out.into_iter()
            .map(|(range, feature)| Morpheme {
                surface: &text[range.clone()],
                range,
                feature,
            })
            .collect()
    }

    fn analyse_segment(&self, text: &str, base: usize, out: &mut Vec<(Range<usize>, String)>) {
        let bytes = text.as_bytes();
        let len = bytes.len();
        let bos = Entry {
            left: 0,
            right: 0,
            pos_id: 0,
            cost: 0,
            feature: 0,
        };
        let mut nodes = vec![Node {
            start: 0,
            end: 0,
            entry: bos,
            unknown: false,
            total: 0,
            prev: 0,
        }];
        let mut ending: Vec<Vec<usize>> = vec![Vec::new(); len + 1];
        ending[0].push(0);
        let space = self.char_info(' ');
        let mut found: Vec<(usize, Entry, bool)> = Vec::new();
        for pos in 0..len {
            if ending[pos].is_empty() || !text.is_char_boundary(pos) {
                continue;
            }
            // spaces belong to no morpheme; the word after them starts later
            let mut start = pos;
            for c in text[pos..].chars() {
                if !self.char_info(c).same_kind(space) {
                    break;
                }
                start += c.len_utf8();
            }
            if start >= len {
                let trailing = ending[pos].clone();
                ending[len].extend(trailing);
                continue;
            }
            found.clear();
            self.lookup(text, start, &mut found);
            let spaced = start > pos;
            for &(end, entry, unknown) in &found {
                let mut cost = i64::from(entry.cost);
                if spaced {
                    cost += i64::from(*self.space_penalty.get(&entry.pos_id).unwrap_or(&0));
                }
                let (prev, total) = ending[pos]
                    .iter()
                    .map(|&l| {
                        let left = &nodes[l];
                        (
                            l,
                            left.total + self.connection(left.entry.right, entry.left),
                        )
                    })
                    .min_by_key(|&(_, t)| t)
                    .unwrap_or((0, 0));
                nodes.push(Node {
                    start,
                    end,
                    entry,
                    unknown,
                    total: total + cost,
                    prev,
                });
                ending[end].push(nodes.len() - 1);
            }
        }
        let Some(mut at) = ending[len]
            .iter()
            .map(|&l| (l, nodes[l].total + self.connection(nodes[l].entry.right, 0)))
            .min_by_key(|&(_, t)| t)
            .map(|(l, _)| l)
        else {
            return;
        };
        let first = out.len();
        while at != 0 {
            let node = nodes[at];
            let lexicon = if node.unknown { &self.unk } else { &self.sys };
            out.push((
                base + node.start..base + node.end,
                lexicon.feature(node.entry.feature).to_string(),
            ));
            at = node.prev;
        }
        out[first..].reverse();
    }

    /// Every word that may start at `start`: dictionary words, then unknown words.
    fn lookup(&self, text: &str, start: usize, found: &mut Vec<(usize, Entry, bool)>) {
        let bytes = &text.as_bytes()[start..];
        self.sys.prefixes(bytes, |n, value| {
            for i in Lexicon::entries_of(value) {
                if let Some(entry) = self.sys.entry(i) {
                    found.push((start + n, entry, false));
                }
            }
        });
        let mut chars = text[start..].char_indices();
        let Some((_, first)) = chars.next() else {
            return;
        };
        let info = self.char_info(first);
        if !found.is_empty() && !info.invoke() {
            return;
        }
        let known = found.len();
        let add = |end: usize, found: &mut Vec<(usize, Entry, bool)>| {
            for i in self
                .unknown
                .get(info.default_kind())
                .cloned()
                .unwrap_or(0..0)
            {
                if let Some(entry) = self.unk.entry(i) {
                    found.push((end, entry, true));
                }
            }
        };
        // ends of the first 1, 2, … characters of the same class, and of the whole run
        let mut ends = vec![start + first.len_utf8()];
        for (i, c) in chars {
            if !self.char_info(c).same_kind(info) || ends.len() > MAX_GROUPING {
                break;
            }
            ends.push(start + i + c.len_utf8());
        }
        let group_end = (info.group() && ends.len() <= MAX_GROUPING).then(|| ends[ends.len() - 1]);
        if let Some(end) = group_end {
            add(end, found);
        }
        for &end in ends.iter().take(info.length()) {
            if Some(end) != group_end {
                add(end, found);
            }
        }
        if found.len() == known && known == 0 {
            add(start + first.len_utf8(), found);
        }
    }
}

/// Reads `left-space-penalty-factor = posid,cost,posid,cost…` from a `dicrc`.
fn space_penalties(dicrc: &str) -> HashMap<u16, i32> {
    let mut out = HashMap::new();
    for line in dicrc.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() != "left-space-penalty-factor" {
            continue;
        }
        let numbers: Vec<i64> = value
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        for pair in numbers.chunks_exact(2) {
            if let (Ok(pos), Ok(cost)) = (u16::try_from(pair[0]), i32::try_from(pair[1])) {
                out.insert(pos, cost);
            }
        }
    }
    out
}

/// Parts of speech that carry a topic: nouns (not bound ones), roots, numbers, foreign
/// words and Chinese characters, and words the dictionary does not know.
fn is_content(pos: &str) -> bool {
    matches!(
        pos,
        "NNG" | "NNP" | "NR" | "XR" | "SL" | "SH" | "SN" | "UNKNOWN"
    )
}

impl Dictionary {
    /// The search terms of a Korean text: its content morphemes, compounds whole and split into
    /// their parts (`인공지능` → `인공지능`, `인공`, `지능`), and a noun with its suffix joined.
    pub fn terms(&self, text: &str, mut emit: impl FnMut(Range<usize>, &str)) {
        let morphemes = self.analyse(text);
        for (i, m) in morphemes.iter().enumerate() {
            let fields: Vec<&str> = m.feature.split(',').collect();
            let pos = fields.first().copied().unwrap_or("");
            let kind = fields.get(4).copied().unwrap_or("*");
            let expression = fields.get(7).copied().unwrap_or("*");
            if (kind == "Compound" || pos.contains('+')) && expression != "*" {
                // the whole word too: the parts alone (`반`, `도체`) would match other words
                if is_content(pos) {
                    emit(m.range.clone(), m.surface);
                }
                for part in expression.split('+') {
                    let mut bits = part.split('/');
                    if let (Some(surface), Some(part_pos)) = (bits.next(), bits.next())
                        && is_content(part_pos)
                        && surface != m.surface
                    {
                        emit(m.range.clone(), surface);
                    }
                }
            } else if is_content(pos) {
                emit(m.range.clone(), m.surface);
            } else {
                continue;
            }
            if let Some(next) = morphemes.get(i + 1)
                && next.feature.starts_with("XSN,")
                && next.range.start == m.range.end
            {
                let joined = format!("{}{}", m.surface, next.surface);
                emit(m.range.start..next.range.end, &joined);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dicrc_space_penalties_are_read_as_pairs() {
        let p = space_penalties("; c\nleft-space-penalty-factor = 100,3000,120,6000\n");
        assert_eq!(p.get(&100), Some(&3000));
        assert_eq!(p.get(&120), Some(&6000));
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn a_missing_dictionary_is_a_clear_error() {
        let e = Dictionary::open(Path::new("/nonexistent-dictionary")).unwrap_err();
        assert!(e.to_string().contains("sys.dic"), "{e}");
    }

    /// Runs only where the dictionary is installed (`RCARD_MECAB_DIR`).
    #[test]
    fn korean_text_is_split_into_content_morphemes() {
        let Some(dir) = std::env::var_os("RCARD_MECAB_DIR") else {
            return;
        };
        let dict = Dictionary::open(Path::new(&dir)).unwrap();
        let mut terms = Vec::new();
        dict.terms("인공지능반도체를 설계하는 연구자", |_, t| {
            terms.push(t.to_string())
        });
        assert!(terms.contains(&"반도체".to_string()), "{terms:?}");
        assert!(!terms.iter().any(|t| t == "를" || t == "는"), "{terms:?}");
    }
}
