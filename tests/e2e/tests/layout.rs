//! The layout of the release build (issue 13): on a phone the header fits and the Data menu is
//! reachable; long names never widen the page: they wrap, or show in full on hover.

use studio_access_core::{
    Command, Date, KeyOwnerName, MemberName, Policy, SeededEntropy, State, Who, sample,
};
use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

/// The site with the sample organisation, the window `width` × `height`, open on `screen`.
async fn sample_at(screen: Screen, width: u32, height: u32) -> Result<Site, HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(
        &sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP),
        screen,
    )
    .await?;
    site.resize(width, height).await?;
    site.open_screen(screen).await?;
    Ok(site)
}

/// A user name of the longest length the console accepts (64 characters).
const LONG: &str = "a-user-whose-name-is-as-long-as-the-console-allows-sixty-four-ch";

/// The sample organisation, plus a user named [`LONG`] who is a member of project-a and owns a
/// key there.
fn long_named() -> State {
    let mut state = sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP);
    let mut entropy = SeededEntropy::new(13);
    for command in [
        Command::CreateUser { name: LONG.into() },
        Command::AddMember {
            workspace: "project-a".into(),
            member: MemberName::User(LONG.into()),
            admin: false,
        },
        Command::CreateApiKey {
            workspace: "project-a".into(),
            owner: KeyOwnerName::Named(LONG.into()),
            key: "long-owner-key".into(),
        },
    ] {
        let executed = state.execute(&Who::root(), &command, &mut entropy);
        assert!(executed.outcome.is_success(), "{command:?}: {executed:?}");
    }
    state
}

/// A user and a role of 60 characters with neither a space nor a hyphen to break at.
const UNBROKEN: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

/// A key label of 60 characters with neither a space nor a hyphen to break at.
const UNBROKEN_KEY: &str = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";

