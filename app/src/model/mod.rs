//! Types shared by the browser and the server.

pub mod card;
pub mod search;
pub mod validate;
