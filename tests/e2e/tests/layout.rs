//! The layout of the release build (issue 13): on a phone the header fits and the Data menu is
//! reachable; long names never widen the page, and show in full on hover.

use studio_access_core::{
    Command, Date, KeyOwnerName, MemberName, SeededEntropy, State, Who, sample,
};
use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

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
    }
    site.close().await
}