/// The sample organisation, plus root's key [`UNBROKEN_KEY`] in project-a, and user and role
/// [`UNBROKEN`]: the role trusts the user and is a RAM administrator, and the user, acting
/// through it, created user `helper` (the activity log's newest change is by "user via role").
/// The user reaches no workspace, which the audit finds.
fn long_unbroken() -> State {
    let mut state = sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP);
    let mut entropy = SeededEntropy::new(17);
    let by_root = [
        Command::CreateApiKey {
            workspace: "project-a".into(),
            owner: KeyOwnerName::Named("root".into()),
            key: UNBROKEN_KEY.into(),
        },
        Command::CreateUser {
            name: UNBROKEN.into(),
        },
        Command::CreateRole {
            name: UNBROKEN.into(),
        },
        Command::TrustRole {
            role: UNBROKEN.into(),
            user: UNBROKEN.into(),
        },
        Command::AttachPolicy {
            member: MemberName::Role(UNBROKEN.into()),
            policy: Policy::AliyunRamFullAccess,
        },
    ];
    let through_the_role = Command::CreateUser {
        name: "helper".into(),
    };
    let steps = by_root
        .iter()
        .map(|command| (Who::root(), command))
        .chain([(Who::via(UNBROKEN, UNBROKEN), &through_the_role)]);
    for (who, command) in steps {
        let executed = state.execute(&who, command, &mut entropy);
        assert!(executed.outcome.is_success(), "{command:?}: {executed:?}");
    }
    state
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_header_fits_and_the_data_menu_is_reachable() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.resize(390, 844).await?;
    for _ in ["a new account", "the sample organisation"] {
        assert_eq!(site.element_overflow_x("app-header").await?, 0, "header");
        assert_eq!(site.overflow_x().await?, 0, "page");
        assert!(site.within_window("data-menu-toggle").await?);
        site.click("data-menu-toggle").await?;
        assert!(site.within_window("data-sample").await?, "Load the sample");
        site.click("data-sample").await?;
        site.text_contains("data-feedback", "Loaded the sample organisation")
            .await?;
        site.click("data-menu-toggle").await?;
    }
    // With the sample, no screen is wider than the phone (the activity log was 436 px).
    for (screen, drawn) in [
        (Screen::Overview, "nav"),
        (Screen::Activity, "activity-table"),
        (Screen::Workspaces, "nav"),
    ] {
        site.open_screen(screen).await?;
        site.by_test_id(drawn).await?;
        assert_eq!(site.overflow_x().await?, 0, "{screen:?} at 390 px");
    }
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_long_name_never_widens_the_page_and_shows_in_full_on_hover() -> Result<(), HarnessError>
{
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(&long_named(), Screen::Identities).await?;
    site.by_test_id(&format!("principal-row-user-{LONG}"))
        .await?;

    let matrix = format!("{}?workspace=project-a", site.path_of(Screen::Permissions));
    let workspaces = format!("{}?workspace=project-a", site.path_of(Screen::Workspaces));
    for (screen, path, row) in [
        (
            Screen::Identities,
            site.path_of(Screen::Identities),
            format!("principal-row-user-{LONG}"),
        ),
        (
            Screen::Workspaces,
            workspaces,
            format!("member-row-user:{LONG}"),
        ),
        (
            Screen::ApiKeys,
            site.path_of(Screen::ApiKeys),
            "key-row-long-owner-key".to_owned(),
        ),
        (
            Screen::Permissions,
            matrix,
            format!("row-user-{LONG}-project-a"),
        ),
    ] {
        site.open(&path).await?;
        site.wait_for_screen(screen).await?;
        site.by_test_id(&row).await?;
        assert_eq!(
            site.overflow_x().await?,
            0,
            "{screen:?} is wider than the window"
        );
        let titles = site.titles_containing(LONG).await?;
        assert!(
            !titles.is_empty(),
            "{screen:?}: no element shows {LONG} on hover"
        );
        // Every column of the keys and the identities is in view at 1280 px, none past a
        // sideways scroll (a review measured the keys 1433 px wide in a 990 px frame, and the
        // identities 1052 px in 1024).
        let scroller = match screen {
            Screen::ApiKeys => Some("keys-scroller"),
            Screen::Identities => Some("identities-scroller"),
            _ => None,
        };
        if let Some(scroller) = scroller {
            assert_eq!(
                site.element_overflow_x(scroller).await?,
                0,
                "{screen:?}: columns hidden past a scroll"
            );
        }
    }
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_long_unbroken_name_never_widens_the_page() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(&long_unbroken(), Screen::Activity).await?;

    // The activity log's "who" and an audit finding's subject wrap.
    site.text_contains("activity-table", &format!("{UNBROKEN} via {UNBROKEN}"))
        .await?;
    assert_eq!(
        site.overflow_x().await?,
        0,
        "Activity is wider than the window"
    );
    site.go_to(Screen::Audit).await?;
    site.by_test_id("audit-subject").await?;
    let mut subjects = Vec::new();
    for subject in site.all_by_test_id("audit-subject").await? {
        subjects.push(subject.text().await?);
    }
    assert!(
        subjects.iter().any(|subject| subject.contains(UNBROKEN)),
        "no finding names {UNBROKEN}: {subjects:?}"
    );
    assert_eq!(
        site.overflow_x().await?,
        0,
        "Audit is wider than the window"
    );

    // The identities' and keys' tables cut the name short, whole on hover.
    for (screen, row, name) in [
        (
            Screen::Identities,
            format!("principal-row-user-{UNBROKEN}"),
            UNBROKEN,
        ),
        (
            Screen::ApiKeys,
            format!("key-row-{UNBROKEN_KEY}"),
            UNBROKEN_KEY,
        ),
    ] {
        site.go_to(screen).await?;
        site.by_test_id(&row).await?;
        assert_eq!(
            site.overflow_x().await?,
            0,
            "{screen:?} is wider than the window"
        );
        let titles = site.titles_containing(name).await?;
        assert!(
            !titles.is_empty(),
            "{screen:?}: no element shows {name} on hover"
        );
    }
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_disabled_control_never_looks_enabled() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.load_sample().await?;
    let mut seen = 0;
    let mut alike = Vec::new();
    // As lead-01, who may not manage, the quota form's fields are disabled too.
    for identity in ["root", "lead-01"] {
        site.act_as(identity).await?;
        for screen in Screen::ALL {
            site.go_to(screen).await?;
            let (here, looks_enabled) = site.disabled_controls().await?;
            seen += here;
            alike.extend(
                looks_enabled
                    .into_iter()
                    .map(|b| format!("{identity}, {screen:?}: {b}")),
            );
        }
    }
    // The sample's activated features and the matrix's empty staging disable some buttons.
    assert!(seen > 0, "no disabled button was found to look at");
    assert!(alike.is_empty(), "disabled but drawn as enabled: {alike:?}");
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn the_data_menus_question_can_be_answered_in_a_short_window() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.load_sample().await?;
    // The question lists what the sample would lose: at 680 px its buttons were drawn below the
    // window, in a panel of the sticky header that neither it nor the page could scroll.
    site.resize(1280, 680).await?;
    site.click("data-menu-toggle").await?;
    site.press("data-reset").await?;
    site.by_test_id("data-reset-confirm").await?;
    site.press("data-reset-cancel").await?;
    site.gone("data-reset-confirm").await?;
    site.close().await
}

