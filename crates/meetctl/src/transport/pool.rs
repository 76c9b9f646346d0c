//! Idle connections kept for the next call, in one process only.
//!
//! A client talks to one origin (through at most one proxy), so the pool is a stack: the most
//! recently used connection is taken first (its socket is warm and the server least likely to
//! have closed it). A forked child (multiprocessing, a pre-forking server) never uses its
//! parent's connections: the pool notes the process it belongs to and starts empty in another.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::connection::Connection;

/// Idle connections kept at most (one client serves many threads).
pub(crate) const MAX_IDLE: usize = 32;

/// An idle connection older than this is closed rather than reused: servers and middleboxes
/// drop idle connections, sometimes without a word.
pub(crate) const MAX_IDLE_AGE: Duration = Duration::from_secs(15);

/// The idle connections of one client.
#[derive(Debug)]
pub(crate) struct Pool {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    pid: u32,
    idle: Vec<Connection>,
}

impl Default for Pool {
    fn default() -> Self {
        Pool { state: Mutex::new(State { pid: std::process::id(), idle: Vec::new() }) }
    }
}

impl Pool {
    /// An idle connection that can carry a request at `now`, if there is one; the ones that
    /// cannot (closed by the server, too old) are dropped on the way.
    pub(crate) fn take(&self, now: Instant) -> Option<Connection> {
        let pid = std::process::id();
        loop {
            let conn = {
                let mut state = self.lock();
                if state.pid != pid {
                    log::debug!("running in a forked process: starting a fresh connection pool");
                    // The parent's sockets stay open in the parent; this process only lets go of
                    // its copies.
                    state.idle.clear();
                    state.pid = pid;
                }
                state.idle.pop()?
            };
            if now.saturating_duration_since(conn.idle_since) < MAX_IDLE_AGE && conn.is_reusable() {
                return Some(conn);
            }
        }
    }

    /// Keeps `conn` for a later call (closed instead when the pool is full). It was taken in
    /// this process: a fork happens between calls, never inside one.
    pub(crate) fn put(&self, mut conn: Connection) {
        conn.idle_since = Instant::now();
        let closed = {
            let mut state = self.lock();
            if state.idle.len() < MAX_IDLE {
                state.idle.push(conn);
                None
            } else {
                Some(conn)
            }
        };
        drop(closed);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
