//! `meetctl_participant_list`: the participants of a `meetctl_meeting`, whichever the vendor, as
//! `meetctl_meeting_participants` read them or as `meetctl_participant_list_from_ids` rebuilt them
//! from kept ids; a getter per field, and the entries are what `meetctl_meeting_control` acts on.

use std::ffi::{CString, c_char, c_int};

use meetctl::{Participant, Role, Vendor};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::panic::boundary;
use crate::status::{meetctl_status, meetctl_vendor};

/// A participant's role in a `meetctl_meeting`, in the terms both vendors share, as
/// `meetctl_participant_list_get_role` returns it (-1 for an index out of range). The numbers
/// of `meetctl_huawei_role` and one more; never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_role {
    /// An ordinary participant.
    Attendee = 0,
    /// Holds the host (chair) role.
    Host = 1,
    /// A co-host.
    Cohost = 2,
    /// Anything else the vendor reports (Tencent: the creator while someone else is host), or no
    /// role known (a participant made from an id).
    Other = 3,
}

impl meetctl_role {
    pub(crate) fn from_core(role: Role) -> Self {
        match role {
            Role::Attendee => meetctl_role::Attendee,
            Role::Host => meetctl_role::Host,
            Role::Cohost => meetctl_role::Cohost,
            Role::Other => meetctl_role::Other,
        }
    }
}

/// The C vendor of the core's.
pub(crate) fn vendor(v: Vendor) -> meetctl_vendor {
    match v {
        Vendor::Tencent => meetctl_vendor::Tencent,
        Vendor::Huawei => meetctl_vendor::Huawei,
    }
}

/// One participant, with its strings ready to lend.
struct Entry {
    participant: Participant,
    id: CString,
    name: Option<CString>,
    device: Option<CString>,
    raw_json: CString,
}

impl Entry {
    fn new(participant: Participant) -> Entry {
        Entry {
            id: ffi::c_string(participant.id()),
            name: participant.name.as_deref().map(ffi::c_string),
            device: participant.device.as_deref().map(ffi::c_string),
            raw_json: ffi::c_string(&participant.raw.to_string()),
            participant,
        }
    }
}

/// Participants of a `meetctl_meeting`, whichever the vendor: read by
/// `meetctl_meeting_participants` (in the vendor's order), or rebuilt from kept ids by
/// `meetctl_participant_list_from_ids`. Entry `index` of a list is what
/// `meetctl_meeting_control` acts on. Freed with `meetctl_participant_list_free`.
///
/// Each field is what the vendor reported: a getter returns `NULL` (text) or -1 (flags) where it
/// reported nothing, and for an index out of range or a `NULL` list (never a crash). Tencent
/// reports no raised hands, Huawei no screen sharing and no device; an entry made from an id has
/// only its id, its vendor and whether it can be controlled.
///
/// Strings returned by its getters are borrowed from it: valid until it is freed, never freed by
/// the caller.
///
/// Thread safety: immutable; may be read (and passed to `meetctl_meeting_control`) from several
/// threads at once, and freed once when no thread uses it any more.
pub struct meetctl_participant_list {
    entries: Vec<Entry>,
}

impl meetctl_participant_list {
    pub(crate) fn new(participants: Vec<Participant>) -> Self {
        meetctl_participant_list { entries: participants.into_iter().map(Entry::new).collect() }
    }

    /// Participant `index`, or an invalid-argument failure naming `index`.
    pub(crate) fn get(&self, index: usize) -> Result<&Participant, BoundaryFailure> {
        self.entries.get(index).map(|e| &e.participant).ok_or_else(|| {
            BoundaryFailure::invalid(
                "index",
                format!("{index} is out of range: the list has {} participants", self.entries.len()),
            )
        })
    }
}

/// Entry `index` of `list`; `None` for a NULL list or an index out of range.
fn entry<'a>(list: *const meetctl_participant_list, index: usize) -> Option<&'a Entry> {
    ffi::opt_ref(list).and_then(|l| l.entries.get(index))
}

fn text(
    list: *const meetctl_participant_list,
    index: usize,
    field: impl FnOnce(&Entry) -> Option<&CString>,
) -> *const c_char {
    boundary(|| ffi::opt_ptr(entry(list, index).and_then(field)))
}

fn flag(
    list: *const meetctl_participant_list,
    index: usize,
    field: impl FnOnce(&Participant) -> Option<bool>,
) -> c_int {
    boundary(|| ffi::tri_state(entry(list, index).and_then(|e| field(&e.participant))))
}

