//! A cache of the loaded dataset, so that a second start on unchanged data skips parsing.
//!
//! The key is a 128-bit hash of every input byte (company files with their paths, countries
//! table, ECB rates, pegs) plus the program version and cache format, so any change to any
//! file, or a new program, misses. The file holds the key again, and a file that cannot be
//! read back whole is treated as a miss and replaced: a stale or corrupt cache is never served.
//!
//! The cache must never change an answer, so nothing in it is trusted: the file is
//! `MAGIC`, the postcard payload, then an XXH3-128 checksum of the payload; a file of the wrong
//! size or checksum is a miss, and what decodes is checked value by value (codes, index
//! ranges, counts: `Dataset::is_consistent`) before it is used.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Loaded;
use super::diagnostic::Diagnostic;
use crate::model::announcement::Announcement;
use crate::model::dataset::Dataset;

/// Bumped whenever the cached types change shape.
const FORMAT: u32 = 6;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"aiicache";

/// The bytes of the checksum at the end of the file.
const SUM_BYTES: usize = 16;

/// The largest cache file read (100,000 records take about 60 MB): a larger one is a miss.
const MAX_CACHE_BYTES: u64 = 1 << 30;

/// What happened to the cache on one load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Served from the cache.
    Hit,
    /// Parsed, and the cache written for next time.
    Written,
    /// Parsed; no cache in use (none configured, bundled data only) or it could not be written.
    Unused,
}

/// Hashes named byte strings into a 128-bit key: two multiply-rotate lanes over 8-byte words
/// (fast enough to run over every input byte on each start; this detects change, it is no
/// defence against someone crafting a collision in their own files).
pub struct KeyBuilder([u64; 2]);

const LANES: [(u64, u32); 2] = [
    (0x51_7c_c1_b7_27_22_0a_95, 5),
    (0x9e_37_79_b9_7f_4a_7c_15, 23),
];

impl Default for KeyBuilder {
    fn default() -> Self {
        let mut k = Self([0x6169_696e_7665_7374, 0x6361_6368_6500_0001]);
        k.add("format", &FORMAT.to_le_bytes());
        k.add("version", env!("CARGO_PKG_VERSION").as_bytes());
        k
    }
}

impl KeyBuilder {
    fn word(&mut self, w: u64) {
        for (h, (mul, rot)) in self.0.iter_mut().zip(LANES) {
            *h = (h.rotate_left(rot) ^ w).wrapping_mul(mul);
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        // Length first, so that no two different inputs share a word stream.
        self.word(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.word(u64::from_le_bytes(last));
    }

    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        self.bytes(name.as_bytes());
        self.bytes(bytes);
    }

    pub fn finish(&self) -> [u64; 2] {
        // A final mix so that the last words reach every bit.
        self.0.map(|mut h| {
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 33;
            h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
            h ^ (h >> 33)
        })
    }
}

#[derive(Serialize)]
struct CacheRef<'a> {
    format: u32,
    key: [u64; 2],
    dataset: &'a Dataset,
    diagnostics: &'a [Diagnostic],
    /// The announcements, in chunks of postcard bytes, decoded side by side.
    chunks: Vec<Bytes<'a>>,
}

/// Bytes stored as one length and a block (serde's default for a `Vec<u8>` is one element at a
/// time), so that reading them back borrows the block instead of rebuilding it byte by byte.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Deserialize)]
struct CacheOwned<'a> {
    format: u32,
    key: [u64; 2],
    dataset: Dataset,
    diagnostics: Vec<Diagnostic>,
    #[serde(borrow)]
    chunks: Vec<&'a [u8]>,
}

/// How many chunks the announcements are stored in: one per core of a small machine.
const CHUNKS: usize = 2;

/// A cache to write for data just parsed: where, and under which key.
#[derive(Debug, Clone)]
pub struct PendingWrite {
    pub dir: PathBuf,
    pub key: [u64; 2],
}

impl PendingWrite {
    pub fn write(&self, loaded: &Loaded) -> std::io::Result<()> {
        write(&self.dir, self.key, loaded)
    }
}

fn file_for(dir: &Path, key: [u64; 2]) -> PathBuf {
    dir.join(format!("dataset-{:016x}{:016x}.bin", key[0], key[1]))
}

/// Whether `dir` holds any cache file at all (if not, a lookup would only cost time).
pub fn any(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("dataset-"))
    })
}

