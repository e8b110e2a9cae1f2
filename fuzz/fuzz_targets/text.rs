#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parallax_ingest::fuzz::fuzz_text(data));
