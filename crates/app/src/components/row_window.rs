//! The scroll state of a long table that draws only the rows in view and a few beyond each edge
//! ([`studio_access_view::rows`]); spacer rows above and below keep the scroll bar true. Used by
//! the permissions matrix's grid, Identities and API keys.

use std::ops::Range;

use leptos::html::Div;
use leptos::prelude::*;
use studio_access_view::rows;
use studio_access_view::tables::Head;

use crate::components::TableHead;

/// At most this much of a viewport is counted, so that a container laid out without a height
/// never draws every row.
const MAX_VIEWPORT: i32 = 4000;

/// The scroll state of one windowed table. A `Copy` handle.
#[derive(Clone, Copy)]
pub struct RowWindow {
    scroller: NodeRef<Div>,
    scroll_top: RwSignal<i32>,
    viewport: RwSignal<i32>,
    row_height: i32,
    overscan: usize,
}

impl RowWindow {
    /// A window over rows of `row_height` pixels, drawing `overscan` rows beyond each edge; it
    /// measures its container once drawn and on every resize of the window.
    pub fn new(row_height: i32, overscan: usize) -> RowWindow {
        let window = RowWindow {
            scroller: NodeRef::new(),
            scroll_top: RwSignal::new(0),
            viewport: RwSignal::new(800),
            row_height: row_height.max(1),
            overscan,
        };
        Effect::new(move |_| {
            if window.scroller.get().is_some() {
                request_animation_frame(move || window.measure());
            }
        });
        let resize = window_event_listener(leptos::ev::resize, move |_| window.measure());
        on_cleanup(move || resize.remove());
        window
    }

    /// The scroll container's node reference.
    pub fn node_ref(self) -> NodeRef<Div> {
        self.scroller
    }

    /// Reads the container's scroll offset and height (on scroll, resize, and once drawn). Also
    /// called from animation frames, which may come after the table is gone: hence `try_`.
    pub fn measure(self) {
        if let Some(Some(element)) = self.scroller.try_get_untracked() {
            let _ = self.scroll_top.try_set(element.scroll_top());
            let height = element.client_height();
            if height > 0 {
                let _ = self.viewport.try_set(height.min(MAX_VIEWPORT));
            }
        }
    }

    /// The rows of `total` to draw now (reactive: follows scrolling and resizing).
    pub fn range(self, total: usize) -> Range<usize> {
        let (top, viewport) = (self.scroll_top.get(), self.viewport.get());
        rows::drawn(top, viewport, self.row_height, self.overscan, total)
    }

    /// How many whole rows are in view: what Page Up and Page Down move by.
    pub fn rows_in_view(self) -> usize {
        rows::in_view(self.viewport.get_untracked(), self.row_height)
    }

    /// Scrolls `row` to the middle of the view unless it is among the rows `drawn`.
    pub fn reveal(self, row: usize, drawn: &Range<usize>) {
        if !drawn.contains(&row) {
            self.centre(row);
        }
    }

    /// Scrolls `row` to the middle of the view, drawn or not (a deep link to a row far down).
    /// Also called from animation frames, which may come after the table is gone: hence `try_`.
    pub fn centre(self, row: usize) {
        let Some(viewport) = self.viewport.try_get_untracked() else {
            return;
        };
        let top = rows::centred_on(row, self.row_height, viewport);
        if let Some(Some(element)) = self.scroller.try_get_untracked() {
            element.set_scroll_top(top);
        }
        let _ = self.scroll_top.try_set(top);
    }

    /// The inline style of a spacer row standing for `rows` rows not drawn.
    pub fn spacer(self, count: usize) -> String {
        format!("height: {}px", rows::spacer_height(count, self.row_height))
    }

    /// The rows of `all` to draw now, with the range of `all` they are (reactive).
    pub fn drawn<T>(self, all: Memo<Vec<T>>) -> (Memo<Range<usize>>, Memo<Vec<T>>)
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let range = Memo::new(move |_| self.range(all.with(Vec::len)));
        let drawn = Memo::new(move |_| {
            let range = range.get();
            all.with(|all| all.get(range).map(<[T]>::to_vec).unwrap_or_default())
        });
        (range, drawn)
    }
}

/// A table of which only the rows in view are drawn: its scroll container, its head, and the
/// drawn rows (`children`) between two spacer rows that stand for the rest.
///
/// Test ids: `{test_id}-scroller` for the container, `{test_id}-table` for the table.
#[component]
pub fn WindowedTable<T>(
    /// The table's window.
    window: RowWindow,
    /// The table's head.
    head: Head,
    /// Every row of the table.
    all: Memo<Vec<T>>,
    /// The range of `all` drawn (see [`RowWindow::drawn`]).
    range: Memo<Range<usize>>,
    /// The container's class, besides `fw-window`.
    frame_class: &'static str,
    /// The table's class, besides `fw-table--windowed`.
    class: &'static str,
    /// The start of the test ids.
    test_id: &'static str,
    /// The drawn rows.
    children: Children,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let columns = head.columns.len();
    view! {
        <div
            class=format!("{frame_class} fw-window")
            node_ref=window.node_ref()
            on:scroll=move |_| window.measure()
            data-testid=format!("{test_id}-scroller")
        >
            <table class=format!("{class} fw-table--windowed") data-testid=format!("{test_id}-table")>
                <TableHead head=head />
                <tbody>
                    <SpacerRow window=window columns=columns all=all range=range after_drawn=false />
                    {children()}
                    <SpacerRow window=window columns=columns all=all range=range after_drawn=true />
                </tbody>
            </table>
        </div>
    }
}

/// The row of a windowed table that stands for its rows not drawn above (`after_drawn` false) or
/// below the drawn ones, so that the scroll bar is true.
#[component]
fn SpacerRow<T>(
    /// The table's window.
    window: RowWindow,
    /// How many columns the table has.
    columns: usize,
    /// Every row of the table.
    all: Memo<Vec<T>>,
    /// The range of `all` drawn.
    range: Memo<Range<usize>>,
    /// Whether it stands below the drawn rows.
    after_drawn: bool,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let hidden = move || {
        let range = range.get();
        if after_drawn {
            all.with(Vec::len).saturating_sub(range.end)
        } else {
            range.start
        }
    };
    view! {
        <tr class="fw-spacer" aria-hidden="true">
            <td colspan=columns style=move || window.spacer(hidden())></td>
        </tr>
    }
}
