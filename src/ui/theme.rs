//! Colours in one place. With `NO_COLOR` set, only modifiers (bold, reverse, dim) remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }
    pub fn superseded(&self) -> Style {
        self.dim().add_modifier(Modifier::CROSSED_OUT)
    }
    pub fn amount(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    /// Text a search matched: reversed, so it shows without colour too.
    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::REVERSED)
    }
    pub fn tab_active(&self) -> Style {
        self.selected()
    }
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Black).fg(Color::Gray)
        } else {
            Style::new()
        }
    }
    pub fn bar(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn bar_alt(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn coast(&self) -> Color {
        if self.color {
            Color::DarkGray
        } else {
            Color::Reset
        }
    }
    /// Marker colour by rank: the largest stand out most.
    pub fn marker(&self, rank: usize) -> Style {
        let c = match rank {
            0..=2 => Color::LightRed,
            3..=9 => Color::LightYellow,
            _ => Color::LightGreen,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
    /// A country shaded at `level` (1-4; the dot density says the same without colour).
    pub fn shade(&self, level: u8) -> Style {
        let c = match level {
            0 => return Style::new().fg(self.coast()),
            1 => Color::Blue,
            2 => Color::Cyan,
            3 => Color::Yellow,
            _ => Color::LightRed,
        };
        self.fg(c)
    }
    pub fn site(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }
}
