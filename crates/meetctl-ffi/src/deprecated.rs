//! The old names of renamed functions and types (docs/naming.md, "Deprecated"), kept for one
//! release so that C programs linked against an earlier libmeetctl keep linking and C sources
//! keep compiling. Each function is a thin wrapper over its new name; nothing else may call them.
//! `crates/meetctl-ffi/exported-symbols.txt` keeps listing them until they go.
//!
//! Two old names cannot be functions or types of their own, and `cbindgen.toml`
//! (`after_includes`) keeps them as macros: `MEETCTL_ID_KIND_OPENID` (an enum constant) and the
//! call `meetctl_huawei_conference_info(conference, &info, &err)`, whose name now belongs to the
//! type `meetctl_huawei_conference_info` (C has one namespace for both), so its declaration is
//! left out of the header and a function-like macro forwards the old call to
//! `meetctl_huawei_conference_fetch_info`. The symbol itself stays exported.

use std::ffi::{c_char, c_int};

use crate::conference_info::{self as info, meetctl_huawei_conference_info};
use crate::error::meetctl_error;
use crate::huawei::{self, meetctl_huawei_conference};
use crate::participants::{self, meetctl_tencent_participant_list};
use crate::status::meetctl_status;

/// Deprecated (removed in the next release): the old name of `meetctl_huawei_conference_info`.
pub type meetctl_huawei_info = meetctl_huawei_conference_info;

