//! The permissions matrix, the access checker and the audit in a real browser.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Caller, Check, Command, Page, State, Who, persist};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};
use web_sys::{Element, HtmlElement};

// ---- seeding ------------------------------------------------------------------------------------

fn pages_of(state: &State, member: &str, workspace: &str) -> Option<Vec<Page>> {
    let user = state.user_id(member)?;
    let ws = state.workspace_id(workspace)?;
    state
        .membership(studio_access_core::Member::User(user), ws)
        .map(|m| m.pages.iter().collect())
}

// ---- driving ------------------------------------------------------------------------------------

fn cell(member: &str, workspace: &str, page: Page) -> String {
    format!("cell-{member}-{workspace}-{}", page.as_str())
}

/// The symbol the stylesheet draws on a cell with a staged change (⊕ widens, ⊖ narrows).
fn staged_symbol(cell: &Element) -> Option<String> {
    cell.query_selector(".access-grid__staged")
        .ok()
        .flatten()?
        .get_attribute("data-symbol")
}

fn rendered_rows(root: &Element) -> u32 {
    root.query_selector_all("[data-testid=\"matrix-body\"] [role=\"row\"]")
        .unwrap()
        .length()
}

/// Opens the matrix on workspace `w` of the small account, acting as `acting`.
async fn matrix_on_w(acting: &str) -> (Mounted<impl leptos::tachys::view::Mountable>, State) {
    let state = small_account();
    let app = visit(Screen::Permissions, "", &state, &Who::user(acting));
    assert_eq!(
        heading_becomes(&app.container, "Permissions")
            .await
            .as_deref(),
        Some("Permissions")
    );
    let w = state.workspace_id("w").unwrap();
    appears(&app.container, "matrix-workspace").await;
    set_value(&app.container, "matrix-workspace", &w.0.to_string());
    appears(&app.container, &cell("user-ann", "w", Page::Playground)).await;
    assert_eq!(window().location().search().unwrap(), "?workspace=w");
    (app, state)
}

// ---- the matrix ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn matrix_cells_show_the_evaluated_access() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let read = |id: String| text_of(root, &id).unwrap_or_default();

    assert_eq!(read(cell("user-ann", "w", Page::Playground)), "operate");
    assert_eq!(read(cell("user-ann", "w", Page::ModelExperience)), "view");
    assert_eq!(read(cell("user-ann", "w", Page::ApiKey)), "none");
    assert_eq!(read(cell("user-ann", "w", Page::Permissions)), "none");
    assert_eq!(read(cell("user-bob", "w", Page::Playground)), "none");
    assert_eq!(read(cell("user-carl", "w", Page::Permissions)), "operate");
    assert_eq!(read(cell("role-ops", "w", Page::ModelExperience)), "view");
    let granted = find(root, &cell("user-ann", "w", Page::Playground)).unwrap();
    assert_eq!(
        granted.get_attribute("data-granted").as_deref(),
        Some("true")
    );
    assert!(read("membership-user-bob-w".into()).contains("Add member"));
    assert_eq!(rendered_rows(root), 4);

    // Why, on hover (title) and on keyboard focus (the panel the cell is described by).
    let view_only = find(root, &cell("user-ann", "w", Page::ModelExperience)).unwrap();
    let title = view_only.get_attribute("title").unwrap_or_default();
    assert!(title.contains("✗ Operate page"), "title {title:?}");
    assert_eq!(
        view_only.get_attribute("aria-describedby").as_deref(),
        Some("access-grid-why")
    );
    view_only.focus().unwrap();
    let why = text_becomes(root, "matrix-why", |t| t.contains("Model experience: view")).await;
    assert!(why.contains("Workspace membership"), "{why}");
    assert!(
        why.contains("Does not hold the Model experience permission"),
        "{why}"
    );
    // And what activating it would stage.
    let hint = text_of(root, "matrix-why-hint").unwrap();
    assert_eq!(
        hint,
        "Click, or press Enter or Space, to stage: Grant Model experience (ModelExperience-FullAccess) to user `ann` in `w`."
    );
}

/// What is staged on a cell (`data-staged`), if anything.
fn staged_on(root: &Element, test_id: &str) -> Option<String> {
    find(root, test_id).and_then(|cell| cell.get_attribute("data-staged"))
}

async fn staged_becomes(root: &Element, test_id: &str, wanted: Option<&str>) {
    let mut seen = None;
    let ok = until(|| {
        seen = staged_on(root, test_id);
        seen.as_deref() == wanted
    })
    .await;
    assert!(ok, "`{test_id}` staged {seen:?}, wanted {wanted:?}");
}

fn events(state: &State) -> Vec<Command> {
    state
        .data()
        .events
        .iter()
        .map(|event| event.command.clone())
        .collect()
}

