//! Tencent Meeting (腾讯会议): every in-meeting control in [`TencentOperation`] (co-hosts, video,
//! mute, remove, rename, waiting room, settings, end, the participant list; calling meeting
//! rooms, SIP/H.323 devices and phones in, releasing rooms), every lookup in
//! [`TencentLookup`] (a meeting by code or id, a Rooms device's meetings, the waiting room, who
//! joined and left), and any other endpoint through [`TencentClient::request`].

mod builders;
mod call;
mod client;
mod control;
mod credentials;
mod endpoints;
mod ids;
mod lookup_methods;
mod lookups;
mod named;
pub(crate) mod participants;
mod reach;
#[cfg(feature = "receiver")]
pub mod receiver;
mod records;
pub(crate) mod response;
pub mod signing;
pub mod webhook;

// The list-item builders (generated; a vendor may have none yet).
#[allow(unused_imports)]
pub use builders::*;
pub use call::{GenericCall, TencentCall};
pub use client::{DEFAULT_BASE_URL, TencentClient};
pub use control::TencentControl;
pub use credentials::{EnterpriseCredentials, OAuthCredentials, TencentCredentials};
pub use endpoints::{OperatorRule, ROOM_PARAMS, Slot, TargetRule, TencentEndpoint, TencentOperation};
pub use ids::{IdKind, Instance, TencentUser, TencentUserId};
pub(crate) use lookups::LookupCall;
pub use lookups::{Asker, LookupSlot, TencentLookup, TencentLookupEndpoint};
pub use participants::{TencentParticipant, TencentRole};
pub use reach::TencentRoomCallInfo;
pub use records::{TencentAttendee, TencentMeetingInfo, TencentOccurrence, TencentWaitingMember};
