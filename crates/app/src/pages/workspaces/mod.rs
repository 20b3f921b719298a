//! The Workspaces screen, region by region: create and rename sub-workspaces, authorize models
//! and set their limits, manage members, add models to the catalog, and see how each model's
//! account quota is shared out among the region's sub-workspaces. What is shown and said is
//! `studio_access_view::workspaces`; these modules draw it.

mod catalog;
mod detail;
mod members;
mod models;
mod quota;
mod region;

use leptos::prelude::*;
use studio_access_core::{Region, WorkspaceId};

use crate::components::{ManagementNotice, PageHeader, manages};
use crate::store::Store;
use crate::{Screen, words};

use catalog::ModelCatalog;
use region::RegionPanel;

/// The Workspaces screen. `?region=<region>` opens a region and `?workspace=<name>` a workspace,
/// and `&model=<model>` scrolls to that model's quota bar and highlights it, so that other pages
/// (the audit's findings, for one) can link straight to what needs fixing.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let store = Store::get();
    let region = RwSignal::new(Region::CnBeijing);
    let selected = RwSignal::new(None::<WorkspaceId>);
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        let (wanted_region, wanted_workspace) =
            query.with(|q| (q.get("region"), q.get("workspace")));
        if let Some(r) = wanted_region.as_deref().and_then(Region::parse) {
            region.set(r);
        }
        let found = wanted_workspace.and_then(|name| {
            store.state().with_untracked(|s| {
                s.workspace_id(&name)
                    .and_then(|id| s.workspace(id).map(|ws| (id, ws.region)))
            })
        });
        if let Some((id, r)) = found {
            region.set(r);
            selected.set(Some(id));
        }
    });
    let linked_model = Memo::new(move |_| query.with(|q| q.get("model")));
    let manages = manages(store);
    view! {
        <section class="page" data-testid="page-workspaces">
            <PageHeader screen=Screen::Workspaces />
            <ManagementNotice manages=manages />
            <RegionTabs region=region />
            {move || {
                let region = region.get();
                view! { <RegionPanel region=region selected=selected manages=manages linked_model=linked_model /> }
            }}
            <ModelCatalog manages=manages />
        </section>
    }
}

/// One pressed button per region.
#[component]
fn RegionTabs(region: RwSignal<Region>) -> impl IntoView {
    let tabs = Region::ALL
        .iter()
        .map(|&r| {
            view! {
                <button
                    type="button"
                    class="fw-segment"
                    aria-pressed=move || (region.get() == r).to_string()
                    data-testid=format!("region-tab-{r}")
                    on:click=move |_| region.set(r)
                >
                    {words::region(r)}
                    " "
                    <span class="fw-muted mono">{r.as_str()}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="fw-segments" role="group" aria-label="Region">
            {tabs}
        </div>
    }
}
