//! Kiosk mode: a shared touch screen at a CPI entrance, turned on by the
//! deployment (`<meta name="sportello:mode" content="kiosk">` in
//! index.html), never by a visitor. After a spell with no touch it warns,
//! then ends the session and forgets the person (docs/kiosk.md).

/// The idle time when the deployment names none, or names a bad one.
pub const DEFAULT_IDLE_SECONDS: u32 = 120;
/// The warning before the end, within the idle time.
pub const WARNING_SECONDS: u32 = 20;
/// Shorter than this a person could not read a page; longer, the next
/// person could find the last one's data.
pub const MIN_IDLE_SECONDS: u32 = 30;
pub const MAX_IDLE_SECONDS: u32 = 1_800;

/// How the kiosk behaves, from the deployment's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskSettings {
    /// No touch for this long ends the session (the warning included).
    pub idle_seconds: u32,
    /// The warning shows this long before the end.
    pub warning_seconds: u32,
}

/// Why the configured idle time was not used (logged for the operator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdleSecondsProblem {
    NotANumber(String),
    OutOfRange(u32),
}

impl KioskSettings {
    /// The settings of `mode` and `idle_seconds` (the two meta tags'
    /// contents); `None` when the app is not a kiosk. A bad idle time falls
    /// back to the default and says why: a kiosk must never run without one.
    pub fn from_config(
        mode: Option<&str>,
        idle_seconds: Option<&str>,
    ) -> Option<(KioskSettings, Option<IdleSecondsProblem>)> {
        if !mode.is_some_and(|m| m.trim().eq_ignore_ascii_case("kiosk")) {
            return None;
        }
        let (idle, problem) = match idle_seconds.map(str::trim).filter(|s| !s.is_empty()) {
            None => (DEFAULT_IDLE_SECONDS, None),
            Some(text) => match text.parse::<u32>() {
                Ok(n) if (MIN_IDLE_SECONDS..=MAX_IDLE_SECONDS).contains(&n) => (n, None),
                Ok(n) => (
                    DEFAULT_IDLE_SECONDS,
                    Some(IdleSecondsProblem::OutOfRange(n)),
                ),
                Err(_) => (
                    DEFAULT_IDLE_SECONDS,
                    Some(IdleSecondsProblem::NotANumber(text.to_string())),
                ),
            },
        };
        Some((
            KioskSettings {
                idle_seconds: idle,
                warning_seconds: WARNING_SECONDS.min(idle / 2),
            },
            problem,
        ))
    }

    /// Where a kiosk is after `idle_ms` without a touch.
    pub fn phase(&self, idle_ms: f64) -> IdlePhase {
        let idle_ms = if idle_ms.is_finite() {
            idle_ms.max(0.0)
        } else {
            0.0
        };
        let end_ms = f64::from(self.idle_seconds) * 1000.0;
        let warn_ms = end_ms - f64::from(self.warning_seconds) * 1000.0;
        if idle_ms >= end_ms {
            IdlePhase::Expired
        } else if idle_ms >= warn_ms {
            IdlePhase::Warning {
                seconds_left: ((end_ms - idle_ms) / 1000.0).ceil() as u32,
            }
        } else {
            IdlePhase::Active
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdlePhase {
    Active,
    /// The end is near: any touch cancels it.
    Warning {
        seconds_left: u32,
    },
    /// End the session now.
    Expired,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(idle: Option<&str>) -> (KioskSettings, Option<IdleSecondsProblem>) {
        KioskSettings::from_config(Some("kiosk"), idle).unwrap()
    }

    #[test]
    fn only_the_kiosk_mode_turns_it_on() {
        assert_eq!(KioskSettings::from_config(None, Some("60")), None);
        assert_eq!(KioskSettings::from_config(Some("web"), None), None);
        assert!(KioskSettings::from_config(Some(" Kiosk "), None).is_some());
    }

    #[test]
    fn idle_time_defaults_and_bad_values_fall_back_with_a_reason() {
        assert_eq!(
            settings(None),
            (
                KioskSettings {
                    idle_seconds: 120,
                    warning_seconds: 20
                },
                None
            )
        );
        assert_eq!(settings(Some(" 300 ")).0.idle_seconds, 300);
        let (s, p) = settings(Some("2 minuti"));
        assert_eq!(s.idle_seconds, DEFAULT_IDLE_SECONDS);
        assert_eq!(p, Some(IdleSecondsProblem::NotANumber("2 minuti".into())));
        assert_eq!(
            settings(Some("5")).1,
            Some(IdleSecondsProblem::OutOfRange(5))
        );
        assert_eq!(
            settings(Some("86400")).1,
            Some(IdleSecondsProblem::OutOfRange(86_400))
        );
        // The shortest idle time keeps half of it free of warnings.
        assert_eq!(settings(Some("30")).0.warning_seconds, 15);
    }

    #[test]
    fn phases_follow_the_idle_time() {
        let s = settings(None).0;
        assert_eq!(s.phase(0.0), IdlePhase::Active);
        assert_eq!(s.phase(99_999.0), IdlePhase::Active);
        assert_eq!(s.phase(100_000.0), IdlePhase::Warning { seconds_left: 20 });
        assert_eq!(s.phase(110_500.0), IdlePhase::Warning { seconds_left: 10 });
        assert_eq!(s.phase(119_999.0), IdlePhase::Warning { seconds_left: 1 });
        assert_eq!(s.phase(120_000.0), IdlePhase::Expired);
        // A clock that went backwards or broke is "just touched", never "expired".
        assert_eq!(s.phase(-5_000.0), IdlePhase::Active);
        assert_eq!(s.phase(f64::NAN), IdlePhase::Active);
    }
}
