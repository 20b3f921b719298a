//! The access checker: ask any check of SPEC section 6 and see the decision, the code and every
//! gate; for a denial, the smallest change that would allow it, ready to apply.
//!
//! The question lives in the address (`?q=` holding the check as JSON), so a check can be shared
//! and back and forward move between questions. The answer is derived from the question and the
//! state, so it follows every change, the remedy's included.

use std::net::IpAddr;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_core::{
    Access, BillingAction, Caller, Candidate, Check, Command, Feature, LoadReport,
    OPENAPI_READ_ACTIONS, Outcome, Page, Reach, Response, State, Traffic, Who,
};

use crate::Screen;
use crate::components::{Feedback, GateTrace, PageHeader, select_field};
use crate::pages::error_lookup::ErrorLookup;
use crate::store::Store;
use crate::words;

/// The kinds of check, in SPEC order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    CallModel,
    BatchInference,
    FineTune,
    Deploy,
    OpenPage,
    ViewKey,
    CallOpenapi,
    Billing,
    OpenSystemAdministration,
    UseFeature,
    Load,
}

impl Op {
    const ALL: [Op; 11] = [
        Op::CallModel,
        Op::BatchInference,
        Op::FineTune,
        Op::Deploy,
        Op::OpenPage,
        Op::ViewKey,
        Op::CallOpenapi,
        Op::Billing,
        Op::OpenSystemAdministration,
        Op::UseFeature,
        Op::Load,
    ];

    /// The SPEC's `op` name.
    fn as_str(self) -> &'static str {
        match self {
            Op::CallModel => "call-model",
            Op::BatchInference => "batch-inference",
            Op::FineTune => "fine-tune",
            Op::Deploy => "deploy",
            Op::OpenPage => "open-page",
            Op::ViewKey => "view-key",
            Op::CallOpenapi => "call-openapi",
            Op::Billing => "billing",
            Op::OpenSystemAdministration => "open-system-administration",
            Op::UseFeature => "use-feature",
            Op::Load => "load",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Op::CallModel => "Call a model",
            Op::BatchInference => "Run batch inference",
            Op::FineTune => "Fine-tune a model",
            Op::Deploy => "Deploy a model",
            Op::OpenPage => "Open a console page",
            Op::ViewKey => "See an API key",
            Op::CallOpenapi => "Call an application-data OpenAPI action",
            Op::Billing => "A billing action",
            Op::OpenSystemAdministration => "Open System Administration",
            Op::UseFeature => "Use a feature",
            Op::Load => "One minute of API traffic",
        }
    }

    fn parse(text: &str) -> Op {
        Op::ALL
            .into_iter()
            .find(|op| op.as_str() == text)
            .unwrap_or(Op::CallModel)
    }

    /// Whether the check may be asked through an API key instead of the console.
    fn keyed(self) -> bool {
        matches!(self, Op::CallModel | Op::FineTune)
    }
}

/// One line of a load's traffic table, as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Line {
    id: u32,
    key: RwSignal<String>,
    requests: RwSignal<String>,
    tokens: RwSignal<String>,
    ip: RwSignal<String>,
}

impl Line {
    fn new(id: u32, traffic: Option<&Traffic>) -> Line {
        Line {
            id,
            key: RwSignal::new(traffic.map(|t| t.key.clone()).unwrap_or_default()),
            requests: RwSignal::new(
                traffic.map_or_else(|| "60".to_owned(), |t| t.requests.to_string()),
            ),
            tokens: RwSignal::new(
                traffic.map_or_else(|| "100".to_owned(), |t| t.tokens.to_string()),
            ),
            ip: RwSignal::new(
                traffic
                    .and_then(|t| t.ip)
                    .map(|ip| ip.to_string())
                    .unwrap_or_default(),
            ),
        }
    }
}

/// A field's inline error: which field, and what is wrong.
type FieldError = (String, String);

/// The form, one signal per field; what is shown depends on the kind of check.
#[derive(Clone, Copy)]
struct Form {
    op: RwSignal<Op>,
    through_key: RwSignal<bool>,
    who: RwSignal<String>,
    workspace: RwSignal<String>,
    model: RwSignal<String>,
    key: RwSignal<String>,
    ip: RwSignal<String>,
    fine_tuned: RwSignal<bool>,
    page: RwSignal<Page>,
    access: RwSignal<Access>,
    action: RwSignal<String>,
    /// The workspace that holds the application, for an OpenAPI action: a name, an ID, or
    /// empty for none.
    openapi_workspace: RwSignal<String>,
    billing: RwSignal<BillingAction>,
    feature: RwSignal<Feature>,
    traffic: RwSignal<Vec<Line>>,
    next_line: StoredValue<u32>,
    errors: RwSignal<Vec<FieldError>>,
}

/// `root`, `name`, or `name via role`; empty is `root`, as in scenario files.
pub(crate) fn parse_who(text: &str) -> Who {
    let text = text.trim();
    match text.rsplit_once(" via ") {
        Some((name, role)) => Who::via(name.trim(), role.trim()),
        None if text.is_empty() => Who::root(),
        None => Who::user(text),
    }
}

/// An optional address: empty is none, anything else must parse.
fn parse_ip(text: &str) -> Result<Option<IpAddr>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| {
        format!("`{text}` is not an IP address (for example 203.0.113.7 or 2001:db8::1).")
    })
}

