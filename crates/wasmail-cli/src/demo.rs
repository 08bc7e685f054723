//! The self-contained demo: an embedded capture server, a sample message and its summary.

pub mod capture_server;
pub mod page_server;
mod png;
pub mod sample;
pub mod structure;
pub mod test_pki;
