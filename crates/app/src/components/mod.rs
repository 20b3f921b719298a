//! Pieces of the console's frame.

mod header;
mod nav;

pub use header::Header;
pub use nav::Nav;
