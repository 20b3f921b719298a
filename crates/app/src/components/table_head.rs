//! The head of a table, drawn from its columns in the view crate ([`Head`]).

use leptos::prelude::*;
use studio_access_view::tables::{Column, Head};

/// A table's caption, if it has one (for screen readers only), and its row of column headings.
#[component]
pub fn TableHead(
    /// The columns and caption.
    head: Head,
) -> impl IntoView {
    let headings = head.columns.iter().copied().map(heading).collect_view();
    view! {
        {head.caption.map(|caption| view! { <caption class="visually-hidden">{caption}</caption> })}
        <thead>
            <tr>{headings}</tr>
        </thead>
    }
}

/// One column's heading.
fn heading(column: Column) -> AnyView {
    let class = match column {
        Column::Number(_) => Some("fw-num"),
        Column::Mark(_) => Some("fw-center"),
        Column::Text(_) | Column::Actions(_) => None,
    };
    match column {
        Column::Actions(words) => view! {
            <th scope="col">
                <span class="visually-hidden">{words}</span>
            </th>
        }
        .into_any(),
        other => view! { <th scope="col" class=class>{other.heading()}</th> }.into_any(),
    }
}
