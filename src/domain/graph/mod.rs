//! The debate graph and the paths a reader walks through it.

pub mod model;
pub mod path;
