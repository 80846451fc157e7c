//! The CMap parser and code lookup on arbitrary bytes: the first two bytes
//! give the length of the CMap program, the rest is a shown string.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nghiquyet::pdf::fuzzing::cmap_decode;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<2>() else { return };
    let split = usize::from(u16::from_le_bytes(*head)).min(rest.len());
    let (program, shown) = rest.split_at(split);
    let decoded = cmap_decode(program, shown);
    assert!(decoded.len() <= shown.len());
});
