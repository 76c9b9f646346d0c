//! `meetctl_meeting`: one meeting on either vendor (the core's `meetctl::Meeting`), its
//! capabilities, its participants and the one control function.

use std::ffi::{CString, c_char};
use std::ptr;

use meetctl::{Meeting, MeetingOperation};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::huawei::meetctl_huawei_conference;
use crate::panic::boundary;
use crate::participant_list::{self, meetctl_participant_list};
use crate::status::{meetctl_status, meetctl_vendor};
use crate::tencent::meetctl_tencent_client;
use crate::tencent_user::meetctl_tencent_user;
use crate::value::meetctl_value;

/// One meeting, whichever the vendor: a Tencent meeting acted on by an operator, or a Huawei
/// conference acted on with its handle's control token. The same calls work on both
/// (`meetctl_meeting_participants`, `meetctl_meeting_control` with a `meetctl_meeting_operation`),
/// with the vendors' differences (id schemes, 0/1 flags, the inverted camera flag, which id the
/// operator is named by) handled inside; an operation the vendor cannot do is
/// `MEETCTL_STATUS_UNSUPPORTED` before anything is sent (`meetctl_meeting_supports` says so
/// beforehand).
///
/// Made with `meetctl_meeting_new_tencent`, `meetctl_meeting_new_tencent_occurrence` or
/// `meetctl_meeting_new_huawei`, or found (`meetctl_meeting_find_tencent`,
/// `meetctl_meeting_find_huawei_by_number`, `meetctl_meeting_find_huawei_by_conference_id`);
/// freed with `meetctl_meeting_free`. It keeps what it needs of the client or conference handle it was made
/// from: that may be freed first.
///
/// Thread safety: thread-safe. Any number of threads may call functions on one meeting at once
/// (they share the connection pool, the Huawei control token and the Tencent operator's
/// ms_open_id, looked up once); only freeing it must wait until no call is running.
pub struct meetctl_meeting {
    meeting: Meeting,
    id: CString,
    occurrence: Option<CString>,
}

impl meetctl_meeting {
    pub(crate) fn new(meeting: Meeting) -> Self {
        let id = ffi::c_string(meeting.id());
        let occurrence = meeting.occurrence().map(ffi::c_string);
        meetctl_meeting { meeting, id, occurrence }
    }

    /// The core's meeting.
    pub(crate) fn meeting(&self) -> &Meeting {
        &self.meeting
    }
}

/// A Tencent meeting `meeting_id` of `client`, acted on by `op` (the host or a co-host). Nothing
/// is sent.
///
/// Give the operator by `MEETCTL_ID_KIND_USERID` (enterprise credentials) or, with OAuth
/// credentials, by the client's own `MEETCTL_ID_KIND_OPEN_ID`, with the device they are on:
/// listing the participants needs that form, and where an endpoint needs the operator's
/// ms_open_id, it is looked up once (`GET /v1/meetings/{id}/ms-open-id`) and kept. An operator
/// by `MEETCTL_ID_KIND_MS_OPEN_ID` can act but not list. Errors about it name `operator`,
/// `operator.id`, …
///
/// On success `*meeting_out` receives a new meeting to free with `meetctl_meeting_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_new_tencent(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    op: *const meetctl_tencent_user,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(meeting_out, "meeting_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let op = crate::tencent_user::read_user(op, "operator")?;
        let meeting = Meeting::tencent(client.clone(), meeting_id, op)?;
        out.write(ffi::into_handle(meetctl_meeting::new(meeting)));
        Ok(())
    })
}

/// As `meetctl_meeting_new_tencent`, for one occurrence of a recurring meeting: `occurrence` is
/// its sub-meeting id (the `occurrence` of a `Candidate` or of the `occurrences` of
/// `meetctl_meeting_details`), which the vendor requires when listing a recurring meeting's
/// participants; `NULL` for a meeting that does not recur (then the same as
/// `meetctl_meeting_new_tencent`). Errors about it name `occurrence`. Nothing is sent.
///
/// On success `*meeting_out` receives a new meeting to free with `meetctl_meeting_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_new_tencent_occurrence(
    client: *const meetctl_tencent_client,
    meeting_id: *const c_char,
    occurrence: *const c_char,
    op: *const meetctl_tencent_user,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let client = &ffi::try_ref(client, "client")?.client;
        let out = ffi::try_out(meeting_out, "meeting_out")?;
        let meeting_id = ffi::try_str(meeting_id, "meeting_id")?;
        let occurrence = ffi::try_opt_str(occurrence, "occurrence")?;
        let op = crate::tencent_user::read_user(op, "operator")?;
        let meeting = Meeting::tencent_occurrence(client.clone(), meeting_id, occurrence, op)?;
        out.write(ffi::into_handle(meetctl_meeting::new(meeting)));
        Ok(())
    })
}

