//! Helpers shared by the integration tests (each test binary uses part of them).
#![allow(dead_code)]

pub mod pty;
