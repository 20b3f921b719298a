//! A region's account quotas and how its sub-workspaces' request limits share them out, drawn as
//! one bar per model.

use leptos::html;
use leptos::prelude::*;
use studio_access_core::{Command, Region};
use studio_access_view::workspaces::{self as view, QuotaLine, QuotaStanding};

use crate::components::{
    ChangeDialog, CheckedText, Feedback, FeedbackLine, NumberField, Proposals,
};
use crate::store::Store;
use crate::words;

/// The quota section of `region`: the form that sets a quota, and a bar per model.
#[component]
pub fn QuotaView(
    /// The region.
    region: Region,
    /// Whether the acting identity has management permission (to set quotas).
    manages: Memo<bool>,
    /// The model whose bar a link asked for: scrolled to and highlighted.
    linked_model: Memo<Option<String>>,
) -> impl IntoView {
    let store = Store::get();
    let lines = Memo::new(move |_| store.state().with(|s| view::quota_lines(s, region)));
    let bars = move || {
        let lines = lines.get();
        if lines.is_empty() {
            return view! {
                <p class="fw-muted" data-testid="quota-empty">
                    "No account quota or request limit in this region yet."
                </p>
            }
            .into_any();
        }
        lines
            .into_iter()
            .map(|line| {
                let linked = linked_model.with(|m| m.as_deref() == Some(line.model.as_str()));
                view! { <QuotaBar line=line linked=linked /> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card fw-section" aria-labelledby=format!("quota-title-{region}") data-testid="quota-view">
            <h2 class="fw-h2" id=format!("quota-title-{region}")>
                "Quota allocation in " {words::region(region)}
            </h2>
            <p class="fw-muted fw-small">
                "Each model's account quota (requests per minute) and the request limits of this region's sub-workspaces drawn against it. Keep at least 10% unallocated as a buffer. The quota is advisory: it throttles nothing."
            </p>
            <QuotaForm region=region manages=manages />
            {bars}
        </section>
    }
}

/// The form that sets a model's account quota in `region`.
#[component]
fn QuotaForm(region: Region, manages: Memo<bool>) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let models = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.models().map(|(_, m)| m.name.clone()).collect::<Vec<_>>())
    });
    let model_choice = NodeRef::<html::Select>::new();
    let rpm = CheckedText::new(String::new(), |text| {
        view::LimitField::Quota
            .parse(text)
            .map_err(|e| e.to_string())
    });
    let proposals = Proposals::new();
    let set_quota = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let model = model_choice
            .get_untracked()
            .map(|select| select.value())
            .unwrap_or_default();
        if let Some(rpm) = rpm.submit() {
            let command = Command::SetAccountQuota { region, model, rpm };
            let done = view::done(&command);
            proposals.propose(command, "quota-set", move |executed| {
                feedback.set(Some(Feedback::of(&executed, done.clone())));
            });
        }
    };
    let options = move || {
        models
            .get()
            .into_iter()
            .map(|m| view! { <option value=m.clone()>{m.clone()}</option> })
            .collect_view()
    };
    // Setting a quota takes management permission, like authorizing models: without it the form
    // is disabled, and the page's management notice says why.
    let read_only = Signal::derive(move || !manages.get());
    view! {
        <form class="fw-form" on:submit=set_quota novalidate=true>
            <label for=format!("quota-model-{region}")>"Account quota of"</label>
            <select
                id=format!("quota-model-{region}")
                data-testid="quota-model"
                node_ref=model_choice
                disabled=read_only
            >
                {options}
            </select>
            <NumberField
                label="Account quota in requests per minute"
                test_id="quota-rpm"
                field=rpm
                placeholder="RPM"
                disabled=read_only
            />
            <button type="submit" class="fw-button" data-testid="quota-set" disabled=read_only>
                "Set quota"
            </button>
        </form>
        <ChangeDialog proposals=proposals test_id="quota-change" />
        <FeedbackLine feedback=feedback test_id="quota-feedback" />
    }
}

/// `part` in `whole` as a CSS percentage with three decimals (`12.345%`); `0.000%` when `whole`
/// is 0.
fn css_percent(part: u128, whole: u128) -> String {
    let thousandths = part.saturating_mul(100_000).checked_div(whole).unwrap_or(0);
    format!("{}.{:03}%", thousandths / 1000, thousandths % 1000)
}

/// One model's quota drawn as a bar: a segment per sub-workspace, then the buffer. A linked bar
/// is highlighted and scrolled into view.
#[component]
fn QuotaBar(line: QuotaLine, linked: bool) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = node.get().filter(|_| linked) {
            element.scroll_into_view();
        }
    });
    let standing = line.standing();
    let tag_class = match standing {
        QuotaStanding::NoQuota => "fw-tag",
        QuotaStanding::OverAllocated => "fw-tag fw-tag--danger",
        QuotaStanding::ThinBuffer => "fw-tag fw-tag--warn",
        QuotaStanding::Healthy => "fw-tag fw-tag--ok",
    };
    let quota = line.quota_or_zero();
    let scale = quota.max(line.allocated);
    let buffer = line.buffer();
    let summary = line.summary();
    let segments = line
        .shares
        .iter()
        .map(|(ws, rpm)| {
            let width = format!("width: {}", css_percent(u128::from(*rpm), scale));
            view! { <span class="fw-bar__segment" style=width title=format!("{ws}: {rpm} RPM")></span> }
        })
        .collect_view();
    let buffer_segment = (buffer > 0).then(|| {
        let thin = standing == QuotaStanding::ThinBuffer;
        let width = format!("width: {}", css_percent(buffer, scale));
        view! {
            <span class="fw-bar__buffer" class:fw-bar__buffer--thin=thin style=width title=format!("Buffer: {buffer} RPM")></span>
        }
    });
    let limit_marker = (standing == QuotaStanding::OverAllocated).then(|| {
        let left = format!("left: {}", css_percent(quota, scale));
        view! { <span class="fw-bar__limit" style=left title="The account quota"></span> }
    });
    let legend = line
        .shares
        .iter()
        .map(|(ws, rpm)| view! { <li><span class="mono">{ws.clone()}</span>{line.share_label(*rpm)}</li> })
        .collect_view();
    let bar = line.quota.is_some().then(|| {
        view! {
            <div class="fw-bar" role="img" aria-label=summary.clone()>
                {segments}
                {buffer_segment}
                {limit_marker}
            </div>
        }
    });
    view! {
        <div
            class="fw-quota"
            class:fw-quota--over=standing == QuotaStanding::OverAllocated
            class:fw-quota--linked=linked
            data-linked=linked.to_string()
            data-testid=format!("quota-line-{}", line.model)
            node_ref=node
        >
            <div class="fw-quota__head">
                <span class="mono">{line.model.clone()}</span>
                <span class=tag_class data-testid="quota-standing">{standing.word()}</span>
                <span class="fw-muted fw-small" data-testid="quota-summary">{summary}</span>
            </div>
            {bar}
            <ul class="fw-quota__legend">{legend}</ul>
        </div>
    }
}
