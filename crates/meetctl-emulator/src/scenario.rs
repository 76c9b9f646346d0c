//! The scenario: the credentials, meetings and conferences an emulator starts with.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod schedule;

pub use schedule::{TencentAttendance, TencentMeetingState, TencentRooms, TencentSubMeeting};

/// Device types (`instanceid`) the Tencent APIs accept.
pub(crate) const TENCENT_INSTANCE_IDS: [i64; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33];

/// Everything an emulator starts with. Parse it with [`Scenario::from_json`] or
/// [`Scenario::from_file`]; the format is described in `docs/emulator.md`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The Tencent Meeting side.
    #[serde(default)]
    pub tencent: TencentScenario,
    /// The Huawei Cloud Meeting side.
    #[serde(default)]
    pub huawei: HuaweiScenario,
}

/// Tencent Meeting credentials and meetings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentScenario {
    /// Enterprise self-built apps (AK/SK signing).
    #[serde(default)]
    pub apps: Vec<TencentApp>,
    /// OAuth 2.0 users (`OpenId` + `AccessToken` headers).
    #[serde(default)]
    pub oauth: Vec<TencentOAuthUser>,
    /// Requests allowed per app (or per OAuth user) in each 60-second window; default 300.
    #[serde(default = "default_rate_limit")]
    pub rate_limit_per_minute: u32,
    /// Meetings: in progress, scheduled, recurring, over or cancelled.
    #[serde(default)]
    pub meetings: Vec<TencentMeeting>,
    /// Rooms devices and meeting rooms with the meetings booked on them.
    #[serde(default)]
    pub rooms: Vec<TencentRooms>,
}

impl Default for TencentScenario {
    fn default() -> Self {
        TencentScenario {
            apps: Vec::new(),
            oauth: Vec::new(),
            rate_limit_per_minute: default_rate_limit(),
            meetings: Vec::new(),
            rooms: Vec::new(),
        }
    }
}

/// A Tencent enterprise self-built app.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentApp {
    /// The enterprise id, sent as the `AppId` header.
    pub app_id: String,
    /// The SecretId, sent as `X-TC-Key`.
    pub secret_id: String,
    /// The SecretKey, the HMAC key of the signature.
    pub secret_key: String,
    /// The `SdkId` the app was assigned, if any; requests must send exactly this, or no header.
    #[serde(default)]
    pub sdk_id: Option<String>,
    /// The app's webhook subscription (事件订阅), if any: the emulator checks the URL at start
    /// and then sends it the app's meeting events.
    #[serde(default)]
    pub webhook: Option<TencentWebhook>,
}

/// A Tencent app's webhook subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentWebhook {
    /// Where events go: an `http://` URL (the emulator sends no TLS).
    pub url: String,
    /// The Token the requests are signed with: 25 letters and digits.
    pub token: String,
    /// The EncodingAESKey (43 letters and digits); with it, events are encrypted.
    #[serde(default)]
    pub aes_key: Option<String>,
    /// The waits before each retry of a failed delivery, in ms; default `[1000, 2000, 4000]`
    /// (at most 10, each at most 60000).
    #[serde(default)]
    pub retry_delays_ms: Option<Vec<u64>>,
}