fn parse_count(text: &str, what: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "{what} must be a whole number, 0 or more (not `{}`).",
            text.trim()
        )
    })
}

impl Form {
    fn new(state: &State) -> Form {
        Form {
            op: RwSignal::new(Op::CallModel),
            through_key: RwSignal::new(false),
            who: RwSignal::new("root".to_owned()),
            workspace: RwSignal::new(
                state
                    .workspaces()
                    .next()
                    .map(|(_, ws)| ws.name.clone())
                    .unwrap_or_default(),
            ),
            model: RwSignal::new(
                state
                    .models()
                    .next()
                    .map(|(_, m)| m.name.clone())
                    .unwrap_or_default(),
            ),
            key: RwSignal::new(String::new()),
            ip: RwSignal::new(String::new()),
            fine_tuned: RwSignal::new(false),
            page: RwSignal::new(Page::ModelExperience),
            access: RwSignal::new(Access::Operate),
            action: RwSignal::new("ListIndices".to_owned()),
            openapi_workspace: RwSignal::new(String::new()),
            billing: RwSignal::new(BillingAction::ViewBills),
            feature: RwSignal::new(Feature::ModelStudio),
            traffic: RwSignal::new(vec![Line::new(0, None)]),
            next_line: StoredValue::new(1),
            errors: RwSignal::new(Vec::new()),
        }
    }

    fn add_line(self, traffic: Option<&Traffic>) -> Line {
        let id = self.next_line.get_value();
        self.next_line.set_value(id.wrapping_add(1));
        Line::new(id, traffic)
    }

    /// The check the form asks, or every field that is wrong.
    fn build(self) -> Result<Check, Vec<FieldError>> {
        let mut errors = Vec::new();
        let who = parse_who(&self.who.get_untracked());
        let workspace = self.workspace.get_untracked();
        let model = self.model.get_untracked();
        let mut need = |ok: bool, field: &str, message: &str| {
            if !ok {
                errors.push((field.to_owned(), message.to_owned()));
            }
        };
        let op = self.op.get_untracked();
        let keyed = op.keyed() && self.through_key.get_untracked();
        let key = self.key.get_untracked().trim().to_owned();
        if keyed || op == Op::ViewKey {
            need(!key.is_empty(), "key", "Name the API key.");
        }
        if matches!(
            op,
            Op::CallModel | Op::FineTune | Op::BatchInference | Op::Deploy | Op::OpenPage
        ) && !keyed
        {
            need(!workspace.is_empty(), "workspace", "Choose a workspace.");
        }
        if op == Op::CallOpenapi {
            need(
                !self.action.get_untracked().trim().is_empty(),
                "action",
                "Name the OpenAPI action.",
            );
        }
        let ip = if keyed {
            parse_ip(&self.ip.get_untracked()).unwrap_or_else(|message| {
                errors.push(("ip".to_owned(), message));
                None
            })
        } else {
            None
        };
        let caller = || {
            if keyed {
                Caller::Key {
                    key: key.clone(),
                    ip,
                }
            } else {
                Caller::Console {
                    who: who.clone(),
                    workspace: workspace.clone(),
                }
            }
        };
        let check = match op {
            Op::CallModel => Check::CallModel {
                caller: caller(),
                model,
            },
            Op::FineTune => Check::FineTune {
                caller: caller(),
                model,
            },
            Op::BatchInference => Check::BatchInference {
                who,
                workspace,
                model,
            },
            Op::Deploy => Check::Deploy {
                who,
                workspace,
                model,
                fine_tuned: self.fine_tuned.get_untracked(),
            },
            Op::OpenPage => Check::OpenPage {
                who,
                workspace,
                page: self.page.get_untracked(),
                access: self.access.get_untracked(),
            },
            Op::ViewKey => Check::ViewKey { who, key },
            Op::CallOpenapi => Check::CallOpenapi {
                who,
                action: self.action.get_untracked().trim().to_owned(),
                workspace: Some(self.openapi_workspace.get_untracked())
                    .filter(|text| !text.is_empty()),
            },
            Op::OpenSystemAdministration => Check::OpenSystemAdministration { who },
            Op::Billing => Check::Billing {
                who,
                action: self.billing.get_untracked(),
            },
            Op::UseFeature => Check::UseFeature {
                who,
                feature: self.feature.get_untracked(),
            },
            Op::Load => {
                let mut traffic = Vec::new();
                for line in self.traffic.get_untracked() {
                    let field = |name: &str| format!("traffic-{}-{name}", line.id);
                    let key = line.key.get_untracked().trim().to_owned();
                    if key.is_empty() {
                        errors.push((field("key"), "Name the API key.".to_owned()));
                    }
                    let requests = parse_count(&line.requests.get_untracked(), "Requests")
                        .map_err(|message| errors.push((field("requests"), message)));
                    let tokens = parse_count(&line.tokens.get_untracked(), "Tokens per request")
                        .map_err(|message| errors.push((field("tokens"), message)));
                    let ip = parse_ip(&line.ip.get_untracked())
                        .map_err(|message| errors.push((field("ip"), message)));
                    if let (Ok(requests), Ok(tokens), Ok(ip)) = (requests, tokens, ip) {
                        traffic.push(Traffic {
                            key,
                            requests,
                            tokens,
                            ip,
                        });
                    }
                }
                if self.traffic.with_untracked(Vec::is_empty) {
                    errors.push(("traffic".to_owned(), "Add at least one line.".to_owned()));
                }
                Check::Load { model, traffic }
            }
        };
        if errors.is_empty() {
            Ok(check)
        } else {
            Err(errors)
        }
    }

