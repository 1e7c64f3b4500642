//! Fuzzing support: the checks the targets run (shared with `tests/fuzz_corpus.rs`).

pub mod checks;
