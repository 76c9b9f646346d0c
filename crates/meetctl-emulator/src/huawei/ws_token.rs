//! `GET /v1/mmc/control/conferences/wsToken?conferenceID=X`: a token to open the conference's
//! control WebSocket with, remembered by the emulator.

use serde_json::{Value, json};

use super::control::Control;
use super::error::HuaweiError;

/// `{"webSocketToken": "..."}`, a fresh random token; issued on any live control token of the
/// conference (its role recorded), through the control pipeline's checks.
pub(crate) fn issue(ctl: &mut Control<'_>) -> Result<Option<Value>, HuaweiError> {
    Ok(Some(json!({ "webSocketToken": ctl.issue_ws_token() })))
}
