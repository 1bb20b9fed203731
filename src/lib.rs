//! liaison: security and police partnerships per country, extracted from news articles.
//!
//! The crate mirrors the data flow, one module per stage, and a stage never reaches back up:
//! articles in ([`corpus`], [`article`], [`sanitize`]) → text preparation ([`text`]) →
//! extraction ([`extract`], driven by the [`gazetteer`] data files, with [`dates`]) → events
//! ([`model`]) → views (the command line in the binary, [`eval`] for scoring).

#![forbid(unsafe_code)]

pub mod aliases;
pub mod article;
pub mod brief;
pub mod cache;
pub mod columns;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod fold;
pub mod gazetteer;
pub mod merge;
pub mod model;
pub mod output;
pub mod par;
pub mod profile;
pub mod sanitize;
mod scoped;
pub mod sentence;
pub mod sym;
pub mod text;
pub mod timing;
pub mod tui;
pub mod views;
pub mod who;
