//! What each route draws. Built with the `split` feature (the release site), every screen is a
//! piece of the wasm of its own, loaded the first time a person opens it: the first download
//! holds the shell and the screen it opens on. Without the feature (the browser tests, `trunk
//! serve`) a route draws its screen directly.

use leptos_router::ChooseView;

/// For each screen, a function `name() -> impl ChooseView` for its `<Route view=…>`, and with
/// the `split` feature the lazily loaded route type behind it.
macro_rules! screens {
    ($($name:ident: $route:ident => $page:path),* $(,)?) => {$(
        #[cfg(feature = "split")]
        #[derive(Debug)]
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny as _;
                $page().into_any()
            }
        }

        #[cfg(feature = "split")]
        pub fn $name() -> impl ChooseView {
            leptos_router::Lazy::<$route>::new()
        }

        #[cfg(not(feature = "split"))]
        pub fn $name() -> impl ChooseView {
            $page
        }
    )*

        /// Fetches every screen's piece once the browser is idle after the first screen is
        /// drawn, one after another, so that moving between screens does not wait for the
        /// network. Without `split` every screen is already there.
        pub fn preload_screens() {
            #[cfg(feature = "split")]
            leptos::prelude::request_idle_callback(|| {
                leptos::task::spawn_local(async {
                    $(<$route as leptos_router::LazyRoute>::preload().await;)*
                });
            });
        }
    };
}

// Each route type is named after its screen's `Screen::slug`: wasm-split-cli names a screen's
// module after it (`split___keys_view_<hash>.wasm`), and .ci/build-wasm finds a route's modules
// by that name.
screens! {
    overview: Overview => crate::pages::OverviewPage,
    identities: Identities => crate::pages::IdentitiesPage,
    workspaces: Workspaces => crate::pages::WorkspacesPage,
    permissions: Matrix => crate::pages::MatrixPage,
    api_keys: Keys => crate::pages::KeysPage,
    access_checker: Check => crate::pages::CheckerPage,
    audit: Audit => crate::pages::AuditPage,
    activity: Activity => crate::pages::ActivityPage,
    compare: Compare => crate::pages::ComparePage,
    scenarios: Scenarios => crate::pages::ScenariosPage,
}
