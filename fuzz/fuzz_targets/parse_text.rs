//! See `nghiquyet::fuzzing::parse_text` for the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| nghiquyet::fuzzing::parse_text(text));
