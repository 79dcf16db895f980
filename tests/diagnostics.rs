//! Every diagnostic of SPEC §2 has a fixture under tests/fixtures/diagnostics/ that triggers it,
//! at a known line and column; the rest of the data still loads.

use std::path::PathBuf;

use aiinvest::load::diagnostic::{Diagnostic, Severity};
use aiinvest::load::{Sources, load};

fn diagnostics(dirs: &[&str]) -> (Vec<Diagnostic>, usize) {
    let sources = Sources {
        data_dirs: dirs
            .iter()
            .map(|d| PathBuf::from("tests/fixtures/diagnostics").join(d))
            .collect(),
        bundled: false,
    };
    let loaded = load(&sources).expect("fixture directory loads");
    (loaded.diagnostics, loaded.dataset.announcements.len())
}

/// (fixture, file, line, column, severity, words of the message)
const CASES: &[(&str, &str, usize, usize, Severity, &str)] = &[
    (
        "syntax-error",
        "acme.toml",
        19,
        6,
        Severity::Error,
        "TOML syntax",
    ),
    (
        "not-utf8",
        "acme.toml",
        9,
        12,
        Severity::Error,
        "not valid UTF-8",
    ),
    (
        "unknown-key",
        "acme.toml",
        13,
        1,
        Severity::Error,
        "unknown key `colour` in [[announcement]]",
    ),
    (
        "unknown-company-key",
        "acme.toml",
        5,
        1,
        Severity::Error,
        "unknown key `ceo` in [company]",
    ),
    (
        "missing-key",
        "acme.toml",
        6,
        1,
        Severity::Error,
        "missing required key `title`",
    ),
    (
        "missing-company-id",
        "acme.toml",
        1,
        1,
        Severity::Error,
        "missing required key `id` in [company]",
    ),
    (
        "duplicate-id",
        "beta.toml",
        7,
        6,
        Severity::Error,
        "duplicate announcement id `acme-1` (first defined at tests/fixtures/diagnostics/duplicate-id/announcements/acme.toml:7:6)",
    ),
    (
        "bad-country",
        "acme.toml",
        13,
        14,
        Severity::Error,
        "`XX` in `countries` is not an ISO 3166-1 alpha-2",
    ),
    (
        "bad-hq",
        "acme.toml",
        4,
        6,
        Severity::Error,
        "`USA` in `hq` is not an ISO 3166-1 alpha-2",
    ),
    (
        "bad-currency",
        "acme.toml",
        12,
        12,
        Severity::Error,
        "`ABC` is not an ISO 4217 currency code",
    ),
    (
        "amount-without-currency",
        "acme.toml",
        11,
        10,
        Severity::Error,
        "`amount` needs a `currency`",
    ),
    (
        "min-greater-than-max",
        "acme.toml",
        11,
        10,
        Severity::Error,
        "`amount.min` (9) is greater than `amount.max` (5)",
    ),
    (
        "negative-amount",
        "acme.toml",
        11,
        10,
        Severity::Error,
        "must not be negative",
    ),
    (
        "period-reversed",
        "acme.toml",
        13,
        10,
        Severity::Error,
        "`period.from` (2027) is after `period.to` (2025)",
    ),
    (
        "revises-unknown",
        "acme.toml",
        13,
        11,
        Severity::Error,
        "`revises` names an unknown id `nobody`",
    ),
    (
        "part-of-unknown",
        "acme.toml",
        13,
        11,
        Severity::Error,
        "`part_of` names an unknown id `nothing`",
    ),
    (
        "revises-later",
        "acme.toml",
        26,
        11,
        Severity::Error,
        "a later announcement",
    ),
    (
        "revises-cycle",
        "acme.toml",
        13,
        11,
        Severity::Error,
        "`revises` of `acme-1` forms a cycle",
    ),
    (
        "part-of-cycle",
        "acme.toml",
        27,
        11,
        Severity::Error,
        "`part_of` of `acme-2` forms a cycle",
    ),
    (
        "stem-mismatch",
        "acme-corp.toml",
        2,
        6,
        Severity::Error,
        "differs from the file name `acme-corp.toml`",
    ),
    (
        "wrong-type",
        "acme.toml",
        11,
        10,
        Severity::Error,
        "`amount` must be an integer, found string",
    ),
    (
        "quoted-date",
        "acme.toml",
        8,
        8,
        Severity::Error,
        "must be a TOML local date",
    ),
    (
        "amount-too-large",
        "acme.toml",
        11,
        10,
        Severity::Error,
        "out of range",
    ),
    (
        "missing-quote",
        "acme.toml",
        14,
        1,
        Severity::Warning,
        "no `quote`",
    ),
    (
        "unknown-kind",
        "acme.toml",
        10,
        8,
        Severity::Error,
        "unknown kind `shopping`",
    ),
    (
        "bad-site",
        "acme.toml",
        21,
        7,
        Severity::Error,
        "`lat` must be between -90 and 90",
    ),
    (
        "multiline-title",
        "acme.toml",
        9,
        9,
        Severity::Error,
        "`title` must be one line",
    ),
    (
        "skipped-target",
        "acme.toml",
        27,
        11,
        Severity::Error,
        "names `acme-1`, which was skipped for errors",
    ),
];

