//! `meetctl_tencent_participant_list`: the participants of a Tencent meeting, as
//! `meetctl_tencent_client_participants` read them, with a getter per common field.

use std::ffi::{CString, c_char, c_int};

use meetctl::tencent::{Instance, TencentParticipant, TencentRole};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::panic::boundary;
use crate::status::meetctl_status;
use crate::tencent_user::{meetctl_id_kind, meetctl_tencent_user};

/// A Tencent participant's role: the vendor's `user_role` number, as
/// `meetctl_tencent_participant_list_get_role` returns it (-1 when the vendor gave none or one
/// this table does not know).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_tencent_role {
    /// 0: an ordinary member.
    Member = 0,
    /// 1: the meeting's creator.
    Creator = 1,
    /// 2: the host.
    Host = 2,
    /// 3: creator and host.
    CreatorHost = 3,
    /// 4: a guest.
    Guest = 4,
    /// 5: guest and host.
    GuestHost = 5,
    /// 6: a co-host.
    Cohost = 6,
    /// 7: creator and co-host.
    CreatorCohost = 7,
}

impl meetctl_tencent_role {
    fn from_core(role: TencentRole) -> Self {
        match role {
            TencentRole::Member => meetctl_tencent_role::Member,
            TencentRole::Creator => meetctl_tencent_role::Creator,
            TencentRole::Host => meetctl_tencent_role::Host,
            TencentRole::CreatorHost => meetctl_tencent_role::CreatorHost,
            TencentRole::Guest => meetctl_tencent_role::Guest,
            TencentRole::GuestHost => meetctl_tencent_role::GuestHost,
            TencentRole::Cohost => meetctl_tencent_role::Cohost,
            TencentRole::CreatorCohost => meetctl_tencent_role::CreatorCohost,
        }
    }
}

/// One entry, with its strings ready to lend.
struct Entry {
    ms_open_id: Option<CString>,
    userid: Option<CString>,
    open_id: Option<CString>,
    user_name: Option<CString>,
    instanceid: Option<i64>,
    instance: Option<Instance>,
    role: Option<TencentRole>,
    audio_muted: Option<bool>,
    video_on: Option<bool>,
    sharing_screen: Option<bool>,
    raw_json: CString,
}

impl Entry {
    fn new(p: TencentParticipant) -> Entry {
        let c = |s: Option<String>| s.as_deref().map(ffi::c_string);
        Entry {
            raw_json: ffi::c_string(&p.raw.to_string()),
            ms_open_id: c(p.ms_open_id),
            userid: c(p.userid),
            open_id: c(p.open_id),
            user_name: c(p.user_name),
            instanceid: p.instanceid,
            instance: p.instance,
            role: p.role,
            audio_muted: p.audio_muted,
            video_on: p.video_on,
            sharing_screen: p.sharing_screen,
        }
    }
}

/// The participants of a meeting, in the vendor's order, as `meetctl_tencent_client_participants`
/// read them (every page). Each field is what the vendor reported: a getter returns `NULL` (text)
/// or -1 (numbers and flags) where it reported nothing, and for an index out of range (never a
/// crash). Freed with `meetctl_tencent_participant_list_free`.
///
/// Strings returned by its getters are borrowed from it: valid until it is freed, never freed by
/// the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_tencent_participant_list {
    entries: Vec<Entry>,
}

impl meetctl_tencent_participant_list {
    pub(crate) fn new(participants: Vec<TencentParticipant>) -> Self {
        meetctl_tencent_participant_list { entries: participants.into_iter().map(Entry::new).collect() }
    }
}

/// Entry `index` of `list`; `None` for a NULL list or an index out of range.
fn entry<'a>(list: *const meetctl_tencent_participant_list, index: usize) -> Option<&'a Entry> {
    ffi::opt_ref(list).and_then(|l| l.entries.get(index))
}

