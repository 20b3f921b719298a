//! Pieces of the console's frame.

mod feedback;
mod header;
mod nav;

pub use feedback::{Feedback, FeedbackLine};
pub use header::Header;
pub use nav::Nav;
