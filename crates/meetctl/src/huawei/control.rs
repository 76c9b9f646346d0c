//! The one generic Huawei conference-control call: an operation from the table, participant ids
//! and named arguments, turned into the validated request for one conference.

use super::call::HuaweiCall;
use super::endpoints::{HuaweiOperation, HuaweiSlot, ParticipantRule};
use crate::args::Args;
use crate::encoding::require_id;
use crate::endpoint::{self, check_args, push_pair};
use crate::error::Error;
use crate::http::HttpRequest;

/// One control operation on a conference: what every typed [`Conference`](super::Conference)
/// method builds, and what the C and Python bindings build from their arguments. Send it with
/// [`Conference::call`](super::Conference::call) or prepare it with
/// [`Conference::prepare`](super::Conference::prepare).
#[derive(Debug, Clone, PartialEq)]
pub struct ConferenceControl {
    /// Which operation.
    pub operation: HuaweiOperation,
    /// The participants it acts on, when the operation has any.
    pub participant_ids: Vec<String>,
    /// The operation's named arguments.
    pub args: Args,
}

impl ConferenceControl {
    /// `operation` with no participants or arguments yet.
    pub fn new(operation: HuaweiOperation) -> Self {
        ConferenceControl { operation, participant_ids: Vec::new(), args: Args::new() }
    }

    /// Adds a participant.
    pub fn participant(mut self, participant_id: impl Into<String>) -> Self {
        self.participant_ids.push(participant_id.into());
        self
    }

    /// Adds participants.
    pub fn participants<S: Into<String>>(mut self, participant_ids: impl IntoIterator<Item = S>) -> Self {
        self.participant_ids.extend(participant_ids.into_iter().map(Into::into));
        self
    }

    /// Sets the named arguments.
    pub fn args(mut self, args: Args) -> Self {
        self.args = args;
        self
    }

    fn check_participants(&self, rule: ParticipantRule) -> Result<(), Error> {
        let ids = &self.participant_ids;
        let one = |field: &'static str| match ids.as_slice() {
            [id] => require_id(field, id),
            _ => Err(Error::invalid(
                field,
                format!("exactly one participant id is needed, {} given", ids.len()),
            )),
        };
        match rule {
            ParticipantRule::None if ids.is_empty() => Ok(()),
            ParticipantRule::None => {
                Err(Error::invalid("participant_id", "this operation takes no participant"))
            }
            ParticipantRule::Query | ParticipantRule::Body(_) => one("participant_id"),
            ParticipantRule::BodyUnless(_, flag) => {
                let all = self.args.get(flag).and_then(serde_json::Value::as_bool);
                match (ids.is_empty(), all) {
                    (true, Some(true)) => Ok(()),
                    (false, None | Some(false)) => one("participant_id"),
                    (false, Some(true)) => Err(Error::invalid(
                        flag,
                        format!("give either a participant id or {flag}=true, not both"),
                    )),
                    (true, _) => {
                        Err(Error::invalid("participant_id", format!("is required unless {flag} is true")))
                    }
                }
            }
            ParticipantRule::List(_) if ids.is_empty() => {
                Err(Error::invalid("participant_ids", "at least one participant id is needed"))
            }
            ParticipantRule::List(_) => ids.iter().try_for_each(|id| require_id("participant_ids", id)),
        }
    }
}

impl HuaweiCall for ConferenceControl {
    fn needs_control_token(&self) -> bool {
        self.operation.spec().control_token
    }

