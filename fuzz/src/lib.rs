//! Fuzzing support: the checks the targets run (shared with `tests/it/fuzz_corpus.rs`).

pub mod checks;
