//! One participant, the same type for both vendors.

use std::fmt;

use serde_json::Value;

use crate::error::{Error, Vendor};
use crate::huawei::{HuaweiParticipant, HuaweiRole};
use crate::tencent::{Instance, TencentParticipant, TencentRole, TencentUser};

/// A participant's role, in the terms both vendors share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Holds the host (chair) role.
    Host,
    /// A co-host.
    Cohost,
    /// An ordinary participant.
    Attendee,
    /// Anything else the vendor reports (Tencent: the creator while someone else is host), or no
    /// role reported.
    Other,
}

impl Role {
    /// A short lowercase name (`"cohost"`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Cohost => "cohost",
            Role::Attendee => "attendee",
            Role::Other => "other",
        }
    }
}

/// What a vendor needs to act on a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A Tencent participant by ms_open_id on their device; `None` when the vendor gave no
    /// ms_open_id or a device outside the table (a PSTN line), so it cannot be acted on.
    Tencent(Option<TencentUser>),
    /// A Huawei participant id and, when known, the participant's number (rename needs it).
    Huawei { participant_id: String, number: Option<String> },
}

/// One participant of a [`Meeting`](super::Meeting), whichever the vendor.
///
/// Flags are what the vendor reported and `None` where it reports nothing: Tencent lists no
/// raised hands, Huawei no screen sharing. `raw` is the vendor's own entry.
#[derive(Clone, PartialEq)]
pub struct Participant {
    id: String,
    /// The display name.
    pub name: Option<String>,
    /// Host, co-host, attendee or other.
    pub role: Role,
    /// The device, when the vendor says (Tencent's device type: `"mac"`, `"ios"`, …).
    pub device: Option<String>,
    /// Whether the microphone is muted.
    pub audio_muted: Option<bool>,
    /// Whether video is on (Tencent: the camera; Huawei: the `video` flag of its real-time info).
    pub video_on: Option<bool>,
    /// Whether the hand is raised (Huawei only).
    pub hand_raised: Option<bool>,
    /// Whether the participant is sharing the screen (Tencent only).
    pub sharing_screen: Option<bool>,
    /// Whether the vendor's control endpoints can act on this participant. Tencent lists some
    /// it cannot: PSTN lines and meeting-room devices (the control endpoints take an ms_open_id
    /// only with device types 1–8). Acting on one is an invalid-argument error naming
    /// `participant`, before anything is sent.
    pub controllable: bool,
    /// The vendor's entry, as received.
    pub raw: Value,
    pub(crate) target: Target,
}

impl Participant {
    /// An opaque id, stable for this participant in this meeting while they stay on one device
    /// (Tencent's id includes the device: rejoining on another device gives a new id).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Which vendor's meeting the participant is in.
    pub fn vendor(&self) -> Vendor {
        match self.target {
            Target::Tencent(_) => Vendor::Tencent,
            Target::Huawei { .. } => Vendor::Huawei,
        }
    }

    /// A participant known only by an [`id`](Self::id) kept from an earlier listing (every other
    /// field unknown); an invalid-argument error naming `participant` for anything else.
    pub fn from_id(id: &str) -> Result<Participant, Error> {
        let bad = || Error::invalid("participant", "is not a meetctl participant id");
        let target = if let Some(rest) = id.strip_prefix("tencent:") {
            let (code, ms_open_id) = rest.split_once(':').ok_or_else(bad)?;
            let code: i64 = code.parse().map_err(|_| bad())?;
            let user = Instance::from_code(code, "participant")
                .ok()
                .filter(|instance| {
                    !ms_open_id.is_empty() && !ms_open_id.starts_with('-') && instance.accepts_ms_open_id()
                })
                .map(|instance| TencentUser::ms_open_id(ms_open_id, instance));
            Target::Tencent(user)
        } else if let Some(pid) = id.strip_prefix("huawei:").filter(|pid| !pid.is_empty()) {
            Target::Huawei { participant_id: pid.to_owned(), number: None }
        } else {
            return Err(bad());
        };
        Ok(Participant::unknown(id.to_owned(), target))
    }

