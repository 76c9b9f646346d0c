//! Huawei Cloud Meeting (华为云会议): every conference control in [`HuaweiOperation`] (host role,
//! mute, hang up, co-hosts, lock, end, video, waiting room, recording, settings, the conference's
//! state), every lookup in [`HuaweiLookup`] (conferences online, a conference's details and
//! attendees, whether a SIP number is in a conference, the WebSocket token), meeting control
//! tokens, account access tokens, and any other `mmc/control` call through [`Conference::request`].

pub(crate) mod access_token;
mod builders;
mod call;
mod client;
mod conference;
mod control;
pub(crate) mod control_token;
mod credentials;
mod endpoints;
mod info;
mod layouts;
pub(crate) mod live;
mod lookups;
mod named;
#[cfg(feature = "receiver")]
pub mod receiver;
mod records;
mod region;
pub(crate) mod response;
mod role;
pub mod signing;
pub(crate) mod token_cache;
pub mod webhook;
mod webhook_config;

// The list-item builders (generated; a vendor may have none yet).
#[allow(unused_imports)]
pub use builders::*;
pub use call::{GenericConferenceCall, HuaweiCall};
pub use client::HuaweiClient;
pub use conference::Conference;
pub use control::ConferenceControl;
pub use credentials::{AccountAuth, AccountPassword, AppIdAuth, ConferenceAuth};
pub use endpoints::{HuaweiEndpoint, HuaweiOperation, HuaweiSlot, ParticipantRule};
pub use info::{HuaweiConferenceInfo, HuaweiParticipant, HuaweiRole};
pub use layouts::{HuaweiLayout, HuaweiLayoutPicture, HuaweiManagementSiteStatus};
pub use live::{HuaweiLiveEvent, HuaweiLiveStream, LiveCloser, LiveOptions};
pub use lookups::{HuaweiLookup, HuaweiLookupEndpoint, HuaweiLookupSlot, LookupAuth};
#[cfg(feature = "receiver")]
pub use receiver::HuaweiReceiver;
pub use records::{
    HuaweiCallNumberStatus, HuaweiConferenceDetails, HuaweiConferenceSummary, HuaweiInvitee,
    HuaweiOnlineAttendee, HuaweiWebhookConfig, HuaweiWsToken,
};
pub use region::Region;
pub use role::HostRole;
pub use webhook::{HuaweiEvent, HuaweiEventKind, HuaweiWebhook};
pub use webhook_config::HuaweiWebhookSettings;
