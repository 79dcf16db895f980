//! aiinvest: corporate AI-investment announcements, loaded, converted and summed.

pub mod atomic;
pub mod cli;
pub mod config;
pub mod export;
pub mod fx;
pub mod geo;
pub mod load;
pub mod model;
pub mod synth;
pub mod ui;
