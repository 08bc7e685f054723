//! What only the `wasmail` command's `send` has: the password's sources, `.eml` input and a
//! progress bar. The batch, the report and the exit status are the front end's.

pub mod eml_input;
pub mod password;
pub mod progress;
