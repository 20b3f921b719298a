//! Reverse queries on the access checker in a real browser: "Who can?" lists every principal and
//! key the evaluator allows and every one it denies, with the gate that stopped it; "What can …
//! do?" is a table of what one identity reaches; each answer belongs to the question shown and
//! downloads as the command line's CSV.

use crate::support::*;
use leptos::tachys::view::Mountable;
use studio_access_app::Screen;
use studio_access_core::{
    Access, Caller, Check, Command, MemberName, ModelFlags, Outcome, Page, State, Who,
};
use studio_access_view::reverse as view_reverse;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

/// The support's small account (workspace `w` with `ann` (Playground granted), `carl`
/// (administrator) and role `ops` (trusting ann) as members; `bob` no member), with `ann` owning
/// key `k1` and the first model authorized for calls in `w`, and key `k2` of `w` suspended (its
/// owner `bob` joined `w`, made it, and left).
fn with_key_and_model() -> State {
    let mut state = small_account();
    let model = state.models().next().unwrap().1.name.clone();
    let steps = [
        sample::create_key("w", "ann", "k1"),
        Command::AuthorizeModel {
            workspace: "w".into(),
            model,
            flags: ModelFlags::call(true),
        },
        sample::add_member("w", MemberName::User("bob".into()), false),
        sample::create_key("w", "bob", "k2"),
        Command::RemoveMember {
            workspace: "w".into(),
            member: MemberName::User("bob".into()),
        },
    ];
    run_as_root(&mut state, &steps, 5);
    state
}

/// The `(kind, name)` of every line of the who-can answer's list `list` (`reverse-allowed` or
/// `reverse-denied`), sorted.
fn listed_in(root: &Element, list: &str) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = all(
        root,
        &format!("[data-testid=\"{list}\"] [data-testid=\"reverse-item\"]"),
    )
    .iter()
    .map(|item| {
        (
            item.get_attribute("data-kind").unwrap_or_default(),
            item.get_attribute("data-name").unwrap_or_default(),
        )
    })
    .collect();
    lines.sort();
    lines
}

