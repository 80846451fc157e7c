//! See `nghiquyet::fuzzing::content_lexer` for the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| nghiquyet::fuzzing::content_lexer(data));