/// The Huawei conference of `conference` as a meeting, acted on with its control token (shared
/// with the conference handle). `MEETCTL_MEETING_OPERATION_MAKE_HOST` needs the handle opened
/// with the host password (`meetctl_huawei_conference_new_with_password`). Nothing is sent.
///
/// On success `*meeting_out` receives a new meeting to free with `meetctl_meeting_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_new_huawei(
    conference: *const meetctl_huawei_conference,
    meeting_out: *mut *mut meetctl_meeting,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let conference = &ffi::try_ref(conference, "conference")?.conference;
        let out = ffi::try_out(meeting_out, "meeting_out")?;
        out.write(ffi::into_handle(meetctl_meeting::new(Meeting::huawei(conference.clone()))));
        Ok(())
    })
}

/// Frees a meeting. `NULL` is a no-op. No call on it may be running.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_free(meeting: *mut meetctl_meeting) {
    boundary(|| ffi::free_box(meeting))
}

/// Which vendor hosts the meeting; `MEETCTL_VENDOR_NONE` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_get_vendor(meeting: *const meetctl_meeting) -> meetctl_vendor {
    boundary(|| {
        ffi::opt_ref(meeting).map_or(meetctl_vendor::None, |m| participant_list::vendor(m.meeting.vendor()))
    })
}

/// The meeting (conference) id. Borrowed from `meeting`; `NULL` only for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_get_id(meeting: *const meetctl_meeting) -> *const c_char {
    boundary(|| ffi::opt_ref(meeting).map_or(ptr::null(), |m| m.id.as_ptr()))
}

/// The occurrence of a recurring Tencent meeting this meeting acts on (its sub-meeting id), as
/// `meetctl_meeting_find_tencent` picked it or `meetctl_meeting_new_tencent_occurrence` was given
/// it. Borrowed from `meeting`; `NULL` for a meeting without one (every Huawei conference), or
/// for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_get_occurrence(meeting: *const meetctl_meeting) -> *const c_char {
    boundary(|| ffi::opt_ptr(ffi::opt_ref(meeting).and_then(|m| m.occurrence.as_ref())))
}

/// What the meeting is, asked of the vendor (Tencent: the meeting's details, by the meeting's
/// operator; Huawei: the conference's details, with the access token of the client the
/// conference handle was made from, which needs account authentication). On success
/// `*details_out` receives a new `meetctl_value` to free with `meetctl_value_free`: a
/// `MeetingDetails` record (`vendor` `"tencent"` or `"huawei"`, `meeting_id`, `occurrence`,
/// `code`, `subject`, `in_progress`, `status`, `start_time`, `end_time`, `hosts`, `recurring`,
/// `occurrences`; docs/c-api.md, "Records").
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_details(
    meeting: *const meetctl_meeting,
    details_out: *mut *mut meetctl_value,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let meeting = &ffi::try_ref(meeting, "meeting")?.meeting;
        let out = ffi::try_out(details_out, "details_out")?;
        let details = meeting.details()?;
        out.write(ffi::into_handle(meetctl_value::owned_record(serde_json::to_value(&details))));
        Ok(())
    })
}

/// What the meeting can do: bit N (`1u << N`) is set when it supports the
/// `meetctl_meeting_operation` numbered N (bit 0 is never set). Every operation on Huawei; on
/// Tencent every one but `MEETCTL_MEETING_OPERATION_MAKE_HOST`, `_BROADCAST`, `_CANCEL_BROADCAST`
/// and `_LOWER_ALL_HANDS`. 0 for `NULL`. (A `u32`: room for operations 1 to 31.)
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_capabilities(meeting: *const meetctl_meeting) -> u32 {
    boundary(|| {
        ffi::opt_ref(meeting)
            .map_or(0, |m| m.meeting.capabilities().iter().fold(0, |mask, op| mask | 1 << op.code()))
    })
}

