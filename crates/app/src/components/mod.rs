//! Pieces of the console's frame.

mod browser_io;
mod feedback;
mod header;
mod nav;

pub use browser_io::{copy_text, read_file_text};
pub use feedback::{Feedback, FeedbackLine};
pub use header::Header;
pub use nav::Nav;