/// Opens the review, checks that Apply has the focus (so Enter confirms), and returns the text of
/// the review's access diff.
async fn open_review(root: &Element) -> String {
    find(root, "matrix-review").unwrap().click();
    let apply = appears(root, "matrix-apply").await;
    let focused = until(|| {
        document()
            .active_element()
            .is_some_and(|e| e.get_attribute("data-testid").as_deref() == Some("matrix-apply"))
    })
    .await;
    assert!(focused, "Apply does not have the focus");
    assert_eq!(apply.inner_text(), "Apply");
    // The question is drawn first; its effect is worked out in the frame after.
    appears(root, "matrix-review-effect").await;
    assert!(find(root, "matrix-review-pending").is_none());
    text_of(root, "matrix-review-diff").unwrap_or_default()
}

/// Reviews and applies the staged changes; returns the feedback.
async fn review_and_apply(root: &Element) -> String {
    open_review(root).await;
    find(root, "matrix-apply").unwrap().click();
    text_becomes(root, "matrix-feedback", |t| {
        t.starts_with("Done") || t.starts_with("Applied")
    })
    .await
}

#[wasm_bindgen_test]
async fn clicking_a_cell_stages_a_change_without_applying_it() {
    let (app, state) = matrix_on_w("root").await;
    let root = &app.container;
    let before = stored_text();
    let experience = cell("user-ann", "w", Page::ModelExperience);
    assert_eq!(
        text_of(root, "matrix-staged-count").as_deref(),
        Some("No staged changes")
    );
    assert!(
        find(root, "matrix-review")
            .unwrap()
            .has_attribute("disabled")
    );

    find(root, &experience).unwrap().click();
    staged_becomes(root, &experience, Some("grant")).await;
    let marked = find(root, &experience).unwrap();
    // Marked by a symbol and in the accessible name, not by colour alone; the access is as it was.
    assert!(
        marked.inner_text().starts_with("view"),
        "{}",
        marked.inner_text()
    );
    assert_eq!(staged_symbol(&marked).as_deref(), Some("⊕"));
    let label = marked.get_attribute("aria-label").unwrap();
    assert!(label.ends_with("staged: grant"), "{label}");
    let said = text_of(root, "matrix-feedback").unwrap();
    assert!(said.starts_with("Staged: Grant Model experience"), "{said}");
    text_becomes(root, "matrix-staged-count", |t| {
        t == "1 staged change, not applied yet"
    })
    .await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored_text(), before, "staging changed the saved state");
    assert_eq!(events(&stored()), events(&state));

    // The panel says what clicking again does.
    marked.focus().unwrap();
    let why = text_becomes(root, "matrix-why-hint", |t| t.starts_with("Staged:")).await;
    assert!(why.contains("to unstage it"), "{why}");

    // Clicking again unstages.
    marked.click();
    staged_becomes(root, &experience, None).await;
    text_becomes(root, "matrix-staged-count", |t| t == "No staged changes").await;
    assert!(
        text_of(root, "matrix-feedback")
            .unwrap()
            .starts_with("Unstaged")
    );

    // Permission management is not a grantable permission: said, and nothing is staged.
    let permissions = cell("user-ann", "w", Page::Permissions);
    find(root, &permissions).unwrap().click();
    let said = text_becomes(root, "matrix-feedback", |t| t.contains("cannot be granted")).await;
    assert!(said.contains("administrator"), "{said}");
    assert!(said.ends_with("Nothing was staged."), "{said}");
    assert_eq!(staged_on(root, &permissions), None);

    // A non-member is staged for adding; its pages can then be staged on top of that.
    find(root, "membership-user-bob-w").unwrap().click();
    staged_becomes(root, "membership-user-bob-w", Some("add member")).await;
    assert_eq!(
        find(root, "membership-user-bob-w")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Not a member of w, staged: add member. Activate to unstage it.")
    );
    assert!(
        text_of(root, "membership-user-bob-w")
            .unwrap()
            .contains("Add member")
    );
    let playground = cell("user-bob", "w", Page::Playground);
    find(root, &playground).unwrap().click();
    staged_becomes(root, &playground, Some("grant")).await;
    assert_eq!(
        text_of(root, "matrix-staged-count").as_deref(),
        Some("2 staged changes, not applied yet")
    );
    let diff = open_review(root).await;
    assert!(
        diff.contains("user bob gains Playground in w: none → operate"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "user bob gains Model experience, Batch inference, Model observation, Model fine-tuning"
        ),
        "{diff}"
    );
    find(root, "matrix-apply").unwrap().click();
    let done = text_becomes(root, "matrix-feedback", |t| t.starts_with("Done")).await;
    assert!(done.contains("applied 2 changes"), "{done}");
    text_becomes(root, &playground, |t| t == "operate").await;
    assert_eq!(staged_on(root, &playground), None);
    assert!(until(|| pages_of(&stored(), "bob", "w") == Some(vec![Page::Playground])).await);

    // The Administrator toggle is staged the same way.
    find(root, "membership-user-bob-w").unwrap().click();
    staged_becomes(root, "membership-user-bob-w", Some("make administrator")).await;
    assert_eq!(
        text_of(root, &cell("user-bob", "w", Page::Permissions)).as_deref(),
        Some("none")
    );
    review_and_apply(root).await;
    text_becomes(root, &cell("user-bob", "w", Page::Permissions), |t| {
        t == "operate"
    })
    .await;
    // The box is ticked (the stylesheet draws ☑ for this class).
    assert!(
        find(root, "membership-user-bob-w")
            .unwrap()
            .query_selector(".access-grid__admin--on")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_review_shows_the_combined_diff_and_apply_records_one_event_per_change() {
    let (app, state) = matrix_on_w("root").await;
    let root = &app.container;
    let experience = cell("user-ann", "w", Page::ModelExperience);
    let playground = cell("user-ann", "w", Page::Playground);
    find(root, &experience).unwrap().click();
    staged_becomes(root, &experience, Some("grant")).await;
    find(root, &playground).unwrap().click();
    staged_becomes(root, &playground, Some("revoke")).await;
    assert_eq!(
        staged_symbol(&find(root, &playground).unwrap()).as_deref(),
        Some("⊖")
    );

    // A widening and a narrowing, together; the steps in order.
    let diff = open_review(root).await;
    assert!(
        diff.contains("user ann gains Model experience in w: view → operate"),
        "{diff}"
    );
    assert!(
        diff.contains("user ann loses Playground in w: operate → view"),
        "{diff}"
    );
    let steps = text_of(root, "matrix-review-steps").unwrap();
    let steps: Vec<&str> = steps.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(
        steps.first().unwrap().starts_with("Grant Model experience"),
        "{steps:?}"
    );
    assert!(
        steps.last().unwrap().starts_with("Revoke Playground"),
        "{steps:?}"
    );
    assert!(find(root, "matrix-review-refused").is_none());

    // Escape cancels: the review closes and both stay staged, nothing applied.
    press(&find(root, "matrix-apply").unwrap(), "Escape");
    assert!(until(|| find(root, "matrix-apply").is_none()).await);
    assert_eq!(staged_on(root, &experience).as_deref(), Some("grant"));
    assert_eq!(events(&stored()), events(&state));

    let done = review_and_apply(root).await;
    assert!(done.starts_with("Done: applied 2 changes"), "{done}");
    // The keyboard goes on in the grid.
    let in_grid = until(|| {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("role"))
            .as_deref()
            == Some("gridcell")
    })
    .await;
    assert!(in_grid, "the focus did not return to the grid");
    text_becomes(root, &experience, |t| t == "operate").await;
    text_becomes(root, &playground, |t| t == "view").await;
    text_becomes(root, "matrix-staged-count", |t| t == "No staged changes").await;
    // One event per change, in the order staged.
    let mut expected = events(&state);
    expected.push(Command::GrantPage {
        workspace: "w".into(),
        member: user("ann"),
        permission: Page::ModelExperience,
    });
    expected.push(Command::RevokePage {
        workspace: "w".into(),
        member: user("ann"),
        permission: Page::Playground,
    });
    assert!(until(|| events(&stored()) == expected).await);
}