/// On a phone (issue 13): the navigation's row shows the current screen's link, whether the
/// screen was opened by its address or reached by going back; the acting identity reads whole
/// ("root (Alibaba Cloud account)" was cut at 140 px); a workspace's ID is on one line (it
/// broke mid-word).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_current_screen_the_acting_identity_and_ids_show_whole()
-> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(
        &sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP),
        Screen::Overview,
    )
    .await?;
    site.resize(390, 844).await?;
    let mut hidden = Vec::new();
    for screen in Screen::ALL {
        site.open_screen(screen).await?;
        if !site.within_window(&screen.nav_link()).await? {
            hidden.push(screen.title());
        }
    }
    assert!(hidden.is_empty(), "current link out of view on {hidden:?}");
    // From the last screen to the first and back: the row scrolls back to the last's link
    // (clicking the first's brought that one into view).
    site.go_to(Screen::Overview).await?;
    site.back().await?;
    site.wait_for_screen(Screen::Scenarios).await?;
    let last = Screen::Scenarios.nav_link();
    let shown = async || site.within_window(&last).await.unwrap_or(false);
    let mut seen = shown().await;
    for _ in 0..20 {
        if seen {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        seen = shown().await;
    }
    assert!(seen, "Scenarios' link after going back to it");

    assert!(site.shows_whole_choice("identity-select").await?);
    site.open_screen(Screen::Workspaces).await?;
    site.by_test_id("ws-id").await?;
    let lines = site.text_lines("ws-id").await?;
    assert!(
        !lines.is_empty() && lines.iter().all(|&n| n == 1),
        "lines of each ID: {lines:?}"
    );
    site.close().await
}

/// At 1280 px (issue 13): the Create workspace button stays beside its field when the name's
/// problem shows (it jumped along the line, after the problem).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_fields_problem_does_not_move_its_forms_button() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(
        &sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP),
        Screen::Workspaces,
    )
    .await?;
    site.resize(1280, 800).await?;
    let before = site.position("create-workspace-submit").await?;
    site.type_into("create-workspace-name", "bad name!").await?;
    site.by_test_id("create-workspace-name-problem").await?;
    site.text_until("create-workspace-name-problem", |t| !t.is_empty())
        .await?;
    assert_eq!(site.position("create-workspace-submit").await?, before);
    site.close().await
}

/// On a phone (issue 13): the checker's "Seen an error message?" form gives its fields the
/// width of the card (they were squeezed to 27 px beside their long labels).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_error_lookups_fields_are_usable() -> Result<(), HarnessError> {
    let site = sample_at(Screen::AccessChecker, 390, 844).await?;
    let mut narrow = Vec::new();
    for field in ["error-text", "error-who", "error-workspace"] {
        let width = site.width(field).await?;
        if width < 200 {
            narrow.push((field, width));
        }
    }
    assert!(narrow.is_empty(), "fields narrower than 200 px: {narrow:?}");
    assert_eq!(site.overflow_x().await?, 0);
    site.close().await
}

