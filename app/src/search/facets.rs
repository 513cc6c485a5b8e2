//! Facet counts for the directory's filters (field, division, site, offer, video).
//!
//! tantivy's `FacetCollector` reads each matching document's facet ordinals through the
//! columnar multi-value index, which dominated broad searches (`연구` matches nearly every
//! card). Segments never change once written, so each segment's facet ordinals are laid out
//! once in two flat arrays, and counting a match is a slice walk and a few increments.

use super::segments::{FromSegment, PerSegment};
use crate::model::search::{FACET_KEYS, FacetCount};
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

/// The facet field's name in the schema.
const FIELD: &str = "facet";

/// One segment's facet values per document, as the id of the document's set of values.
///
/// Many cards share a set (at 100k synthetic cards, 18,431 distinct sets over 92,068
/// published cards), and a document's set is one small number. Counting a match is then one read and one
/// increment (a per-document list of values cost two cache misses and a loop per match,
/// the largest single cost of a broad search at 100k cards); the sets' counts are turned
/// into counts per value once, at the end.
pub struct SegmentFacets {
    /// Document → its set of values; set 0 is the empty set (evidence items, no facets).
    sets_of: SetIds,
    /// Set `s`'s ordinals are `ords[starts[s]..starts[s + 1]]`, sorted and each once.
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// Ordinal → (index into [`FACET_KEYS`], value); None for a facet outside those keys.
    names: Vec<Option<(u8, String)>>,
}

/// The set ids of a segment's documents, two bytes each while there are few sets.
enum SetIds {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl SetIds {
    fn get(&self, doc: DocId) -> usize {
        match self {
            SetIds::Narrow(ids) => ids.get(doc as usize).map_or(0, |&s| s as usize),
            SetIds::Wide(ids) => ids.get(doc as usize).map_or(0, |&s| s as usize),
        }
    }
}

impl FromSegment for SegmentFacets {
    fn build(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let facets = reader.facet_reader(FIELD)?;
        let mut names = Vec::with_capacity(facets.num_facets());
        let mut facet = Facet::root();
        for ord in 0..facets.num_facets() as u64 {
            facets.facet_from_ord(ord, &mut facet)?;
            let path = facet.to_path();
            let name = match path.as_slice() {
                [key, value] => FACET_KEYS
                    .iter()
                    .position(|k| k == key)
                    .map(|i| (i as u8, value.to_string())),
                _ => None,
            };
            names.push(name);
        }
        let max_doc = reader.max_doc();
        let mut ids: HashMap<Vec<u32>, u32> = HashMap::new();
        ids.insert(Vec::new(), 0);
        let (mut starts, mut ords) = (vec![0u32, 0], Vec::new());
        let mut sets_of = Vec::with_capacity(max_doc as usize);
        let mut of_doc: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            of_doc.clear();
            of_doc.extend(facets.facet_ords(doc).map(|o| o as u32));
            // a value given twice counts once, so it is stored once
            of_doc.sort_unstable();
            of_doc.dedup();
            let id = match ids.get(&of_doc) {
                Some(&id) => id,
                None => {
                    let id = ids.len() as u32;
                    ids.insert(of_doc.clone(), id);
                    ords.extend_from_slice(&of_doc);
                    starts.push(ords.len() as u32);
                    id
                }
            };
            sets_of.push(id);
        }
        let sets_of = if ids.len() <= usize::from(u16::MAX) + 1 {
            SetIds::Narrow(sets_of.into_iter().map(|id| id as u16).collect())
        } else {
            SetIds::Wide(sets_of)
        };
        Ok(SegmentFacets {
            sets_of,
            starts,
            ords,
            names,
        })
    }
}

impl SegmentFacets {
    /// How many distinct sets of values the segment's documents have.
    fn sets(&self) -> usize {
        self.starts.len() - 1
    }

    /// Set `set`'s ordinals, sorted and each once.
    fn ords_of_set(&self, set: usize) -> &[u32] {
        &self.ords[self.starts[set] as usize..self.starts[set + 1] as usize]
    }

    /// The sets that matched, each with its ordinals and its number of matches.
    fn matched<'a>(&'a self, per_set: &'a [u32]) -> impl Iterator<Item = (&'a [u32], u64)> {
        per_set
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(set, &n)| (self.ords_of_set(set), u64::from(n)))
    }

    /// Counts by set turned into counts by key and value.
    fn tally(&self, per_set: &[u32]) -> FacetTally {
        let mut counts = vec![0u64; self.names.len()];
        for (ords, n) in self.matched(per_set) {
            for &ord in ords {
                counts[ord as usize] += n;
            }
        }
        self.tally_ords(&counts)
    }

    /// Counts by ordinal turned into counts by key and value.
    fn tally_ords(&self, counts: &[u64]) -> FacetTally {
        let mut tally = FacetTally::default();
        for (ord, &count) in counts.iter().enumerate() {
            if count > 0
                && let Some((key, value)) = &self.names[ord]
            {
                tally.add(*key, value, count);
            }
        }
        tally
    }
}

