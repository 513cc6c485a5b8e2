//! Types shared by the browser and the server.

pub mod account;
pub mod card;
pub mod inquiry;
pub mod merge;
pub mod report;
pub mod search;
pub mod time;
pub mod validate;
