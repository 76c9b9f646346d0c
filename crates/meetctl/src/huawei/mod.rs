//! Huawei Cloud Meeting (华为云会议): the host role (seed 002), meeting control tokens, account
//! access tokens, and any other `mmc/control` call through [`Conference::request`].

mod access_token;
mod call;
mod client;
mod conference;
mod control_token;
mod credentials;
mod region;
mod response;
mod role;
pub mod signing;
mod token_cache;

pub use call::{GenericConferenceCall, HuaweiCall};
pub use client::HuaweiClient;
pub use conference::Conference;
pub use credentials::{AccountAuth, AccountPassword, AppIdAuth, ConferenceAuth};
pub use region::Region;
pub use role::HostRole;