    /// Shows a check in the form (from a shared link, or back and forward).
    fn fill(self, check: &Check) {
        let set_who = |who: &Who| self.who.set(who.to_string());
        let set_caller = |caller: &Caller| match caller {
            Caller::Console { who, workspace } => {
                self.through_key.set(false);
                set_who(who);
                self.workspace.set(workspace.clone());
            }
            Caller::Key { key, ip } => {
                self.through_key.set(true);
                self.key.set(key.clone());
                self.ip.set(ip.map(|ip| ip.to_string()).unwrap_or_default());
            }
        };
        self.op.set(Op::parse(check.op()));
        match check {
            Check::CallModel { caller, model } | Check::FineTune { caller, model } => {
                set_caller(caller);
                self.model.set(model.clone());
            }
            Check::BatchInference {
                who,
                workspace,
                model,
            } => {
                set_who(who);
                self.workspace.set(workspace.clone());
                self.model.set(model.clone());
            }
            Check::Deploy {
                who,
                workspace,
                model,
                fine_tuned,
            } => {
                set_who(who);
                self.workspace.set(workspace.clone());
                self.model.set(model.clone());
                self.fine_tuned.set(*fine_tuned);
            }
            Check::OpenPage {
                who,
                workspace,
                page,
                access,
            } => {
                set_who(who);
                self.workspace.set(workspace.clone());
                self.page.set(*page);
                self.access.set(*access);
            }
            Check::ViewKey { who, key } => {
                set_who(who);
                self.key.set(key.clone());
            }
            Check::CallOpenapi {
                who,
                action,
                workspace,
            } => {
                set_who(who);
                self.action.set(action.clone());
                self.openapi_workspace
                    .set(workspace.clone().unwrap_or_default());
            }
            Check::OpenSystemAdministration { who } => set_who(who),
            Check::Billing { who, action } => {
                set_who(who);
                self.billing.set(*action);
            }
            Check::UseFeature { who, feature } => {
                set_who(who);
                self.feature.set(*feature);
            }
            Check::Load { model, traffic } => {
                self.model.set(model.clone());
                let lines = traffic
                    .iter()
                    .map(|line| self.add_line(Some(line)))
                    .collect();
                self.traffic.set(lines);
            }
        }
        self.errors.set(Vec::new());
    }

    fn error(self, field: String) -> impl IntoView {
        move || {
            self.errors.with(|errors| {
                errors
                    .iter()
                    .find(|(at, _)| *at == field)
                    .map(|(_, message)| {
                        view! {
                            <p class="mx-field-error" role="alert" data-testid=format!("check-error-{field}")>
                                {message.clone()}
                            </p>
                        }
                    })
            })
        }
    }
}

/// A labelled text input bound to `value`, with its inline error.
fn text_field(
    form: Form,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
    list: Option<&'static str>,
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <label class="checker__field">
            <span class="checker__label">{label}</span>
            <input
                type="text"
                list=list
                placeholder=placeholder
                autocomplete="off"
                data-testid=format!("check-{field}")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {form.error(field.to_owned())}
        </label>
    }
}

/// A labelled select of fixed options bound through `current` and `on_change`.
fn closed<T: Copy + 'static>(
    all: &[T],
    name: impl Fn(T) -> (String, String),
) -> Vec<(String, String)> {
    all.iter().copied().map(name).collect()
}

/// Every identity a check can be asked as: `root`, each live user, then each user through each
/// role that trusts it, written as the "as" field reads them.
fn identities(state: &State) -> Vec<String> {
    let mut users: Vec<&str> = state.live_users().map(|(_, u)| u.name.as_str()).collect();
    users.sort_unstable();
    let mut assumed: Vec<String> = state
        .live_roles()
        .flat_map(|(_, role)| {
            role.trusted.iter().filter_map(move |id| {
                state
                    .user(*id)
                    .filter(|user| !user.deleted)
                    .map(|user| format!("{} via {}", user.name, role.name))
            })
        })
        .collect();
    assumed.sort_unstable();
    std::iter::once("root".to_owned())
        .chain(users.into_iter().map(str::to_owned))
        .chain(assumed)
        .collect()
}

fn datalist(
    id: &'static str,
    items: impl Fn() -> Vec<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <datalist id=id>
            {move || items().into_iter().map(|item| view! { <option value=item></option> }).collect_view()}
        </datalist>
    }
}

