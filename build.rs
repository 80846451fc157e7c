//! Hashes the embedded repair models once, at build time: the hash is part
//! of every record's `pipeline.config`, and computing it at run time cost
//! each process ~8 ms of reading 3 MB it may never need.
use sha2::{Digest, Sha256};
use std::{env, fs, path::PathBuf};

fn main() {
    let mut h = Sha256::new();
    for model in ["models/lm.bin", "models/errors.bin", "models/places.txt"] {
        println!("cargo:rerun-if-changed={model}");
        let bytes = fs::read(model).unwrap_or_else(|e| panic!("{model}: {e}"));
        h.update(&bytes);
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("models.sha256"), hex).expect("write OUT_DIR/models.sha256");
}