/// Laid-out facets of the segments in use, built on first use.
pub type FacetCache = PerSegment<SegmentFacets>;

/// Counts, per facet key, how many matching documents have each value.
pub struct FacetCounter<'a> {
    pub cache: &'a FacetCache,
}

/// What a [`FacetCounter`] found: for each of [`FACET_KEYS`], value → documents.
#[derive(Default)]
pub struct FacetTally(Vec<HashMap<String, u64>>);

impl FacetTally {
    /// One key's values, most frequent first (ties by value).
    pub fn counts(&self, key: &str) -> Vec<FacetCount> {
        let Some(i) = FACET_KEYS.iter().position(|k| *k == key) else {
            return Vec::new();
        };
        let mut list: Vec<FacetCount> = self
            .0
            .get(i)
            .into_iter()
            .flatten()
            .map(|(value, &count)| FacetCount {
                value: value.clone(),
                count,
            })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        list
    }

    /// The segments' tallies summed.
    fn merge(fruits: Vec<FacetTally>) -> FacetTally {
        let mut all = FacetTally::default();
        for fruit in fruits {
            for (key, values) in fruit.0.into_iter().enumerate() {
                for (value, count) in values {
                    all.add(key as u8, &value, count);
                }
            }
        }
        all
    }

    fn add(&mut self, key: u8, value: &str, count: u64) {
        let key = key as usize;
        if self.0.len() <= key {
            self.0.resize_with(key + 1, HashMap::new);
        }
        *self.0[key].entry(value.to_string()).or_default() += count;
    }
}

pub struct SegmentFacetCounter {
    facets: Arc<SegmentFacets>,
    /// Matches per set of values.
    per_set: Vec<u32>,
}

impl Collector for FacetCounter<'_> {
    type Fruit = FacetTally;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let facets = self.cache.get(reader)?;
        Ok(SegmentFacetCounter {
            per_set: vec![0; facets.sets()],
            facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetTally>) -> tantivy::Result<FacetTally> {
        Ok(FacetTally::merge(fruits))
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.per_set[self.facets.sets_of.get(doc)] += 1;
    }

    fn harvest(self) -> FacetTally {
        self.facets.tally(&self.per_set)
    }
}

/// For each selected facet key, counts the values of the documents that pass every *other*
/// selected facet: what that facet's list shows, so its other values stay choosable. One
/// pass over the query without facet filters serves every selected key.
pub struct OtherValuesCounter<'a> {
    pub cache: &'a FacetCache,
    /// Index into [`FACET_KEYS`] and the values selected for it.
    pub selected: Vec<(usize, Vec<String>)>,
}

pub struct SegmentOtherValuesCounter {
    facets: Arc<SegmentFacets>,
    /// Ordinal → the selected keys (bits by key index) a document with it passes.
    passes: Vec<u8>,
    /// Ordinal → its key's bit, if that key is selected.
    key_bit: Vec<u8>,
    /// Every selected key's bit.
    wanted: u8,
    /// Matches per set of values.
    per_set: Vec<u32>,
}

impl Collector for OtherValuesCounter<'_> {
    type Fruit = FacetTally;
    type Child = SegmentOtherValuesCounter;

    fn for_segment(
        &self,
        _segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentOtherValuesCounter> {
        let facets = self.cache.get(reader)?;
        let wanted = self.selected.iter().fold(0u8, |m, (k, _)| m | 1 << k);
        let mut passes = vec![0u8; facets.names.len()];
        let mut key_bit = vec![0u8; facets.names.len()];
        for (ord, name) in facets.names.iter().enumerate() {
            let Some((key, value)) = name else { continue };
            let bit = 1u8 << key;
            key_bit[ord] = bit & wanted;
            if self
                .selected
                .iter()
                .any(|(k, values)| *k == *key as usize && values.contains(value))
            {
                passes[ord] = bit;
            }
        }
        Ok(SegmentOtherValuesCounter {
            per_set: vec![0; facets.sets()],
            facets,
            passes,
            key_bit,
            wanted,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetTally>) -> tantivy::Result<FacetTally> {
        Ok(FacetTally::merge(fruits))
    }
}

impl SegmentCollector for SegmentOtherValuesCounter {
    type Fruit = FacetTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.per_set[self.facets.sets_of.get(doc)] += 1;
    }

    fn harvest(self) -> FacetTally {
        let mut counts = vec![0u64; self.facets.names.len()];
        for (ords, n) in self.facets.matched(&self.per_set) {
            let passed = ords.iter().fold(0u8, |m, &o| m | self.passes[o as usize]);
            let missing = self.wanted & !passed;
            // every selected key passed: the documents count in each selected key's list;
            // exactly one failed: they count only in that key's list (its other values)
            let count_in = match missing.count_ones() {
                0 => self.wanted,
                1 => missing,
                _ => continue,
            };
            for &ord in ords {
                if self.key_bit[ord as usize] & count_in != 0 {
                    counts[ord as usize] += n;
                }
            }
        }
        self.facets.tally_ords(&counts)
    }
}
