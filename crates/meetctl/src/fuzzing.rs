//! Entry points for the fuzz targets in `fuzz/`: thin wrappers over the crate's private parsers
//! and builders. Compiled only with the `fuzzing` feature; not part of the API, no stability.
//!
//! The readers live in crate-visible modules of [`crate::tencent`] and [`crate::huawei`]; the
//! fuzzers call exactly the code the clients run.

use serde_json::Value;

use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::huawei::{AccountPassword, AppIdAuth};
use crate::secret::Secret;
use crate::tencent::TencentParticipant;

pub use crate::encoding::{MAX_ID_CHARS, MAX_SECRET_BYTES};

use crate::huawei::{access_token, control_token, response as huawei_response, token_cache};
use crate::tencent::{participants as tencent_participants, response as tencent_response};

// ---- Responses ----

/// A Tencent answer as the client reads it: the JSON body of a 2xx answer, or the error.
pub fn tencent_into_result(response: HttpResponse) -> Result<Value, Error> {
    tencent_response::into_result(response)
}

/// A Huawei answer as the client reads it: the JSON body of a 2xx answer, or the error.
pub fn huawei_into_result(response: HttpResponse) -> Result<Value, Error> {
    huawei_response::into_result(response)
}

/// A success body: empty (or whitespace) is `Null`, anything else must be JSON.
pub fn json_body(body: &[u8]) -> Result<Value, Error> {
    crate::response::json_body(body)
}

// ---- Listings ----

/// One page of Tencent's `real-time-participants` answer: its participants (read by the public
/// [`TencentParticipant::from_json`] from the entries the page parser kept) and whether more
/// pages follow.
pub fn tencent_participant_page(answer: Value, page: i64) -> Result<(Vec<TencentParticipant>, bool), Error> {
    let page = tencent_participants::parse_page(answer, page)?;
    let participants = page.participants.into_iter().map(|p| TencentParticipant::from_json(p.raw)).collect();
    Ok((participants, page.more))
}

/// The `ms_open_id` of Tencent's `ms-open-id` answer.
pub fn tencent_ms_open_id(answer: &Value) -> Result<String, Error> {
    tencent_participants::parse_ms_open_id(answer)
}

// ---- Tokens ----

/// A Huawei control-token answer read at `now_ms`: the token and when it is refreshed (unix ms).
pub fn huawei_control_token(answer: &Value, now_ms: i64) -> Result<(Secret, i64), Error> {
    control_token::parse_control_token(answer, now_ms).map(|t| (t.token, t.refresh_at_ms))
}

/// A Huawei access-token answer read at `now_ms`: the token and when it is refreshed (unix ms).
pub fn huawei_access_token(answer: &Value, now_ms: i64) -> Result<(Secret, i64), Error> {
    access_token::parse_access_token(answer, now_ms).map(|t| (t.token, t.refresh_at_ms))
}

/// The control-token request for `conference_id`.
pub fn huawei_control_token_request(
    conference_id: &str,
    password: &Secret,
    access_token: Option<&Secret>,
    nonce: &str,
) -> HttpRequest {
    control_token::token_request(conference_id, password, access_token, nonce)
}

/// The App ID authentication request made at `now_secs`.
pub fn huawei_app_auth_request(auth: &AppIdAuth, now_secs: i64, nonce: &str) -> Result<HttpRequest, Error> {
    access_token::app_auth_request(auth, now_secs, nonce)
}

/// The account/password authentication request.
pub fn huawei_account_request(auth: &AccountPassword) -> Result<HttpRequest, Error> {
    access_token::account_request(auth)
}

/// The check every token from a server passes before it is used.
pub fn checked_token(token: &str) -> Result<Secret, Error> {
    token_cache::checked_token(token, "token")
}

// ---- Encoding ----

/// `value` percent-encoded with the strict set (everything but RFC 3986 unreserved characters).
pub fn encode(value: &str) -> String {
    crate::encoding::encode(value).into_owned()
}

/// An identifier checked and encoded as one path segment.
pub fn path_segment(field: &'static str, value: &str) -> Result<String, Error> {
    crate::encoding::path_segment(field, value).map(std::borrow::Cow::into_owned)
}

