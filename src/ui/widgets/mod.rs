//! Small reusable pieces: status bar, tabs line, popups, pickers.

pub mod picker;
pub mod popup;
pub mod status_bar;
pub mod tabs;