/// A list of participants rebuilt from `len` ids kept from earlier listings
/// (`meetctl_participant_list_get_id`), at `ids` (`NULL` when `len` is 0), in that order. Nothing
/// is sent: each id is only read. Controls then reach the same person as the listed entry did,
/// while they stay on the same device (a Tencent id names the device: after they join again on
/// another one, list again for their new id). A Huawei entry made from an id is renamed by the
/// number looked up in the conference first.
///
/// An id that is not a meetctl participant id is `MEETCTL_STATUS_INVALID_ARGUMENT` naming
/// `ids[i]`; a `NULL` one `MEETCTL_STATUS_NULL_ARGUMENT` naming `ids[i]`. On success `*list_out`
/// receives a new list to free with `meetctl_participant_list_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_from_ids(
    ids: *const *const c_char,
    len: usize,
    list_out: *mut *mut meetctl_participant_list,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let out = ffi::try_out(list_out, "list_out")?;
        let participants = ffi::try_slice(ids, len, "ids", "len")?
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let id = ffi::try_str(*id, format!("ids[{i}]"))?;
                Participant::from_id(id)
                    .map_err(|e| BoundaryFailure::invalid(format!("ids[{i}]"), e.message().to_owned()))
            })
            .collect::<Result<Vec<_>, BoundaryFailure>>()?;
        out.write(ffi::into_handle(meetctl_participant_list::new(participants)));
        Ok(())
    })
}

/// Frees a list. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_free(list: *mut meetctl_participant_list) {
    boundary(|| ffi::free_box(list))
}

/// How many participants there are (0 for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_len(list: *const meetctl_participant_list) -> usize {
    boundary(|| ffi::opt_ref(list).map_or(0, |l| l.entries.len()))
}

/// Participant `index`'s id: opaque text to keep and pass back through
/// `meetctl_participant_list_from_ids`, unique in the listing and stable while the participant
/// stays on one device. Borrowed; `NULL` only when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_id(
    list: *const meetctl_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| Some(&e.id))
}

/// The vendor of participant `index`'s meeting; `MEETCTL_VENDOR_NONE` when `index` is out of
/// range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_vendor(
    list: *const meetctl_participant_list,
    index: usize,
) -> meetctl_vendor {
    boundary(|| entry(list, index).map_or(meetctl_vendor::None, |e| vendor(e.participant.vendor())))
}

/// Participant `index`'s display name (UTF-8). Borrowed; `NULL` when not reported or `index` is
/// out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_name(
    list: *const meetctl_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.name.as_ref())
}

/// Participant `index`'s role, a `meetctl_role` value; -1 when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_role(
    list: *const meetctl_participant_list,
    index: usize,
) -> i32 {
    boundary(|| entry(list, index).map_or(-1, |e| meetctl_role::from_core(e.participant.role) as i32))
}

/// Participant `index`'s device, when the vendor says (Tencent: `"pc"`, `"mac"`, `"ios"`, …).
/// Borrowed; `NULL` when not reported or `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_device(
    list: *const meetctl_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| e.device.as_ref())
}

/// Whether participant `index`'s microphone is muted: 1, 0, or -1 (not reported, or `index` out
/// of range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_audio_muted(
    list: *const meetctl_participant_list,
    index: usize,
) -> c_int {
    flag(list, index, |p| p.audio_muted)
}

/// Whether participant `index`'s video is on: 1, 0, or -1 (not reported, or `index` out of
/// range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_video_on(
    list: *const meetctl_participant_list,
    index: usize,
) -> c_int {
    flag(list, index, |p| p.video_on)
}

/// Whether participant `index`'s hand is raised: 1, 0, or -1 (not reported — Tencent never does
/// — or `index` out of range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_hand_raised(
    list: *const meetctl_participant_list,
    index: usize,
) -> c_int {
    flag(list, index, |p| p.hand_raised)
}

/// Whether participant `index` is sharing the screen: 1, 0, or -1 (not reported — Huawei never
/// does — or `index` out of range).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_sharing_screen(
    list: *const meetctl_participant_list,
    index: usize,
) -> c_int {
    flag(list, index, |p| p.sharing_screen)
}

/// Whether the vendor's control endpoints can act on participant `index`: 1 or 0 (Tencent lists
/// telephone lines and meeting-room devices it cannot control; acting on one is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `participant`, nothing sent); -1 when `index` is out
/// of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_controllable(
    list: *const meetctl_participant_list,
    index: usize,
) -> c_int {
    flag(list, index, |p| Some(p.controllable))
}