/// The identifier check (1 to [`MAX_ID_CHARS`] characters, no control characters).
pub fn require_id(field: &'static str, value: &str) -> Result<(), Error> {
    crate::encoding::require_id(field, value)
}

/// The secret check (1 to [`MAX_SECRET_BYTES`] bytes, no control characters).
pub fn require_secret(field: &'static str, value: &Secret) -> Result<(), Error> {
    crate::encoding::require_secret(field, value)
}

/// `a=b&c=d` with every key and value percent-encoded.
pub fn query_string(pairs: &[(String, String)]) -> String {
    crate::encoding::query_string(pairs)
}

/// The check of a caller's API path.
pub fn validate_api_path(path: &str) -> Result<(), Error> {
    crate::encoding::validate_api_path(path)
}

/// The check of a query string before it is sent.
pub fn validate_query(query: &str) -> Result<(), Error> {
    crate::encoding::validate_query(query)
}

// ---- Lookups and the rule for a code ----

/// A page's records and where the next page starts.
pub type LookupPage = (Vec<Value>, Option<i64>);

/// One page of a lookup's answer as its row reads it: meetctl's records and where the next page
/// starts. `tencent` picks the vendor's table; `None` when no lookup has number `code`.
pub fn lookup_page(tencent: bool, code: u32, answer: &Value) -> Option<Result<LookupPage, Error>> {
    let read = if tencent {
        crate::tencent::TencentLookup::from_code(code)?.spec().read
    } else {
        crate::huawei::HuaweiLookup::from_code(code)?.spec().read
    };
    Some(read(answer).map(|page| (page.items, page.next)))
}

/// Which meeting a Tencent `meetings_by_code` answer means at `now`, by the one rule.
pub fn tencent_find(answer: &Value, now: i64) -> Result<crate::find::Candidate, Error> {
    let read = crate::tencent::TencentLookup::MeetingsByCode.spec().read;
    let items = read(answer)?.items;
    let meetings: Vec<crate::tencent::TencentMeetingInfo> = crate::lookup::typed(Value::Array(items))?;
    crate::find::choose(crate::find::tencent_candidates(&meetings, now), now, "code")
}

// ---- The Huawei conference-control socket ----

/// What the Huawei live stream keeps between frames (the roster and each notice type's version),
/// for the fuzz target and the snapshot bench.
#[derive(Debug, Default)]
pub struct HuaweiLiveState {
    roster: crate::huawei::live::state::People,
    versions: crate::huawei::live::state::Versions,
    has_roster: bool,
}

impl HuaweiLiveState {
    /// The roster as the frames so far made it, by participant id.
    pub fn roster(&self) -> &std::collections::BTreeMap<String, crate::huawei::HuaweiParticipant> {
        &self.roster
    }
}

/// One text frame of the conference-control socket read and applied as the stream does: a full
/// `ParticipantsNotify` replaces the roster (the events are the differences; the first roster
/// arrives as joins), an increment is merged. `Err` says why the stream would resynchronise
/// (not JSON, a participant entry it cannot read, a version gap); a frame of another shape or
/// action gives no participant event.
pub fn huawei_live_apply(
    state: &mut HuaweiLiveState,
    frame: &[u8],
) -> Result<Vec<crate::huawei::HuaweiLiveEvent>, String> {
    use crate::huawei::live::frame::{self, Frame, FrameError, Mode};
    use crate::huawei::live::state as live;
    let parsed = match frame::parse(frame) {
        Ok(parsed) => parsed,
        Err(FrameError::WrongShape(_)) => return Ok(Vec::new()),
        Err(FrameError::NotJson) => return Err("not JSON".to_owned()),
        Err(FrameError::BadParticipants(why)) => return Err(why.to_owned()),
    };
    let Frame::Participants { mode, version, entries } = parsed else { return Ok(Vec::new()) };
    state.versions.check("ParticipantsNotify", mode, version)?;
    match mode {
        Mode::Full => {
            let roster = live::roster_of(entries);
            let events = live::diff(&state.roster, &roster, state.has_roster);
            state.roster = roster;
            state.has_roster = true;
            Ok(events)
        }
        Mode::Increment => Ok(live::apply_increment(&mut state.roster, entries, false)),
    }
}