#[wasm_bindgen_test]
async fn discard_drops_the_staged_changes() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let before = stored_text();
    let experience = cell("user-ann", "w", Page::ModelExperience);
    find(root, &experience).unwrap().click();
    find(root, "membership-user-bob-w").unwrap().click();
    staged_becomes(root, "membership-user-bob-w", Some("add member")).await;
    text_becomes(root, "matrix-staged-count", |t| {
        t == "2 staged changes, not applied yet"
    })
    .await;

    let discard = find(root, "matrix-discard").unwrap();
    discard.focus().unwrap();
    discard.click();
    staged_becomes(root, &experience, None).await;
    staged_becomes(root, "membership-user-bob-w", None).await;
    text_becomes(root, "matrix-staged-count", |t| t == "No staged changes").await;
    let said = text_of(root, "matrix-feedback").unwrap();
    assert!(said.starts_with("Discarded 2 staged changes"), "{said}");
    assert_eq!(text_of(root, &experience).as_deref(), Some("view"));
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored_text(), before);
    // Discard, now disabled, gives the focus back to the grid's cell in focus.
    let on_cell = focused();
    assert!(
        on_cell.starts_with("cell-") || on_cell.starts_with("membership-"),
        "the focus is on {on_cell:?}"
    );
}

#[wasm_bindgen_test]
async fn a_refused_change_is_explained_and_not_staged() {
    let (app, _) = matrix_on_w("bob").await;
    let root = &app.container;
    assert_eq!(text_of(root, "matrix-acting").as_deref(), Some("bob"));
    let before = stored_text();
    let experience = cell("user-ann", "w", Page::ModelExperience);

    // The panel already says so before the click.
    find(root, &experience).unwrap().focus().unwrap();
    let hint = text_becomes(root, "matrix-why-hint", |t| !t.is_empty()).await;
    assert!(hint.starts_with("Nothing to stage here"), "{hint}");
    assert!(hint.contains("not-workspace-admin"), "{hint}");

    find(root, &experience).unwrap().click();
    let said = text_becomes(root, "matrix-feedback", |t| {
        t.contains("not-workspace-admin")
    })
    .await;
    assert!(said.starts_with("Denied"), "{said}");
    assert!(said.ends_with("Nothing was staged."), "{said}");
    assert_eq!(staged_on(root, &experience), None);
    assert_eq!(text_of(root, &experience).as_deref(), Some("view"));

    find(root, "membership-user-carl-w").unwrap().click();
    text_becomes(root, "matrix-feedback", |t| {
        t.contains("not-workspace-admin")
    })
    .await;
    assert_eq!(staged_on(root, "membership-user-carl-w"), None);
    assert_eq!(
        text_of(root, "matrix-staged-count").as_deref(),
        Some("No staged changes")
    );
    assert_eq!(
        stored_text(),
        before,
        "a refused step changed the saved state"
    );
}

