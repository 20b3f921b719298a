//! Ordering without a copy of the sort for every type: the wasm's download is the console's
//! weakest figure, and each `sort_by` or `collect` into a `BTreeMap` or `BTreeSet` compiles its
//! own copy of the stable sort, about 4 KB of wasm (BENCHMARKS.md). Sets and maps are built by
//! inserting one item at a time, which shares the tree's own code; lists are sorted by name
//! through one sort of (name, position) pairs that every caller shares.

use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` by the name `name` gives each, stably: items of the same name keep their order.
pub fn sort_by_name<T>(items: &mut Vec<T>, name: impl Fn(&T) -> &str) {
    let order: Vec<usize> = {
        let mut keyed: Vec<(&str, usize)> = items
            .iter()
            .enumerate()
            .map(|(at, item)| (name(item), at))
            .collect();
        // Positions are distinct, so the unstable sort of the pairs is stable by name.
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, at)| at).collect()
    };
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|at| slots.get_mut(at).and_then(Option::take)),
    );
}

/// The set of `items`.
pub(crate) fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The map of `pairs`; a key given twice keeps its last value, as `collect` does.
pub(crate) fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

#[cfg(test)]
mod tests {
    #[test]
    fn they_hold_what_collect_holds() {
        let pairs = [(2, 'b'), (1, 'a'), (2, 'c')];
        assert_eq!(super::map(pairs), pairs.into_iter().collect());
        assert_eq!(super::set([3, 1, 3]), [1, 3].into_iter().collect());
    }

    #[test]
    fn a_sort_by_name_is_stable() {
        let mut items = vec![("b", 1), ("a", 2), ("b", 0), ("", 3), ("a", 1)];
        let mut wanted = items.clone();
        wanted.sort_by(|x, y| x.0.cmp(y.0));
        super::sort_by_name(&mut items, |item| item.0);
        assert_eq!(items, wanted);
        let mut none: Vec<String> = Vec::new();
        super::sort_by_name(&mut none, String::as_str);
        assert!(none.is_empty());
    }
}
