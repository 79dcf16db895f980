//! The model: pure types and computations over loaded data. No terminal, no I/O.

pub mod announcement;
pub mod capex;
pub mod codes;
pub mod dataset;
pub mod dates;
pub mod detail;
pub mod money;
pub mod places;
pub mod query;
pub mod text;
pub mod tiers;
pub mod timeline;