#[test]
fn every_diagnostic_has_a_fixture_at_its_line_and_column() {
    for &(case, file, line, col, severity, words) in CASES {
        let (diags, _) = diagnostics(&[case]);
        let path = format!("tests/fixtures/diagnostics/{case}/announcements/{file}");
        let hit = diags.iter().find(|d| d.message.contains(words));
        let Some(d) = hit else {
            panic!("{case}: no diagnostic containing {words:?}; got {diags:#?}");
        };
        assert_eq!(
            (d.path.as_str(), d.line, d.col, d.severity),
            (path.as_str(), line, col, severity),
            "{case}: {d}"
        );
        assert!(
            d.to_string().starts_with(&format!("{path}:{line}:{col}: ")),
            "{d}"
        );
    }
}

#[test]
fn fixture_directories_and_cases_match_one_to_one() {
    let mut dirs: Vec<String> = std::fs::read_dir("tests/fixtures/diagnostics")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Fixtures with many diagnostics have tests of their own.
        .filter(|n| {
            ![
                "duplicate-company",
                "bad-company-and-more",
                "stem-mismatch-and-more",
                "misspelt-key",
            ]
            .contains(&n.as_str())
        })
        .collect();
    dirs.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    cases.sort();
    assert_eq!(dirs, cases);
}

#[test]
fn duplicate_company_names_both_places_and_skips_the_second_file() {
    let (diags, count) = diagnostics(&["duplicate-company/a", "duplicate-company/b"]);
    // (Their example.com sources are unrated: warnings, left out here.)
    let diags: Vec<Diagnostic> = diags.into_iter().filter(|d| d.is_error()).collect();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert!(
        d.path
            .ends_with("duplicate-company/b/announcements/acme.toml")
    );
    assert!(d.message.contains("duplicate company id `acme`"));
    assert!(
        d.message
            .contains("duplicate-company/a/announcements/acme.toml:1:1")
    );
    assert_eq!(count, 1, "the first file's record still loads");
}

#[test]
fn a_bad_record_is_skipped_and_the_rest_loads() {
    // In `revises-later`, acme-0 wrongly revises a later record; acme-1 still loads.
    let (diags, count) = diagnostics(&["revises-later"]);
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 1);
    assert_eq!(count, 1);
    // In a cycle both members go, and nothing panics.
    let (_, count) = diagnostics(&["revises-cycle"]);
    assert_eq!(count, 0);
}

fn messages(dir: &str) -> Vec<String> {
    let (d, _) = diagnostics(&[dir]);
    d.iter()
        .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
        .collect()
}

#[test]
fn a_bad_company_table_still_reports_every_other_error_in_the_file() {
    let m = messages("bad-company-and-more");
    let (_, loaded) = diagnostics(&["bad-company-and-more"]);
    assert_eq!(loaded, 0, "nothing of an unusable file loads");
    for want in [
        "4:6: `XX` in `hq`",
        "11:1: unknown key `amout`",
        "24:12: `ZZZ` is not an ISO 4217",
        "35:10: `amount.min` (9) is greater",
        "47:10: `period.from` (2027)",
        "57:8: unknown kind `spending`",
        "68:14: `QQ` in `countries`",
        "79:10: `amount` needs a `currency`",
    ] {
        assert!(
            m.iter().any(|x| x.starts_with(want)),
            "{want} not in {m:#?}"
        );
    }
}

#[test]
fn a_stem_mismatch_still_reports_every_other_error_in_the_file() {
    let m = messages("stem-mismatch-and-more");
    for want in [
        "2:6: company id `acme-corp` differs",
        "11:10: `amount` must not be negative",
        "23:1: unknown key `colour`",
    ] {
        assert!(
            m.iter().any(|x| x.starts_with(want)),
            "{want} not in {m:#?}"
        );
    }
}

#[test]
fn an_unknown_key_names_the_nearest_known_one() {
    let m = messages("misspelt-key");
    assert!(
        m.iter()
            .any(|x| x == "11:1: unknown key `amout` in [[announcement]]: did you mean `amount`?"),
        "{m:#?}"
    );
    // Nothing near: the keys are listed instead.
    let m = messages("unknown-key");
    assert!(m.iter().any(|x| x.contains("expected one of")), "{m:#?}");
}

#[test]
fn an_unreadable_file_is_a_diagnostic_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("announcements");
    std::fs::create_dir_all(&ann).unwrap();
    for e in std::fs::read_dir("tests/fixtures/model/announcements").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), ann.join(e.file_name())).unwrap();
    }
    // A file whose every read fails with an I/O error, even for root.
    std::os::unix::fs::symlink("/proc/self/mem", ann.join("broken.toml")).unwrap();
    let loaded = load(&Sources {
        data_dirs: vec![dir.path().to_path_buf()],
        bundled: false,
    })
    .expect("one unreadable file does not end the load");
    assert_eq!(loaded.dataset.announcements.len(), 8);
    let d = &loaded.diagnostics[0];
    assert!(d.path.ends_with("broken.toml"), "{d}");
    assert!(d.message.contains("cannot read the file"), "{d}");
    assert!(d.is_error());
}
