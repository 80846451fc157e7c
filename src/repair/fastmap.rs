//! The fast hash map of the repair tables (n-grams, confusions,
//! candidates): below every other repair module, so that none of them
//! needs another for it.

/// `HashMap` with FxHash (`rustc-hash`): the keys are integers and short
/// strings from trusted, embedded tables, so hash flooding is not a
/// concern, and SipHash's cost is. FxHash has no per-process seed, so any
/// iteration order is the same from one run to the next.
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