/// A Tencent OAuth 2.0 user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentOAuthUser {
    /// The user's open id, sent as `OpenId`.
    pub open_id: String,
    /// The access token, sent as `AccessToken`.
    pub access_token: String,
    /// Scopes granted, e.g. `MANAGE_MEETING`.
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// A Tencent meeting. Its times are offsets in seconds from the emulator's start.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentMeeting {
    /// The meeting id used in request paths.
    pub meeting_id: String,
    /// When set, only AK/SK requests from this app may see or manage the meeting.
    #[serde(default)]
    pub app_id: Option<String>,
    /// When set, the OAuth user that created the meeting; OAuth requests from anyone else (and
    /// every OAuth request when unset) get 9003.
    #[serde(default)]
    pub oauth_open_id: Option<String>,
    /// The meeting code (the number people dial); codes may repeat across meetings.
    #[serde(default)]
    pub meeting_code: Option<String>,
    /// The subject; default empty.
    #[serde(default)]
    pub subject: String,
    /// The creator's userid; default: the userid of the participant with role `creator`.
    #[serde(default)]
    pub creator: Option<String>,
    /// Scheduled start, seconds from the emulator's start; default -600. A recurring meeting
    /// takes its times from its occurrences instead.
    #[serde(default)]
    pub start_offset_secs: Option<i64>,
    /// Scheduled end, seconds from the emulator's start; default 3000.
    #[serde(default)]
    pub end_offset_secs: Option<i64>,
    /// 0 an ordinary meeting, 1 a recurring one (then `sub_meetings` is required).
    #[serde(default)]
    pub meeting_type: i64,
    /// The occurrences of a recurring meeting.
    #[serde(default)]
    pub sub_meetings: Vec<TencentSubMeeting>,
    /// `live` (default), `ended` or `cancelled`.
    #[serde(default)]
    pub state: TencentMeetingState,
    /// Who is in the meeting, one entry per device.
    #[serde(default)]
    pub participants: Vec<TencentParticipant>,
    /// Past stays (join/leave records) of people no longer there, or there before.
    #[serde(default)]
    pub history: Vec<TencentAttendance>,
}

/// One user on one device in a Tencent meeting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentParticipant {
    /// Enterprise user id (`operator_id_type` 1).
    #[serde(default)]
    pub userid: Option<String>,
    /// OAuth open id (`operator_id_type` 2).
    #[serde(default)]
    pub openid: Option<String>,
    /// Meeting-scoped open id (`operator_id_type` 4).
    #[serde(default)]
    pub ms_open_id: Option<String>,
    /// The user's unique id (`uuid`).
    #[serde(default)]
    pub uuid: Option<String>,
    /// The device type the user is on.
    pub instanceid: i64,
    /// The user's role.
    #[serde(default)]
    pub role: TencentRole,
    /// Whether the user's video is on.
    #[serde(default = "yes")]
    pub video: bool,
    /// Whether the host may stop this device's video (false: the video API answers 9104).
    #[serde(default = "yes")]
    pub video_closable: bool,
    /// Whether the user is muted.
    #[serde(default)]
    pub muted: bool,
    /// The nick name shown in the meeting (at most 20 characters once renamed by the API).
    #[serde(default)]
    pub name: Option<String>,
    /// A Rooms/MRA device: its video can be opened (`"video": true`) and removing it needs a
    /// `reason`.
    #[serde(default)]
    pub mra: bool,
    /// Whether the user is sharing the screen.
    #[serde(default)]
    pub sharing_screen: bool,
    /// Whether the user's hand is raised.
    #[serde(default)]
    pub hand_raised: bool,
    /// Whether the user is in the waiting room rather than in the meeting.
    #[serde(default)]
    pub in_waiting_room: bool,
    /// When the user (in the meeting) joined, seconds from the emulator's start; default: the
    /// meeting's start, or the emulator's start if that is later.
    #[serde(default)]
    pub joined_offset_secs: Option<i64>,
}

/// A Tencent participant's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TencentRole {
    /// Created the meeting.
    Creator,
    /// The host.
    Host,
    /// A co-host.
    Cohost,
    /// An ordinary attendee.
    #[default]
    Attendee,
}

impl TencentRole {
    /// The role's name as used in scenarios and in the state JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TencentRole::Creator => "creator",
            TencentRole::Host => "host",
            TencentRole::Cohost => "cohost",
            TencentRole::Attendee => "attendee",
        }
    }
}

