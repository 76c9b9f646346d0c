//! The Tencent client's lookups: the generic one the bindings call, and typed methods.

use serde_json::Value;

use super::client::TencentClient;
use super::ids::TencentUser;
use super::lookups::{LookupCall, TencentLookup};
use super::records::{TencentAttendee, TencentMeetingInfo, TencentWaitingMember};
use crate::args::Args;
use crate::error::Error;
use crate::lookup::{read_all, shape, typed};

impl TencentClient {
    /// Runs `lookup` (every page of it) and returns meetctl's records as JSON: a list for a
    /// lookup that answers many ([`Answer::Pages`](crate::Answer::Pages)), else the one record.
    /// `operator` is who asks, where the lookup takes one; `args` are its named arguments,
    /// checked before anything is sent.
    pub fn lookup(
        &self,
        lookup: TencentLookup,
        operator: Option<&TencentUser>,
        args: &Args,
    ) -> Result<Value, Error> {
        let spec = lookup.spec();
        // Everything is checked before the first page is asked for.
        self.validate(&LookupCall { lookup, operator, args, position: None })?;
        let deadline = self.deadline();
        let items = read_all(spec.paging, spec.read, |position| {
            self.call_counted(&LookupCall { lookup, operator, args, position }, deadline)
        })?;
        shape(spec.answers, items)
    }

    /// The meetings with `meeting_code` (digits only; [`crate::find`] accepts what people type),
    /// asked by `operator` (a user of the app: userid, or with OAuth the client's own open_id).
    /// Codes are reused over time, so there may be several; none when no meeting of this app
    /// has the code.
    pub fn meetings_by_code(
        &self,
        meeting_code: &str,
        operator: &TencentUser,
    ) -> Result<Vec<TencentMeetingInfo>, Error> {
        let args = Args::new().with("meeting_code", meeting_code);
        typed(self.lookup(TencentLookup::MeetingsByCode, Some(operator), &args)?)
    }

    /// One meeting's details: subject, status, times, hosts and, for a recurring meeting, its
    /// occurrences.
    pub fn meeting(&self, meeting_id: &str, operator: &TencentUser) -> Result<TencentMeetingInfo, Error> {
        let args = Args::new().with("meeting_id", meeting_id);
        typed(self.lookup(TencentLookup::Meeting, Some(operator), &args)?)
    }

    /// The meetings of a Rooms device (`rooms_id`), every page; enterprise credentials only.
    /// For a meeting room (`meeting_room_id`) use [`lookup`](Self::lookup) with `room_id_type` 5.
    pub fn room_meetings(&self, rooms_id: &str) -> Result<Vec<TencentMeetingInfo>, Error> {
        let args = Args::new().with("room_id", rooms_id);
        typed(self.lookup(TencentLookup::RoomMeetings, None, &args)?)
    }

    /// Who is in the meeting's waiting room now, every page; `creator` is the meeting's creator.
    pub fn waiting_room(
        &self,
        meeting_id: &str,
        creator: &TencentUser,
    ) -> Result<Vec<TencentWaitingMember>, Error> {
        let args = Args::new().with("meeting_id", meeting_id);
        typed(self.lookup(TencentLookup::WaitingRoom, Some(creator), &args)?)
    }

    /// Who joined and left the meeting (for a recurring one, the `occurrence`), every page.
    pub fn attendance(
        &self,
        meeting_id: &str,
        occurrence: Option<&str>,
        operator: &TencentUser,
    ) -> Result<Vec<TencentAttendee>, Error> {
        let args = Args::new().with("meeting_id", meeting_id).with_opt("occurrence", occurrence);
        typed(self.lookup(TencentLookup::Attendance, Some(operator), &args)?)
    }
}
