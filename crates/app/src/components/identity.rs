//! Who the console acts as: the switcher in the header, and the guard that notices when the
//! chosen identity stops resolving (its user deleted, its role gone or no longer trusting it) and
//! falls back to one that does, saying so.

use leptos::prelude::*;
use studio_access_core::{ResolveFailure, State, Who};

use crate::components::{CloseButton, Prose};
use crate::store::Store;
use crate::words;

/// Every identity the console can act as in `state` (core's [`State::identities`]): `root`,
/// each live RAM user (by name), then each user through each role that trusts it (by role, then
/// user).
pub fn identities(state: &State) -> Vec<Who> {
    let mut all = state.identities();
    all.sort_by(|a, b| rank(a).cmp(&rank(b)));
    all
}

/// Where an identity stands in the switcher: the account first, then users, then users through
/// roles, each by name.
fn rank(who: &Who) -> (bool, Option<&str>, &str) {
    let root = who.via.is_none() && who.name == "root";
    (!root, who.via.as_deref(), &who.name)
}

/// A stable text for an identity, used as the `<option>` value. Names never contain `@`.
pub fn identity_key(who: &Who) -> String {
    match &who.via {
        Some(role) => format!("{}@{role}", who.name),
        None => who.name.clone(),
    }
}

/// How an identity is shown in the switcher.
pub fn identity_label(who: &Who) -> String {
    match &who.via {
        Some(role) => format!("{} via role {role}", who.name),
        None if who.name == "root" => "root (Alibaba Cloud account)".to_owned(),
        None => who.name.clone(),
    }
}

/// When `who` no longer resolves in `state`: the identity to act as instead and why.
///
/// A user whose role is gone or no longer trusts it falls back to the user itself; a user that is
/// gone falls back to the account.
pub fn fallback(state: &State, who: &Who) -> Option<(Who, String)> {
    let failure = state.resolve(who).err()?;
    let user_alive = who.name != "root" && state.user_id(&who.name).is_some();
    let reason = match (failure, &who.via) {
        (ResolveFailure::UnknownUser, _) => {
            format!("RAM user `{}` no longer exists", who.name)
        }
        (ResolveFailure::UnknownRole, Some(role)) => format!("role `{role}` no longer exists"),
        (ResolveFailure::NotTrusted { .. }, Some(role)) => {
            format!("role `{role}` no longer trusts `{}`", who.name)
        }
        (ResolveFailure::RootWithVia, _) => {
            "the Alibaba Cloud account cannot act through a role".to_owned()
        }
        (_, None) => format!("`{}` cannot act", who.name),
    };
    let instead = if user_alive {
        Who::user(&who.name)
    } else {
        Who::root()
    };
    let text = format!(
        "The console was acting as {}, but {reason}. It now acts as {}.",
        identity_label(who),
        identity_label(&instead)
    );
    Some((instead, text))
}

/// How many identities the switcher lists at once. A larger account gets a search field that
/// narrows the list: a `<select>` of thousands of options is slow to draw and to use.
pub const LISTED: usize = 200;

/// The identities the switcher lists for `search`: all of them up to [`LISTED`]; past that, root
/// and the first [`LISTED`] whose label holds `search` (any case). Also how many more match.
pub fn listed(all: &[Who], search: &str) -> (Vec<Who>, usize) {
    if all.len() <= LISTED {
        return (all.to_vec(), 0);
    }
    let wanted = search.trim().to_lowercase();
    let mut matching = all
        .iter()
        .skip(1)
        .filter(|who| wanted.is_empty() || identity_label(who).to_lowercase().contains(&wanted));
    let shown: Vec<Who> = all
        .iter()
        .take(1)
        .cloned()
        .chain(matching.by_ref().take(LISTED).cloned())
        .collect();
    (shown, matching.count())
}

