//! Ordered collections built by inserting one item at a time. `BTreeMap`'s and `BTreeSet`'s
//! `FromIterator` first sorts what it collects: a copy of the stable sort for every type
//! collected, about 4 KB of wasm each (BENCHMARKS.md). Inserting shares the tree's own code.

use std::collections::{BTreeMap, BTreeSet};

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
}
