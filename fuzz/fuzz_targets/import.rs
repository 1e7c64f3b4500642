#![no_main]
libfuzzer_sys::fuzz_target!(init: dossier_fuzz::on_this_thread(), |data: &[u8]| dossier_fuzz::checks::import(data));
