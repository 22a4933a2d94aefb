//! Long work in slices: a loop calls [`Slicer::tick`] after each small step,
//! and every [`SLICE_MS`] of work it yields to the browser, which can paint
//! and answer input in between. So no task of ours blocks the main thread for
//! long: at most one slice plus the last step, well under the 50 ms of a
//! "long task", also on a phone several times slower than a desktop.

use gloo_timers::future::TimeoutFuture;

/// Work done between two yields, in milliseconds of wall time (a slower
/// device does fewer steps per slice, not longer slices).
pub const SLICE_MS: f64 = 8.0;

/// Steps between two looks at the clock (reading it is a call into JS).
const STEPS_PER_CHECK: u32 = 32;

/// Let the browser run its other tasks (paint, input), then continue.
pub async fn yield_now() {
    TimeoutFuture::new(0).await;
}

/// Counts steps and yields when the current slice is over.
pub struct Slicer {
    started: f64,
    steps: u32,
    /// Times it yielded (for tests and figures).
    pub yields: u32,
    /// The longest slice so far, in ms (for tests and figures).
    pub longest_ms: f64,
}

impl Default for Slicer {
    fn default() -> Self {
        Self::new()
    }
}

impl Slicer {
    pub fn new() -> Self {
        Slicer {
            started: js_sys::Date::now(),
            steps: 0,
            yields: 0,
            longest_ms: 0.0,
        }
    }

    /// One step done; yields if the slice has run for [`SLICE_MS`].
    pub async fn tick(&mut self) {
        self.steps = self.steps.wrapping_add(1);
        if self.steps.is_multiple_of(STEPS_PER_CHECK)
            && js_sys::Date::now() - self.started >= SLICE_MS
        {
            self.pause().await;
        }
    }

    /// Yield now and start a new slice (before a step that cannot be cut).
    pub async fn pause(&mut self) {
        self.longest_ms = self.longest_ms.max(js_sys::Date::now() - self.started);
        yield_now().await;
        self.yields += 1;
        self.started = js_sys::Date::now();
    }
}