/// The `(kind, name)` of every allowed line of the who-can answer, sorted.
fn listed(root: &Element) -> Vec<(String, String)> {
    listed_in(root, "reverse-allowed")
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
    // A page question: operate the Playground of `w`.
    let app = who_can_operate_playground(&state, "bob").await;
    let root = &app.container;
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
    // Each allowed line names its grant.
    let grants = all(
        root,
        "[data-testid=\"reverse-allowed\"] [data-testid=\"reverse-why\"]",
    );
    assert_eq!(grants.len(), expected.len());
    for grant in grants {
        assert!(!grant.text_content().unwrap_or_default().trim().is_empty());
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
    // Nor is "What can … do?", which named the identity the hidden "as" field held (a new
    // user's walk).
    assert!(until(|| find(root, "check-what-can").is_some_and(|b| b.hidden())).await);
    appears(root, "check-through-console").await.click();
    assert!(until(|| find(root, "check-what-can").is_some_and(|b| !b.hidden())).await);
}

/// The Playground question of `w` as `who`.
fn playground(who: Who) -> Check {
    Check::OpenPage {
        who,
        workspace: "w".into(),
        page: Page::Playground,
        access: Access::Operate,
    }
}

/// Asks "who can call `model` from the console in `w`" on the checker.
async fn ask_who_can_call(root: &Element, model: &str) {
    set_value(root, "check-op", "call-model");
    appears(root, "check-through-console").await;
    set_value(root, "check-workspace", "w");
    set_value(root, "check-model", model);
    click(root, "check-who-can").await;
}

/// The checker as root with `state` saved, drawn and asked nothing yet.
async fn empty_checker(state: &State) -> Mounted<impl Mountable + use<>> {
    let app = visit(Screen::AccessChecker, "", state, &Who::root());
    appears(&app.container, "check-answer-empty").await;
    app
}

/// The checker as root with `state` saved, asked who can operate the Playground of `w` with
/// the form acting as `who`.
async fn who_can_operate_playground(state: &State, who: &str) -> Mounted<impl Mountable + use<>> {
    let app = empty_checker(state).await;
    ask_who_can_operate_playground(&app.container, who).await;
    app
}

/// Asks "who can operate the Playground of `w`" on the checker, the form acting as `who`.
async fn ask_who_can_operate_playground(root: &Element, who: &str) {
    set_value(root, "check-op", "open-page");
    appears(root, "check-page").await;
    set_value(root, "check-who", who);
    set_value(root, "check-workspace", "w");
    set_value(root, "check-page", Page::Playground.as_str());
    set_value(root, "check-access", "operate");
    click(root, "check-who-can").await;
    appears(root, "reverse-answer").await;
}

#[wasm_bindgen_test]
async fn who_can_lists_the_denied_with_the_gate_that_stopped_each() {
    let state = with_key_and_model();
    let app = who_can_operate_playground(&state, "root").await;
    let root = &app.container;

    // Every identity is in one list: allowed as the evaluator allows, the others denied.
    let mut denied: Vec<(String, String)> = state
        .identities()
        .into_iter()
        .filter(|who| state.check(&playground(who.clone())).outcome != Outcome::Allow)
        .map(|who| ("principal".to_owned(), who.to_string()))
        .collect();
    denied.sort();
    assert!(denied.contains(&("principal".into(), "bob".into())));
    assert!(denied.contains(&("principal".into(), "ann via ops".into())));
    assert!(
        until(|| listed_in(root, "reverse-denied") == denied).await,
        "{:?}",
        listed_in(root, "reverse-denied")
    );
    // Each denied line names the first gate that failed, in the trace's words, and its code.
    for item in all(
        root,
        "[data-testid=\"reverse-denied\"] [data-testid=\"reverse-item\"]",
    ) {
        let name = item.get_attribute("data-name").unwrap();
        let response = state.check(&playground(studio_access_view::checker::parse_who(&name)));
        let failed = response.trace.iter().find(|s| !s.passed).unwrap();
        let text = item.text_content().unwrap_or_default();
        assert!(
            text.contains(studio_access_app::words::gate(failed.gate)),
            "{name}: {text}"
        );
        assert!(
            text.contains(&studio_access_app::words::fact(&failed.fact)),
            "{name}: {text}"
        );
        let code = response.outcome.code().unwrap().to_string();
        assert_eq!(item.get_attribute("data-code"), Some(code.clone()));
        assert!(text.contains(&code), "{name}: {text}");
    }
    // The two lists are told apart by their headings.
    let answer = text_of(root, "reverse-answer").unwrap();
    assert!(answer.contains("Allowed (3)"), "{answer}");
    assert!(
        answer.contains(&format!("Denied ({})", denied.len())),
        "{answer}"
    );

    // A model call from the console asks the keys of `w` too: `k1` allowed, `k2` (suspended)
    // denied at its status.
    let model = state.models().next().unwrap().1.name.clone();
    ask_who_can_call(root, &model).await;
    assert!(
        until(|| listed(root).contains(&("key".into(), "k1".into()))
            && listed_in(root, "reverse-denied").contains(&("key".into(), "k2".into())))
        .await,
        "{:?} {:?}",
        listed(root),
        listed_in(root, "reverse-denied")
    );
    let k2 = root
        .query_selector("[data-testid=\"reverse-denied\"] [data-name=\"k2\"]")
        .unwrap()
        .unwrap();
    assert!(
        k2.text_content()
            .unwrap_or_default()
            .contains(studio_access_app::words::gate(
                studio_access_core::Gate::KeyStatus
            )),
        "{:?}",
        k2.text_content()
    );
}

/// The `data-access` of each page cell of workspace `workspace`'s row, in the columns' order.
fn page_cells(root: &Element, workspace: &str) -> Vec<String> {
    all(
        root,
        &format!(
            "[data-testid=\"what-can-row\"][data-workspace=\"{workspace}\"] [data-testid=\"what-can-page\"]"
        ),
    )
    .iter()
    .map(|cell| cell.get_attribute("data-access").unwrap_or_default())
    .collect()
}

#[wasm_bindgen_test]
async fn what_can_is_a_table_of_workspaces_by_pages_models_and_apis() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = empty_checker(&state).await;
    let root = &app.container;
    set_value(root, "check-who", "user-01");
    let button = appears(root, "check-what-can").await;
    assert!(
        until(|| text_of(root, "check-what-can").is_some_and(|t| t.contains("user-01"))).await,
        "the button names the identity"
    );
    button.click();
    let table = appears(root, "what-can-table").await;

    // A caption and a header row: the workspace, each console page, models, APIs.
    let caption = table.query_selector("caption").unwrap().unwrap();
    assert!(
        caption
            .text_content()
            .unwrap_or_default()
            .contains("What user-01 can do in each workspace")
    );
    let heads: Vec<String> = all(&table, "thead th[scope=\"col\"]")
        .iter()
        .map(|th| th.text_content().unwrap_or_default())
        .collect();
    assert_eq!(heads.len(), Page::ALL.len() + 3, "{heads:?}");
    assert_eq!(heads[0], "Workspace");
    for (at, page) in Page::ALL.iter().enumerate() {
        assert_eq!(heads[at + 1], studio_access_app::words::page(*page));
    }
    assert_eq!(&heads[Page::ALL.len() + 1..], ["Models", "APIs"]);

    // One row per workspace reached, headed by its name; each page cell as the evaluator says.
    let rows = all(&table, "tbody tr");
    assert_eq!(rows.len(), 1);
    let row_head = rows[0]
        .query_selector("th[scope=\"row\"]")
        .unwrap()
        .unwrap();
    assert_eq!(row_head.text_content().as_deref(), Some("project-a"));
    let who = Who::user("user-01");
    let expected: Vec<String> = Page::ALL
        .iter()
        .map(|page| {
            let allowed = |access| {
                state
                    .check(&Check::OpenPage {
                        who: who.clone(),
                        workspace: "project-a".into(),
                        page: *page,
                        access,
                    })
                    .outcome
                    == Outcome::Allow
            };
            if allowed(Access::Operate) {
                "operate"
            } else if allowed(Access::View) {
                "view"
            } else {
                "none"
            }
            .to_owned()
        })
        .collect();
    assert!(expected.iter().any(|a| a == "operate") && expected.iter().any(|a| a == "view"));
    assert_eq!(page_cells(root, "project-a"), expected);
    let models = text_of(root, "what-can-models").unwrap();
    assert!(models.contains("qwen-turbo: call, fine-tune"), "{models}");
    let account = text_of(root, "what-can-account").unwrap();
    assert!(account.contains("See API key `project-a-app`"), "{account}");
    assert!(
        text_of(root, "reverse-answer")
            .unwrap()
            .contains("No access in `default@cn-beijing`")
    );

    // Root reaches every workspace; the APIs column says which OpenAPI actions.
    set_value(root, "check-who", "root");
    click(root, "check-what-can").await;
    assert!(
        until(|| all(root, "[data-testid=\"what-can-row\"]").len() == state.workspaces().count())
            .await
    );
    assert!(page_cells(root, "research").iter().all(|a| a == "operate"));
    assert!(
        text_of(root, "what-can-apis")
            .unwrap()
            .contains("OpenAPI read actions")
    );
}

