#![no_main]
libfuzzer_sys::fuzz_target!(init: dossier_fuzz::on_this_thread(), |text: &str| dossier_fuzz::checks::matcher(text));
