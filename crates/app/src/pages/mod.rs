//! Route screens.

mod not_found;
mod placeholder;

pub use not_found::NotFound;
pub use placeholder::Placeholder;