#[wasm_bindgen_test]
async fn a_reverse_answer_belongs_to_the_question_shown() {
    let state = with_key_and_model();
    // An address holding a question that cannot be read: its error is the answer shown…
    let app = visit(
        Screen::AccessChecker,
        "?q=%7Bnot-json",
        &state,
        &Who::root(),
    );
    let root = &app.container;
    appears(root, "check-link-error").await;
    // …until Who can? is asked: then the list alone answers, the error is gone.
    ask_who_can_operate_playground(root, "root").await;
    assert!(
        until(|| find(root, "check-link-error").is_none() && find(root, "check-answer").is_none())
            .await,
        "the link's error stays under the Who can? list"
    );
    // Who asks is set aside, so changing it keeps the list…
    set_value(root, "check-who", "bob");
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(find(root, "reverse-answer").is_some());
    // …but another question clears it.
    set_value(root, "check-access", "view");
    assert!(
        until(|| find(root, "reverse-answer").is_none()).await,
        "the Who can? list stays after the question changed"
    );

    // Asking the check replaces a reverse answer; asking Who can? hides the check's answer.
    click(root, "check-who-can").await;
    appears(root, "reverse-answer").await;
    click(root, "check-submit").await;
    appears(root, "check-answer").await;
    assert!(until(|| find(root, "reverse-answer").is_none()).await);
    click(root, "check-who-can").await;
    appears(root, "reverse-answer").await;
    assert!(until(|| find(root, "check-answer").is_none()).await);

    // What can … do? follows the "as" field: another identity clears it.
    set_value(root, "check-who", "ann");
    click(root, "check-what-can").await;
    assert!(
        until(|| text_of(root, "reverse-answer").is_some_and(|t| t.contains("What ann can do")))
            .await
    );
    set_value(root, "check-who", "carl");
    assert!(
        until(|| find(root, "reverse-answer").is_none()).await,
        "what ann can do stays under the question of carl"
    );
}

