//! Route screens, one module each.

mod activity;
mod audit;
mod checker;
mod compare;
mod identities;
mod keys;
mod matrix;
mod not_found;
mod overview;
mod scenarios;
mod workspaces;

pub use activity::ActivityPage;
pub use audit::AuditPage;
pub use checker::CheckerPage;
pub use compare::{CompareInbox, ComparePage};
pub use identities::IdentitiesPage;
pub use keys::KeysPage;
pub use matrix::{MatrixPage, Staging};
pub use not_found::NotFound;
pub use overview::OverviewPage;
pub use scenarios::ScenariosPage;
pub use workspaces::WorkspacesPage;