/// cbindgen:ignore
///
/// Deprecated (removed in the next release): `meetctl_huawei_conference_fetch_info`. Left out
/// of the header, where `meetctl_huawei_conference_info` names the type; a macro there forwards
/// calls written with the old name.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_conference_info(
    conference: *const meetctl_huawei_conference,
    info_out: *mut *mut meetctl_huawei_conference_info,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    huawei::meetctl_huawei_conference_fetch_info(conference, info_out, err_out)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_free(info: *mut meetctl_huawei_conference_info) {
    info::meetctl_huawei_conference_info_free(info)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_get_host_id`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_host_id(
    info: *const meetctl_huawei_conference_info,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_host_id(info)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_get_cohost_count`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_cohost_count(info: *const meetctl_huawei_conference_info) -> usize {
    info::meetctl_huawei_conference_info_get_cohost_count(info)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_get_cohost_id`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_cohost_id(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_cohost_id(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_count`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_count(
    info: *const meetctl_huawei_conference_info,
) -> usize {
    info::meetctl_huawei_conference_info_get_participant_count(info)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_get_participant_id`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_id(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_participant_id(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_name`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_name(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_participant_name(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_number`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_number(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_participant_number(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_raw_json`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_raw_json(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_participant_raw_json(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_audio_muted` (the same values: 1 muted).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_muted(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    info::meetctl_huawei_conference_info_get_participant_audio_muted(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_video_on` (the same values: 1 video on).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_video(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    info::meetctl_huawei_conference_info_get_participant_video_on(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_hand_raised`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_hand_raised(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> c_int {
    info::meetctl_huawei_conference_info_get_participant_hand_raised(info, index)
}

/// Deprecated (removed in the next release):
/// `meetctl_huawei_conference_info_get_participant_role`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_participant_role(
    info: *const meetctl_huawei_conference_info,
    index: usize,
) -> i32 {
    info::meetctl_huawei_conference_info_get_participant_role(info, index)
}

/// Deprecated (removed in the next release): `meetctl_huawei_conference_info_get_raw_json`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_huawei_info_get_raw_json(
    info: *const meetctl_huawei_conference_info,
) -> *const c_char {
    info::meetctl_huawei_conference_info_get_raw_json(info)
}

/// Deprecated (removed in the next release): `meetctl_tencent_participant_list_get_audio_muted`,
/// which answers the opposite question. Whether participant `index`'s microphone is on: 1 on,
/// 0 off (muted), -1 not reported or `index` out of range.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_audio_on(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> c_int {
    match participants::meetctl_tencent_participant_list_get_audio_muted(list, index) {
        -1 => -1,
        muted => c_int::from(muted == 0),
    }
}

/// Deprecated (removed in the next release):
/// `meetctl_tencent_participant_list_get_sharing_screen`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_tencent_participant_list_get_screen_sharing(
    list: *const meetctl_tencent_participant_list,
    index: usize,
) -> c_int {
    participants::meetctl_tencent_participant_list_get_sharing_screen(list, index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use meetctl::huawei::HuaweiConferenceInfo;
    use meetctl::tencent::TencentParticipant;
    use serde_json::json;
    use std::ptr;

    use crate::ffi;

    #[test]
    fn old_huawei_info_getters_answer_as_the_new_ones() {
        let info = HuaweiConferenceInfo::from_json(json!({
            "participants": [
                {"pid": "a", "name": "Alice", "phone": "+86100", "mute": 0, "video": 1, "hand": 0},
                {"pid": "b", "mute": 1, "hand": 1}
            ],
            "confInfo": {"chairID": "a", "coHosts": ["b"]}
        }))
        .unwrap();
        let info: *const meetctl_huawei_info = ffi::into_handle(meetctl_huawei_conference_info::new(info));
        assert_eq!(
            meetctl_huawei_info_get_host_id(info),
            info::meetctl_huawei_conference_info_get_host_id(info)
        );
        assert_eq!(
            meetctl_huawei_info_get_raw_json(info),
            info::meetctl_huawei_conference_info_get_raw_json(info)
        );
        assert_eq!(meetctl_huawei_info_get_cohost_count(info), 1);
        assert_eq!(meetctl_huawei_info_get_participant_count(info), 2);
        for i in [0, 1, 2] {
            assert_eq!(
                meetctl_huawei_info_get_cohost_id(info, i),
                info::meetctl_huawei_conference_info_get_cohost_id(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_id(info, i),
                info::meetctl_huawei_conference_info_get_participant_id(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_name(info, i),
                info::meetctl_huawei_conference_info_get_participant_name(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_number(info, i),
                info::meetctl_huawei_conference_info_get_participant_number(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_raw_json(info, i),
                info::meetctl_huawei_conference_info_get_participant_raw_json(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_hand_raised(info, i),
                info::meetctl_huawei_conference_info_get_participant_hand_raised(info, i)
            );
            assert_eq!(
                meetctl_huawei_info_get_participant_role(info, i),
                info::meetctl_huawei_conference_info_get_participant_role(info, i)
            );
        }
        let muted: Vec<c_int> = (0..3).map(|i| meetctl_huawei_info_get_participant_muted(info, i)).collect();
        assert_eq!(muted, [0, 1, -1]);
        let video: Vec<c_int> = (0..3).map(|i| meetctl_huawei_info_get_participant_video(info, i)).collect();
        assert_eq!(video, [1, -1, -1]);
        meetctl_huawei_info_free(info.cast_mut());
        meetctl_huawei_info_free(ptr::null_mut());

        let mut out: *mut meetctl_huawei_conference_info = ptr::null_mut();
        let st = meetctl_huawei_conference_info(ptr::null(), &mut out, ptr::null_mut());
        assert_eq!(st, meetctl_status::NullArgument);
        assert!(out.is_null());
    }

    #[test]
    fn old_tencent_getters_keep_their_meaning() {
        let list = ffi::into_handle(meetctl_tencent_participant_list::new(vec![
            TencentParticipant::from_json(json!({"audio_state": true, "screen_shared_state": true})),
            TencentParticipant::from_json(json!({"audio_state": false, "screen_shared_state": false})),
            TencentParticipant::from_json(json!({})),
        ]))
        .cast_const();
        let on: Vec<c_int> = (0..4).map(|i| meetctl_tencent_participant_list_get_audio_on(list, i)).collect();
        assert_eq!(on, [1, 0, -1, -1]);
        let muted: Vec<c_int> =
            (0..4).map(|i| participants::meetctl_tencent_participant_list_get_audio_muted(list, i)).collect();
        assert_eq!(muted, [0, 1, -1, -1]);
        let sharing: Vec<c_int> =
            (0..4).map(|i| meetctl_tencent_participant_list_get_screen_sharing(list, i)).collect();
        assert_eq!(sharing, [1, 0, -1, -1]);
        participants::meetctl_tencent_participant_list_free(list.cast_mut());
    }
}
