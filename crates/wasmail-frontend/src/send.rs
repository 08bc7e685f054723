//! Sending a batch over one connection: the messages, the session, and what it showed.

mod outgoing;
mod transmit;

pub use outgoing::Outgoing;
pub use transmit::{Transmission, transmit};