#[wasm_bindgen_test]
async fn a_change_refused_at_apply_time_stops_there_and_stays_staged() {
    let (app, state) = matrix_on_w("root").await;
    let root = &app.container;
    // Staged as root: carl gives up administering `w`, then ann is granted Batch inference.
    find(root, "membership-user-carl-w").unwrap().click();
    staged_becomes(
        root,
        "membership-user-carl-w",
        Some("withdraw administrator"),
    )
    .await;
    let batch = cell("user-ann", "w", Page::BatchInference);
    find(root, &batch).unwrap().click();
    staged_becomes(root, &batch, Some("grant")).await;

    // Applied as carl: the first change takes carl's right to make the second.
    set_value(root, "identity-select", "carl");
    text_becomes(root, "matrix-acting", |t| t == "carl").await;
    open_review(root).await;
    let refused = text_of(root, "matrix-review-refused").unwrap();
    assert!(
        refused.starts_with("Change 2 would be refused as carl: Grant Batch inference"),
        "{refused}"
    );
    assert!(refused.contains("not-workspace-admin"), "{refused}");
    // It names the change, and the names it quotes are drawn as names, not between backticks.
    let line = find(root, "matrix-review-refused").unwrap();
    assert!(line.query_selector("code.prose-name").unwrap().is_some());
    find(root, "matrix-apply").unwrap().click();
    let said = text_becomes(root, "matrix-feedback", |t| t.starts_with("Applied")).await;
    assert!(
        said.starts_with("Applied 1 of 2, then refused: Grant Batch inference"),
        "{said}"
    );
    assert!(said.contains("not-workspace-admin"), "{said}");
    assert!(said.ends_with("It stays staged."), "{said}");
    text_becomes(root, "matrix-staged-count", |t| {
        t == "1 staged change, not applied yet"
    })
    .await;
    assert_eq!(staged_on(root, &batch).as_deref(), Some("grant"));
    staged_becomes(root, "membership-user-carl-w", None).await;
    let mut expected = events(&state);
    expected.push(Command::SetAdmin {
        workspace: "w".into(),
        member: user("carl"),
        admin: false,
    });
    assert!(until(|| events(&stored()) == expected).await);
}

#[wasm_bindgen_test]
async fn staged_changes_survive_filters_and_other_pages_but_not_a_change_underneath() {
    let (app, state) = matrix_on_w("root").await;
    let root = &app.container;
    let experience = cell("user-ann", "w", Page::ModelExperience);
    find(root, &experience).unwrap().click();
    staged_becomes(root, &experience, Some("grant")).await;

    set_value(root, "matrix-search", "bob");
    assert!(until(|| find(root, &experience).is_none()).await);
    set_value(root, "matrix-search", "");
    staged_becomes(root, &experience, Some("grant")).await;

    // Away to another page and back: still staged.
    find(root, "nav-link-activity").unwrap().click();
    assert_eq!(
        heading_becomes(root, "Activity").await.as_deref(),
        Some("Activity")
    );
    find(root, "nav-link-matrix").unwrap().click();
    assert_eq!(
        heading_becomes(root, "Permissions").await.as_deref(),
        Some("Permissions")
    );
    text_becomes(root, "matrix-staged-count", |t| {
        t == "1 staged change, not applied yet"
    })
    .await;

    // An undo changes the state underneath: the staged change is dropped, with a notice.
    find(root, "nav-link-activity").unwrap().click();
    assert_eq!(
        heading_becomes(root, "Activity").await.as_deref(),
        Some("Activity")
    );
    appears(root, "activity-undo").await.click();
    find(root, "nav-link-matrix").unwrap().click();
    assert_eq!(
        heading_becomes(root, "Permissions").await.as_deref(),
        Some("Permissions")
    );
    let notice = text_becomes(root, "matrix-staged-dropped", |t| !t.is_empty()).await;
    assert!(notice.starts_with("1 staged change dropped"), "{notice}");
    assert_eq!(
        text_of(root, "matrix-staged-count").as_deref(),
        Some("No staged changes")
    );
    let w = state.workspace_id("w").unwrap();
    set_value(root, "matrix-workspace", &w.0.to_string());
    appears(root, &experience).await;
    assert_eq!(staged_on(root, &experience), None);
}