fn text(
    list: *const meetctl_tencent_participant_list,
    index: usize,
    field: impl FnOnce(&Entry) -> Option<&CString>,
) -> *const c_char {
    boundary(|| ffi::opt_ptr(entry(list, index).and_then(field)))
}

/// Frees a list. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_free(list: *mut meetctl_tencent_participant_list) {
    boundary(|| ffi::free_box(list))
}

/// How many participants there are (0 for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_len(
    list: *const meetctl_tencent_participant_list,
) -> usize {
    boundary(|| ffi::opt_ref(list).map_or(0, |l| l.entries.len()))
}

/// Participant `index`'s meeting-scoped open id (what the control operations take). Borrowed;
/// `NULL` when not reported or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_ms_open_id(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.ms_open_id.as_ref())
}

/// Participant `index`'s enterprise user id (same enterprise only). Borrowed; `NULL` when not
/// reported or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_userid(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.userid.as_ref())
}

/// Participant `index`'s OAuth 2.0 open id. Borrowed; `NULL` when not reported or `index` is out
/// of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_open_id(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.open_id.as_ref())
}

/// Participant `index`'s display name, decoded from the vendor's base64 (UTF-8). Borrowed; `NULL`
/// when not reported or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_user_name(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.user_name.as_ref())
}

/// Participant `index`'s entry as the vendor sent it, as JSON text. Borrowed; `NULL` only when
/// `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_raw_json(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| Some(&e.raw_json))
}

/// Participant `index`'s device, the vendor's `instanceid` (a `meetctl_instance` value; 0 for a
/// telephone or meeting-room device). -1 when not reported or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_instanceid(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> i64 {
    boundary(|| entry(list, index).and_then(|e| e.instanceid).unwrap_or(-1))
}

/// Participant `index`'s role, a `meetctl_tencent_role` value. -1 when not reported (or not one
/// of the table's), or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_role(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> i32 {
    boundary(|| {
        entry(list, index).and_then(|e| e.role).map_or(-1, |r| meetctl_tencent_role::from_core(r) as i32)
    })
}

/// Whether participant `index`'s microphone is muted: 1 muted, 0 on, -1 not reported or `index`
/// out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_audio_muted(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(entry(list, index).and_then(|e| e.audio_muted)))
}

/// Whether participant `index`'s camera is on: 1, 0, or -1 (not reported, or `index` out of
/// range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_video_on(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(entry(list, index).and_then(|e| e.video_on)))
}

/// Whether participant `index` is sharing their screen: 1, 0, or -1 (not reported, or `index`
/// out of range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_sharing_screen(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(entry(list, index).and_then(|e| e.sharing_screen)))
}

