//! Integration tests.
mod pdf;
