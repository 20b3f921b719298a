//! Code that is no part of a first visit (issue 12's download budget).

/// Declares an `async fn` of one argument whose code, with the `split` feature (the release
/// build), is a Leptos `#[lazy]` function: a piece of the wasm of its own, fetched the first time
/// it is called. Without the feature it is an `async fn` that runs at once. Callers `.await` it
/// either way.
macro_rules! lazy_in_split {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($arg:ident: $ty:ty) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::lazy]
        $vis fn $name($arg: $ty) -> $ret $body

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($arg: $ty) -> $ret $body
    };
}
