//! Reverse queries on the access checker in a real browser: "Who can?" lists every principal and
//! key the evaluator allows, "What can … do?" everything one identity reaches.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Access, Caller, Check, Command, KeyOwnerName, Outcome, Page, State, Who};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

/// The support's small account (workspace `w` with `ann` (Playground granted), `carl`
/// (administrator) and role `ops` (trusting ann) as members; `bob` no member), with `ann` owning
/// key `k1` and the first model authorized for calls in `w`.
fn with_key_and_model() -> State {
    let mut state = small_account();
    let model = state.models().next().unwrap().1.name.clone();
    let steps = [
        Command::CreateApiKey {
            workspace: "w".into(),
            owner: KeyOwnerName::Named("ann".into()),
            key: "k1".into(),
        },
        Command::AuthorizeModel {
            workspace: "w".into(),
            model,
            call: Some(true),
            fine_tune: None,
            deploy: None,
        },
    ];
    run_as_root(&mut state, &steps, 5);
    state
}

/// The `(kind, name)` of every line of the who-can answer, sorted.
fn listed(root: &Element) -> Vec<(String, String)> {
    let items = root
        .query_selector_all("[data-testid=\"reverse-list\"] [data-testid=\"reverse-item\"]")
        .unwrap();
    let mut all = Vec::new();
    for i in 0..items.length() {
        let item: Element = wasm_bindgen::JsCast::unchecked_into(items.item(i).unwrap());
        all.push((
            item.get_attribute("data-kind").unwrap_or_default(),
            item.get_attribute("data-name").unwrap_or_default(),
        ));
    }
    all.sort();
    all
}

/// Every identity the evaluator allows `check` for, asked one by one.
fn allowed_principals(state: &State, check: impl Fn(Who) -> Check) -> Vec<(String, String)> {
    let mut who: Vec<Who> = vec![
        Who::root(),
        Who::user("ann"),
        Who::user("bob"),
        Who::user("carl"),
        Who::via("ann", "ops"),
    ];
    who.retain(|w| state.check(&check(w.clone())).outcome == Outcome::Allow);
    who.into_iter()
        .map(|w| ("principal".to_owned(), w.to_string()))
        .collect()
}

#[wasm_bindgen_test]
async fn who_can_lists_exactly_the_allowed_principals_and_keys() {
    let state = with_key_and_model();
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let root = &app.container;
    appears(root, "check-answer-empty").await;

    // A page question: operate the Playground of `w`.
    set_value(root, "check-op", "open-page");
    appears(root, "check-page").await;
    set_value(root, "check-who", "bob");
    set_value(root, "check-workspace", "w");
    set_value(root, "check-page", Page::Playground.as_str());
    set_value(root, "check-access", "operate");
    find(root, "check-who-can").unwrap().click();
    appears(root, "reverse-answer").await;
    let mut expected = allowed_principals(&state, |who| Check::OpenPage {
        who,
        workspace: "w".into(),
        page: Page::Playground,
        access: Access::Operate,
    });
    expected.sort();
    assert!(expected.contains(&("principal".into(), "ann".into())));
    assert!(expected.contains(&("principal".into(), "carl".into())));
    assert!(!expected.contains(&("principal".into(), "bob".into())));
    assert!(
        until(|| listed(root) == expected).await,
        "{:?}",
        listed(root)
    );
    // Each line names its grant.
    let grants = root
        .query_selector_all("[data-testid=\"reverse-grant\"]")
        .unwrap();
    for i in 0..grants.length() {
        let text = grants.item(i).unwrap().text_content().unwrap_or_default();
        assert!(!text.trim().is_empty());
    }

    // A model call from the console in `w`: the key of `w` is listed too.
    let model = state.models().next().unwrap().1.name.clone();
    set_value(root, "check-op", "call-model");
    appears(root, "check-through-console").await;
    set_value(root, "check-workspace", "w");
    set_value(root, "check-model", &model);
    find(root, "check-who-can").unwrap().click();
    let console = |who: Who| Check::CallModel {
        caller: Caller::Console {
            who,
            workspace: "w".into(),
        },
        model: model.clone(),
    };
    let mut expected = allowed_principals(&state, console);
    let by_key = Check::CallModel {
        caller: Caller::Key {
            key: "k1".into(),
            ip: None,
        },
        model: model.clone(),
    };
    assert_eq!(state.check(&by_key).outcome, Outcome::Allow);
    expected.push(("key".into(), "k1".into()));
    expected.sort();
    assert!(
        until(|| listed(root) == expected).await,
        "{:?}",
        listed(root)
    );

    // Asked through a key, there is nobody to vary: the question is not offered.
    appears(root, "check-through-key").await.click();
    assert!(
        until(|| find(root, "check-who-can").is_some_and(|b| b.has_attribute("disabled"))).await
    );
}

#[wasm_bindgen_test]
async fn what_can_lists_a_members_operable_page() {
    let state = with_key_and_model();
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let root = &app.container;
    appears(root, "check-answer-empty").await;

    set_value(root, "check-op", "open-page");
    appears(root, "check-page").await;
    set_value(root, "check-who", "ann");
    let button = appears(root, "check-what-can").await;
    assert!(
        until(|| text_of(root, "check-what-can").is_some_and(|t| t.contains("ann"))).await,
        "the button names the identity"
    );
    button.click();
    let answer = appears(root, "reverse-answer").await;
    assert_eq!(
        answer.get_attribute("data-kind").as_deref(),
        Some("what-can")
    );
    let text = answer.text_content().unwrap_or_default();
    assert!(text.contains("Workspace `w`: pages"), "{text}");
    assert!(
        text.contains(&format!(
            "Operate {} ({}) as ann in `w`",
            studio_access_app::words::page(Page::Playground),
            Page::Playground
        )),
        "{text}"
    );
    // Bob is no member: nothing in `w`.
    set_value(root, "check-who", "bob");
    find(root, "check-what-can").unwrap().click();
    assert!(
        until(|| text_of(root, "reverse-answer")
            .is_some_and(|t| t.contains("What bob can do") && !t.contains("Workspace `w`")))
        .await
    );
}