/// Whether the meeting supports `operation` (a `meetctl_meeting_operation`); `false` for an
/// unknown number or `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_supports(meeting: *const meetctl_meeting, operation: u32) -> bool {
    boundary(|| {
        ffi::opt_ref(meeting)
            .zip(MeetingOperation::from_code(operation))
            .is_some_and(|(m, op)| m.meeting.supports(op))
    })
}

/// The snake_case name of `operation` (a `meetctl_meeting_operation`: `"mute_all"`), for logs. A
/// static string; `NULL` for an unknown number.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_operation_name(operation: u32) -> *const c_char {
    boundary(|| MeetingOperation::from_code(operation).map_or(ptr::null(), |op| op.c_name().as_ptr()))
}

/// Everyone in the meeting now (Tencent: every page of the real-time participants, which needs
/// the operator by userid or openid; Huawei: the conference's real-time info). On success
/// `*list_out` receives a new list to free with `meetctl_participant_list_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_participants(
    meeting: *const meetctl_meeting,
    list_out: *mut *mut meetctl_participant_list,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let meeting = &ffi::try_ref(meeting, "meeting")?.meeting;
        let out = ffi::try_out(list_out, "list_out")?;
        let participants = meeting.participants()?;
        out.write(ffi::into_handle(meetctl_participant_list::new(participants)));
        Ok(())
    })
}

