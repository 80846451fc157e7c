//! Integration tests.

mod repair;
