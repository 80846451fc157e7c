//! See `nghiquyet::fuzzing::cmap_parse` for the input layout and the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| nghiquyet::fuzzing::cmap_parse(data));
