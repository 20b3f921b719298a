//! The traffic of a load: one line per key, added and removed freely. Each row is its own
//! component, keyed by its line's id and owning its cells' signals, so typing in a row survives
//! lines added or removed elsewhere.

use leptos::prelude::*;
use studio_access_view::checker::{Column, Field, TrafficLine};
use studio_access_view::tables;

use super::draft::Form;
use crate::components::TableHead;

/// The traffic table of a load, with its "Add a line" button.
#[component]
pub fn TrafficTable(
    /// The form whose traffic this is.
    form: Form,
) -> impl IntoView {
    let lines = form.traffic;
    view! {
        <fieldset class="checker__traffic">
            <legend class="checker__label">"Traffic (requests are interleaved one at a time)"</legend>
            <div class="fw-table-wrap">
            <table class="checker__traffic-table" data-testid="check-traffic">
                <TableHead head=tables::TRAFFIC />
                <tbody>
                    <For
                        each=move || lines.get()
                        key=|line| line.id
                        children=move |line| view! { <TrafficRow line=line form=form /> }
                    />
                </tbody>
            </table>
            </div>
            {form.problem(Field::Traffic).message()}
            <button
                type="button"
                class="mx-button mx-button--small"
                data-testid="check-traffic-add"
                on:click=move |_| form.add_line()
            >
                "Add a line"
            </button>
        </fieldset>
    }
}

/// One line of the traffic table: its four cells, typed into its own signals and copied into
/// `lines`, and its "Remove" button.
#[component]
fn TrafficRow(
    /// The line as it was when the row was made.
    line: TrafficLine,
    /// The form: its lines, where this row's text is kept for it to read, and its errors.
    form: Form,
) -> impl IntoView {
    let id = line.id;
    let lines = form.traffic;
    let cell = move |column: Column| {
        let value = RwSignal::new(line.cell(column).to_owned());
        let field = Field::Line(id, column);
        let problem = form.problem(field);
        let typed = move |text: String| {
            value.set(text.clone());
            form.typed(field);
            lines.update(|all| {
                if let Some(line) = all.iter_mut().find(|line| line.id == id) {
                    *line.cell_mut(column) = text;
                }
            });
        };
        view! {
            <td>
                <input
                    type="text"
                    list=(column == Column::Key).then_some("checker-keys")
                    aria-label=column.label()
                    data-testid=format!("check-{}", field.name())
                    aria-invalid=problem.invalid()
                    aria-describedby=problem.id()
                    prop:value=move || value.get()
                    on:input=move |ev| typed(event_target_value(&ev))
                />
                {problem.message()}
            </td>
        }
    };
    view! {
        <tr>
            {Column::ALL.into_iter().map(cell).collect_view()}
            <td>
                <button
                    type="button"
                    class="mx-button mx-button--small"
                    data-testid=format!("check-traffic-{id}-remove")
                    on:click=move |_| lines.update(|all| all.retain(|line| line.id != id))
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}