/// A new user's walk: the matrix's workspace and filters were lost by visiting another screen
/// and coming back through the navigation. They are kept while the console is open.
#[wasm_bindgen_test]
async fn the_matrix_keeps_its_workspace_and_filters_across_screens() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    set_value(root, "matrix-kind", "roles");
    assert!(until(|| rendered_rows(root) == 1).await);
    click(root, &Screen::Overview.nav_link()).await;
    heading_becomes(root, Screen::Overview.title()).await;
    click(root, &Screen::Permissions.nav_link()).await;
    heading_becomes(root, Screen::Permissions.title()).await;
    appears(root, "row-role-ops-w").await;
    assert_eq!(rendered_rows(root), 1);
    assert_eq!(value_of(root, "matrix-kind"), "roles");

    // Another acting identity opens where it may act, not on what root was shown.
    choose(root, "identity-select", "bob").await;
    click(root, &Screen::Overview.nav_link()).await;
    heading_becomes(root, Screen::Overview.title()).await;
    click(root, &Screen::Permissions.nav_link()).await;
    heading_becomes(root, Screen::Permissions.title()).await;
    let wanted = studio_access_view::matrix::Scope::linked(&stored(), &Who::user("bob"), None);
    assert!(until(|| value_of(root, "matrix-workspace") == wanted.value()).await);
}

#[wasm_bindgen_test]
async fn search_and_filters_narrow_the_rows() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    assert_eq!(rendered_rows(root), 4);

    set_value(root, "matrix-search", "AN");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-ann-w").is_some());
    set_value(root, "matrix-search", "");

    set_value(root, "matrix-kind", "roles");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-role-ops-w").is_some());
    set_value(root, "matrix-kind", "any");

    set_value(root, "matrix-admin", "yes");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-carl-w").is_some());
    set_value(root, "matrix-admin", "any");

    set_value(root, "matrix-member", "no");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-bob-w").is_some());
    set_value(root, "matrix-member", "any");

    // Operating Playground: ann (granted) and carl (administrator).
    set_value(root, "matrix-level", "operate");
    set_value(root, "matrix-level-page", Page::Playground.as_str());
    assert!(until(|| rendered_rows(root) == 2).await);
    assert!(find(root, "row-user-ann-w").is_some());
    assert!(find(root, "row-user-carl-w").is_some());

    set_value(root, "matrix-search", "nobody");
    appears(root, "matrix-empty").await;

    // All workspaces: one row per membership (bob belongs nowhere).
    set_value(root, "matrix-search", "");
    set_value(root, "matrix-level", "any");
    set_value(root, "matrix-workspace", "all");
    assert!(until(|| rendered_rows(root) == 3).await);
    assert!(find(root, "row-role-ops-w").is_some());
    assert_eq!(window().location().search().unwrap(), "?workspace=%40all");
}

