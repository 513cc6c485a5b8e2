//! What is worth working out once per segment. A segment never changes once written, so
//! what is read or laid out from it serves every search until a merge retires it.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

/// A value built from one segment.
pub trait FromSegment: Sized {
    fn build(reader: &SegmentReader) -> tantivy::Result<Self>;
}

/// One `T` per segment in use, built on first use.
pub struct PerSegment<T> {
    segments: Mutex<HashMap<SegmentId, Arc<T>>>,
}

impl<T> Default for PerSegment<T> {
    fn default() -> Self {
        PerSegment {
            segments: Mutex::new(HashMap::default()),
        }
    }
}

impl<T: FromSegment> PerSegment<T> {
    /// The value of `reader`'s segment.
    pub(super) fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<T>> {
        let id = reader.segment_id();
        if let Some(found) = self.lock().get(&id) {
            return Ok(found.clone());
        }
        // built outside the lock: two threads may both build a new segment once, harmlessly
        let built = Arc::new(T::build(reader)?);
        self.lock().insert(id, built.clone());
        Ok(built)
    }

    /// Builds the values of `searcher`'s segments and forgets segments it no longer has.
    pub(super) fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
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

    fn lock(&self) -> MutexGuard<'_, HashMap<SegmentId, Arc<T>>> {
        self.segments.lock().unwrap_or_else(|e| e.into_inner())
    }
}
