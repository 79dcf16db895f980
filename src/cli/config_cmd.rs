//! `aiinvest config`: which configuration file is read, and whether it is valid;
//! `aiinvest config --default`: a commented file with every default setting.

use super::args::GlobalArgs;
use super::output::print;
use super::{EXIT_OK, Failure, config_location, load_config};

pub fn run(g: &mut GlobalArgs, default: bool) -> Result<i32, Failure> {
    if default {
        return print(&crate::config::default_toml(), EXIT_OK);
    }
    let Some((path, _)) = config_location(g) else {
        return print(
            "no configuration location (neither XDG_CONFIG_HOME nor HOME is set); defaults in use\n",
            EXIT_OK,
        );
    };
    // "Not present" only when it is not there: an unreadable directory says so (Permission
    // denied), like every other command that reads the file.
    let missing = matches!(
        std::fs::metadata(&path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound
    );
    if missing && g.config_file.is_none() {
        return print(
            &format!(
                "{}: not present; defaults in use (`aiinvest config --default > {}` writes an example)\n",
                path.display(),
                path.display()
            ),
            EXIT_OK,
        );
    }
    load_config(g)?;
    print(&format!("{}: valid\n", path.display()), EXIT_OK)
}
