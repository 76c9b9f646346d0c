//! The operation enums of the header: `meetctl_tencent_operation`, `meetctl_huawei_operation`
//! and the vendor-neutral `meetctl_meeting_operation`, and the lookup enums
//! `meetctl_tencent_lookup` and `meetctl_huawei_lookup`, generated from the core's declarations
//! into `operation/enums.rs` (`cargo run -p xtask -- codegen`; a test fails when it is stale).
//!
//! They only *name* the core's operations and lookups with the core's stable numbers; what one
//! sends is the core's. The control and lookup functions take the number as a `uint32_t` and look
//! it up in the core ([`tencent`], [`huawei`], [`meeting`], [`tencent_lookup`],
//! [`huawei_lookup`]), so an unknown number is an error, never undefined behaviour.

use meetctl::MeetingOperation;
use meetctl::huawei::{HuaweiLookup, HuaweiOperation};
use meetctl::tencent::{TencentLookup, TencentOperation};

use crate::failure::BoundaryFailure;

mod enums;
pub use enums::{
    meetctl_huawei_lookup, meetctl_huawei_operation, meetctl_meeting_operation, meetctl_tencent_lookup,
    meetctl_tencent_operation,
};

/// The core's Tencent operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn tencent(code: u32) -> Result<TencentOperation, BoundaryFailure> {
    TencentOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_tencent_operation", TencentOperation::ALL.len()))
}

/// The core's Huawei operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn huawei(code: u32) -> Result<HuaweiOperation, BoundaryFailure> {
    HuaweiOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_huawei_operation", HuaweiOperation::ALL.len()))
}

/// The core's meeting operation numbered `code`, or an invalid-argument failure naming
/// `operation`.
pub(crate) fn meeting(code: u32) -> Result<MeetingOperation, BoundaryFailure> {
    MeetingOperation::from_code(code)
        .ok_or_else(|| unknown(code, "meetctl_meeting_operation", MeetingOperation::ALL.len()))
}

/// The core's Tencent lookup numbered `code`, or an invalid-argument failure naming `lookup`.
pub(crate) fn tencent_lookup(code: u32) -> Result<TencentLookup, BoundaryFailure> {
    TencentLookup::from_code(code)
        .ok_or_else(|| unknown_in("lookup", code, "meetctl_tencent_lookup", TencentLookup::ALL.len()))
}

/// The core's Huawei lookup numbered `code`, or an invalid-argument failure naming `lookup`.
pub(crate) fn huawei_lookup(code: u32) -> Result<HuaweiLookup, BoundaryFailure> {
    HuaweiLookup::from_code(code)
        .ok_or_else(|| unknown_in("lookup", code, "meetctl_huawei_lookup", HuaweiLookup::ALL.len()))
}

fn unknown(code: u32, enum_name: &str, count: usize) -> BoundaryFailure {
    unknown_in("operation", code, enum_name, count)
}

fn unknown_in(field: &'static str, code: u32, enum_name: &str, count: usize) -> BoundaryFailure {
    BoundaryFailure::invalid(field, format!("{code} is not a {enum_name} (1 to {count})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::failure::BoundaryFailure;

    #[test]
    fn every_core_number_is_looked_up_as_itself() {
        for op in TencentOperation::ALL {
            assert_eq!(tencent(op.code()).ok(), Some(op));
        }
        for op in HuaweiOperation::ALL {
            assert_eq!(huawei(op.code()).ok(), Some(op));
        }
        for op in MeetingOperation::ALL {
            assert_eq!(meeting(op.code()).ok(), Some(op));
        }
        // The C values are generated from the core's numbers; spot-check one of each.
        assert_eq!(meetctl_tencent_operation::SetCohost as u32, TencentOperation::SetCohost.code());
        assert_eq!(
            meetctl_huawei_operation::AllowUnmuteBySelf as u32,
            HuaweiOperation::AllowUnmuteBySelf.code()
        );
        assert_eq!(meetctl_meeting_operation::MakeHost as u32, MeetingOperation::MakeHost.code());
        for l in TencentLookup::ALL {
            assert_eq!(tencent_lookup(l.code()).ok(), Some(l));
        }
        for l in HuaweiLookup::ALL {
            assert_eq!(huawei_lookup(l.code()).ok(), Some(l));
        }
        assert_eq!(meetctl_tencent_lookup::Attendance as u32, TencentLookup::Attendance.code());
        assert_eq!(meetctl_huawei_lookup::WsToken as u32, HuaweiLookup::WsToken.code());
        // The capability mask has a bit per operation: every number must fit in a uint32_t.
        assert!(MeetingOperation::ALL.iter().all(|op| op.code() < 32));
    }

    #[test]
    fn unknown_numbers_name_the_operation() {
        // One past the last operation: numbers are never reused, so the next one is unknown today.
        let next = meetctl::tencent::TencentOperation::ALL.iter().map(|o| o.code()).max().unwrap_or(0) + 1;
        for code in [0, next, 1000, u32::MAX] {
            match tencent(code) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
        for code in [0, 1000, u32::MAX] {
            match huawei(code) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
        let past = |codes: &mut dyn Iterator<Item = u32>| codes.max().unwrap() + 1;
        for code in [0, past(&mut TencentLookup::ALL.iter().map(|l| l.code())), u32::MAX] {
            match tencent_lookup(code) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("lookup")),
                other => panic!("{other:?}"),
            }
        }
        for code in [0, past(&mut HuaweiLookup::ALL.iter().map(|l| l.code())), u32::MAX] {
            match huawei_lookup(code) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("lookup")),
                other => panic!("{other:?}"),
            }
        }
        let past_the_last = MeetingOperation::ALL.iter().map(|op| op.code()).max().unwrap() + 1;
        for code in [0, past_the_last, u32::MAX] {
            match meeting(code) {
                Err(BoundaryFailure::Core(e)) => assert_eq!(e.field(), Some("operation")),
                other => panic!("{other:?}"),
            }
        }
    }
}
