//! The question form's signals: one per field of the view crate's [`Draft`], read into a draft
//! to ask it and set from one to show a check, which fields' errors it shows (a field's once
//! typed in, every field's once the form is submitted), and the text input its fields are
//! drawn with.

use leptos::prelude::*;
use studio_access_core::{Access, BillingAction, Check, Feature, Page, State};
use studio_access_view::checker::{Draft, Field, FieldError, Fields, Op, Shown, TrafficLine};

use crate::components::FieldProblem;

/// The form, one signal per field; what is shown depends on the kind of check.
#[derive(Clone, Copy)]
pub struct Form {
    pub op: RwSignal<Op>,
    pub through_key: RwSignal<bool>,
    pub who: RwSignal<String>,
    pub workspace: RwSignal<String>,
    pub model: RwSignal<String>,
    pub key: RwSignal<String>,
    pub ip: RwSignal<String>,
    pub fine_tuned: RwSignal<bool>,
    pub page: RwSignal<Page>,
    pub access: RwSignal<Access>,
    pub action: RwSignal<String>,
    pub openapi_workspace: RwSignal<String>,
    pub billing: RwSignal<BillingAction>,
    pub feature: RwSignal<Feature>,
    pub traffic: RwSignal<Vec<TrafficLine>>,
    next_line: StoredValue<u32>,
    /// Which fields' errors show: a field's once typed in, every field's once submitted.
    shown: RwSignal<Shown>,
    /// The errors shown, as the fields are typed.
    errors: Memo<Vec<FieldError>>,
    /// What the form asks for the kind of check chosen.
    pub fields: Memo<Fields>,
}

/// Sets `signal` to `value` only when it differs, so that showing a check wakes only what it
/// changes.
fn put<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    signal.maybe_update(|current| {
        let changed = *current != value;
        if changed {
            *current = value;
        }
        changed
    });
}

impl Form {
    /// The form as it opens ([`Draft::new`]).
    pub fn new(state: &State) -> Form {
        let draft = Draft::new(state);
        let op = RwSignal::new(draft.op);
        let through_key = RwSignal::new(draft.through_key);
        let form = Form {
            op,
            through_key,
            who: RwSignal::new(draft.who),
            workspace: RwSignal::new(draft.workspace),
            model: RwSignal::new(draft.model),
            key: RwSignal::new(draft.key),
            ip: RwSignal::new(draft.ip),
            fine_tuned: RwSignal::new(draft.fine_tuned),
            page: RwSignal::new(draft.page),
            access: RwSignal::new(draft.access),
            action: RwSignal::new(draft.action),
            openapi_workspace: RwSignal::new(draft.openapi_workspace),
            billing: RwSignal::new(draft.billing),
            feature: RwSignal::new(draft.feature),
            traffic: RwSignal::new(draft.traffic),
            next_line: StoredValue::new(draft.next_line),
            shown: RwSignal::new(Shown::default()),
            // Replaced below, once the form it reads exists.
            errors: Memo::new(|_| Vec::new()),
            fields: Memo::new(move |_| op.get().fields(through_key.get())),
        };
        Form {
            errors: Memo::new(move |_| {
                let draft = form.current();
                form.shown.with(|shown| draft.shown_errors(shown))
            }),
            ..form
        }
    }

    /// What the form holds, as typed.
    pub(super) fn draft(self) -> Draft {
        untrack(move || self.current())
    }

    /// What the form holds, as typed, tracking every field (to follow its edits).
    pub fn current(self) -> Draft {
        Draft {
            op: self.op.get(),
            through_key: self.through_key.get(),
            who: self.who.get(),
            workspace: self.workspace.get(),
            model: self.model.get(),
            key: self.key.get(),
            ip: self.ip.get(),
            fine_tuned: self.fine_tuned.get(),
            page: self.page.get(),
            access: self.access.get(),
            action: self.action.get(),
            openapi_workspace: self.openapi_workspace.get(),
            billing: self.billing.get(),
            feature: self.feature.get(),
            traffic: self.traffic.get(),
            next_line: self.next_line.get_value(),
        }
    }

    /// Shows `draft` in the form.
    fn show(self, draft: Draft) {
        put(self.op, draft.op);
        put(self.through_key, draft.through_key);
        put(self.who, draft.who);
        put(self.workspace, draft.workspace);
        put(self.model, draft.model);
        put(self.key, draft.key);
        put(self.ip, draft.ip);
        put(self.fine_tuned, draft.fine_tuned);
        put(self.page, draft.page);
        put(self.access, draft.access);
        put(self.action, draft.action);
        put(self.openapi_workspace, draft.openapi_workspace);
        put(self.billing, draft.billing);
        put(self.feature, draft.feature);
        put(self.traffic, draft.traffic);
        self.next_line.set_value(draft.next_line);
    }

    /// Shows a check in the form (from a shared link, or back and forward).
    pub fn fill(self, check: &Check) {
        self.show(Draft::from_check(check, self.draft()));
        self.shown.set(Shown::default());
    }

    /// Something was typed into `field`: from now on it is checked as it is typed.
    pub fn typed(self, field: Field) {
        self.shown.maybe_update(|shown| shown.typed(field));
    }

    /// The check the form asks; or `None`, every wrong field saying why.
    pub(super) fn checked(self) -> Option<Check> {
        let check = self.draft().to_check().ok();
        if check.is_none() {
            self.shown.update(Shown::submitted);
        }
        check
    }

    /// A new traffic line at the end of the table.
    pub fn add_line(self) {
        let id = self.next_line.get_value();
        self.next_line.set_value(id.wrapping_add(1));
        self.traffic
            .update(|lines| lines.push(TrafficLine::new(id)));
    }

    /// What is wrong with `field`, as the form shows it; its message is `check-error-<name>`.
    pub fn problem(self, field: Field) -> FieldProblem {
        let errors = self.errors;
        let text = Signal::derive(move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| e.problem.to_string())
            })
        });
        FieldProblem::new(format!("check-error-{}", field.name()), text)
    }
}

/// A labelled text input bound to `value`, checked as it is typed, with its problem under it.
pub fn text_field(
    form: Form,
    label: &'static str,
    field: Field,
    value: RwSignal<String>,
    list: Option<&'static str>,
    placeholder: &'static str,
) -> impl IntoView {
    let id = format!("check-{}", field.name());
    let problem = form.problem(field);
    view! {
        <div class="checker__field">
            <label class="checker__label" for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                list=list
                placeholder=placeholder
                autocomplete="off"
                data-testid=id
                aria-invalid=problem.invalid()
                aria-describedby=problem.id()
                bind:value=value
                on:input=move |_| form.typed(field)
            />
            {problem.message()}
        </div>
    }
}
