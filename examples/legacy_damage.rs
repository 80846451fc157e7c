//! Reads clean text on stdin and writes it damaged by legacy-engine shape
//! confusions ([`nghiquyet::repair::shapes::Damager`]) on stdout, for the
//! evaluation in `scripts/eval-legacy.sh`.
//!
//! Usage: `cargo run --example legacy_damage -- SEED [WORD_RATE] < clean > damaged`
//! (the training seed is `train::LEGACY_SEED`; evaluate with another).

use std::io::{Read, Write};

use nghiquyet::repair::shapes::{Damager, Rates};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut rates = Rates::default();
    if let Some(r) = args.next().and_then(|s| s.parse().ok()) {
        rates.word = r;
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let text = nghiquyet::text::normalize_str(&text);
    let out = Damager::new(seed, rates).text(&text);
    std::io::stdout().write_all(out.as_bytes())
}