/// Performs `operation` (a `meetctl_meeting_operation`) on the meeting: on participant `index`
/// of `list` for the operations that act on one participant (mute, unmute, remove, set and
/// revoke co-host, stop video, rename, make host), with `list` `NULL` (and `index` ignored) for
/// the others (mute all, unmute all, lock, unlock, end). `args_json` is a JSON object of the
/// operation's arguments — `{"allow_unmute_by_self":false}` for mute all, `{"name":"Bob"}` for
/// rename — or `NULL` for none.
///
/// Everything is checked before anything is sent, in this order: `meeting` not `NULL`; the
/// `operation` number (unknown, or `MEETCTL_MEETING_OPERATION_PARTICIPANTS`, which is not a
/// control: field `operation`); `list` (`MEETCTL_STATUS_NULL_ARGUMENT` when the operation needs a
/// participant, `MEETCTL_STATUS_INVALID_ARGUMENT` when it takes none) and `index` (in range);
/// `args_json` (JSON object: field `args`; unknown or wrongly typed arguments name themselves);
/// then the operation against the meeting: `MEETCTL_STATUS_UNSUPPORTED` when its vendor cannot
/// do it, and field `participant` for a participant of the other vendor's meeting or one the
/// vendor cannot control. Invalid arguments name the field (`meetctl_error_get_field`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_meeting_control(
    meeting: *const meetctl_meeting,
    operation: u32,
    list: *const meetctl_participant_list,
    index: usize,
    args_json: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    fallible(err_out, || {
        let meeting = &ffi::try_ref(meeting, "meeting")?.meeting;
        let operation = crate::operation::meeting(operation)?;
        if operation == MeetingOperation::Participants {
            return Err(BoundaryFailure::invalid(
                "operation",
                "MEETCTL_MEETING_OPERATION_PARTICIPANTS is no control: call meetctl_meeting_participants",
            ));
        }
        let participant = match ffi::opt_ref(list) {
            Some(list) if operation.takes_participant() => Some(list.get(index)?),
            None if operation.takes_participant() => return Err(BoundaryFailure::Null("list".into())),
            Some(_) => {
                return Err(BoundaryFailure::invalid(
                    "list",
                    format!("must be NULL: {} acts on no participant", operation.name()),
                ));
            }
            None => None,
        };
        let args = ffi::args(args_json)?;
        meeting.control(operation, participant, &args)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field, meetctl_error_get_kind};
    use crate::participant_list::{meetctl_participant_list_free, meetctl_participant_list_from_ids};
    use crate::status::meetctl_error_kind;
    use std::ffi::CStr;

    fn text(p: *const c_char) -> Option<String> {
        // SAFETY: the accessors return NULL or a pointer into a live handle or a static string.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned())
    }

    /// A Tencent meeting whose client points nowhere: every check here happens before I/O.
    fn tencent() -> *mut meetctl_meeting {
        let mut client = ptr::null_mut();
        let st = crate::tencent::meetctl_tencent_client_new_enterprise(
            ptr::null(),
            c"210000001".as_ptr(),
            c"AKID".as_ptr(),
            c"key".as_ptr(),
            ptr::null(),
            &mut client,
            ptr::null_mut(),
        );
        assert_eq!(st, meetctl_status::Ok);
        let op = meetctl_tencent_user { id_kind: 1, id: c"alice".as_ptr(), instance: 4 };
        let mut meeting = ptr::null_mut();
        let st = meetctl_meeting_new_tencent(
            client,
            c"1242152152161".as_ptr(),
            &op,
            &mut meeting,
            ptr::null_mut(),
        );
        assert_eq!(st, meetctl_status::Ok);
        crate::tencent::meetctl_tencent_client_free(client); // the meeting keeps what it needs
        meeting
    }

    fn list(ids: &[&CStr]) -> *mut meetctl_participant_list {
        let ptrs: Vec<*const c_char> = ids.iter().map(|s| s.as_ptr()).collect();
        let mut list = ptr::null_mut();
        assert_eq!(
            meetctl_participant_list_from_ids(ptrs.as_ptr(), ptrs.len(), &mut list, ptr::null_mut()),
            meetctl_status::Ok
        );
        list
    }

    /// The status and field of a control call that must fail before I/O.
    fn refused(
        m: *const meetctl_meeting,
        op: u32,
        list: *const meetctl_participant_list,
        index: usize,
        args: Option<&CStr>,
    ) -> (meetctl_status, Option<String>) {
        let mut err = ptr::null_mut();
        let st =
            meetctl_meeting_control(m, op, list, index, args.map_or(ptr::null(), CStr::as_ptr), &mut err);
        let field = text(meetctl_error_get_field(err));
        meetctl_error_free(err);
        (st, field)
    }

    #[test]
    fn getters_capabilities_and_names() {
        let m = tencent();
        assert_eq!(meetctl_meeting_get_vendor(m), meetctl_vendor::Tencent);
        assert_eq!(text(meetctl_meeting_get_id(m)).as_deref(), Some("1242152152161"));
        let all = MeetingOperation::ALL.iter().fold(0u32, |mask, op| mask | 1 << op.code());
        let huawei_only = [
            MeetingOperation::MakeHost,
            MeetingOperation::Broadcast,
            MeetingOperation::CancelBroadcast,
            MeetingOperation::LowerAllHands,
        ]
        .iter()
        .fold(0u32, |mask, op| mask | 1 << op.code());
        assert_eq!(meetctl_meeting_capabilities(m), all & !huawei_only);
        assert!(meetctl_meeting_supports(m, MeetingOperation::Mute.code()));
        assert!(!meetctl_meeting_supports(m, MeetingOperation::MakeHost.code()));
        assert!(!meetctl_meeting_supports(m, 0) && !meetctl_meeting_supports(m, 99));
        assert!(!meetctl_meeting_supports(ptr::null(), 2));
        assert_eq!(meetctl_meeting_capabilities(ptr::null()), 0);
        assert_eq!(meetctl_meeting_get_vendor(ptr::null()), meetctl_vendor::None);
        assert!(meetctl_meeting_get_id(ptr::null()).is_null());
        for op in MeetingOperation::ALL {
            assert_eq!(text(meetctl_meeting_operation_name(op.code())).as_deref(), Some(op.name()));
        }
        assert!(meetctl_meeting_operation_name(0).is_null());
        meetctl_meeting_free(m);
        meetctl_meeting_free(ptr::null_mut());
    }

    #[test]
    fn control_checks_its_arguments_in_order_before_any_io() {
        let m = tencent();
        let tencent_bob = list(&[c"tencent:2:agaqwwgdkkddd", c"tencent:0:pstn"]);
        let huawei_bob = list(&[c"huawei:a1b2"]);
        let invalid = meetctl_status::InvalidArgument;
        let f = |s: &str| Some(s.to_owned());
        let (mute, lock, rename) = (2, 11, 10);
        assert_eq!(
            refused(ptr::null(), mute, tencent_bob, 0, None),
            (meetctl_status::NullArgument, f("meeting"))
        );
        assert_eq!(refused(m, 0, tencent_bob, 0, None), (invalid, f("operation")));
        let unknown = MeetingOperation::ALL.len() as u32 + 1;
        assert_eq!(refused(m, unknown, tencent_bob, 0, None), (invalid, f("operation")));
        assert_eq!(refused(m, 1, ptr::null(), 0, None), (invalid, f("operation")));
        assert_eq!(refused(m, mute, ptr::null(), 0, None), (meetctl_status::NullArgument, f("list")));
        assert_eq!(refused(m, lock, tencent_bob, 0, None), (invalid, f("list")));
        assert_eq!(refused(m, mute, tencent_bob, 2, None), (invalid, f("index")));
        assert_eq!(refused(m, mute, tencent_bob, usize::MAX, None), (invalid, f("index")));
        assert_eq!(refused(m, mute, tencent_bob, 0, Some(c"{oops")), (invalid, f("args")));
        assert_eq!(refused(m, mute, tencent_bob, 0, Some(c"{\"x\":1}")), (invalid, f("x")));
        assert_eq!(refused(m, mute, huawei_bob, 0, None), (invalid, f("participant")));
        assert_eq!(refused(m, mute, tencent_bob, 1, None), (invalid, f("participant")));
        assert_eq!(refused(m, rename, tencent_bob, 0, None), (invalid, f("name")));
        assert_eq!(
            refused(m, rename, tencent_bob, 0, Some(c"{\"name\":\"a name well over twenty characters\"}")),
            (invalid, f("name"))
        );

        let mut err = ptr::null_mut();
        let st = meetctl_meeting_control(
            m,
            MeetingOperation::MakeHost.code(),
            tencent_bob,
            0,
            ptr::null(),
            &mut err,
        );
        assert_eq!(st, meetctl_status::Unsupported);
        assert_eq!(meetctl_error_get_kind(err), meetctl_error_kind::Unsupported);
        assert_eq!(crate::error::meetctl_error_get_vendor(err), meetctl_vendor::Tencent);
        meetctl_error_free(err);

        let mut out = 0x10 as *mut meetctl_participant_list;
        let mut err = ptr::null_mut();
        assert_eq!(
            meetctl_meeting_participants(ptr::null(), &mut out, &mut err),
            meetctl_status::NullArgument
        );
        assert_eq!(out, 0x10 as *mut _);
        meetctl_error_free(err);
        meetctl_participant_list_free(tencent_bob);
        meetctl_participant_list_free(huawei_bob);
        meetctl_meeting_free(m);
    }

    #[test]
    fn constructors_name_what_is_wrong() {
        let op = meetctl_tencent_user { id_kind: 1, id: c"alice".as_ptr(), instance: 4 };
        let bad = meetctl_tencent_user { id_kind: 3, ..op };
        let mut client = ptr::null_mut();
        crate::tencent::meetctl_tencent_client_new_oauth(
            ptr::null(),
            c"o".as_ptr(),
            c"t".as_ptr(),
            &mut client,
            ptr::null_mut(),
        );
        let id = c"1242152152161".as_ptr();
        let cases: [(*const meetctl_tencent_client, *const c_char, *const meetctl_tencent_user, &str); 5] = [
            (ptr::null(), id, &op, "client"),
            (client, ptr::null(), &op, "meeting_id"),
            (client, c"1/2".as_ptr(), &op, "meeting_id"),
            (client, id, ptr::null(), "operator"),
            (client, id, &bad, "operator.id_kind"),
        ];
        for (c, id, op, field) in cases {
            let mut out = 0x10 as *mut meetctl_meeting;
            let mut err = ptr::null_mut();
            assert_ne!(meetctl_meeting_new_tencent(c, id, op, &mut out, &mut err), meetctl_status::Ok);
            assert_eq!(text(meetctl_error_get_field(err)).as_deref(), Some(field));
            assert_eq!(out, 0x10 as *mut _);
            meetctl_error_free(err);
        }
        let mut err = ptr::null_mut();
        assert_eq!(
            meetctl_meeting_new_tencent(client, id, &op, ptr::null_mut(), &mut err),
            meetctl_status::NullArgument
        );
        assert_eq!(text(meetctl_error_get_field(err)).as_deref(), Some("meeting_out"));
        meetctl_error_free(err);
        let mut err = ptr::null_mut();
        let mut out = ptr::null_mut();
        assert_eq!(meetctl_meeting_new_huawei(ptr::null(), &mut out, &mut err), meetctl_status::NullArgument);
        assert_eq!(text(meetctl_error_get_field(err)).as_deref(), Some("conference"));
        meetctl_error_free(err);
        crate::tencent::meetctl_tencent_client_free(client);
    }
}