    /// The participant as one JSON object: `id`, `vendor`, `name`, `role`, `device`, the flags
    /// (`null` where the vendor reports nothing), `controllable`, and `raw`, the vendor's entry.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "id": self.id,
            "vendor": match self.vendor() { Vendor::Tencent => "tencent", Vendor::Huawei => "huawei" },
            "name": self.name,
            "role": self.role.name(),
            "device": self.device,
            "audio_muted": self.audio_muted,
            "video_on": self.video_on,
            "hand_raised": self.hand_raised,
            "sharing_screen": self.sharing_screen,
            "controllable": self.controllable,
            "raw": self.raw,
        })
    }

    fn unknown(id: String, target: Target) -> Participant {
        Participant {
            id,
            name: None,
            role: Role::Other,
            device: None,
            audio_muted: None,
            video_on: None,
            hand_raised: None,
            sharing_screen: None,
            controllable: !matches!(target, Target::Tencent(None)),
            raw: Value::Null,
            target,
        }
    }

    pub(crate) fn from_tencent(p: TencentParticipant) -> Participant {
        // Without an ms_open_id the entry cannot be acted on; its id still tells it apart
        // (`-` then whatever id the vendor gave), so two such devices never share one.
        let who = match (&p.ms_open_id, &p.userid, &p.open_id) {
            (Some(ms), _, _) => ms.clone(),
            (None, Some(userid), _) => format!("-userid:{userid}"),
            (None, None, Some(open_id)) => format!("-openid:{open_id}"),
            (None, None, None) => format!("-name:{}", p.user_name.as_deref().unwrap_or("")),
        };
        let id = format!("tencent:{}:{who}", p.instanceid.unwrap_or(-1));
        let role = match p.role {
            Some(r) if r.is_host() => Role::Host,
            Some(r) if r.is_cohost() => Role::Cohost,
            Some(TencentRole::Member | TencentRole::Guest) => Role::Attendee,
            _ => Role::Other,
        };
        Participant {
            name: p.user_name.clone(),
            role,
            device: p.instance.map(|i| i.name().to_owned()),
            audio_muted: p.audio_muted,
            video_on: p.video_on,
            hand_raised: None,
            sharing_screen: p.sharing_screen,
            controllable: p.as_user().is_some_and(|u| u.instance.accepts_ms_open_id()),
            target: Target::Tencent(p.as_user().filter(|u| u.instance.accepts_ms_open_id())),
            raw: p.raw,
            id,
        }
    }

    /// The participant a Tencent webhook's join or leave names (its `operator`), with the same id
    /// a listing gives; `None` when the event names no one the controls know.
    #[cfg(feature = "receiver")]
    pub(crate) fn from_tencent_event(event: &crate::tencent::webhook::TencentEvent) -> Option<Participant> {
        let user = event.participant.as_ref()?;
        let raw = event.raw();
        let operator = raw.pointer("/payload/0/operator").cloned().unwrap_or(Value::Null);
        let name = operator.get("user_name").and_then(Value::as_str).filter(|n| !n.is_empty());
        let mut p = Participant::from_tencent(TencentParticipant {
            ms_open_id: Some(user.id.value().to_owned()),
            userid: None,
            open_id: None,
            user_name: name.map(str::to_owned),
            instance: Some(user.instance),
            instanceid: Some(i64::from(user.instance.code())),
            role: None,
            audio_muted: None,
            video_on: None,
            sharing_screen: None,
            raw: operator,
        });
        p.role = Role::Other;
        Some(p)
    }

    pub(crate) fn from_huawei(p: HuaweiParticipant) -> Participant {
        let role = match p.role {
            HuaweiRole::Host => Role::Host,
            HuaweiRole::Cohost => Role::Cohost,
            HuaweiRole::Attendee => Role::Attendee,
        };
        Participant {
            id: format!("huawei:{}", p.participant_id),
            name: p.name,
            role,
            device: None,
            audio_muted: p.audio_muted,
            video_on: p.video_on,
            hand_raised: p.hand_raised,
            sharing_screen: None,
            controllable: true,
            raw: p.raw,
            target: Target::Huawei { participant_id: p.participant_id, number: p.number },
        }
    }
}

impl fmt::Debug for Participant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Participant")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("device", &self.device)
            .field("audio_muted", &self.audio_muted)
            .field("video_on", &self.video_on)
            .field("hand_raised", &self.hand_raised)
            .field("sharing_screen", &self.sharing_screen)
            .field("controllable", &self.controllable)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_round_trip_to_the_same_target() {
        let t = Participant::from_tencent(TencentParticipant::from_json(
            json!({"ms_open_id": "m:1", "instanceid": 2, "user_role": 6, "audio_state": true, "user_name": "Qm9i"}),
        ));
        assert_eq!(t.id(), "tencent:2:m:1");
        assert_eq!(
            (t.role, t.audio_muted, t.name.as_deref(), t.device.as_deref()),
            (Role::Cohost, Some(false), Some("Bob"), Some("mac"))
        );
        assert_eq!(Participant::from_id(t.id()).unwrap().target, t.target);

        let h = Participant::from_huawei(HuaweiParticipant {
            participant_id: "p1".into(),
            name: Some("A".into()),
            number: Some("+86".into()),
            audio_muted: Some(true),
            video_on: None,
            hand_raised: Some(true),
            role: HuaweiRole::Host,
            raw: Value::Null,
        });
        assert_eq!((h.id(), h.role, h.vendor()), ("huawei:p1", Role::Host, Vendor::Huawei));
        assert_eq!(Participant::from_id("huawei:p1").unwrap().vendor(), Vendor::Huawei);

        for bad in ["", "p1", "tencent:x:m", "tencent:2", "huawei:", "zoom:1"] {
            assert_eq!(Participant::from_id(bad).unwrap_err().field(), Some("participant"), "{bad}");
        }
        let pstn = Participant::from_id("tencent:0:m").unwrap();
        assert_eq!(pstn.target, Target::Tencent(None));
        // Two devices without an ms_open_id keep distinct ids, and neither can be acted on.
        let room = |userid: &str| {
            Participant::from_tencent(TencentParticipant::from_json(
                json!({"userid": userid, "instanceid": 20}),
            ))
        };
        let (a, b) = (room("rooms-1"), room("rooms-2"));
        assert_ne!(a.id(), b.id());
        assert!(!a.controllable);
        assert_eq!(Participant::from_id(a.id()).unwrap().target, Target::Tencent(None));
    }
}
