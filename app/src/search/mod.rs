//! The tantivy index and the directory search.
//!
//! The database is the source of truth; this index is derived from it and can always be
//! rebuilt. Every commit records the database's change sequence number in the commit
//! payload, so start-up can tell whether the index is in step.
//!
//! - [`schema`]: the fields, and the documents one card becomes (a card document and one
//!   evidence document per work);
//! - [`index`]: opening, rebuilding, committing and batching changes;
//! - [`query`]: how words and concepts match the card text, the evidence and the profile;
//! - [`find`]: the directory search (strict first, then partial matches, facets, snippets);
//! - [`need`]: matching a company's free-text need;
//! - [`topic`]: a card's works on a search's topic, for its card page;
//! - [`evidence`]: the ranking by profile, body of work and recency;
//! - [`neighbours`]: related terms mined from the cards;
//! - [`feedback`]: topic feedback from the best candidates' profiles;
//! - [`segments`]: what is read once per segment (facet sets, the evidence columns).

pub mod analyzer;
pub mod dismax;
pub mod evidence;
pub mod facets;
pub mod feedback;
pub mod find;
pub mod index;
pub mod mecab;
pub mod names;
pub mod need;
pub mod neighbours;
pub mod query;
pub mod schema;
pub mod segments;
pub mod snippet;
pub mod suggest;
pub mod synonyms;
pub mod topic;

pub use index::{Batch, IndexStamp, SCHEMA_VERSION, SearchIndex};
pub use need::NeedMatches;
pub use schema::{EvidenceItem, Fields, ItemKind, SearchDoc, schema};

#[cfg(test)]
mod tests;
