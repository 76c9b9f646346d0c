//! Tencent Meeting (腾讯会议): co-hosts (seed 000), closing video (seed 001), and any other
//! endpoint through [`TencentClient::request`].

mod call;
mod client;
mod cohost;
mod control;
mod credentials;
mod ids;
mod response;
pub mod signing;
mod video;

pub use call::{GenericCall, TencentCall};
pub use client::{DEFAULT_BASE_URL, TencentClient};
pub use cohost::SetCohost;
pub use credentials::{EnterpriseCredentials, OAuthCredentials, TencentCredentials};
pub use ids::{IdKind, Instance, TencentUser, TencentUserId};
pub use video::CloseVideo;
