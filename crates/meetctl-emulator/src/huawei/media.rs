//! Recording and live-streaming APIs besides `record`: `mmrRecord`, `mmrLive` and `live`.
//!
//! The vendor documents `mmrRecord` and `mmrLive` for MMR conferences (`confMode` RTC) but names
//! no error for calling them on another; the emulator does not tell the two kinds apart.

use serde_json::Value;

use super::control::{Control, choice};
use super::error::HuaweiError;
use crate::state::MmrRecording;

type Answer = Result<Option<Value>, HuaweiError>;

/// `{"recordType":1|0|2}`: starts (1), pauses (0) or stops (2) MMR recording. Pausing a
/// recording that is not running leaves it as it is (the vendor documents no error for it);
/// starting a paused one resumes it.
pub(crate) fn mmr_record(ctl: &mut Control<'_>) -> Answer {
    let record_type = choice(ctl.body, "recordType", &[0, 1, 2])?;
    let now = ctl.conference.mmr_recording;
    ctl.conference.mmr_recording = match record_type {
        1 => MmrRecording::Recording,
        2 => MmrRecording::Stopped,
        _ if now == MmrRecording::Recording => MmrRecording::Paused,
        _ => now,
    };
    Ok(None)
}

/// `{"liveState":1|0}`: starts or stops MMR live streaming.
pub(crate) fn mmr_live(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.mmr_live = choice(ctl.body, "liveState", &[0, 1])? == 1;
    Ok(None)
}

/// `{"isLive":1|0}`: starts or stops the live broadcast.
pub(crate) fn live(ctl: &mut Control<'_>) -> Answer {
    ctl.conference.live = choice(ctl.body, "isLive", &[0, 1])? == 1;
    Ok(None)
}
