//! debate-tui: explore a debate as an argument graph in the terminal.
//!
//! - [`domain`]: the debate graph, loading, validation and quote verification.
//! - [`cli`]: the command line, shared by every subcommand.

pub mod cli;
pub mod domain;