#[wasm_bindgen_test]
async fn reverse_answers_download_as_the_command_lines_csv() {
    let state = with_key_and_model();
    let app = empty_checker(&state).await;
    let root = &app.container;
    keep_downloads();

    ask_who_can_operate_playground(root, "root").await;
    // Issue 13: the screen lists the denied too, but the file holds who is allowed, as the
    // command line's does; the button says so.
    assert_eq!(
        text_of(root, "reverse-download").as_deref(),
        Some("Download who is allowed, as CSV")
    );
    click(root, "reverse-download").await;
    let (csv, kind) = downloaded(0).await;
    assert_eq!(kind, "text/csv");
    assert_eq!(
        csv,
        view_reverse::who_can_csv(&state, &playground(Who::root()))
    );
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("principal,workspace,what,grant"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("ann,w,Operate Playground (Playground-FullAccess),")),
        "{csv}"
    );
    assert!(!csv.contains("bob"), "{csv}");

    set_value(root, "check-who", "ann");
    click(root, "check-what-can").await;
    appears(root, "what-can-table").await;
    click(root, "reverse-download").await;
    let (csv, kind) = downloaded(1).await;
    assert_eq!(kind, "text/csv");
    assert_eq!(csv, view_reverse::what_can_csv(&state, &Who::user("ann")));
    assert!(csv.starts_with("principal,workspace,what,grant\n"), "{csv}");
    assert!(
        csv.contains("ann,w,Operate Playground (Playground-FullAccess),"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        state.what_can(&Who::user("ann")).len() + 1
    );
}

/// Issue 13: the Who can? question, its lines and the account-wide lines of What can … do?
/// showed the backticks around names as literal characters. They draw the names as names.
#[wasm_bindgen_test]
async fn reverse_answers_draw_quoted_names_without_backticks() {
    let state = with_key_and_model();
    let app = empty_checker(&state).await;
    let root = &app.container;
    let model = state.models().next().unwrap().1.name.clone();
    ask_who_can_call(root, &model).await;
    let question = appears(root, "reverse-question").await;
    // The sentence is the view crate's, and its names are drawn as names.
    assert!(until(|| question.text_content().unwrap_or_default().contains("`w`")).await);
    let visible = visible_text(&question);
    assert!(visible.contains(" in w"), "{visible}");
    assert!(!visible.contains('`'), "{visible}");
    let names = all(&question, "code.prose-name");
    assert!(
        names
            .iter()
            .any(|name| name.text_content().as_deref() == Some("`w`")),
        "the workspace is drawn as a name"
    );
    // The keys' lines, "API key `k1`", too.
    let keys = all(root, "[data-kind=\"key\"] [data-testid=\"reverse-who\"]");
    assert!(!keys.is_empty());
    for key in keys {
        let key = visible_text(&key);
        assert!(key.contains("API key ") && !key.contains('`'), "{key}");
    }

    // What can … do?: the account-wide lines and the workspaces not reached.
    let sample = studio_access_core::sample::sample_organisation(today());
    drop(app);
    let app = empty_checker(&sample).await;
    let root = &app.container;
    set_value(root, "check-who", "user-01");
    assert!(until(|| text_of(root, "check-what-can").is_some_and(|t| t.contains("user-01"))).await);
    click(root, "check-what-can").await;
    appears(root, "what-can-table").await;
    for id in ["what-can-account", "what-can-unreached"] {
        let element = find(root, id).unwrap();
        assert!(element.text_content().unwrap_or_default().contains('`'));
        let visible = visible_text(&element);
        assert!(!visible.contains('`'), "{id}: {visible}");
    }
    let account = visible_text(&find(root, "what-can-account").unwrap());
    assert!(account.contains("See API key project-a-app"), "{account}");
}

/// Issue 13: What can … do? for a name that names nobody answered "Nothing… No access in any
/// of the workspaces". It says there is no such user or role, with the nearest names.
#[wasm_bindgen_test]
async fn what_a_mistyped_name_can_do_is_no_such_user_or_role() {
    let state = with_key_and_model();
    let app = empty_checker(&state).await;
    let root = &app.container;
    set_value(root, "check-who", "ann2");
    click(root, "check-what-can").await;
    let said = appears(root, "what-can-unreached").await;
    assert!(
        until(|| visible_text(&said).contains("No such user or role: no RAM user is named ann2."))
            .await,
        "{}",
        visible_text(&said)
    );
    assert!(
        visible_text(&said).contains("Did you mean ann?"),
        "{}",
        visible_text(&said)
    );
}
