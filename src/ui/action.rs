//! What a key means. Keys map to actions (`keys`), actions change state (`update`).

use super::app::View;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ShowView(View),
    NextView,
    PrevView,
    CycleCurrency,
    ToggleRateBasis,
    /// Cycle the family the totals add: all → spend → pledge → deal → public → all.
    CycleFamily,
    /// ← / →: the column (capex) or period (timeline) to the side; elsewhere the next view.
    Left,
    Right,
    /// Map: zoom in (`true`) or out around the centre.
    Zoom(bool),
    /// Map: move the view a quarter of its size, east (+x) / north (+y).
    Pan(i8, i8),
    /// Map: back to the view fitted to what matches.
    ResetZoom,
    /// `/`: start typing a search.
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    /// Enter: keep the search.
    SearchKeep,
    /// Esc: drop it, back to what was there before.
    SearchDrop,
    ClearFilters,
    CycleSort,
    ReverseSort,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Scroll by mouse wheel: rows, negative is up.
    Scroll(i32),
    /// Enter: the detail of the selected row, or the selected item as a filter.
    Select,
    /// Esc: close what is open.
    Back,
    ToggleHelp,
    OpenCompanyPicker,
    OpenRegionPicker,
    OpenKindPicker,
    /// Space in a picker: mark or unmark the item.
    PickerToggle,
    /// A character typed in a picker: narrows its list.
    PickerInput(char),
    PickerBackspace,
    /// Start typing a date: `--since` (or `--until` when true).
    StartDate(bool),
    DateInput(char),
    DateBackspace,
    /// Enter in the date prompt: apply it (an empty date clears that bound).
    DateApply,
    /// `n` / `N`: the next / previous row of the search's matches (wrapping).
    NextMatch,
    PrevMatch,
    /// A click on row `n` (0 = the first row shown) of the current view's list.
    ClickRow(usize),
    /// A click on a column header: sort by it (again: reverse).
    SortBy(crate::model::query::SortKey),
    ShowWarnings,
    ToggleGranularity,
    ToggleTimeAxis,
    Resize(u16, u16),
    /// Write the current view's rows to a file (the event loop does the writing).
    Export(ExportFormat),
    /// Copy the selected announcement's source URL to the clipboard (OSC 52).
    CopyUrl,
    /// Open the selected announcement's source URL with the platform's opener.
    OpenUrl,
    /// Show a message in the status bar until the next key (the outcome of an effect).
    Notify(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// Something `update` asks the event loop to do outside the state: I/O and the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write `contents` to a new file named after `view` and the time, in the current
    /// directory, then report where it went.
    Export {
        view: &'static str,
        format: ExportFormat,
        rows: usize,
        contents: String,
    },
    /// Put `url` on the clipboard with an OSC 52 escape sequence.
    Copy { url: String },
    /// Open `url` with `xdg-open` / `open`.
    Open { url: String },
}
