//! Which rows of a long table are drawn. Tables of thousands of rows (the permissions matrix,
//! Identities, API keys) draw only the rows in view and a few beyond each edge; rows have one
//! fixed height, so everything follows from the scroll offset and the view's height.

use std::ops::Range;

/// The rows of `total` rows of `row_height` pixels to draw: those in the `viewport` pixels
/// scrolled `scroll_top` down, and `overscan` more beyond each edge.
pub fn drawn(
    scroll_top: i32,
    viewport: i32,
    row_height: i32,
    overscan: usize,
    total: usize,
) -> Range<usize> {
    let whole = |pixels: i32| usize::try_from(pixels.max(0) / row_height.max(1)).unwrap_or(0);
    let count = whole(viewport.saturating_add(row_height - 1)) + 2 * overscan;
    let first = whole(scroll_top)
        .saturating_sub(overscan)
        .min(total.saturating_sub(count));
    first..first.saturating_add(count).min(total)
}

/// How many whole rows of `row_height` pixels a `viewport` shows (at least one): what Page Up
/// and Page Down move by.
pub fn in_view(viewport: i32, row_height: i32) -> usize {
    usize::try_from(viewport / row_height.max(1))
        .unwrap_or(0)
        .max(1)
}

/// Where to scroll so that `row` is in the middle of the `viewport`.
pub fn centred_on(row: usize, row_height: i32, viewport: i32) -> i32 {
    (i32::try_from(row)
        .unwrap_or(i32::MAX)
        .saturating_mul(row_height)
        - viewport / 2)
        .max(0)
}

/// The height in pixels of `rows` rows not drawn, for the spacer that stands for them.
pub fn spacer_height(rows: usize, row_height: i32) -> usize {
    rows.saturating_mul(usize::try_from(row_height).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_in_view_and_a_few_beyond_are_drawn() {
        // 480 pixels of 32-pixel rows: 15 rows, and 8 more beyond each edge.
        assert_eq!(drawn(0, 480, 32, 8, 2000), 0..31);
        assert_eq!(drawn(3200, 480, 32, 8, 2000), 92..123);
        assert_eq!(drawn(1_000_000, 480, 32, 8, 2000), 1969..2000);
        assert_eq!(drawn(0, 480, 32, 8, 4), 0..4);
        assert_eq!(drawn(-50, 490, 32, 8, 4), 0..4);
        assert_eq!(drawn(0, i32::MAX, 32, 8, 4), 0..4);
        assert_eq!(in_view(480, 32), 15);
        assert_eq!(in_view(0, 32), 1);
        assert_eq!(centred_on(100, 32, 480), 2960);
        assert_eq!(centred_on(2, 32, 480), 0);
        assert_eq!(spacer_height(3, 48), 144);
        assert_eq!(spacer_height(usize::MAX, 48), usize::MAX);
    }
}