/// The acting identity switcher: every action in every page runs as the identity chosen here.
#[component]
pub fn IdentitySwitcher() -> impl IntoView {
    let store = Store::get();
    let choices = Memo::new(move |_| store.state().with(identities));
    let search = RwSignal::new(String::new());
    let large = Memo::new(move |_| choices.with(|all| all.len() > LISTED));
    let shown = Memo::new(move |_| choices.with(|all| search.with(|text| listed(all, text))));
    let on_change = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        let chosen =
            choices.with_untracked(|all| all.iter().find(|who| identity_key(who) == key).cloned());
        if let Some(who) = chosen {
            store.act_as(who);
        }
    };
    let option = move |who: Who| {
        let key = identity_key(&who);
        let label = identity_label(&who);
        let current = who.clone();
        // The property, not the attribute: it still selects after the person has chosen another.
        view! {
            <option value=key prop:selected=move || store.who().with(|now| *now == current)>
                {label}
            </option>
        }
    };
    // The chosen identity may be missing from the list: for a moment when the guard is about to
    // replace it, or when a search of a large account leaves it out. It is shown rather than
    // silently displaying another.
    let stale = move || {
        let who = store.who().get();
        let exists = choices.with(|all| all.contains(&who));
        let listed = shown.with(|(list, _)| list.contains(&who));
        (!listed).then(|| {
            let label = if exists {
                identity_label(&who)
            } else {
                format!("{} (no longer available)", identity_label(&who))
            };
            view! {
                <option value=identity_key(&who) prop:selected=true disabled=!exists>
                    {label}
                </option>
            }
        })
    };
    let search_field = move || {
        large.get().then(|| {
            view! {
                <input
                    type="search"
                    class="fw-identity__search"
                    placeholder="Find an identity"
                    aria-label="Find an identity to act as"
                    aria-controls="fw-identity-select"
                    data-testid="identity-search"
                    bind:value=search
                />
            }
        })
    };
    view! {
        <div class="fw-identity">
            <label class="fw-identity__label" for="fw-identity-select">
                "Acting as"
            </label>
            {search_field}
            <select
                id="fw-identity-select"
                class="fw-identity__select"
                data-testid="identity-select"
                title="Every action in the console is taken as this identity"
                on:change=on_change
            >
                {stale}
                {move || {
                    let (all, more) = shown.get();
                    let mut rest = all.into_iter();
                    let root = rest.next().map(option);
                    let (users, assumed): (Vec<Who>, Vec<Who>) = rest
                        .partition(|who| who.via.is_none());
                    let users = (!users.is_empty())
                        .then(|| {
                            view! {
                                <optgroup label="RAM users">
                                    {users.into_iter().map(option).collect_view()}
                                </optgroup>
                            }
                        });
                    let assumed = (!assumed.is_empty())
                        .then(|| {
                            view! {
                                <optgroup label="RAM users through a role">
                                    {assumed.into_iter().map(option).collect_view()}
                                </optgroup>
                            }
                        });
                    let more = (more > 0)
                        .then(|| {
                            view! {
                                <option disabled=true data-testid="identity-more">
                                    {format!("… {more} more: type in the search field to narrow")}
                                </option>
                            }
                        });
                    view! {
                        {root}
                        {users}
                        {assumed}
                        {more}
                    }
                }}
            </select>
        </div>
    }
}

/// Watches the acting identity: when it stops resolving, falls back (see [`fallback`]) and shows
/// why until dismissed.
#[component]
pub fn IdentityGuard() -> impl IntoView {
    let store = Store::get();
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let who = store.who().get();
        if let Some((instead, why)) = store.state().with(|state| fallback(state, &who)) {
            notice.set(Some(why));
            store.act_as(instead);
        }
    });
    move || {
        notice.get().map(|text| {
            view! {
                <div class="fw-banner fw-banner--warn" role="status" data-testid="identity-notice">
                    <p class="fw-banner__text"><Prose sentence=text /></p>
                    <div class="fw-banner__actions">
                        <CloseButton
                            label=words::DISMISS
                            class="fw-button fw-button--quiet"
                            test_id="identity-notice-dismiss"
                            on_close=move |()| notice.set(None)
                        />
                    </div>
                </div>
            }
        })
    }
}