/// The cached load for `key`, if there is one and it reads back whole and consistent.
pub fn read(dir: &Path, key: [u64; 2]) -> Option<Loaded> {
    let path = file_for(dir, key);
    if std::fs::metadata(&path).ok()?.len() > MAX_CACHE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    decode(&bytes, key)
}

/// A cache file's bytes back into a load: `None` unless the checksum matches, every part
/// decodes and the whole is consistent.
pub fn decode(bytes: &[u8], key: [u64; 2]) -> Option<Loaded> {
    let payload = verified_payload(bytes)?;
    let c: CacheOwned = postcard::from_bytes(payload).ok()?;
    if c.format != FORMAT || c.key != key {
        return None;
    }
    let parts = super::on_cores(c.chunks, |chunk| {
        postcard::from_bytes::<Vec<Announcement>>(chunk).ok()
    });
    let mut dataset = c.dataset;
    for part in parts {
        dataset.announcements.extend(part?);
    }
    dataset.is_consistent().then_some(Loaded {
        dataset,
        diagnostics: c.diagnostics,
    })
}

/// The payload between `MAGIC` and the checksum, if the checksum is right.
fn verified_payload(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (payload, sum) = rest.split_at_checked(rest.len().checked_sub(SUM_BYTES)?)?;
    (checksum(payload).to_le_bytes() == sum).then_some(payload)
}

fn checksum(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Recomputes the checksum of a cache file's bytes after they were changed: for tests that
/// check what decoding does with damage the checksum would have caught.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= MAGIC.len() + SUM_BYTES {
        let end = bytes.len() - SUM_BYTES;
        let sum = checksum(&bytes[MAGIC.len()..end]);
        bytes[end..].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Passes bytes on to `inner` and hashes them.
struct Summing<'a> {
    inner: &'a mut dyn std::io::Write,
    hasher: xxhash_rust::xxh3::Xxh3Default,
}

impl std::io::Write for Summing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Stores `loaded` under `key` atomically and removes the cache files of other keys.
pub fn write(dir: &Path, key: [u64; 2], loaded: &Loaded) -> std::io::Result<()> {
    // The sort ranks are stored derived; the search text is not stored.
    loaded.dataset.derive_ranks();
    let all = &loaded.dataset.announcements;
    let chunks = all
        .chunks(all.len().div_ceil(CHUNKS).max(1))
        .map(postcard::to_stdvec)
        .collect::<Result<Vec<_>, _>>()
        .map_err(std::io::Error::other)?;
    let cache = CacheRef {
        format: FORMAT,
        key,
        dataset: &loaded.dataset,
        diagnostics: &loaded.diagnostics,
        chunks: chunks.iter().map(|c| Bytes(c)).collect(),
    };
    std::fs::create_dir_all(dir)?;
    let path = file_for(dir, key);
    // Streamed to the file: the dataset is not held a second time as one buffer.
    crate::atomic::write_atomic_with(&path, |w| {
        w.write_all(MAGIC)?;
        let mut summing = Summing {
            inner: w,
            hasher: xxhash_rust::xxh3::Xxh3Default::new(),
        };
        postcard::to_io(&cache, &mut summing).map_err(std::io::Error::other)?;
        let sum = summing.hasher.digest128();
        w.write_all(&sum.to_le_bytes())
    })?;
    // One cache at a time: older keys will not be asked for again.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with("dataset-") || name.starts_with(".dataset-");
            if ours && e.path() != path {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::KeyBuilder;

    fn key(parts: &[(&str, &[u8])]) -> [u64; 2] {
        let mut k = KeyBuilder::default();
        for (n, b) in parts {
            k.add(n, b);
        }
        k.finish()
    }

    #[test]
    fn any_change_changes_the_key() {
        let base = key(&[("a.toml", b"amount = 1"), ("b.toml", b"x")]);
        assert_eq!(base, key(&[("a.toml", b"amount = 1"), ("b.toml", b"x")]));
        assert_ne!(base, key(&[("a.toml", b"amount = 2"), ("b.toml", b"x")]));
        assert_ne!(base, key(&[("a.toml", b"amount = 1 "), ("b.toml", b"x")]));
        assert_ne!(base, key(&[("b.toml", b"x"), ("a.toml", b"amount = 1")]));
        assert_ne!(base, key(&[("a.toml", b"amount = 1b.toml"), ("", b"x")]));
        assert_ne!(key(&[("a", b"\0")]), key(&[("a", b"")]));
    }
}
