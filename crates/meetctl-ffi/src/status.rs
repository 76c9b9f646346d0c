//! `meetctl_status`, what every fallible function returns, and `meetctl_error_kind`: generated
//! from the core's `ErrorKind` into `status/enums.rs` (`cargo run -p xtask -- codegen`), and
//! `meetctl_vendor`.

mod enums;
pub use enums::{meetctl_error_kind, meetctl_status};

/// A vendor: the one whose server answered (`meetctl_error_get_vendor`), or the one hosting a
/// meeting (`meetctl_meeting_get_vendor`, `meetctl_participant_list_get_vendor`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum meetctl_vendor {
    /// None: no server answered (the error happened before or instead of an answer), or a `NULL`
    /// handle or an index out of range was given.
    None = 0,
    /// Tencent Meeting.
    Tencent = 1,
    /// Huawei Cloud Meeting.
    Huawei = 2,
}

#[cfg(test)]
mod tests {
    use meetctl::ErrorKind;

    use super::*;

    #[test]
    fn statuses_and_kinds_use_the_core_numbers() {
        for kind in ErrorKind::ALL {
            assert_eq!(meetctl_status::from_kind(kind) as u32, kind.code(), "{kind}");
            assert_eq!(meetctl_error_kind::from_kind(kind) as u32, kind.code(), "{kind}");
        }
    }

    #[test]
    fn boundary_statuses_do_not_collide_with_kinds() {
        for s in [meetctl_status::NullArgument, meetctl_status::InvalidUtf8, meetctl_status::Panic] {
            assert!(ErrorKind::ALL.iter().all(|k| k.code() != s as u32));
        }
        assert_eq!(meetctl_status::Panic as u32, meetctl_error_kind::Internal as u32);
        assert_eq!(meetctl_status::Other as u32, meetctl_error_kind::Other as u32);
    }
}
