//! Helpers the frame and state tests share: data loaded from a directory (the bundled data
//! left out), an app at a size without colour, and the text of the frame it draws.

// Each test crate uses a part of these.
#![allow(dead_code)]

use std::path::Path;

use aiinvest::load::{Loaded, Sources, load};
use aiinvest::ui::action::Action;
use aiinvest::ui::app::App;
use aiinvest::ui::render::{buffer_text, frame_buffer};
use aiinvest::ui::update::update;

pub fn load_dir(dir: impl AsRef<Path>) -> Loaded {
    load(&Sources {
        data_dirs: vec![dir.as_ref().to_path_buf()],
        bundled: false,
    })
    .unwrap()
}

pub fn app_at(loaded: &Loaded, w: u16, h: u16) -> App {
    let mut app = App::new(&loaded.dataset, &loaded.diagnostics);
    app.color = false;
    update(&mut app, &loaded.dataset, Action::Resize(w, h));
    app
}

pub fn frame(loaded: &Loaded, app: &App) -> String {
    buffer_text(&frame_buffer(app, &loaded.dataset, app.size.0, app.size.1))
}
