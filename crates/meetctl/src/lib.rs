//! # meetctl
//!
//! Drive live meetings on Tencent Meeting (腾讯会议) and Huawei Cloud Meeting (华为云会议) through
//! their REST APIs: typed, validated requests; the vendors' signatures and tokens handled for you;
//! a blocking, pooled, time-bounded transport; and one error type whose [`ErrorKind`] says what to
//! do next.
//!
//! ```no_run
//! use meetctl::tencent::{Instance, TencentClient, TencentCredentials, TencentUser};
//! use meetctl::ClientConfig;
//!
//! let client = TencentClient::new(
//!     TencentCredentials::enterprise("210000001", "AKID...", "secret-key", None),
//!     ClientConfig::new(),
//! )?;
//! let operator = TencentUser::ms_open_id("afagsagwags", Instance::Ios);
//! let user = TencentUser::ms_open_id("agaqwwgdkkddd", Instance::Mac);
//! client.set_cohost("1242152152161", &operator, &user)?;
//! # Ok::<(), meetctl::Error>(())
//! ```
//!
//! Requests are built apart from transport: every call can be [prepared](tencent::TencentClient::prepare)
//! (validated and signed, not sent) for callers who bring their own HTTP stack.

mod args;
pub mod cancel;
pub mod civil;
pub mod clock;
mod config;
pub mod doctor;
mod encoding;
mod endpoint;
mod error;
pub mod find;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod hmac_sha256;
mod http;
pub mod huawei;
mod json_writer;
mod lookup;
mod meeting;
mod operation;
#[cfg(feature = "receiver")]
pub mod receiver;
pub mod record;
mod response;
mod retry;
mod secret;
pub mod tencent;
mod transport;
pub mod webhook;

pub use args::{Args, Param, ParamKind, Presence, Scalar};
pub use cancel::CancelToken;
pub use config::{ClientConfig, MAX_TIMEOUT, ProxySetting};
pub use endpoint::Field;
pub use error::{ApiDetails, Error, ErrorKind, MAX_VENDOR_TEXT_CHARS, Result, Vendor};
pub use http::{HeaderText, HttpRequest, HttpResponse, Method, PreparedRequest, is_sensitive_header};
pub use lookup::Paging;
pub use meeting::{
    EventOrigin, Meeting, MeetingDetails, MeetingEvent, MeetingEventKind, MeetingOccurrence,
    MeetingOperation, MeetingWatch, Participant, ParticipantField, Role, WatchCloser, WatchOptions,
};
pub use operation::Answer;
pub use retry::{MAX_ATTEMPTS, RetryPolicy};
pub use secret::Secret;
pub use transport::{MAX_RESPONSE_BYTES, USER_AGENT};
