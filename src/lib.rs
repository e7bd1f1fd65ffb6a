//! debate-tui: explore a debate as an argument graph in the terminal.
//!
//! - [`domain`]: the debate graph, loading, validation and quote verification. No terminal.
//! - [`app`]: the explorer's state and its one `update`; the key table.
//! - [`ui`]: drawing the state.
//! - [`cli`] and [`tui`]: the shell around them.

pub mod app;
pub mod cli;
pub mod domain;
pub mod tui;
pub mod ui;
