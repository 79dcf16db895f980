//! `aiinvest check`: every diagnostic on stdout, a count on stderr, exit 1 on errors.

use std::io::Write;

use super::args::GlobalArgs;
use super::output::{Written, outcome, stderr_line};
use super::{EXIT_CHECK_FAILED, EXIT_OK, Failure, load_uncached};
use crate::load::lint;
use crate::model::announcement::Tier;

pub fn run(g: &GlobalArgs) -> Result<i32, Failure> {
    // Parsed afresh: the quality checks name each record's line, which the cache does not keep.
    let loaded = load_uncached(g)?;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(lint(&loaded.dataset));
    // Streamed: a closed pipe stops the listing, the exit code still says what was found.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in &diagnostics {
        if outcome(writeln!(out, "{d}"))? == Written::Closed {
            break;
        }
    }
    outcome(out.flush())?;
    drop(out);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let ds = &loaded.dataset;
    let mut tiers = [0usize; 4];
    for a in &ds.announcements {
        tiers[a.best_tier() as usize] += 1;
    }
    let tier_line: Vec<String> = Tier::ALL
        .iter()
        .map(|t| format!("{} {}", tiers[*t as usize], t.as_str()))
        .collect();
    stderr_line(&format!(
        "best source of each record: {}",
        tier_line.join(", ")
    ));
    stderr_line(&format!(
        "checked {} companies, {} announcements: {errors} error(s), {warnings} warning(s)",
        ds.companies.len(),
        ds.announcements.len()
    ));
    let failed = errors > 0 || (g.strict && warnings > 0);
    Ok(if failed { EXIT_CHECK_FAILED } else { EXIT_OK })
}
