#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| dossier_fuzz::checks::template(text));