/// At 1280 × 800 (issue 13): a cell reached with the arrow keys and the panel that says why it
/// has its access are both in the window (the panel was below it).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn the_matrix_cell_in_focus_and_its_reason_show_together() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    site.seed(
        &sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP),
        Screen::Permissions,
    )
    .await?;
    site.resize(1280, 800).await?;
    let matrix = format!("{}?workspace=project-a", site.path_of(Screen::Permissions));
    site.open(&matrix).await?;
    site.wait_for_screen(Screen::Permissions).await?;
    let first = "cell-user-admin-01-project-a-ModelExperience-FullAccess";
    site.by_test_id(first).await?;
    // Down twice, as a person reading the column would.
    site.send_keys(first, "\u{E015}\u{E015}").await?;
    let mut focused = String::new();
    for _ in 0..20 {
        focused = site.focused().await?;
        if focused != first {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        focused.starts_with("cell-") && focused != first,
        "focus on {focused:?}"
    );
    let mut both = false;
    for _ in 0..20 {
        both = site.within_window(&focused).await? && site.within_window("matrix-why").await?;
        if both {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        both,
        "the cell {focused} and the reason are not both in the window"
    );
    site.close().await
}

/// At 1280 px (issue 13): an Identities cell too narrow for its policies or standing ends in an
/// ellipsis (the chips were cut mid-word, "AliyunBSSRea", with nothing to say more was there).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_cut_identities_cell_ends_in_an_ellipsis() -> Result<(), HarnessError> {
    let site = sample_at(Screen::Identities, 1280, 800).await?;
    site.by_test_id("principal-row-user-analyst").await?;
    let cut = site
        .browser()
        .client()
        .execute(
            "return [...document.querySelectorAll('.fw-policies, .fw-standing')]
               .filter((e) => e.scrollWidth > e.clientWidth + 1)
               .map((e) => [e.textContent, getComputedStyle(e).textOverflow]);",
            Vec::new(),
        )
        .await?;
    let cut = cut.as_array().cloned().unwrap_or_default();
    assert!(
        !cut.is_empty(),
        "the sample has cells too narrow for their chips"
    );
    let bare: Vec<_> = cut
        .iter()
        .filter(|pair| pair.get(1).and_then(|v| v.as_str()) != Some("ellipsis"))
        .collect();
    assert!(bare.is_empty(), "cut without an ellipsis: {bare:?}");
    site.close().await
}

/// On a phone (issue 13): a key's Delete question shows whole in the window (beside its button
/// it was cut by the table's sideways scroll).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_a_keys_delete_question_shows_whole() -> Result<(), HarnessError> {
    let site = sample_at(Screen::ApiKeys, 390, 844).await?;
    site.press("key-delete-project-a-open").await?;
    for part in [
        "key-delete-project-a-open-diff",
        "key-delete-project-a-open-confirm",
        "key-delete-project-a-open-cancel",
    ] {
        site.by_test_id(part).await?;
        assert!(
            site.within_window(part).await?,
            "{part} is not wholly in the window"
        );
    }
    site.close().await
}

/// On a phone (issue 13): a table too wide for the window scrolls sideways in its frame rather
/// than break its words mid-word ("callabl|e", "model|s"; the catalog's "embedd|ing", whose
/// table had no frame).
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_table_words_do_not_break_mid_word() -> Result<(), HarnessError> {
    let site = sample_at(Screen::Workspaces, 390, 844).await?;
    site.press("ws-open-project-a").await?;
    let mut broken = Vec::new();
    for table in ["ws-table", "models-table", "members-table", "catalog-table"] {
        site.by_test_id(table).await?;
        broken.extend(site.broken_words(table).await?);
    }
    assert!(broken.is_empty(), "words broken mid-word: {broken:?}");
    assert_eq!(site.overflow_x().await?, 0);
    site.close().await
}

/// At 390 × 844 (a phone; issue 13's "long names never widen the page"): the "What can … do?"
/// table scrolls sideways inside its frame and its column heads keep their words whole. A new
/// user's walk saw the page 847 px wide (the table's screen-reader words were placed outside its
/// frame) and the heads stacked a letter per line.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_what_can_table_scrolls_within_its_frame() -> Result<(), HarnessError> {
    let site = sample_at(Screen::AccessChecker, 390, 844).await?;
    site.click("check-what-can").await?;
    site.by_test_id("what-can-table").await?;
    assert_eq!(site.overflow_x().await?, 0, "the page scrolls sideways");
    let broken = site.broken_words("what-can-table").await?;
    assert!(broken.is_empty(), "words broken across lines: {broken:?}");
    site.close().await
}