/// Huawei Cloud Meeting credentials and conferences.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HuaweiScenario {
    /// Apps for App ID authentication.
    #[serde(default)]
    pub apps: Vec<HuaweiApp>,
    /// Accounts for account/password authentication.
    #[serde(default)]
    pub accounts: Vec<HuaweiAccount>,
    /// Lifetime of an access token; default 43200 (12 h).
    #[serde(default = "default_access_ttl")]
    pub access_token_ttl_secs: i64,
    /// Lifetime of a meeting control token; default 1800 (30 min).
    #[serde(default = "default_control_ttl")]
    pub control_token_ttl_secs: i64,
    /// Conferences.
    #[serde(default)]
    pub conferences: Vec<HuaweiConference>,
}

impl Default for HuaweiScenario {
    fn default() -> Self {
        HuaweiScenario {
            apps: Vec::new(),
            accounts: Vec::new(),
            access_token_ttl_secs: default_access_ttl(),
            control_token_ttl_secs: default_control_ttl(),
            conferences: Vec::new(),
        }
    }
}

/// A Huawei App ID credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HuaweiApp {
    /// The App ID.
    pub app_id: String,
    /// The App key, the HMAC key of the App ID signature.
    pub app_key: String,
}

/// A Huawei account/password credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HuaweiAccount {
    /// The account name.
    pub account: String,
    /// The password.
    pub password: String,
}

/// A Huawei conference.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HuaweiConference {
    /// The conference id (`conferenceID`).
    pub conference_id: String,
    /// The host (chair) password: gives control tokens of role 1 and is the `chairmanPwd`.
    pub host_password: String,
    /// The guest password: gives control tokens of role 0.
    pub guest_password: String,
    /// Whether the conference has started; control tokens are refused until it has.
    #[serde(default = "yes")]
    pub started: bool,
    /// The subject; default empty.
    #[serde(default)]
    pub subject: String,
    /// Scheduled start, seconds from the emulator's start; default -600 when started, 3600
    /// otherwise.
    #[serde(default)]
    pub start_offset_secs: Option<i64>,
    /// Scheduled end, seconds from the emulator's start; default start + 3600.
    #[serde(default)]
    pub end_offset_secs: Option<i64>,
    /// The scheduler's account name (`scheduserName`); default empty.
    #[serde(default)]
    pub scheduser_name: String,
    /// The access number (`accessNumber`); default `+991117`.
    #[serde(default)]
    pub access_number: Option<String>,
    /// The cloud meeting room id shown to people (`vmrConferenceID`), when the conference is
    /// held in one.
    #[serde(default)]
    pub vmr_conference_id: Option<String>,
    /// `timeZoneID`; default `56`.
    #[serde(default)]
    pub time_zone_id: Option<String>,
    /// Who is in the conference.
    #[serde(default)]
    pub participants: Vec<HuaweiParticipant>,
}

/// A participant in a Huawei conference.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HuaweiParticipant {
    /// The participant id (`participantID`).
    pub participant_id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The participant's role; at most one host per conference.
    #[serde(default)]
    pub role: HuaweiRole,
    /// Whether the participant is muted.
    #[serde(default)]
    pub muted: bool,
    /// The participant's number (SIP or phone number; `phone` is accepted as an alias), needed to
    /// rename it and reported as `phone` by `realTimeInfo`.
    #[serde(default, alias = "phone")]
    pub number: Option<String>,
    /// Whether the participant's video is on.
    #[serde(default = "yes")]
    pub video: bool,
    /// Whether the participant's hand is raised.
    #[serde(default)]
    pub hand_raised: bool,
    /// Whether the participant is in the waiting room rather than in the conference.
    #[serde(default)]
    pub in_waiting_room: bool,
    /// Whether the participant is a professional hardware terminal (TE series and the like):
    /// only such a terminal watches whom it is told (`partView`), has its video source locked
    /// (`lockView`) or, as the host, picks what the host sees (`chairView`).
    #[serde(default)]
    pub terminal: bool,
}

/// A Huawei participant's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HuaweiRole {
    /// The host (chair).
    Host,
    /// A co-host (never the host at the same time).
    Cohost,
    /// Anyone else.
    #[default]
    Participant,
}

