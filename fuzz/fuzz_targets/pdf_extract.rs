//! See `nghiquyet::fuzzing::pdf_extract` for the input layout and the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| nghiquyet::fuzzing::pdf_extract(data));
