//! Saving the state behind the requests that change it (`--data-dir`).
//!
//! Writing the whole store after every change made each write cost the whole store: at 100,000
//! records, every provision waited for a full save. Instead a change only marks the state dirty,
//! and a thread of its own saves it: after a short delay that gathers a burst of changes into one
//! save, and never so often that taking snapshots (the one step that holds the world's lock)
//! costs more than a tenth of the time. Stopping saves whatever is still dirty, so a sandbox that
//! stops normally loses nothing; a process killed outright loses at most the last moments.
//!
//! It must never leave a half-written file (see [`crate::state::write_file`]), and never write
//! while holding the world's lock: only the snapshot is taken under it.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a change waits for others to join its save.
const GATHER: Duration = Duration::from_millis(100);
/// Time between snapshots, as a multiple of the last snapshot's cost: snapshots hold the lock
/// at most 1 / (1 + 9) of the time.
const SPACING: u32 = 9;

#[derive(Default)]
struct Flags {
    dirty: bool,
    stop: bool,
}

type Signal = Arc<(Mutex<Flags>, Condvar)>;

/// The saving thread and the flags it waits on.
pub struct Saver {
    signal: Signal,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Saver {
    /// Starts saving to `file` whatever `snapshot` gives (`None` once there is nothing left to
    /// save, when the state is gone).
    pub fn start(
        file: PathBuf,
        snapshot: impl Fn() -> Option<std::io::Result<Vec<u8>>> + Send + 'static,
    ) -> Saver {
        let signal: Signal = Arc::default();
        let theirs = signal.clone();
        let thread = std::thread::Builder::new()
            .name("telegent-sandbox-saver".into())
            .spawn(move || save_loop(&theirs, &file, snapshot))
            .ok();
        if thread.is_none() {
            tracing::warn!("could not start the sandbox's saving thread; state will not be saved");
        }
        Saver {
            signal,
            thread: Mutex::new(thread),
        }
    }

    /// The state changed: it will be saved soon.
    pub fn changed(&self) {
        let (flags, wake) = &*self.signal;
        lock(flags).dirty = true;
        wake.notify_all();
    }

    /// Saves what is dirty and ends the thread; waits for both.
    pub fn stop(&self) {
        let (flags, wake) = &*self.signal;
        lock(flags).stop = true;
        wake.notify_all();
        let thread = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

impl Drop for Saver {
    /// Wakes the thread so it ends (a `stop` before this has already saved; nothing is joined
    /// here, since the last owner of the state may be the saving thread itself).
    fn drop(&mut self) {
        let (flags, wake) = &*self.signal;
        lock(flags).stop = true;
        wake.notify_all();
    }
}

fn lock(flags: &Mutex<Flags>) -> MutexGuard<'_, Flags> {
    flags.lock().unwrap_or_else(|p| p.into_inner())
}

fn save_loop(
    signal: &Signal,
    file: &std::path::Path,
    snapshot: impl Fn() -> Option<std::io::Result<Vec<u8>>>,
) {
    let (flags, wake) = &**signal;
    let mut last_cost = Duration::ZERO;
    loop {
        let mut f = lock(flags);
        while !f.dirty && !f.stop {
            f = wake.wait(f).unwrap_or_else(|p| p.into_inner());
        }
        if !f.dirty {
            return; // stopped with nothing left to save
        }
        // Gather: wait out the delay unless asked to stop.
        let pause = GATHER.max(last_cost * SPACING);
        let deadline = Instant::now() + pause;
        while !f.stop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            f = wake
                .wait_timeout(f, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        // Changes from here on are after the snapshot begins: they mark dirty again.
        f.dirty = false;
        drop(f);
        let started = Instant::now();
        let Some(bytes) = snapshot() else { return };
        last_cost = started.elapsed();
        let written = bytes.and_then(|b| crate::state::write_file(file, &b));
        if let Err(e) = written {
            tracing::warn!("could not save sandbox state to {}: {e}", file.display());
        }
    }
}