impl HuaweiRole {
    /// The role's name as used in scenarios and in the state JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            HuaweiRole::Host => "host",
            HuaweiRole::Cohost => "cohost",
            HuaweiRole::Participant => "participant",
        }
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug)]
pub enum ScenarioError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The text is not a scenario (bad JSON, unknown field, wrong type).
    Json(serde_json::Error),
    /// The scenario is well-formed but inconsistent (duplicate ids, two hosts, ...).
    Invalid(String),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Io { path, source } => {
                write!(f, "cannot read scenario {}: {source}", path.display())
            }
            ScenarioError::Json(e) => write!(f, "invalid scenario JSON: {e}"),
            ScenarioError::Invalid(msg) => write!(f, "invalid scenario: {msg}"),
        }
    }
}

impl std::error::Error for ScenarioError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScenarioError::Io { source, .. } => Some(source),
            ScenarioError::Json(e) => Some(e),
            ScenarioError::Invalid(_) => None,
        }
    }
}

impl Scenario {
    /// Parses and checks a scenario from JSON text.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        // serde would also accept a JSON array for a struct; a scenario is an object.
        let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !trimmed.is_empty() && !trimmed.starts_with('{') {
            return invalid("a scenario must be a JSON object");
        }
        let scenario: Scenario = serde_json::from_str(trimmed).map_err(ScenarioError::Json)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Reads, parses and checks a scenario file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|source| ScenarioError::Io { path: path.to_path_buf(), source })?;
        Scenario::from_json(&text)
    }

    /// Checks the scenario's consistency: unique ids, known references, valid device types, at
    /// most one host per Huawei conference, positive lifetimes.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        self.validate_tencent()?;
        self.validate_huawei()
    }

    fn validate_tencent(&self) -> Result<(), ScenarioError> {
        let t = &self.tencent;
        let mut secret_ids = HashSet::new();
        let mut app_ids = HashSet::new();
        for app in &t.apps {
            if app.app_id.is_empty() || app.secret_id.is_empty() || app.secret_key.is_empty() {
                return invalid("tencent app with an empty app_id, secret_id or secret_key");
            }
            if !secret_ids.insert(app.secret_id.as_str()) {
                return invalid(format!("duplicate tencent secret_id {:?}", app.secret_id));
            }
            app_ids.insert(app.app_id.as_str());
            if let Some(webhook) = &app.webhook {
                crate::tencent::webhook::Config::new(webhook).map_err(|e| {
                    ScenarioError::Invalid(format!("tencent app {:?} webhook: {e}", app.app_id))
                })?;
            }
        }
        let mut open_ids = HashSet::new();
        for user in &t.oauth {
            if user.open_id.is_empty() || user.access_token.is_empty() {
                return invalid("tencent oauth user with an empty open_id or access_token");
            }
            if !open_ids.insert(user.open_id.as_str()) {
                return invalid(format!("duplicate tencent oauth open_id {:?}", user.open_id));
            }
        }
        let mut meeting_ids = HashSet::new();
        for meeting in &t.meetings {
            if meeting.meeting_id.is_empty() {
                return invalid("tencent meeting with an empty meeting_id");
            }
            if !meeting_ids.insert(meeting.meeting_id.as_str()) {
                return invalid(format!("duplicate tencent meeting_id {:?}", meeting.meeting_id));
            }
            if let Some(app) = meeting.app_id.as_ref().filter(|a| !app_ids.contains(a.as_str())) {
                return invalid(format!(
                    "tencent meeting {:?} names unknown app_id {app:?}",
                    meeting.meeting_id
                ));
            }
            if let Some(open_id) = meeting.oauth_open_id.as_ref().filter(|o| !open_ids.contains(o.as_str())) {
                return invalid(format!(
                    "tencent meeting {:?} names unknown oauth_open_id {open_id:?}",
                    meeting.meeting_id
                ));
            }
            validate_schedule(meeting)?;
            for (i, p) in meeting.participants.iter().enumerate() {
                if !TENCENT_INSTANCE_IDS.contains(&p.instanceid) {
                    return invalid(format!(
                        "tencent meeting {:?} participant {i}: invalid instanceid {}",
                        meeting.meeting_id, p.instanceid
                    ));
                }
                if p.userid.is_none() && p.openid.is_none() && p.ms_open_id.is_none() && p.uuid.is_none() {
                    return invalid(format!(
                        "tencent meeting {:?} participant {i} has no id at all",
                        meeting.meeting_id
                    ));
                }
            }
        }
        let mut room_ids = HashSet::new();
        for (i, room) in t.rooms.iter().enumerate() {
            let ids = [room.rooms_id.as_deref(), room.meeting_room_id.as_deref()];
            if ids.iter().all(|id| id.is_none_or(str::is_empty)) {
                return invalid(format!("tencent rooms entry {i} has neither rooms_id nor meeting_room_id"));
            }
            for id in ids.into_iter().flatten() {
                if id.is_empty() || !room_ids.insert(id) {
                    return invalid(format!("tencent rooms entry {i}: empty or duplicate id {id:?}"));
                }
            }
            if let Some(unknown) = room.meetings.iter().find(|m| !meeting_ids.contains(m.as_str())) {
                return invalid(format!("tencent rooms entry {i} names unknown meeting {unknown:?}"));
            }
        }
        Ok(())
    }

    fn validate_huawei(&self) -> Result<(), ScenarioError> {
        let h = &self.huawei;
        if h.access_token_ttl_secs <= 0 || h.control_token_ttl_secs <= 0 {
            return invalid("huawei token lifetimes must be positive");
        }
        let mut app_ids = HashSet::new();
        for app in &h.apps {
            if app.app_id.is_empty() || app.app_key.is_empty() {
                return invalid("huawei app with an empty app_id or app_key");
            }
            if !app_ids.insert(app.app_id.as_str()) {
                return invalid(format!("duplicate huawei app_id {:?}", app.app_id));
            }
        }
        let mut accounts = HashSet::new();
        for account in &h.accounts {
            if account.account.is_empty() || account.password.is_empty() {
                return invalid("huawei account with an empty name or password");
            }
            if !accounts.insert(account.account.as_str()) {
                return invalid(format!("duplicate huawei account {:?}", account.account));
            }
        }
        let mut conference_ids = HashSet::new();
        for conf in &h.conferences {
            if conf.conference_id.is_empty() {
                return invalid("huawei conference with an empty conference_id");
            }
            if !conference_ids.insert(conf.conference_id.as_str()) {
                return invalid(format!("duplicate huawei conference_id {:?}", conf.conference_id));
            }
            if conf.host_password.is_empty() || conf.guest_password.is_empty() {
                return invalid(format!(
                    "huawei conference {:?} needs a host_password and a guest_password",
                    conf.conference_id
                ));
            }
            if conf.host_password == conf.guest_password {
                return invalid(format!(
                    "huawei conference {:?}: host_password and guest_password must differ",
                    conf.conference_id
                ));
            }
            let mut participant_ids = HashSet::new();
            for p in &conf.participants {
                if p.participant_id.is_empty() {
                    return invalid(format!(
                        "huawei conference {:?} has a participant with an empty participant_id",
                        conf.conference_id
                    ));
                }
                if !participant_ids.insert(p.participant_id.as_str()) {
                    return invalid(format!(
                        "huawei conference {:?}: duplicate participant_id {:?}",
                        conf.conference_id, p.participant_id
                    ));
                }
            }
            let (start, end) = crate::state::scheduled_offsets(conf);
            if end <= start {
                return invalid(format!("huawei conference {:?} ends before it starts", conf.conference_id));
            }
            let hosts = conf.participants.iter().filter(|p| p.role == HuaweiRole::Host).count();
            if hosts > 1 {
                return invalid(format!(
                    "huawei conference {:?} has {hosts} hosts; at most one is allowed",
                    conf.conference_id
                ));
            }
        }
        Ok(())
    }
}