#[wasm_bindgen_test]
async fn a_link_opens_the_matrix_on_its_workspace() {
    let app = visit(
        Screen::Permissions,
        "?workspace=w",
        &small_account(),
        &Who::root(),
    );
    let root = &app.container;
    let ann = appears(root, &cell("user-ann", "w", Page::Playground)).await;
    assert_eq!(ann.inner_text(), "operate");
    let summary = text_of(root, "matrix-summary").unwrap();
    assert!(
        summary.contains("4 of 4 principals shown in w"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_cells_and_enter_stages() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let start = find(root, &cell("user-ann", "w", Page::ModelExperience)).unwrap();
    start.focus().unwrap();
    assert_eq!(start.get_attribute("tabindex").as_deref(), Some("0"));

    press(&start, "ArrowRight");
    let batch = cell("user-ann", "w", Page::BatchInference);
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
    };
    assert!(until(|| focused().as_deref() == Some(batch.as_str())).await);
    let here = document().active_element().unwrap();
    press(&here, "Enter");
    staged_becomes(root, &batch, Some("grant")).await;
    assert!(find(root, &batch).unwrap().inner_text().starts_with("view"));
    press(&here, " ");
    staged_becomes(root, &batch, None).await;
    press(&here, "Enter");
    staged_becomes(root, &batch, Some("grant")).await;

    // Down to the next row (bob), same page.
    press(&here, "ArrowDown");
    let below = cell("user-bob", "w", Page::BatchInference);
    assert!(until(|| focused().as_deref() == Some(below.as_str())).await);
    let panel = text_becomes(root, "matrix-why", |t| t.contains("user bob")).await;
    assert!(panel.contains("is not a member"), "{panel}");

    // Left to the membership cell: the panel says what it would stage.
    let here = document().active_element().unwrap();
    press(&here, "Home");
    assert!(until(|| focused().as_deref() == Some("membership-user-bob-w")).await);
    let panel = text_becomes(root, "matrix-why", |t| t.contains("Membership")).await;
    assert!(
        panel.contains("user bob in w · Membership: not a member"),
        "{panel}"
    );
    assert!(panel.contains("to stage: Add user `bob` to `w`"), "{panel}");

    // One staged change is worded as one: no order, no "together".
    open_review(root).await;
    let question = root
        .query_selector(".preview__question")
        .unwrap()
        .map(|q| visible_text(&q))
        .unwrap_or_default();
    assert_eq!(question, "Apply 1 staged change as root?");
    assert_eq!(
        text_of(root, "matrix-review-title").as_deref(),
        Some("This change would:")
    );
    find(root, "matrix-apply").unwrap().click();
    let done = text_becomes(root, "matrix-feedback", |t| t.starts_with("Done")).await;
    assert_eq!(done, "Done: applied 1 change.");
    text_becomes(root, &batch, |t| t == "operate").await;
}

#[wasm_bindgen_test]
async fn two_thousand_principals_render_only_the_rows_in_view() {
    let started = js_sys::Date::now();
    let state = sample::generated_organisation(2000, 20, 5000, today());
    let principals = state.live_users().count() + state.live_roles().count();
    let built = js_sys::Date::now();
    let text = persist::to_json(&state);
    let serialized = js_sys::Date::now();
    seed_as(&state, &Who::root());
    let saved = js_sys::Date::now();
    // What every change costs the store's saving (serialize, then write), for comparison with
    // the matrix's own work below.
    console_log!(
        "generated {principals} principals and {} keys in {:.0} ms; envelope {} bytes, serialized in {:.0} ms, serialized and written in {:.0} ms",
        state.keys().count(),
        built - started,
        text.len(),
        serialized - built,
        saved - serialized
    );

    arrive(None, "/matrix");
    let mounting = js_sys::Date::now();
    let app = mount_app();
    let root = &app.container;
    assert!(until(|| rendered_rows(root) > 0).await);
    let shown = js_sys::Date::now();
    let rows = rendered_rows(root);
    console_log!(
        "matrix with {principals} principals interactive after {:.0} ms, {rows} rows in the document",
        shown - mounting
    );
    assert!(rows < 80, "{rows} rows rendered");
    let summary = text_of(root, "matrix-summary").unwrap();
    assert!(
        summary.contains(&format!("of {principals} principals")),
        "{summary}"
    );
    let body = find(root, "matrix-body").unwrap();
    let height = f64::from(body.offset_height());
    assert!(
        (height - principals as f64 * 32.0).abs() < 1.0,
        "body is {height}px"
    );

    // Scroll to the end: the last principals are drawn, still only a window of rows.
    let scroller = find(root, "matrix-scroller").unwrap();
    let scrolling = js_sys::Date::now();
    scroller.set_scroll_top(1_000_000);
    dispatch(&scroller, "new Event('scroll')");
    let last = format!("[aria-rowindex=\"{}\"]", principals + 1);
    assert!(until(|| root.query_selector(&last).unwrap().is_some()).await);
    console_log!(
        "scrolled to the end in {:.0} ms",
        js_sys::Date::now() - scrolling
    );
    assert!(rendered_rows(root) < 80);

    // Stage adding the last principal to the workspace from its membership cell: the cell is
    // marked, nothing else is drawn again.
    let last_row: Element = root.query_selector(&last).unwrap().unwrap();
    let cell: HtmlElement = last_row
        .query_selector("[data-col=\"0\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let before = cell.inner_text();
    let staging = js_sys::Date::now();
    cell.click();
    let handled = js_sys::Date::now();
    assert!(until(|| cell.get_attribute("data-staged").as_deref() == Some("add member")).await);
    console_log!(
        "stage add member: {:.1} ms in the click handler, {:.0} ms until drawn",
        handled - staging,
        js_sys::Date::now() - staging,
    );
    let feedback = text_of(root, "matrix-feedback").unwrap_or_default();
    assert!(feedback.starts_with("Staged"), "{feedback}");
    assert!(rendered_rows(root) < 80);

    // And stage a page on top of it (planned on a copy with the first change applied, made once).
    let page: HtmlElement = last_row
        .query_selector("[data-col=\"1\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(page.inner_text(), "none");
    let staging = js_sys::Date::now();
    page.click();
    let handled = js_sys::Date::now();
    assert!(until(|| page.get_attribute("data-staged").as_deref() == Some("grant")).await);
    console_log!(
        "stage a grant on top: {:.1} ms in the click handler (copies the state once), {:.0} ms until drawn",
        handled - staging,
        js_sys::Date::now() - staging
    );

    // Scrolled out of the document and back, the row is drawn afresh with its marks.
    scroller.set_scroll_top(0);
    dispatch(&scroller, "new Event('scroll')");
    assert!(until(|| root.query_selector(&last).unwrap().is_none()).await);
    scroller.set_scroll_top(1_000_000);
    dispatch(&scroller, "new Event('scroll')");
    assert!(until(|| root.query_selector(&last).unwrap().is_some()).await);
    let last_row: Element = root.query_selector(&last).unwrap().unwrap();
    let marks: Vec<Option<String>> = ["0", "1", "2"]
        .iter()
        .map(|col| {
            last_row
                .query_selector(&format!("[data-col=\"{col}\"]"))
                .unwrap()
                .unwrap()
                .get_attribute("data-staged")
        })
        .collect();
    assert_eq!(
        marks,
        [
            Some("add member".to_owned()),
            Some("grant".to_owned()),
            None
        ]
    );
    let cell: HtmlElement = last_row
        .query_selector("[data-col=\"0\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let page: HtmlElement = last_row
        .query_selector("[data-col=\"1\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();

    // The review computes the combined diff once, when it opens.
    let reviewing = js_sys::Date::now();
    find(root, "matrix-review").unwrap().click();
    let diff = text_becomes(root, "matrix-review-diff", |t| !t.is_empty()).await;
    console_log!(
        "review of 2 staged changes over {principals} principals: {:.0} ms until shown",
        js_sys::Date::now() - reviewing
    );
    assert!(diff.contains("none → operate"), "{diff}");
    let applying = js_sys::Date::now();
    find(root, "matrix-apply").unwrap().click();
    let handled = js_sys::Date::now();
    assert!(until(|| page.inner_text() == "operate").await);
    console_log!(
        "apply 2 changes: {:.1} ms in the click handler, {:.0} ms until drawn ({before} → {})",
        handled - applying,
        js_sys::Date::now() - applying,
        cell.inner_text()
    );
    assert!(rendered_rows(root) < 80);
}

// ---- the access checker -------------------------------------------------------------------------

fn check_link(check: &Check) -> String {
    let json = serde_json::to_string(check).unwrap();
    format!(
        "/check?q={}",
        String::from(js_sys::encode_uri_component(&json))
    )
}

#[wasm_bindgen_test]
async fn a_linked_denial_shows_its_trace_and_a_remedy_that_applies() {
    seed_as(&small_account(), &Who::root());
    let check = Check::CallModel {
        caller: Caller::Console {
            who: Who::user("bob"),
            workspace: "w".into(),
        },
        model: "qwen-plus".into(),
    };
    arrive(None, &check_link(&check));
    let app = mount_app();
    let root = &app.container;

    let outcome = text_becomes(root, "check-outcome", |t| t.contains("deny:not-member")).await;
    assert!(outcome.contains("Deny"), "{outcome}");
    let trace = find(root, "check-trace").unwrap();
    let steps = trace.query_selector_all("li").unwrap();
    assert_eq!(steps.length(), 2, "{}", trace.inner_text());
    let failed = trace
        .query_selector(".gate-trace__step--failed")
        .unwrap()
        .unwrap();
    assert!(
        failed
            .text_content()
            .unwrap()
            .contains("✗ Workspace membership")
    );
    // The fact quotes the workspace: drawn as a name, not between literal backticks.
    let name = failed
        .query_selector(".gate-trace__fact code.prose-name")
        .unwrap();
    assert!(name.is_some(), "{}", failed.inner_html());
    // The link filled the form too.
    let who: web_sys::HtmlInputElement = find(root, "check-who").unwrap().unchecked_into();
    assert!(until(|| who.value() == "bob").await, "{:?}", who.value());

    let remedy = text_of(root, "check-remedy-steps").unwrap();
    let lines: Vec<&str> = remedy.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 3, "{remedy}");
    assert!(remedy.contains("Add user `bob` to `w`"), "{remedy}");
    assert!(remedy.contains("Model experience"), "{remedy}");

    find(root, "check-remedy-apply").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("allow")).await;
    let results = text_of(root, "check-remedy-results").unwrap();
    assert_eq!(results.matches("done").count(), 3, "{results}");
    assert!(find(root, "check-remedy").is_none());
    // Saving happens after the frame that shows the change.
    assert!(
        until(
            || pages_of(&stored(), "bob", "w").is_some_and(|p| p.contains(&Page::ModelExperience))
        )
        .await
    );
}

#[wasm_bindgen_test]
async fn the_form_asks_a_question_and_puts_it_in_the_address() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let root = &app.container;
    appears(root, "check-answer-empty").await;

    set_value(root, "check-op", "open-page");
    appears(root, "check-page").await;
    set_value(root, "check-who", "ann via ops");
    set_value(root, "check-workspace", "w");
    set_value(root, "check-page", Page::ApiKey.as_str());
    set_value(root, "check-access", "view");
    find(root, "check-submit").unwrap().click();

    let outcome = text_becomes(root, "check-outcome", |t| t.contains("deny:")).await;
    assert!(outcome.contains("deny:page-restricted"), "{outcome}");
    assert!(text_of(root, "check-trace").unwrap().contains("role `ops`"));
    assert_eq!(pathname(), "/check");
    let search = window().location().search().unwrap();
    assert!(search.starts_with("?q="), "{search}");
    assert!(
        search.contains("open-page"),
        "the question is in the address: {search}"
    );
}

#[wasm_bindgen_test]
async fn an_address_that_is_no_ip_is_refused_inline() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let root = &app.container;
    appears(root, "check-op").await;

    appears(root, "check-through-key").await.click();
    appears(root, "check-ip").await;
    set_value(root, "check-key", "k1");
    set_value(root, "check-ip", "300.1.2.3");
    find(root, "check-submit").unwrap().click();
    let error = text_becomes(root, "check-error-ip", |t| !t.is_empty()).await;
    assert!(error.contains("not an IP address"), "{error}");
    assert!(find(root, "check-answer-empty").is_some());
    assert_eq!(window().location().search().unwrap(), "");

    set_value(root, "check-ip", "203.0.113.7");
    find(root, "check-submit").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("deny:unknown-key")).await;
    assert!(until(|| problem_of(root, "check-ip").is_none()).await);
}