/// Participant `index`'s entry as the vendor sent it, as JSON text (`null` for an entry made from
/// an id). Borrowed; `NULL` only when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_participant_list_get_raw_json(
    list: *const meetctl_participant_list,
    index: usize,
) -> *const c_char {
    text(list, index, |e| Some(&e.raw_json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field};
    use std::ffi::CStr;
    use std::ptr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the getters return NULL or a pointer into a live list or error.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn roles_have_the_huawei_numbers_and_one_more() {
        use crate::conference_info::meetctl_huawei_role;
        assert_eq!(meetctl_role::Attendee as i32, meetctl_huawei_role::Attendee as i32);
        assert_eq!(meetctl_role::Host as i32, meetctl_huawei_role::Host as i32);
        assert_eq!(meetctl_role::Cohost as i32, meetctl_huawei_role::Cohost as i32);
        assert_eq!(meetctl_role::from_core(Role::Other), meetctl_role::Other);
    }

    #[test]
    fn lists_from_ids_read_every_id_and_name_the_bad_one() {
        let ids = [c"tencent:2:agaqwwgdkkddd".as_ptr(), c"huawei:p1".as_ptr(), c"tencent:0:m".as_ptr()];
        let mut list = ptr::null_mut();
        assert_eq!(
            meetctl_participant_list_from_ids(ids.as_ptr(), ids.len(), &mut list, ptr::null_mut()),
            meetctl_status::Ok
        );
        let l = list.cast_const();
        assert_eq!(meetctl_participant_list_len(l), 3);
        assert_eq!(text(meetctl_participant_list_get_id(l, 0)).as_deref(), Some("tencent:2:agaqwwgdkkddd"));
        assert_eq!(meetctl_participant_list_get_vendor(l, 0), meetctl_vendor::Tencent);
        assert_eq!(meetctl_participant_list_get_vendor(l, 1), meetctl_vendor::Huawei);
        assert_eq!(meetctl_participant_list_get_role(l, 1), meetctl_role::Other as i32);
        assert_eq!(meetctl_participant_list_get_controllable(l, 0), 1);
        assert_eq!(meetctl_participant_list_get_controllable(l, 2), 0, "a telephone line");
        assert_eq!(meetctl_participant_list_get_audio_muted(l, 0), -1);
        assert_eq!(text(meetctl_participant_list_get_raw_json(l, 0)).as_deref(), Some("null"));
        assert!(meetctl_participant_list_get_name(l, 0).is_null());
        for i in [3, usize::MAX] {
            assert!(meetctl_participant_list_get_id(l, i).is_null());
            assert!(meetctl_participant_list_get_raw_json(l, i).is_null());
            assert_eq!(meetctl_participant_list_get_role(l, i), -1);
            assert_eq!(meetctl_participant_list_get_controllable(l, i), -1);
            assert_eq!(meetctl_participant_list_get_vendor(l, i), meetctl_vendor::None);
        }
        meetctl_participant_list_free(list);

        let bad = [c"huawei:p1".as_ptr(), c"zoom:1".as_ptr()];
        let mut untouched = 0x10 as *mut meetctl_participant_list;
        let mut err = ptr::null_mut();
        let st = meetctl_participant_list_from_ids(bad.as_ptr(), 2, &mut untouched, &mut err);
        assert_eq!(st, meetctl_status::InvalidArgument);
        assert_eq!(text(meetctl_error_get_field(err)).as_deref(), Some("ids[1]"));
        assert_eq!(untouched, 0x10 as *mut _);
        meetctl_error_free(err);

        let null = [ptr::null()];
        let mut err = ptr::null_mut();
        assert_eq!(
            meetctl_participant_list_from_ids(null.as_ptr(), 1, &mut untouched, &mut err),
            meetctl_status::NullArgument
        );
        assert_eq!(text(meetctl_error_get_field(err)).as_deref(), Some("ids[0]"));
        meetctl_error_free(err);

        let mut empty = ptr::null_mut();
        assert_eq!(
            meetctl_participant_list_from_ids(ptr::null(), 0, &mut empty, ptr::null_mut()),
            meetctl_status::Ok
        );
        assert_eq!(meetctl_participant_list_len(empty), 0);
        meetctl_participant_list_free(empty);
        assert_eq!(meetctl_participant_list_len(ptr::null()), 0);
        assert!(meetctl_participant_list_get_device(ptr::null(), 0).is_null());
        meetctl_participant_list_free(ptr::null_mut());
    }
}