/// A meeting's times, occurrences and history: ends after starts, a recurring meeting (and only
/// one) has occurrences with unique ids, history on known devices and occurrences.
fn validate_schedule(meeting: &TencentMeeting) -> Result<(), ScenarioError> {
    let id = &meeting.meeting_id;
    let start = meeting.start_offset_secs.unwrap_or(DEFAULT_START_OFFSET);
    let end = meeting.end_offset_secs.unwrap_or(start.saturating_add(DEFAULT_DURATION));
    if end <= start {
        return invalid(format!("tencent meeting {id:?} ends before it starts"));
    }
    match (meeting.meeting_type, meeting.sub_meetings.is_empty()) {
        (0, true) | (1, false) => {}
        (0, false) => return invalid(format!("tencent meeting {id:?}: sub_meetings need meeting_type 1")),
        (1, true) => {
            return invalid(format!("tencent meeting {id:?}: a recurring meeting needs sub_meetings"));
        }
        (t, _) => return invalid(format!("tencent meeting {id:?}: meeting_type {t} is not 0 or 1")),
    }
    let mut sub_ids = HashSet::new();
    for sub in &meeting.sub_meetings {
        if sub.sub_meeting_id.is_empty() || !sub_ids.insert(sub.sub_meeting_id.as_str()) {
            return invalid(format!("tencent meeting {id:?}: empty or duplicate sub_meeting_id"));
        }
        if sub.end_offset_secs <= sub.start_offset_secs {
            return invalid(format!(
                "tencent meeting {id:?}: sub meeting {:?} ends before it starts",
                sub.sub_meeting_id
            ));
        }
    }
    for (i, h) in meeting.history.iter().enumerate() {
        if !TENCENT_INSTANCE_IDS.contains(&h.instanceid) {
            return invalid(format!(
                "tencent meeting {id:?} history {i}: invalid instanceid {}",
                h.instanceid
            ));
        }
        if h.left_offset_secs < h.join_offset_secs {
            return invalid(format!("tencent meeting {id:?} history {i}: left before joining"));
        }
        if h.userid.is_none() && h.openid.is_none() && h.ms_open_id.is_none() && h.uuid.is_none() {
            return invalid(format!("tencent meeting {id:?} history {i} has no id at all"));
        }
        if let Some(sub) = h.sub_meeting_id.as_deref().filter(|s| !sub_ids.contains(s)) {
            return invalid(format!("tencent meeting {id:?} history {i}: unknown sub_meeting_id {sub:?}"));
        }
    }
    Ok(())
}

