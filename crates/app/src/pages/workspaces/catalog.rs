//! The model catalog: every model with its kind and what it may be used for, and adding one
//! (super administrators only; the core says so otherwise).

use leptos::prelude::*;
use studio_access_core::{Command, ModelKind};
use studio_access_view::tables;
use studio_access_view::workspaces as view;

use crate::components::{ChangeFooter, CheckField, Feedback, Proposals, TableHead, TextField};
use crate::store::Store;

/// The catalog's models, and the form that adds one for those who manage.
#[component]
pub fn ModelCatalog(
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    let models = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.models().map(|(_, m)| m.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="card fw-section" aria-labelledby="catalog-title" data-testid="model-catalog">
            <h2 class="fw-h2" id="catalog-title">"Model catalog"</h2>
            <div class="fw-table-wrap">
                <table class="fw-table" data-testid="catalog-table">
                    <TableHead head=tables::CATALOG />
                    <tbody>
                        <For each=move || models.get() key=|model| model.clone() let(model)>
                            <tr data-testid=format!("catalog-row-{}", model.name)>
                                <td class="mono">{model.name.clone()}</td>
                                <td>{model.kind.as_str()}</td>
                                <td>{view::capabilities(&model)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || manages.get()>
                <AddModel />
            </Show>
        </section>
    }
}

/// Adding a model to the catalog.
#[component]
fn AddModel() -> impl IntoView {
    let feedback = RwSignal::new(None::<Feedback>);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(ModelKind::Text);
    let fine_tunable = RwSignal::new(false);
    let deployable = RwSignal::new(false);
    let proposals = Proposals::new();
    let command = Signal::derive(move || {
        let model = name.get().trim().to_owned();
        (!model.is_empty()).then(|| Command::AddModel {
            model,
            kind: kind.get(),
            fine_tunable: fine_tunable.get(),
            deployable: deployable.get(),
        })
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let model = name.get_untracked().trim().to_owned();
        let command = Command::AddModel {
            model,
            kind: kind.get_untracked(),
            fine_tunable: fine_tunable.get_untracked(),
            deployable: deployable.get_untracked(),
        };
        let done = view::done(&command);
        proposals.propose_step(command, "add-model-submit", done, feedback, move || {
            name.set(String::new());
        });
    };
    view! {
        <form class="fw-form" on:submit=add>
            <TextField label="New model" test_id="add-model-name" value=name placeholder="model id" />
            <label for="add-model-kind">"Kind"</label>
            <select
                id="add-model-kind"
                data-testid="add-model-kind"
                on:change=move |ev| {
                    if let Some(k) = ModelKind::parse(&event_target_value(&ev)) {
                        kind.set(k);
                    }
                }
            >
                {ModelKind::ALL
                    .iter()
                    .map(|k| {
                        view! {
                            <option value=k.as_str() selected=*k == ModelKind::Text>
                                {k.as_str()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <CheckField label="fine-tunable" test_id="add-model-fine-tunable" checked=fine_tunable />
            <CheckField label="deployable" test_id="add-model-deployable" checked=deployable />
            <button type="submit" class="fw-button" data-testid="add-model-submit">
                "Add model"
            </button>
        </form>
        <ChangeFooter command=command proposals=proposals feedback=feedback test_id="add-model" />
    }
}
