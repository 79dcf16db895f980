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
    /// Space in a picker: mark or unmark the item.
    PickerToggle,
    ShowWarnings,
    ToggleGranularity,
    ToggleTimeAxis,
    Resize(u16, u16),
}
