//! Where the app is mounted on its host, found at run time so one build serves anywhere.

/// The path prefix the console is served under, such as `/studio-access`; empty at the site root.
///
/// `index.html` records the folder it was loaded from in `<html data-app-base="…">` before the
/// app starts; routes and links are that prefix followed by a page's path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppBase(String);

impl AppBase {
    /// The attribute on `<html>` that `index.html` fills with the app's folder.
    pub const ATTRIBUTE: &'static str = "data-app-base";

    /// The base for an app whose `index.html` lives in the folder `root` (`/`, `/studio-access/`).
    ///
    /// Anything that is not an absolute path on this origin is taken as the site root: a path
    /// that begins with two slashes, or holds a backslash, would name another host in a link.
    pub fn from_root(root: &str) -> Self {
        let trimmed = root.trim_end_matches('/');
        if trimmed.starts_with('/') && !trimmed.starts_with("//") && !trimmed.contains('\\') {
            AppBase(trimmed.to_owned())
        } else {
            AppBase::default()
        }
    }

    /// The base recorded by `index.html`, or the site root when there is none (as in tests).
    pub fn from_document() -> Self {
        let recorded = leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute(Self::ATTRIBUTE));
        recorded.map_or_else(AppBase::default, |root| AppBase::from_root(&root))
    }

    /// The prefix without a trailing slash, as the router wants it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The absolute path of a page under this base, e.g. `/studio-access/keys`.
    pub fn href(&self, page: crate::Screen) -> String {
        format!("{}/{}", self.0, page.segment())
    }
}
