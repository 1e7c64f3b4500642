//! Fuzzing support: the checks the targets run (shared with `tests/it/fuzz_corpus.rs`).

pub mod checks;

/// Make the fuzzing thread the only thread of rayon's global pool, before
/// the first input: the library's parallel loops (annotate, ...) then run on
/// it, inline. Otherwise each input hands its one article to a pool thread
/// and sleeps until it is done, which on a busy machine costs more in
/// waiting to be scheduled than the work itself. Only the fuzz targets call
/// this: the test binary that replays the corpora runs many threads.
pub fn on_this_thread() {
    // Fails only if the pool already exists, and then it is used as it is.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build_global();
}