/// At 390 × 844 (a phone): Check brings its answer into the window. A new user's walk saw the
/// answer drawn at y 954, below the error lookup, and Check seemed to do nothing.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_check_brings_its_answer_into_the_window() -> Result<(), HarnessError> {
    let site = sample_at(Screen::AccessChecker, 390, 844).await?;
    site.click("check-submit").await?;
    site.by_test_id("check-outcome").await?;
    let mut top = i64::MAX;
    for _ in 0..20 {
        top = site.position("check-outcome").await?.1;
        if (0..844).contains(&top) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        (0..844).contains(&top),
        "the answer's outcome is drawn at y {top}"
    );
    site.close().await
}

/// On a phone (a new user's walk): a workspace's Manage button was drawn past the right edge of
/// its table's frame, and a model's name scrolled out of view while its limit field was in use.
/// Both stay in the frame as the row scrolls sideways.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_a_rows_button_and_a_models_name_stay_in_view() -> Result<(), HarnessError> {
    let site = sample_at(Screen::Workspaces, 390, 844).await?;
    for workspace in ["default@cn-beijing", "project-a"] {
        let button = format!("ws-open-{workspace}");
        site.by_test_id(&button).await?;
        assert!(site.within_window(&button).await?, "{button}");
    }
    site.press("ws-open-project-a").await?;
    site.press("limit-tpm-qwen-max").await?;
    // Pressed, the field is scrolled into the frame; the name's cell stays at the frame's left.
    let (name, _) = site.position("model-name-qwen-max").await?;
    assert!(name >= 0, "the model's name is drawn at x {name}");
    assert!(site.within_window("limit-tpm-qwen-max").await?);
    site.close().await
}

/// On a phone (a new user's walk): the Data menu's questions opened in the dropdown as a box in
/// a box in a box, their list of changes scrolling inside the scrolling panel. The panel alone
/// scrolls now, and nothing in it scrolls sideways.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_data_menus_question_scrolls_once() -> Result<(), HarnessError> {
    let site = sample_at(Screen::Identities, 390, 844).await?;
    site.click("data-menu-toggle").await?;
    site.press("data-reset").await?;
    site.by_test_id("data-reset-effect-lines").await?;
    assert_eq!(site.element_overflow_y("data-reset-effect-lines").await?, 0);
    assert_eq!(site.overflow_x().await?, 0);
    site.close().await
}

/// On a phone: the reason a disabled Who can? gives stood in a column two words wide beside the
/// buttons (seen on the release build); the checker's notes take a line of their own there.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_checkers_notes_read_across_the_form() -> Result<(), HarnessError> {
    let site = sample_at(Screen::AccessChecker, 390, 844).await?;
    site.press("check-through-key").await?;
    site.by_test_id("check-who-can-why").await?;
    let width = site.width("check-who-can-why").await?;
    assert!(width >= 250, "the note is {width} px wide");
    site.close().await
}

/// A new user's walk: on a phone the header wraps to twice its height, and the matrix's bar of
/// staged changes (with Review), sticking below where the header would end on a wide screen,
/// hid behind it once the page was scrolled: a tap on Review reached the identity picker.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_the_matrix_review_stays_reachable_when_scrolled() -> Result<(), HarnessError> {
    let site = sample_at(Screen::Permissions, 390, 844).await?;
    site.by_test_id("matrix-review").await?;
    assert!(
        site.reachable_after_scroll("matrix-review", 900).await?,
        "the header covers Review"
    );
    site.close().await
}

/// A new user's walk: at 390 px a load's traffic table and its answer widened the page to
/// 704 px, cutting the Throttled, Denied and Why columns; a 20-digit count showed 15 digits.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn on_a_phone_a_load_and_its_answer_fit() -> Result<(), HarnessError> {
    let site = sample_at(Screen::AccessChecker, 390, 844).await?;
    site.choose("check-op", "load").await?;
    site.type_into("check-traffic-0-key", "project-a-app")
        .await?;
    site.type_into("check-traffic-0-requests", "18446744073709551615")
        .await?;
    assert_eq!(
        site.element_overflow_x("check-traffic-0-requests").await?,
        0,
        "the count is cut"
    );
    site.click("check-submit").await?;
    site.by_test_id("check-load").await?;
    assert_eq!(
        site.overflow_x().await?,
        0,
        "the page is wider than the phone"
    );
    site.close().await
}
