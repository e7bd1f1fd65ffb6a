//! The source reader from outside: random names in a folder beset by traps read nothing
//! but the folder's own files (unless allowed to, and then never a file of the running
//! system), and the cases of the issue that motivated it (kernel files named many
//! times, one large file named many times) stay cheap.
//!
//! The run is the same every time (a fixed seed); `PROPTEST_RNG_SEED` and
//! `PROPTEST_CASES` explore further.

#![cfg(unix)]

#[path = "support/traps.rs"]
mod traps;

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use debate_tui::domain::sources::{MAX_SOURCE_BYTES, SourceReader};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

/// Runs `f` on a thread of its own, failing if it takes longer than `secs` (it hung).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    rx.recv_timeout(Duration::from_secs(secs)).expect("it hung")
}

fn config() -> Config {
    let mut c = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 512;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x5eed_f11e);
    }
    // The seed makes every failure reproducible; nothing is written into the sources.
    c.failure_persistence = None;
    c
}

#[test]
fn random_names_read_only_the_debates_own_files() {
    let root = tempfile::tempdir().unwrap();
    let debate = traps::plant(root.path()).unwrap();
    let name = prop::collection::vec(prop::sample::select(traps::PARTS), 1..7)
        .prop_map(|parts| parts.join("/"));
    let inside = within(120, move || {
        let mut runner = TestRunner::new(config());
        let inside = std::cell::Cell::new(0usize);
        let outcome = runner.run(&(name, any::<bool>()), |(name, allow_outside)| {
            let read = SourceReader::new(&debate, allow_outside).read(&name);
            inside.set(inside.get() + usize::from(read.is_ok()));
            traps::judge(&debate, &name, &read, allow_outside)
                .map_err(|why| TestCaseError::fail(format!("{name:?}: {why}")))
        });
        outcome.unwrap();
        inside.get()
    });
    // The names reach real files too, or the test would prove little.
    assert!(inside > 0);
}

/// `/proc/self/pagemap` named twelve times took 21 s and 530 MB: now each is refused
/// from what the file is, unread.
#[test]
#[cfg(target_os = "linux")]
fn kernel_files_named_many_times_cost_nothing() {
    let root = tempfile::tempdir().unwrap();
    let reader = SourceReader::new(root.path(), true);
    let start = Instant::now();
    let reader = within(10, move || {
        for name in ["/proc/self/pagemap", "/proc/kmsg", "/dev/zero"] {
            for _ in 0..12 {
                assert!(reader.read(name).is_err(), "{name}");
            }
        }
        reader
    });
    assert_eq!(reader.bytes_read(), 0);
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// One large file named ten times took ten reads and 6 GB: now it is read once, and
/// every name shares its text.
#[test]
fn a_large_file_named_ten_times_is_read_once() {
    let root = tempfile::tempdir().unwrap();
    let size = 64 * 1024 * 1024;
    std::fs::write(root.path().join("big.txt"), vec![b'x'; size]).unwrap();
    let reader = SourceReader::new(root.path(), false);
    let first = reader.read("big.txt").unwrap();
    assert_eq!(first.len(), size);
    for _ in 0..9 {
        assert!(Arc::ptr_eq(&first, &reader.read("./big.txt").unwrap()));
    }
    assert_eq!((reader.files_read(), reader.bytes_read()), (1, size as u64));
    // Larger than one file may be, by its size alone: refused unread.
    let huge = std::fs::File::create(root.path().join("huge.txt")).unwrap();
    huge.set_len(MAX_SOURCE_BYTES + 1).unwrap();
    assert!(
        reader
            .read("huge.txt")
            .unwrap_err()
            .contains("larger than 512 MiB")
    );
    assert_eq!(reader.bytes_read(), size as u64);
}