/// Participant `index` as a control target: `MEETCTL_ID_KIND_MS_OPEN_ID`, its ms_open_id and its
/// device, ready to pass to `meetctl_tencent_client_control` and the seed calls. The `id` it
/// writes is borrowed from `list` (valid until the list is freed).
///
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `index` when it is out of range, or when the vendor
/// did not report both an ms_open_id and a device of the `meetctl_instance` table for this
/// participant (a telephone or meeting-room device); `*user_out` is then left untouched.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_user(
    list: *const meetctl_tencent_participant_list,
    index: usize,
    user_out: *mut meetctl_tencent_user,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let list = ffi::try_ref(list, "list")?;
        let out = ffi::try_out(user_out, "user_out")?;
        let Some(e) = list.entries.get(index) else {
            return Err(BoundaryFailure::invalid(
                "index",
                format!("is out of range: the list has {} participants", list.entries.len()),
            ));
        };
        let (Some(id), Some(instance)) = (&e.ms_open_id, e.instance) else {
            return Err(BoundaryFailure::invalid(
                "index",
                "this participant has no ms_open_id and device a control call can name",
            ));
        };
        out.write(meetctl_tencent_user {
            id_kind: meetctl_id_kind::MsOpenId as u32,
            id: id.as_ptr(),
            instance: i32::from(instance.code()),
        });
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::ffi::CStr;
    use std::ptr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the getters return NULL or a pointer into a live list.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn roles_are_the_vendor_numbers() {
        for code in 0..8 {
            let role = TencentRole::from_code(code).unwrap();
            assert_eq!(meetctl_tencent_role::from_core(role) as i64, role.code());
        }
    }

    #[test]
    fn getters_read_entries_and_refuse_bad_indexes() {
        let list = ffi::into_handle(meetctl_tencent_participant_list::new(vec![
            TencentParticipant::from_json(json!({
                "ms_open_id": "m1", "userid": "bob", "user_name": "5Lya6K6u", "instanceid": 2,
                "user_role": 6, "audio_state": false, "video_state": true
            })),
            TencentParticipant::from_json(json!({"instanceid": 0, "user_role": 42})),
        ]));
        let list = list.cast_const();
        assert_eq!(meetctl_tencent_participant_list_len(list), 2);
        assert_eq!(text(meetctl_tencent_participant_list_get_ms_open_id(list, 0)).as_deref(), Some("m1"));
        assert_eq!(text(meetctl_tencent_participant_list_get_user_name(list, 0)).as_deref(), Some("会议"));
        assert_eq!(text(meetctl_tencent_participant_list_get_open_id(list, 0)), None);
        assert_eq!(meetctl_tencent_participant_list_get_instanceid(list, 0), 2);
        assert_eq!(meetctl_tencent_participant_list_get_role(list, 0), meetctl_tencent_role::Cohost as i32);
        assert_eq!(meetctl_tencent_participant_list_get_audio_muted(list, 0), 1);
        assert_eq!(meetctl_tencent_participant_list_get_video_on(list, 0), 1);
        assert_eq!(meetctl_tencent_participant_list_get_sharing_screen(list, 0), -1);
        assert_eq!(meetctl_tencent_participant_list_get_instanceid(list, 1), 0);
        assert_eq!(meetctl_tencent_participant_list_get_role(list, 1), -1);
        assert!(text(meetctl_tencent_participant_list_get_raw_json(list, 1)).unwrap().contains("42"));
        for i in [2, usize::MAX] {
            assert!(meetctl_tencent_participant_list_get_raw_json(list, i).is_null());
            assert!(meetctl_tencent_participant_list_get_userid(list, i).is_null());
            assert_eq!(meetctl_tencent_participant_list_get_instanceid(list, i), -1);
            assert_eq!(meetctl_tencent_participant_list_get_audio_muted(list, i), -1);
        }

        let mut user = meetctl_tencent_user { id_kind: 0, id: ptr::null(), instance: 0 };
        assert_eq!(
            meetctl_tencent_participant_list_get_user(list, 0, &mut user, ptr::null_mut()),
            meetctl_status::Ok
        );
        assert_eq!((user.id_kind, user.instance), (4, 2));
        assert_eq!(text(user.id).as_deref(), Some("m1"));
        for i in [1, 2] {
            let mut err: *mut meetctl_error = ptr::null_mut();
            let mut untouched = meetctl_tencent_user { id_kind: 9, id: ptr::null(), instance: 9 };
            let st = meetctl_tencent_participant_list_get_user(list, i, &mut untouched, &mut err);
            assert_eq!(st, meetctl_status::InvalidArgument);
            assert_eq!(text(crate::error::meetctl_error_get_field(err)).as_deref(), Some("index"));
            assert_eq!(untouched.id_kind, 9);
            crate::error::meetctl_error_free(err);
        }
        meetctl_tencent_participant_list_free(list.cast_mut());

        assert_eq!(meetctl_tencent_participant_list_len(ptr::null()), 0);
        assert!(meetctl_tencent_participant_list_get_ms_open_id(ptr::null(), 0).is_null());
        assert_eq!(meetctl_tencent_participant_list_get_role(ptr::null(), 0), -1);
        meetctl_tencent_participant_list_free(ptr::null_mut());
    }
}
