//! `aiinvest config`: which configuration file is read, and whether it is valid;
//! `aiinvest config --default`: a commented file with every default setting.

use super::args::GlobalArgs;
use super::{EXIT_OK, Failure, config_location, load_config};

pub fn run(g: &mut GlobalArgs, default: bool) -> Result<i32, Failure> {
    if default {
        print!("{}", crate::config::default_toml());
        return Ok(EXIT_OK);
    }
    let Some((path, _)) = config_location(g) else {
        println!(
            "no configuration location (neither XDG_CONFIG_HOME nor HOME is set); defaults in use"
        );
        return Ok(EXIT_OK);
    };
    if !path.exists() && g.config_file.is_none() {
        println!(
            "{}: not present; defaults in use (`aiinvest config --default > {}` writes an example)",
            path.display(),
            path.display()
        );
        return Ok(EXIT_OK);
    }
    load_config(g)?;
    println!("{}: valid", path.display());
    Ok(EXIT_OK)
}
