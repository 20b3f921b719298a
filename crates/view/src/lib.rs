//! What the console's screens and the command line say, as plain data and words: the layer
//! between `studio-access-core`, which decides, and the front ends, which draw (the Leptos app)
//! or print (the CLI). No Leptos, no browser: everything here is tested natively.
//!
//! ```
//! use studio_access_core::{Code, Outcome};
//! use studio_access_view::words;
//!
//! assert!(words::outcome(Outcome::Deny(Code::NotMember)).contains("Not a member"));
//! ```

pub mod activity;
pub mod checker;
pub mod compare;
pub mod faq;
pub mod fields;
pub mod keys;
pub mod matrix;
pub mod overview;
pub mod principals;
pub mod report;
pub mod reverse;
pub mod rows;
pub mod scenarios;
pub mod screen;
pub mod tables;
pub mod words;
pub mod workspaces;
