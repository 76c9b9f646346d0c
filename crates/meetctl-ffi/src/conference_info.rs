//! `meetctl_huawei_conference_info`: a Huawei conference as `meetctl_huawei_conference_fetch_info`
//! read it (host, co-hosts, participants online), with a getter per common field.

use std::ffi::{CString, c_char, c_int};

use meetctl::huawei::{HuaweiConferenceInfo, HuaweiParticipant, HuaweiRole};

use crate::ffi;
use crate::panic::boundary;

/// A participant's role in a Huawei conference, as `meetctl_huawei_conference_info_get_participant_role`
/// returns it (-1 for an index out of range). Read from the conference's host and co-host ids.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum meetctl_huawei_role {
    /// Neither host nor co-host.
    Attendee = 0,
    /// The host (chair).
    Host = 1,
    /// A co-host.
    Cohost = 2,
}

impl meetctl_huawei_role {
    fn from_core(role: HuaweiRole) -> Self {
        match role {
            HuaweiRole::Attendee => meetctl_huawei_role::Attendee,
            HuaweiRole::Host => meetctl_huawei_role::Host,
            HuaweiRole::Cohost => meetctl_huawei_role::Cohost,
        }
    }
}

/// One participant, with its strings ready to lend.
struct Participant {
    id: CString,
    name: Option<CString>,
    number: Option<CString>,
    audio_muted: Option<bool>,
    video_on: Option<bool>,
    hand_raised: Option<bool>,
    role: HuaweiRole,
    raw_json: CString,
}

impl Participant {
    fn new(p: HuaweiParticipant) -> Participant {
        Participant {
            id: ffi::c_string(&p.participant_id),
            name: p.name.as_deref().map(ffi::c_string),
            number: p.number.as_deref().map(ffi::c_string),
            audio_muted: p.audio_muted,
            video_on: p.video_on,
            hand_raised: p.hand_raised,
            role: p.role,
            raw_json: ffi::c_string(&p.raw.to_string()),
        }
    }
}

/// A Huawei conference now: its host, its co-hosts and everyone online (waiting-room members are
/// not), as `meetctl_huawei_conference_fetch_info` read it. Each field is what the vendor reported: a
/// getter returns `NULL` (text) or -1 (flags) where it reported nothing, and for an index out of
/// range (never a crash). Freed with `meetctl_huawei_conference_info_free`.
///
/// Strings returned by its getters are borrowed from it: valid until it is freed, never freed by
/// the caller.
///
/// Thread safety: immutable; may be read from several threads at once, and freed once when no
/// thread reads it any more.
pub struct meetctl_huawei_conference_info {
    host_id: Option<CString>,
    cohost_ids: Vec<CString>,
    participants: Vec<Participant>,
    raw_json: CString,
}

impl meetctl_huawei_conference_info {
    pub(crate) fn new(info: HuaweiConferenceInfo) -> Self {
        meetctl_huawei_conference_info {
            host_id: info.host_id.as_deref().map(ffi::c_string),
            cohost_ids: info.cohost_ids.iter().map(|id| ffi::c_string(id)).collect(),
            participants: info.participants.into_iter().map(Participant::new).collect(),
            raw_json: ffi::c_string(&info.raw.to_string()),
        }
    }
}

/// Participant `index` of `info`; `None` for a NULL handle or an index out of range.
fn participant<'a>(info: *const meetctl_huawei_conference_info, index: usize) -> Option<&'a Participant> {
    ffi::opt_ref(info).and_then(|i| i.participants.get(index))
}

fn text(
    info: *const meetctl_huawei_conference_info,
    index: usize,
    field: impl FnOnce(&Participant) -> Option<&CString>,
) -> *const c_char {
    boundary(|| ffi::opt_ptr(participant(info, index).and_then(field)))
}

/// Frees a conference info. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_free(info: *mut meetctl_huawei_conference_info) {
    boundary(|| ffi::free_box(info))
}

/// The host's participant id. Borrowed; `NULL` when the conference has no host (or for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_host_id(
    info: *const meetctl_huawei_conference_info,
) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(info).and_then(|i| i.host_id.as_ref())))
}

/// How many co-hosts there are (0 for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_cohost_count(
    info: *const meetctl_huawei_conference_info,
) -> usize {
    boundary(|| ffi::opt_ref(info).map_or(0, |i| i.cohost_ids.len()))
}

/// Co-host `index`'s participant id. Borrowed; `NULL` when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_cohost_id(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(info).and_then(|i| i.cohost_ids.get(index))))
}

/// How many participants are online (0 for `NULL`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_count(
    info: *const meetctl_huawei_conference_info,
) -> usize {
    boundary(|| ffi::opt_ref(info).map_or(0, |i| i.participants.len()))
}

/// Participant `index`'s id (what the control operations take). Borrowed; `NULL` only when
/// `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_id(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    text(info, index, |p| Some(&p.id))
}

