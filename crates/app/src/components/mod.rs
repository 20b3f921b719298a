//! Pieces of the console's frame.

mod access_grid;
mod browser_io;
mod change_footer;
mod close_button;
mod copy_button;
mod data_menu;
mod date_control;
mod features;
mod feedback;
mod fields;
mod focus;
mod gate_trace;
mod header;
mod identity;
mod management;
mod migration_notice;
mod name_field;
mod nav;
mod page_header;
mod proposal;
mod prose;
mod row_window;
mod select_field;
mod share;
mod steps;
mod storage_banner;
mod table_head;

pub use access_grid::StagedCell;
pub use access_grid::{AccessGrid, CellAction, GridRow, ROW_HEIGHT, cell_trace};
pub use browser_io::{copy_text, read_file_text};
pub use change_footer::ChangeFooter;
pub use close_button::CloseButton;
pub use copy_button::CopyValue;
pub use data_menu::DataMenu;
pub use date_control::DateControl;
pub use features::FeaturesCard;
pub use feedback::{Feedback, FeedbackLine};
pub use fields::{CheckField, CheckedText, FieldProblem, NumberField, TextField};
pub use focus::{
    FocusOnNavigation, close_disclosure, escape_closes, focus_is_lost, focus_page, focus_test_id,
    focus_test_id_or_page, reveal_test_id, scroll_into_window,
};
pub use gate_trace::GateTrace;
pub use header::Header;
pub use identity::{
    IdentityGuard, IdentitySwitcher, LISTED, fallback, identities, identity_key, identity_label,
    listed,
};
pub use management::{ManagementNotice, manages};
pub use migration_notice::MigrationNotice;
pub use name_field::{NameField, NameForm, NameInput};
pub use nav::Nav;
pub use page_header::{PageHeader, document_title};
pub use proposal::{
    ActionButton, ChangeDialog, DialogIds, LiveEffect, Proposals, StatesEffect, one_step,
};
pub use prose::Prose;
pub use row_window::{RowWindow, WindowedTable};
pub use select_field::select_field;
pub use share::{ShareLinkButton, SharePreview};
pub use steps::{AppliedSteps, ProposedSteps};
pub use storage_banner::StorageBanner;
pub use table_head::TableHead;