/// `small_account` with `qwen-plus` authorized in `w`, limited to `rpm` requests a minute if
/// given, and ann's key `k1` there.
fn with_key_k1(rpm: Option<i64>) -> State {
    let mut state = small_account();
    let mut steps = vec![
        sample::authorize_call("w", "qwen-plus"),
        sample::create_key("w", "ann", "k1"),
    ];
    if rpm.is_some() {
        steps.push(sample::model_limits("w", "qwen-plus", rpm, None));
    }
    run_as_root(&mut state, &steps, 9);
    state
}

/// Asks for a load of `qwen-plus` in the checker shown in `root`.
async fn ask_a_load(root: &Element) {
    appears(root, "check-op").await;
    set_value(root, "check-op", "load");
    appears(root, "check-traffic").await;
    set_value(root, "check-model", "qwen-plus");
}

/// Fills line `n` of the load's traffic with `key` and `requests`, adding the line first unless
/// it is the first.
async fn traffic_line(root: &Element, n: u32, key: &str, requests: &str) {
    if n > 0 {
        find(root, "check-traffic-add").unwrap().click();
        appears(root, &format!("check-traffic-{n}-key")).await;
    }
    set_value(root, &format!("check-traffic-{n}-key"), key);
    set_value(root, &format!("check-traffic-{n}-requests"), requests);
}

