//! Facet counts for the directory's filters (field, division, site, offer, video).
//!
//! tantivy's `FacetCollector` reads each matching document's facet ordinals through the
//! columnar multi-value index, which dominated broad searches (`연구` matches nearly every
//! card). Segments never change once written, so each segment's facet ordinals are laid out
//! once in two flat arrays, and counting a match is a slice walk and a few increments.

use crate::model::search::{FACET_KEYS, FacetCount};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

/// The facet field's name in the schema.
const FIELD: &str = "facet";

/// One segment's facet values per document.
struct SegmentFacets {
    /// Document `d`'s ordinals are `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// Ordinal → (index into [`FACET_KEYS`], value); None for a facet outside those keys.
    names: Vec<Option<(u8, String)>>,
}

impl SegmentFacets {
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
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        starts.push(0);
        let mut of_doc: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            of_doc.clear();
            of_doc.extend(facets.facet_ords(doc).map(|o| o as u32));
            // a value given twice counts once, so it is stored once
            of_doc.sort_unstable();
            of_doc.dedup();
            ords.extend_from_slice(&of_doc);
            starts.push(ords.len() as u32);
        }
        Ok(SegmentFacets {
            starts,
            ords,
            names,
        })
    }

    /// Document `doc`'s ordinals, sorted and each once.
    fn ords_of(&self, doc: DocId) -> &[u32] {
        let (from, to) = (self.starts[doc as usize], self.starts[doc as usize + 1]);
        &self.ords[from as usize..to as usize]
    }

    /// Counts by ordinal turned into counts by key and value.
    fn tally(&self, counts: &[u32]) -> FacetTally {
        let mut tally = FacetTally::default();
        for (ord, &count) in counts.iter().enumerate() {
            if count > 0
                && let Some((key, value)) = &self.names[ord]
            {
                tally.add(*key, value, u64::from(count));
            }
        }
        tally
    }
}

/// Laid-out facets of the segments in use, built on first use.
#[derive(Default)]
pub struct FacetCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(found) = self.lock().get(&id) {
            return Ok(found.clone());
        }
        // built outside the lock: two threads may both build a new segment once, harmlessly
        let built = Arc::new(SegmentFacets::build(reader)?);
        self.lock().insert(id, built.clone());
        Ok(built)
    }

    /// Lays out the segments of `searcher` and forgets segments it no longer has.
    pub fn warm(&self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.lock().retain(|id, _| live.contains(id));
        for reader in searcher.segment_readers() {
            self.get(reader)?;
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentFacets>>> {
        self.segments.lock().unwrap_or_else(|e| e.into_inner())
    }
}

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
    counts: Vec<u32>,
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
            counts: vec![0; facets.names.len()],
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
        for &ord in self.facets.ords_of(doc) {
            self.counts[ord as usize] += 1;
        }
    }

    fn harvest(self) -> FacetTally {
        self.facets.tally(&self.counts)
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
    counts: Vec<u32>,
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
            counts: vec![0; facets.names.len()],
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
        let ords = self.facets.ords_of(doc);
        let passed = ords.iter().fold(0u8, |m, &o| m | self.passes[o as usize]);
        let missing = self.wanted & !passed;
        // every selected key passed: the document counts in each selected key's list;
        // exactly one failed: it counts only in that key's list (its other values)
        let count_in = match missing.count_ones() {
            0 => self.wanted,
            1 => missing,
            _ => return,
        };
        for &ord in ords {
            if self.key_bit[ord as usize] & count_in != 0 {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> FacetTally {
        self.facets.tally(&self.counts)
    }
}
