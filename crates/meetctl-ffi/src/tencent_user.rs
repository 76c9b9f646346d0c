//! The participant as Tencent control calls name one: `meetctl_tencent_user`, its id kinds
//! (`meetctl_id_kind`) and devices (`meetctl_instance`), and reading it into the core's
//! `TencentUser`. Used by the Tencent client, the participant list and the meeting.

use std::ffi::c_char;

use meetctl::tencent::{Instance, TencentUser, TencentUserId};

mod instance;
pub use instance::meetctl_instance;

use crate::failure::BoundaryFailure;
use crate::ffi;

/// How a `meetctl_tencent_user` names the participant (`id_kind`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_id_kind {
    /// Enterprise user id (the vendor's `operator_id_type` 1).
    Userid = 1,
    /// OAuth 2.0 open id (`operator_id_type` 2, the vendor's `openid`): an operator with OAuth
    /// credentials only, the client's own. `MEETCTL_ID_KIND_OPENID`, its old name, is kept as a
    /// `#define` for one release.
    OpenId = 2,
    /// Meeting-scoped open id (`operator_id_type` 4): devices 1 to 8 only.
    MsOpenId = 4,
    /// The participant's uuid (sent in the `uuid` field; no type number).
    Uuid = 100,
}

/// A participant as the control calls name one: an id of some kind, and the device they are on.
///
/// ```c
/// meetctl_tencent_user op = { MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS };
/// ```
///
/// For a target, `instance` must be the device the user is really on, or the call succeeds
/// without effect (the vendor's rule). Errors about the operator name the fields `operator`,
/// `operator.id_kind`, `operator.id`, `operator.instance`; about the target of a seed call,
/// `user`, `user.…`; about entry `i` of the `targets` of `meetctl_tencent_client_control`,
/// `targets[i].…` (and `targets` itself for their number; `user` for the one target of an
/// operation that takes one).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct meetctl_tencent_user {
    /// A `meetctl_id_kind` value.
    pub id_kind: u32,
    /// The id: NUL-terminated UTF-8, not empty.
    pub id: *const c_char,
    /// A `meetctl_instance` value (the vendor's `instanceid`).
    pub instance: i32,
}

/// Reads a participant, naming `role` (`"operator"` or `"user"`) in errors.
pub(crate) fn read_user(
    ptr: *const meetctl_tencent_user,
    role: &'static str,
) -> Result<TencentUser, BoundaryFailure> {
    user_from(ffi::try_ref(ptr, role)?, role)
}

/// Converts a participant, naming its fields `{role}.id`, `{role}.id_kind`, `{role}.instance`.
pub(crate) fn user_from(u: &meetctl_tencent_user, role: &str) -> Result<TencentUser, BoundaryFailure> {
    let id = ffi::try_str(u.id, format!("{role}.id"))?.to_owned();
    let id = match u.id_kind {
        1 => TencentUserId::UserId(id),
        2 => TencentUserId::OpenId(id),
        4 => TencentUserId::MsOpenId(id),
        100 => TencentUserId::Uuid(id),
        other => {
            return Err(BoundaryFailure::invalid(
                format!("{role}.id_kind"),
                format!("{other} is not a meetctl_id_kind (USERID 1, OPEN_ID 2, MS_OPEN_ID 4, UUID 100)"),
            ));
        }
    };
    let instance = Instance::from_code(i64::from(u.instance), format!("{role}.instance"))?;
    Ok(TencentUser::new(id, instance))
}