/// A Tencent meeting's (or an in-progress Huawei conference's) default start: 10 minutes before
/// the emulator starts.
pub(crate) const DEFAULT_START_OFFSET: i64 = -600;

/// A Tencent meeting's default length: 3600 s (to 50 minutes after the emulator starts).
pub(crate) const DEFAULT_DURATION: i64 = 3600;

fn invalid<T>(msg: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError::Invalid(msg.into()))
}

fn default_rate_limit() -> u32 {
    300
}

fn default_access_ttl() -> i64 {
    43_200
}

fn default_control_ttl() -> i64 {
    1_800
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_scenario_parses() {
        let s = Scenario::from_json(crate::DEMO_SCENARIO_JSON).expect("demo parses");
        assert!(!s.tencent.apps.is_empty());
        assert!(!s.tencent.meetings.is_empty());
        assert!(!s.huawei.apps.is_empty());
        assert!(!s.huawei.conferences.is_empty());
        assert_eq!(crate::demo_scenario().tencent.apps.len(), s.tencent.apps.len());
    }

    #[test]
    fn empty_object_gets_defaults() {
        let s = Scenario::from_json("{}").expect("empty scenario");
        assert_eq!(s.tencent.rate_limit_per_minute, 300);
        assert_eq!(s.huawei.access_token_ttl_secs, 43_200);
        assert_eq!(s.huawei.control_token_ttl_secs, 1_800);
    }

    #[test]
    fn participant_defaults() {
        let s = Scenario::from_json(
            r#"{"tencent":{"meetings":[{"meeting_id":"1","participants":[{"uuid":"u","instanceid":1}]}]}}"#,
        )
        .expect("parses");
        let p = &s.tencent.meetings[0].participants[0];
        assert_eq!(p.role, TencentRole::Attendee);
        assert!(p.video && p.video_closable && !p.muted);
        assert!(p.name.is_none() && !p.mra && !p.sharing_screen && !p.hand_raised && !p.in_waiting_room);
        assert!(s.tencent.meetings[0].meeting_code.is_none());
    }

    #[test]
    fn huawei_participant_fields() {
        let s = Scenario::from_json(
            r#"{"huawei":{"conferences":[{"conference_id":"1","host_password":"a","guest_password":"b",
                "participants":[{"participant_id":"p1"},
                                {"participant_id":"p2","role":"cohost","phone":"+86 1","video":false,
                                 "hand_raised":true,"in_waiting_room":true}]}]}}"#,
        )
        .expect("parses");
        let [plain, full] = &s.huawei.conferences[0].participants[..] else { panic!("two participants") };
        assert!(plain.number.is_none() && plain.video && !plain.hand_raised && !plain.in_waiting_room);
        assert_eq!(full.role, HuaweiRole::Cohost);
        assert_eq!(full.number.as_deref(), Some("+86 1"), "phone is an alias of number");
        assert!(!full.video && full.hand_raised && full.in_waiting_room);
    }

    fn rejects(text: &str) -> ScenarioError {
        match Scenario::from_json(text) {
            Ok(_) => panic!("scenario should have been rejected: {text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn bad_json_is_rejected() {
        assert!(matches!(rejects("{"), ScenarioError::Json(_)));
        assert!(matches!(rejects("[]"), ScenarioError::Invalid(_)));
        assert!(matches!(rejects(r#"{"tencent":{"appz":[]}}"#), ScenarioError::Json(_)));
        assert!(matches!(
            rejects(
                r#"{"tencent":{"meetings":[{"meeting_id":"1","participants":[{"uuid":"u","instanceid":1,"role":"king"}]}]}}"#
            ),
            ScenarioError::Json(_)
        ));
    }

    #[test]
    fn inconsistent_scenarios_are_rejected() {
        let two_hosts = r#"{"huawei":{"conferences":[{"conference_id":"1","host_password":"a","guest_password":"b",
            "participants":[{"participant_id":"p1","role":"host"},{"participant_id":"p2","role":"host"}]}]}}"#;
        assert!(matches!(rejects(two_hosts), ScenarioError::Invalid(_)));
        let bad_instance =
            r#"{"tencent":{"meetings":[{"meeting_id":"1","participants":[{"uuid":"u","instanceid":11}]}]}}"#;
        assert!(matches!(rejects(bad_instance), ScenarioError::Invalid(_)));
        let unknown_app = r#"{"tencent":{"meetings":[{"meeting_id":"1","app_id":"nope"}]}}"#;
        assert!(matches!(rejects(unknown_app), ScenarioError::Invalid(_)));
        let dup_meeting = r#"{"tencent":{"meetings":[{"meeting_id":"1"},{"meeting_id":"1"}]}}"#;
        assert!(matches!(rejects(dup_meeting), ScenarioError::Invalid(_)));
        let bad_ttl = r#"{"huawei":{"control_token_ttl_secs":0}}"#;
        assert!(matches!(rejects(bad_ttl), ScenarioError::Invalid(_)));
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = Scenario::from_file("/nonexistent/scenario.json").expect_err("no such file");
        assert!(matches!(err, ScenarioError::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/scenario.json"));
    }
}