/// The Access checker screen.
#[component]
pub fn CheckerPage() -> impl IntoView {
    let store = Store::get();
    let form = store.state().with_untracked(Form::new);
    // What the selects and suggestions offer, one list each so that a new key does not redraw
    // the identities.
    let identity_choices = Memo::new(move |_| store.state().with(identities));
    let workspace_choices = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(_, ws)| ws.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let model_choices = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.models().map(|(_, m)| m.name.clone()).collect::<Vec<_>>())
    });
    // What the OpenAPI workspace field suggests: every workspace's name and ID.
    let workspace_refs = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .flat_map(|(_, ws)| [ws.name.clone(), ws.id.clone()])
                .collect::<Vec<_>>()
        })
    });
    let key_choices = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.keys().map(|(_, k)| k.label.clone()).collect::<Vec<_>>())
    });
    let query = use_query_map();
    let navigate = use_navigate();

    // The question asked: the check in the address, or why it could not be read.
    let asked = Memo::new(move |_| {
        query
            .with(|q| q.get("q"))
            .map(|text| serde_json::from_str::<Check>(&text).map_err(|e| e.to_string()))
    });
    let question =
        Memo::new(move |_| asked.with(|a| a.as_ref().and_then(|r| r.as_ref().ok()).cloned()));
    let response = Memo::new(move |_| {
        question.with(|q| {
            q.as_ref()
                .map(|check| store.state().with(|s| s.check(check)))
        })
    });
    let remedy = Memo::new(move |_| {
        let denied = response.with(|r| {
            r.as_ref()
                .is_some_and(|r| matches!(r.outcome, Outcome::Deny(_)))
        });
        if !denied {
            return None;
        }
        question.with(|q| {
            q.as_ref()
                .map(|check| store.state().with(|s| s.remedy(check)))
        })
    });
    let applied = RwSignal::new(Vec::<(String, Feedback)>::new());
    // The reverse question asked, if any; its answer follows the state like the check's.
    let reverse = RwSignal::new(None::<Reverse>);
    let reverse_answer = Memo::new(move |_| {
        reverse.with(|r| {
            r.as_ref().map(|r| {
                store.state().with(|s| match r {
                    Reverse::WhoCan(check) => s.who_can(check),
                    Reverse::WhatCan(who) => s.what_can(who),
                })
            })
        })
    });

    // A new question (typed, linked, or reached by back and forward) fills the form and clears
    // what applying the previous remedy said. Traffic lines made for it belong to the page, not
    // to the effect, which disposes what it made when it runs again.
    let page_owner = Owner::current();
    Effect::new(move |_| {
        if let Some(check) = question.get() {
            match &page_owner {
                Some(owner) => owner.with(|| form.fill(&check)),
                None => form.fill(&check),
            }
        }
        applied.set(Vec::new());
    });

    // Asking a check puts it in the address; the answer follows from there.
    let ask = Callback::new(move |check: Check| {
        let json = serde_json::to_string(&check).unwrap_or_default();
        let encoded = String::from(js_sys::encode_uri_component(&json));
        let path = format!("/{}?q={encoded}", Screen::AccessChecker.segment());
        navigate(
            &path,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.build() {
            Err(errors) => form.errors.set(errors),
            Ok(check) => {
                form.errors.set(Vec::new());
                ask.run(check);
            }
        }
    };

    let apply = move |_| {
        let Some(Some(steps)) = remedy.get_untracked() else {
            return;
        };
        let mut results = Vec::new();
        for step in &steps {
            let executed = store.run(step);
            let refused = !executed.outcome.is_success();
            results.push((words::command(step), Feedback::of(&executed, "done")));
            if refused {
                break;
            }
        }
        applied.set(results);
    };

    let who_can = move |_| match form.build() {
        Err(errors) => form.errors.set(errors),
        Ok(check) => {
            form.errors.set(Vec::new());
            reverse.set(Some(Reverse::WhoCan(check)));
        }
    };
    let what_can = move |_| {
        form.errors.set(Vec::new());
        reverse.set(Some(Reverse::WhatCan(parse_who(&form.who.get_untracked()))));
    };

    let op = form.op;
    let keyed = move || op.get().keyed() && form.through_key.get();
    let shows_who = move || op.get() != Op::Load && !keyed();
    let shows_workspace = move || {
        matches!(
            op.get(),
            Op::CallModel | Op::FineTune | Op::BatchInference | Op::Deploy | Op::OpenPage
        ) && !keyed()
    };
    let shows_model = move || {
        matches!(
            op.get(),
            Op::CallModel | Op::FineTune | Op::BatchInference | Op::Deploy | Op::Load
        )
    };
    let shows_key = move || keyed() || op.get() == Op::ViewKey;

    let form_view = view! {
        <form class="checker__form card" on:submit=submit novalidate=true data-testid="check-form">
            <div class="checker__row">
                {select_field(
                    "checker",
                    "Question",
                    "check-op".to_owned(),
                    closed(&Op::ALL, |op| (op.as_str().to_owned(), format!("{} ({})", op.label(), op.as_str()))),
                    move || op.get().as_str().to_owned(),
                    move |value| op.set(Op::parse(&value)),
                )}
                <Show when=move || op.get().keyed()>
                    <fieldset class="checker__through">
                        <legend class="checker__label">"Asked through"</legend>
                        <label>
                            <input
                                type="radio"
                                name="through"
                                data-testid="check-through-console"
                                prop:checked=move || !form.through_key.get()
                                on:change=move |_| form.through_key.set(false)
                            />
                            " the console"
                        </label>
                        <label>
                            <input
                                type="radio"
                                name="through"
                                data-testid="check-through-key"
                                prop:checked=move || form.through_key.get()
                                on:change=move |_| form.through_key.set(true)
                            />
                            " an API key"
                        </label>
                    </fieldset>
                </Show>
            </div>
            <div class="checker__row">
                <Show when=shows_who>
                    {text_field(form, "Acting as (root, a user, or “user via role”)", "who", form.who, Some("checker-identities"), "root")}
                </Show>
                <Show when=shows_workspace>
                    {move || select_field(
                        "checker",
                        "Workspace",
                        "check-workspace".to_owned(),
                        workspace_choices.with(|all| all.iter().map(|w| (w.clone(), w.clone())).collect()),
                        move || form.workspace.get(),
                        move |value| form.workspace.set(value),
                    )}
                    {form.error("workspace".to_owned())}
                </Show>
                <Show when=shows_key>
                    {text_field(form, "API key", "key", form.key, Some("checker-keys"), "key label")}
                </Show>
                <Show when=keyed>
                    {text_field(form, "Caller address (optional)", "ip", form.ip, None, "203.0.113.7")}
                </Show>
                <Show when=shows_model>
                    {move || select_field(
                        "checker",
                        "Model",
                        "check-model".to_owned(),
                        model_choices.with(|all| all.iter().map(|m| (m.clone(), m.clone())).collect()),
                        move || form.model.get(),
                        move |value| form.model.set(value),
                    )}
                </Show>
                <Show when=move || op.get() == Op::Deploy>
                    <label class="checker__field checker__field--check">
                        <input
                            type="checkbox"
                            data-testid="check-fine-tuned"
                            prop:checked=move || form.fine_tuned.get()
                            on:change=move |ev| form.fine_tuned.set(event_target_checked(&ev))
                        />
                        " a model fine-tuned from it"
                    </label>
                </Show>
                <Show when=move || op.get() == Op::OpenPage>
                    {select_field(
                        "checker",
                        "Page",
                        "check-page".to_owned(),
                        closed(Page::ALL, |p| (p.as_str().to_owned(), format!("{} ({})", words::page(p), p.as_str()))),
                        move || form.page.get().as_str().to_owned(),
                        move |value| {
                            if let Some(page) = Page::parse(&value) {
                                form.page.set(page);
                            }
                        },
                    )}
                    {select_field(
                        "checker",
                        "Access",
                        "check-access".to_owned(),
                        closed(Access::ALL, |a| (a.as_str().to_owned(), words::access(a).to_owned())),
                        move || form.access.get().as_str().to_owned(),
                        move |value| {
                            if let Some(access) = Access::parse(&value) {
                                form.access.set(access);
                            }
                        },
                    )}
                </Show>
                <Show when=move || op.get() == Op::CallOpenapi>
                    {text_field(form, "Action", "action", form.action, Some("checker-actions"), "ListIndices")}
                    {text_field(form, "Workspace of the application (optional: name or ID)", "openapi-workspace", form.openapi_workspace, Some("checker-workspace-refs"), "none")}
                </Show>
                <Show when=move || op.get() == Op::Billing>
                    {select_field(
                        "checker",
                        "Action",
                        "check-billing".to_owned(),
                        closed(BillingAction::ALL, |b| (b.as_str().to_owned(), b.as_str().to_owned())),
                        move || form.billing.get().as_str().to_owned(),
                        move |value| {
                            if let Some(action) = BillingAction::parse(&value) {
                                form.billing.set(action);
                            }
                        },
                    )}
                </Show>
                <Show when=move || op.get() == Op::UseFeature>
                    {select_field(
                        "checker",
                        "Feature",
                        "check-feature".to_owned(),
                        closed(Feature::ALL, |f| (f.as_str().to_owned(), f.as_str().to_owned())),
                        move || form.feature.get().as_str().to_owned(),
                        move |value| {
                            if let Some(feature) = Feature::parse(&value) {
                                form.feature.set(feature);
                            }
                        },
                    )}
                </Show>
            </div>
            <Show when=move || op.get() == Op::Load>
                <TrafficTable form=form />
            </Show>
            <div class="checker__actions">
                <button type="submit" class="mx-button mx-button--primary" data-testid="check-submit">
                    "Check"
                </button>
                <button
                    type="button"
                    class="mx-button"
                    data-testid="check-who-can"
                    title="List every principal and key for whom this check is allowed"
                    disabled=move || op.get() == Op::Load || keyed()
                    on:click=who_can
                >
                    "Who can?"
                </button>
                <button
                    type="button"
                    class="mx-button"
                    data-testid="check-what-can"
                    on:click=what_can
                >
                    {move || {
                        let who = form.who.get();
                        let who = if who.trim().is_empty() { "root".to_owned() } else { who.trim().to_owned() };
                        format!("What can {who} do?")
                    }}
                </button>
                <span class="checker__hint">
                    "Checks change nothing. The address links to the question asked."
                </span>
            </div>
            {datalist("checker-identities", move || identity_choices.get())}
            {datalist("checker-keys", move || key_choices.get())}
            {datalist("checker-workspace-refs", move || workspace_refs.get())}
            {datalist("checker-actions", || {
                OPENAPI_READ_ACTIONS
                    .iter()
                    .chain(["AddFile", "DeleteFile", "CreateIndex", "DeleteIndex", "GetRetrievePromptPipelineMaxLimit"].iter())
                    .map(|a| (*a).to_owned())
                    .collect()
            })}
        </form>
    };

    let answer = move || {
        if let Some(Err(why)) = asked.get() {
            return view! {
                <div class="card checker__answer" data-testid="check-answer">
                    <p class="feedback feedback--refused" role="alert" data-testid="check-link-error">
                        {format!("The question in this link could not be read: {why}")}
                    </p>
                </div>
            }
                .into_any();
        }
        let Some(response) = response.get() else {
            return view! {
                <div class="card card--empty" data-testid="check-answer-empty">
                    <p>"Ask a question to see the decision and every gate it passed through."</p>
                </div>
            }
            .into_any();
        };
        let asked_as = question
            .with(|q| q.as_ref().map(describe))
            .unwrap_or_default();
        view! {
            <div class="card checker__answer" data-testid="check-answer">
                <p class="checker__question" data-testid="check-question">{asked_as}</p>
                {outcome_view(&response)}
                <h2 class="checker__subtitle">"Gates, in order"</h2>
                <GateTrace steps=response.trace.clone() test_id="check-trace" />
                {response.load.as_ref().map(load_view)}
                {move || remedy_view(remedy.get(), store, apply)}
                {move || applied_view(applied.get())}
            </div>
        }
        .into_any()
    };

    view! {
        <section class="page checker" data-testid=format!("page-{}", Screen::AccessChecker.slug())>
            <PageHeader screen=Screen::AccessChecker />
            {form_view}
            <ErrorLookup ask=ask />
            <div aria-live="polite">
                {move || reverse.get().map(|r| reverse_view(&r, reverse_answer.get().unwrap_or_default()))}
            </div>
            <div aria-live="polite">{answer}</div>
        </section>
    }
}

/// A reverse question: who may do what a check asks, or what one identity may do.
#[derive(Clone, Debug, PartialEq)]
enum Reverse {
    /// Every principal and key for whom the check (its `who` or caller set aside) is allowed.
    WhoCan(Check),
    /// Everything this identity reaches.
    WhatCan(Who),
}

/// The grant that decides a reach: its last passed gate, in words.
fn grant(reach: &Reach) -> String {
    reach
        .response
        .trace
        .iter()
        .rev()
        .find(|step| step.passed)
        .map(|step| format!("{}: {}", words::gate(step.gate), words::fact(&step.fact)))
        .unwrap_or_else(|| "allowed without a gate".to_owned())
}

/// The heading a reach of "what can" is listed under.
fn group(check: &Check) -> String {
    let workspace = |caller: &Caller| match caller {
        Caller::Console { workspace, .. } => workspace.clone(),
        Caller::Key { .. } => String::new(),
    };
    match check {
        Check::OpenPage { workspace, .. } => format!("Workspace `{workspace}`: pages"),
        Check::CallModel { caller, .. } | Check::FineTune { caller, .. } => {
            format!("Workspace `{}`: models", workspace(caller))
        }
        Check::BatchInference { workspace, .. } | Check::Deploy { workspace, .. } => {
            format!("Workspace `{workspace}`: models")
        }
        Check::ViewKey { .. } => "API keys".to_owned(),
        Check::CallOpenapi {
            workspace: Some(workspace),
            ..
        } => format!("Workspace `{workspace}`: APIs"),
        Check::CallOpenapi { .. } => "APIs".to_owned(),
        Check::OpenSystemAdministration { .. } => "System Administration".to_owned(),
        Check::Billing { .. } | Check::UseFeature { .. } => "Billing and features".to_owned(),
        Check::Load { .. } => "Traffic".to_owned(),
    }
}

/// The answer of a reverse question: one line per allowed candidate or action, with its grant.
fn reverse_view(reverse: &Reverse, reached: Vec<Reach>) -> AnyView {
    let line = |text: String, reach: &Reach| {
        view! {
            <li class="checker__reach" data-testid="reverse-item">
                <span class="checker__reach-what">{text}</span>
                " — "
                <span class="checker__reach-grant" data-testid="reverse-grant">{grant(reach)}</span>
            </li>
        }
    };
    match reverse {
        Reverse::WhoCan(check) => {
            let count = reached.len();
            let items = reached
                .iter()
                .map(|reach| {
                    let (kind, name) = match &reach.candidate {
                        Candidate::Principal(who) => ("principal", who.to_string()),
                        Candidate::Key(key) => ("key", format!("API key `{key}`")),
                    };
                    view! {
                        <li class="checker__reach" data-testid="reverse-item" data-kind=kind data-name=match &reach.candidate {
                            Candidate::Principal(who) => who.to_string(),
                            Candidate::Key(key) => key.clone(),
                        }>
                            <span class="checker__reach-what" data-testid="reverse-who">{name}</span>
                            " — "
                            <span class="checker__reach-grant" data-testid="reverse-grant">{grant(reach)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card checker__reverse" data-testid="reverse-answer" data-kind="who-can">
                    <h2 class="checker__subtitle">"Who can"</h2>
                    <p class="checker__question">{format!("{} — by anyone:", describe(check))}</p>
                    {(count == 0).then(|| view! { <p data-testid="reverse-none">"Nobody: no principal or key is allowed this."</p> })}
                    <ul class="checker__reach-list" data-testid="reverse-list">{items}</ul>
                </section>
            }
            .into_any()
        }
        Reverse::WhatCan(who) => {
            let mut groups: Vec<(String, Vec<&Reach>)> = Vec::new();
            for reach in &reached {
                let heading = group(&reach.check);
                match groups.iter_mut().find(|(h, _)| *h == heading) {
                    Some((_, list)) => list.push(reach),
                    None => groups.push((heading, vec![reach])),
                }
            }
            let empty = groups.is_empty();
            let sections = groups
                .into_iter()
                .map(|(heading, list)| {
                    let items = list
                        .into_iter()
                        .map(|reach| line(describe(&reach.check), reach))
                        .collect_view();
                    view! {
                        <h3 class="checker__reach-group">{heading}</h3>
                        <ul class="checker__reach-list">{items}</ul>
                    }
                })
                .collect_view();
            view! {
                <section class="card checker__reverse" data-testid="reverse-answer" data-kind="what-can">
                    <h2 class="checker__subtitle">{format!("What {who} can do")}</h2>
                    {empty.then(|| view! { <p data-testid="reverse-none">"Nothing: no page, model, key or API is allowed."</p> })}
                    {sections}
                </section>
            }
            .into_any()
        }
    }
}

/// The question in one line, as asked.
fn describe(check: &Check) -> String {
    let caller = |caller: &Caller| match caller {
        Caller::Console { who, workspace } => {
            format!("from the console as {who} in `{workspace}`")
        }
        Caller::Key { key, ip: Some(ip) } => format!("with API key `{key}` from {ip}"),
        Caller::Key { key, ip: None } => format!("with API key `{key}`, no caller address"),
    };
    match check {
        Check::CallModel { caller: c, model } => format!("Call `{model}` {}", caller(c)),
        Check::FineTune { caller: c, model } => format!("Fine-tune `{model}` {}", caller(c)),
        Check::BatchInference {
            who,
            workspace,
            model,
        } => format!("Run batch inference with `{model}` as {who} in `{workspace}`"),
        Check::Deploy {
            who,
            workspace,
            model,
            fine_tuned,
        } => format!(
            "Deploy {}`{model}` as {who} in `{workspace}`",
            if *fine_tuned {
                "a model fine-tuned from "
            } else {
                ""
            }
        ),
        Check::OpenPage {
            who,
            workspace,
            page,
            access,
        } => format!(
            "{} {} ({page}) as {who} in `{workspace}`",
            match access {
                Access::View => "View",
                Access::Operate => "Operate",
            },
            words::page(*page)
        ),
        Check::ViewKey { who, key } => format!("See API key `{key}` as {who}"),
        Check::CallOpenapi {
            who,
            action,
            workspace: None,
        } => format!("Call OpenAPI action `{action}` as {who}"),
        Check::CallOpenapi {
            who,
            action,
            workspace: Some(workspace),
        } => format!("Call OpenAPI action `{action}` as {who} on an application of `{workspace}`"),
        Check::OpenSystemAdministration { who } => {
            format!("Open the System Administration page as {who}")
        }
        Check::Billing { who, action } => format!("Billing action `{action}` as {who}"),
        Check::UseFeature { who, feature } => format!("Use `{feature}` as {who}"),
        Check::Load { model, traffic } => {
            let lines: Vec<String> = traffic
                .iter()
                .map(|t| {
                    format!(
                        "`{}` × {} ({} tokens each{})",
                        t.key,
                        t.requests,
                        t.tokens,
                        t.ip.map(|ip| format!(", from {ip}")).unwrap_or_default()
                    )
                })
                .collect();
            format!("One minute of `{model}` calls: {}", lines.join("; "))
        }
    }
}

fn outcome_view(response: &Response) -> impl IntoView {
    let (class, decision) = match response.outcome {
        Outcome::Allow | Outcome::Ok => ("checker__decision checker__decision--allow", "Allow"),
        Outcome::Deny(_) => ("checker__decision checker__decision--deny", "Deny"),
        Outcome::Error(_) => ("checker__decision checker__decision--error", "Error"),
    };
    view! {
        <p class=class data-testid="check-outcome">
            <strong class="checker__verdict">{decision}</strong>
            <code class="checker__code">{response.outcome.to_string()}</code>
            <span class="checker__why">{words::outcome(response.outcome)}</span>
        </p>
    }
}

fn load_view(report: &LoadReport) -> impl IntoView {
    let lines = report
        .lines
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row"><code>{line.key.clone()}</code></th>
                    <td title=words::outcome(line.gates)>{line.gates.to_string()}</td>
                    <td class="mx-num">{line.allowed}</td>
                    <td class="mx-num">{line.throttled}</td>
                    <td class="mx-num">{line.denied}</td>
                    <td>
                        <details>
                            <summary>"gates"</summary>
                            <GateTrace steps=line.trace.clone() test_id="check-load-trace" />
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="checker__subtitle">"Requests in the minute"</h2>
        <table class="checker__load" data-testid="check-load">
            <thead>
                <tr>
                    <th scope="col">"Key"</th>
                    <th scope="col">"Gates"</th>
                    <th scope="col" class="mx-num">"Allowed"</th>
                    <th scope="col" class="mx-num">"Throttled"</th>
                    <th scope="col" class="mx-num">"Denied"</th>
                    <th scope="col">"Why"</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
            <tfoot>
                <tr data-testid="check-load-total">
                    <th scope="row">"Total"</th>
                    <td></td>
                    <td class="mx-num">{report.allowed}</td>
                    <td class="mx-num">{report.throttled}</td>
                    <td class="mx-num">{report.denied}</td>
                    <td></td>
                </tr>
            </tfoot>
        </table>
    }
}

fn remedy_view(
    remedy: Option<Option<Vec<Command>>>,
    store: Store,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> Option<AnyView> {
    let steps = remedy?;
    let Some(steps) = steps else {
        return Some(
            view! {
                <section class="checker__remedy" data-testid="check-remedy">
                    <h2 class="checker__subtitle">"What would allow it"</h2>
                    <p data-testid="check-remedy-none">
                        "No change of up to four steps lifts this denial: it cannot be fixed by permissions (a deleted key or owner, a model that cannot be fine-tuned or deployed…)."
                    </p>
                </section>
            }
                .into_any(),
        );
    };
    let who = store.who().with_untracked(|w| w.to_string());
    let as_root = who == "root";
    let items = steps
        .iter()
        .map(|step| view! { <li>{words::command(step)}</li> })
        .collect_view();
    // What the steps would change, as they would run for the acting identity.
    let effect = store.who().with_untracked(|who| {
        store
            .state()
            .with_untracked(|s| words::diff_lines(&s.preview_all(who, &steps).diff))
    });
    Some(
        view! {
            <section class="checker__remedy" data-testid="check-remedy">
                <h2 class="checker__subtitle">"The smallest change that would allow it"</h2>
                <ol class="checker__steps" data-testid="check-remedy-steps">{items}</ol>
                {(!effect.is_empty())
                    .then(|| {
                        view! {
                            <div class="preview preview--inline" role="group" aria-label="Effect of these steps">
                                <span class="preview__title">"These steps would:"</span>
                                <ul class="preview__list" data-testid="check-remedy-diff">
                                    {effect.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                <button type="button" class="mx-button" on:click=apply data-testid="check-remedy-apply">
                    {format!("Apply these steps as {who}")}
                </button>
                {(!as_root)
                    .then(|| {
                        view! {
                            <p class="checker__hint">
                                "These steps are verified as root; acting as someone else, some may be refused (and then nothing of that step changes)."
                            </p>
                        }
                    })}
            </section>
        }
            .into_any(),
    )
}

fn applied_view(applied: Vec<(String, Feedback)>) -> impl IntoView {
    (!applied.is_empty()).then(|| {
        let items = applied
            .into_iter()
            .map(|(step, feedback)| {
                let (class, text) = match feedback {
                    Feedback::Done(text) => ("feedback feedback--done", text),
                    Feedback::Refused(text) => ("feedback feedback--refused", text),
                };
                view! {
                    <li class=class>
                        <strong>{step}</strong>
                        ": "
                        {text}
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="checker__applied" role="status" data-testid="check-remedy-results">
                {items}
            </ul>
        }
    })
}

/// The traffic of a load: one line per key, added and removed freely.
#[component]
fn TrafficTable(form: Form) -> impl IntoView {
    let remove = move |id: u32| form.traffic.update(|lines| lines.retain(|l| l.id != id));
    let cell = move |line: Line,
                     name: &'static str,
                     value: RwSignal<String>,
                     list: Option<&'static str>,
                     label: &'static str| {
        let field = format!("traffic-{}-{name}", line.id);
        view! {
            <td>
                <input
                    type="text"
                    list=list
                    aria-label=label
                    data-testid=format!("check-{field}")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {form.error(field)}
            </td>
        }
    };
    view! {
        <fieldset class="checker__traffic">
            <legend class="checker__label">"Traffic (requests are interleaved one at a time)"</legend>
            <table class="checker__traffic-table" data-testid="check-traffic">
                <thead>
                    <tr>
                        <th scope="col">"Key"</th>
                        <th scope="col">"Requests"</th>
                        <th scope="col">"Tokens per request"</th>
                        <th scope="col">"Caller address (optional)"</th>
                        <th scope="col"><span class="mx-sr-only">"Remove"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || form.traffic.get()
                        key=|line| line.id
                        children=move |line| {
                            view! {
                                <tr>
                                    {cell(line, "key", line.key, Some("checker-keys"), "Key")}
                                    {cell(line, "requests", line.requests, None, "Requests")}
                                    {cell(line, "tokens", line.tokens, None, "Tokens per request")}
                                    {cell(line, "ip", line.ip, None, "Caller address")}
                                    <td>
                                        <button
                                            type="button"
                                            class="mx-button mx-button--small"
                                            data-testid=format!("check-traffic-{}-remove", line.id)
                                            on:click=move |_| remove(line.id)
                                        >
                                            "Remove"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            {form.error("traffic".to_owned())}
            <button
                type="button"
                class="mx-button mx-button--small"
                data-testid="check-traffic-add"
                on:click=move |_| {
                    let line = form.add_line(None);
                    form.traffic.update(|lines| lines.push(line));
                }
            >
                "Add a line"
            </button>
        </fieldset>
    }
}