/// Participant `index`'s display name. Borrowed; `NULL` when not reported or `index` is out of
/// range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_name(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    text(info, index, |p| p.name.as_ref())
}

/// Participant `index`'s registered number (SIP or telephone number; what
/// `MEETCTL_HUAWEI_OPERATION_RENAME` takes as `number`). Borrowed; `NULL` when not reported or
/// `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_number(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    text(info, index, |p| p.number.as_ref())
}

/// Participant `index`'s entry as the vendor sent it, as JSON text. Borrowed; `NULL` only when
/// `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_raw_json(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    text(info, index, |p| Some(&p.raw_json))
}

/// Whether participant `index`'s microphone is muted: 1 muted, 0 not, -1 not reported or `index`
/// out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_audio_muted(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(participant(info, index).and_then(|p| p.audio_muted)))
}

/// Whether participant `index` has video on: 1, 0 (audio only), -1 not reported or `index` out of
/// range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_video_on(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(participant(info, index).and_then(|p| p.video_on)))
}

/// Whether participant `index`'s hand is raised: 1, 0, -1 not reported or `index` out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_hand_raised(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    boundary(|| ffi::tri_state(participant(info, index).and_then(|p| p.hand_raised)))
}

/// Participant `index`'s role, a `meetctl_huawei_role` value; -1 when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_participant_role(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> i32 {
    boundary(|| participant(info, index).map_or(-1, |p| meetctl_huawei_role::from_core(p.role) as i32))
}

/// The whole `realTimeInfo` answer as JSON text (for the fields without a getter, such as the
/// lock and recording state). Borrowed; `NULL` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info_get_raw_json(
    info: *const meetctl_huawei_conference_info,
) -> *const c_char {
    boundary(|| ffi::opt_ref(info).map_or(std::ptr::null(), |i| i.raw_json.as_ptr()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::ffi::CStr;
    use std::ptr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the getters return NULL or a pointer into a live info.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn getters_read_the_answer_and_refuse_bad_indexes() {
        let info = HuaweiConferenceInfo::from_json(json!({
            "participants": [
                {"pid": "a", "name": "Alice", "phone": "+86100", "mute": 0, "video": 1, "hand": 0},
                {"pid": "b", "mute": 1, "hand": 1}
            ],
            "confInfo": {"chairID": "a", "coHosts": ["b"]}
        }))
        .unwrap();
        let info = ffi::into_handle(meetctl_huawei_conference_info::new(info)).cast_const();
        assert_eq!(text(meetctl_huawei_conference_info_get_host_id(info)).as_deref(), Some("a"));
        assert_eq!(meetctl_huawei_conference_info_get_cohost_count(info), 1);
        assert_eq!(text(meetctl_huawei_conference_info_get_cohost_id(info, 0)).as_deref(), Some("b"));
        assert!(meetctl_huawei_conference_info_get_cohost_id(info, 1).is_null());
        assert_eq!(meetctl_huawei_conference_info_get_participant_count(info), 2);
        assert_eq!(
            text(meetctl_huawei_conference_info_get_participant_number(info, 0)).as_deref(),
            Some("+86100")
        );
        assert_eq!(
            meetctl_huawei_conference_info_get_participant_role(info, 0),
            meetctl_huawei_role::Host as i32
        );
        assert_eq!(
            meetctl_huawei_conference_info_get_participant_role(info, 1),
            meetctl_huawei_role::Cohost as i32
        );
        assert_eq!(meetctl_huawei_conference_info_get_participant_audio_muted(info, 1), 1);
        assert_eq!(meetctl_huawei_conference_info_get_participant_video_on(info, 1), -1);
        assert_eq!(meetctl_huawei_conference_info_get_participant_hand_raised(info, 0), 0);
        assert!(meetctl_huawei_conference_info_get_participant_name(info, 1).is_null());
        assert!(text(meetctl_huawei_conference_info_get_raw_json(info)).unwrap().contains("coHosts"));
        for i in [2, usize::MAX] {
            assert!(meetctl_huawei_conference_info_get_participant_id(info, i).is_null());
            assert!(meetctl_huawei_conference_info_get_participant_raw_json(info, i).is_null());
            assert_eq!(meetctl_huawei_conference_info_get_participant_role(info, i), -1);
            assert_eq!(meetctl_huawei_conference_info_get_participant_audio_muted(info, i), -1);
        }
        meetctl_huawei_conference_info_free(info.cast_mut());
        assert!(meetctl_huawei_conference_info_get_host_id(ptr::null()).is_null());
        assert!(meetctl_huawei_conference_info_get_raw_json(ptr::null()).is_null());
        assert_eq!(meetctl_huawei_conference_info_get_participant_count(ptr::null()), 0);
        meetctl_huawei_conference_info_free(ptr::null_mut());
    }
}
