//! What `send` is made of: the password, `.eml` input, the batch, progress, the report and
//! the exit status.

pub mod eml_input;
pub mod outgoing;
pub mod password;
pub mod progress;
pub mod report;
pub mod transmit;
pub mod verdict;