    fn to_request(&self, conference_id: &str) -> Result<HttpRequest, Error> {
        let spec = self.operation.spec();
        self.check_participants(spec.participants)?;
        let body = spec.body.unwrap_or(&[]);
        let fields = [body];
        check_args(
            &self.args,
            endpoint::params(&fields, |_: HuaweiSlot| None),
            spec.at_least_one_arg,
            self.operation.name(),
        )?;

        let mut request = HttpRequest::new(spec.method, spec.path);
        request.safe_to_repeat = spec.safe_to_repeat;
        push_pair(&mut request.query, "conferenceID", conference_id);
        if let (ParticipantRule::Query, Some(id)) = (spec.participants, self.participant_ids.first()) {
            push_pair(&mut request.query, "participantID", id);
        }
        if spec.fields_in_query {
            endpoint::write_query(&mut request.query, body, &self.args, |query, slot| {
                match slot {
                    HuaweiSlot::Participant(key) => {
                        if let Some(id) = self.participant_ids.first() {
                            push_pair(query, key, id);
                        }
                    }
                    HuaweiSlot::Participants(key) => {
                        self.participant_ids.iter().for_each(|id| push_pair(query, key, id))
                    }
                    HuaweiSlot::ConferenceId(key) => push_pair(query, key, conference_id),
                }
                Ok(())
            })?;
        } else if spec.body.is_some() {
            request.body = endpoint::write_body(body, &self.args, |object, slot| {
                match slot {
                    HuaweiSlot::Participant(key) => {
                        if let Some(id) = self.participant_ids.first() {
                            object.string(key, id);
                        }
                    }
                    HuaweiSlot::Participants(key) => {
                        object.strings(key, self.participant_ids.iter().map(String::as_str))
                    }
                    HuaweiSlot::ConferenceId(key) => object.string(key, conference_id),
                }
                Ok(())
            })?;
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use serde_json::{Value, json};

    fn request(control: ConferenceControl) -> HttpRequest {
        control.to_request("914083136").unwrap()
    }

    fn body(control: ConferenceControl) -> Value {
        serde_json::from_slice(&request(control).body).unwrap()
    }

    #[test]
    fn per_participant_calls_put_the_id_in_the_query() {
        let mute = request(ConferenceControl::new(HuaweiOperation::Mute).participant("p 1"));
        assert_eq!(
            mute.request_uri(),
            "/v1/mmc/control/conferences/participants/mute?conferenceID=914083136&participantID=p%201"
        );
        assert_eq!(mute.body, br#"{"isMute":1}"#);
        assert_eq!(
            body(ConferenceControl::new(HuaweiOperation::StopVideo).participant("p")),
            json!({"status":1})
        );
        assert_eq!(
            body(ConferenceControl::new(HuaweiOperation::RequestVideo).participant("p")),
            json!({"status":0})
        );
        assert_eq!(
            body(ConferenceControl::new(HuaweiOperation::LowerHand).participant("p")),
            json!({"handsState":0})
        );
    }

    #[test]
    fn conference_wide_bodies() {
        assert_eq!(
            request(ConferenceControl::new(HuaweiOperation::MuteAll)).body,
            br#"{"isMute":1,"allowUnmuteByOneself":1}"#
        );
        assert_eq!(
            body(
                ConferenceControl::new(HuaweiOperation::MuteAll)
                    .args(Args::new().with("allow_unmute_by_self", false))
            ),
            json!({"isMute":1,"allowUnmuteByOneself":0})
        );
        assert_eq!(body(ConferenceControl::new(HuaweiOperation::UnmuteAll)), json!({"isMute":0}));
        let end = request(ConferenceControl::new(HuaweiOperation::End));
        assert_eq!(
            (end.request_uri().as_str(), end.body.is_empty()),
            ("/v1/mmc/control/conferences/stop?conferenceID=914083136", true)
        );
        let hang_up = request(ConferenceControl::new(HuaweiOperation::HangUp).participants(["a", "b"]));
        assert_eq!(hang_up.method, crate::Method::Post);
        assert_eq!(hang_up.body, br#"{"bulkHangUpParticipants":["a","b"]}"#);
        assert_eq!(
            body(
                ConferenceControl::new(HuaweiOperation::Rename)
                    .participant("p")
                    .args(Args::new().with("number", "+8610").with("new_name", "Room 1"))
            ),
            json!({"participantID":"p","number":"+8610","newName":"Room 1"})
        );
        assert_eq!(
            body(
                ConferenceControl::new(HuaweiOperation::AdmitFromWaitingRoom)
                    .args(Args::new().with("admit_all", true))
            ),
            json!({"allowAll":true})
        );
        assert_eq!(
            body(ConferenceControl::new(HuaweiOperation::AdmitFromWaitingRoom).participant("w")),
            json!({"participantID":"w"})
        );
        assert_eq!(
            body(ConferenceControl::new(HuaweiOperation::Extend).args(Args::new().with("minutes", 30))),
            json!({"auto":0,"duration":30})
        );
        assert_eq!(
            body(
                ConferenceControl::new(HuaweiOperation::UpdateSettings)
                    .args(Args::new().with("is_lock", true).with("chat_permission", 4))
            ),
            json!({"chatPermission":4,"isLock":1})
        );
        let info = request(ConferenceControl::new(HuaweiOperation::Info));
        assert_eq!((info.method, info.body.is_empty()), (crate::Method::Get, true));
    }

    #[test]
    fn validation_names_the_field() {
        let cases = [
            (ConferenceControl::new(HuaweiOperation::Mute), "participant_id"),
            (ConferenceControl::new(HuaweiOperation::Mute).participant(""), "participant_id"),
            (ConferenceControl::new(HuaweiOperation::Lock).participant("p"), "participant_id"),
            (ConferenceControl::new(HuaweiOperation::HangUp), "participant_ids"),
            (
                ConferenceControl::new(HuaweiOperation::Rename)
                    .participant("p")
                    .args(Args::new().with("number", "1")),
                "new_name",
            ),
            (ConferenceControl::new(HuaweiOperation::AdmitFromWaitingRoom), "participant_id"),
            (
                ConferenceControl::new(HuaweiOperation::AdmitFromWaitingRoom)
                    .participant("p")
                    .args(Args::new().with("admit_all", true)),
                "admit_all",
            ),
            (ConferenceControl::new(HuaweiOperation::Extend), "minutes"),
            (ConferenceControl::new(HuaweiOperation::Extend).args(Args::new().with("minutes", 0)), "minutes"),
            (ConferenceControl::new(HuaweiOperation::UpdateSettings), "args"),
            (
                ConferenceControl::new(HuaweiOperation::UpdateSettings)
                    .args(Args::new().with("call_in_restriction", 1)),
                "call_in_restriction",
            ),
            (ConferenceControl::new(HuaweiOperation::Lock).args(Args::new().with("x", 1)), "x"),
            (ConferenceControl::new(HuaweiOperation::ApplyHost).participant("p"), "chairman_password"),
        ];
        for (control, field) in cases {
            let op = control.operation;
            let e = control.to_request("1").unwrap_err();
            assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some(field)), "{op:?}: {e}");
        }
    }

    #[test]
    fn every_operation_round_trips_its_number_and_name() {
        for op in HuaweiOperation::ALL {
            assert_eq!(HuaweiOperation::from_code(op.code()), Some(op));
            assert_eq!(HuaweiOperation::from_name(op.name()), Some(op));
        }
    }
}
