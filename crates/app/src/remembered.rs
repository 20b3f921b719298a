//! What screens remember while the console is open, so that a visit to another screen does not
//! lose the question or the view a person was working on (a new user's walk lost the checker's
//! question, and the matrix's workspace and filters, that way). Nothing of it is saved: a reload
//! opens what the address says.

use leptos::prelude::*;
use studio_access_core::Who;
use studio_access_view::matrix::Filters;

/// The screens' remembered views, provided once by the app.
#[derive(Clone, Copy)]
pub struct Remembered {
    /// The checker's last question read, as its `?q=` value (encoded).
    pub question: StoredValue<Option<String>>,
    /// The workspaces the matrix showed last, as its `?workspace=` value, and to whom: another
    /// acting identity opens on a workspace it may act in.
    pub matrix_scope: StoredValue<Option<(Who, String)>>,
    /// The matrix's other filters.
    pub matrix_filters: StoredValue<Filters>,
}

impl Remembered {
    /// Nothing remembered yet.
    pub fn new() -> Remembered {
        Remembered {
            question: StoredValue::new(None),
            matrix_scope: StoredValue::new(None),
            matrix_filters: StoredValue::new(Filters::default()),
        }
    }

    /// The app's, or a new one where none is provided (a component mounted alone in a test).
    pub fn get() -> Remembered {
        use_context::<Remembered>().unwrap_or_default()
    }
}

impl Default for Remembered {
    fn default() -> Self {
        Remembered::new()
    }
}