/// The load table's total row, cell by cell.
fn load_total(root: &Element) -> Vec<String> {
    let total = text_of(root, "check-load-total").unwrap_or_default();
    total.split_whitespace().map(str::to_owned).collect()
}

#[wasm_bindgen_test]
async fn a_load_counts_allowed_and_throttled_requests() {
    let app = visit(
        Screen::AccessChecker,
        "",
        &with_key_k1(Some(10)),
        &Who::root(),
    );
    let root = &app.container;
    ask_a_load(root).await;
    traffic_line(root, 0, "k1", "25").await;
    traffic_line(root, 1, "nope", "lots").await;
    find(root, "check-submit").unwrap().click();
    let error = text_becomes(root, "check-error-traffic-1-requests", |t| !t.is_empty()).await;
    assert!(error.contains("whole number"), "{error}");

    find(root, "check-traffic-1-remove").unwrap().click();
    assert!(until(|| find(root, "check-traffic-1-key").is_none()).await);
    find(root, "check-submit").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("deny:rate-limited")).await;
    assert_eq!(load_total(root), ["Total", "10", "15", "0"]);
    // Raising the limit to what the minute asks is the change that allows it (a new user's
    // walk: it offered to remove the limits).
    let steps = text_of(root, "check-remedy-steps").unwrap();
    assert!(
        steps.contains("Limit `qwen-plus` in `w` to 25 requests per minute"),
        "{steps}"
    );
}

/// A new user's walk: counts past 4,294,967,295 read whole (the heading showed 5,000,000,000
/// tokens as 4294967295), grouped by thousands, and the total is the sum of its rows (with two
/// lines of u64::MAX requests it saturated).
#[wasm_bindgen_test]
async fn a_loads_huge_counts_read_whole_and_add_up() {
    let app = visit(Screen::AccessChecker, "", &with_key_k1(None), &Who::root());
    let root = &app.container;
    ask_a_load(root).await;
    traffic_line(root, 0, "k1", "18446744073709551615").await;
    set_value(root, "check-traffic-0-tokens", "5000000000");
    traffic_line(root, 1, "k1", "18446744073709551615").await;
    find(root, "check-submit").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("allow")).await;
    let question = text_of(root, "check-question").unwrap();
    assert!(
        question.contains("× 18,446,744,073,709,551,615 (5,000,000,000 tokens each)"),
        "{question}"
    );
    assert_eq!(
        load_total(root),
        ["Total", "36,893,488,147,419,103,230", "0", "0"]
    );
}

// ---- the audit ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_audit_groups_findings_and_links_each_subject() {
    let state = sample::sample_organisation(today());
    let findings = state.audit();
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let root = &app.container;

    let count = text_becomes(root, "audit-count", |t| !t.is_empty()).await;
    assert!(
        count.starts_with(&format!("{} finding", findings.len())),
        "{count}"
    );
    let suspended = appears(root, "audit-group-suspended-key").await;
    assert!(suspended.inner_text().contains("Suspended key"));
    let link = suspended
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap();
    // To the keys page (a deep link may also name the key).
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(href == "/keys" || href.starts_with("/keys?"), "{href}");
    assert!(
        suspended
            .inner_text()
            .contains("add the owner (user or role) back to the key's workspace")
    );
    let role = find(root, "audit-group-role-without-trust").unwrap();
    let link: HtmlElement = role
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(
        href == "/identities" || href.starts_with("/identities?"),
        "{href}"
    );

    link.click();
    assert_eq!(
        heading_becomes(root, "Identities").await.as_deref(),
        Some("Identities")
    );
}

#[wasm_bindgen_test]
async fn a_clean_account_has_an_empty_audit() {
    let app = visit(
        Screen::Audit,
        "",
        &State::new_account(today()),
        &Who::root(),
    );
    let root = &app.container;
    appears(root, "audit-empty").await;
    assert!(find(root, "audit-count").is_none());
}
