//! Who a Tencent call is about: a user id of one of four kinds plus the device they are on.

use std::borrow::Cow;
use std::fmt;

use crate::encoding::id_problem;
use crate::error::Error;

/// The device type (`instanceid`) a participant is using, from the vendor's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Instance {
    /// 1: PC
    Pc = 1,
    /// 2: Mac
    Mac = 2,
    /// 3: Android
    Android = 3,
    /// 4: iOS
    Ios = 4,
    /// 5: Web
    Web = 5,
    /// 6: iPad
    Ipad = 6,
    /// 7: Android Pad
    AndroidPad = 7,
    /// 8: Mini Program
    MiniProgram = 8,
    /// 9: VoIP / SIP device
    VoipSip = 9,
    /// 10: Linux
    Linux = 10,
    /// 20: Rooms for Touch Windows
    RoomsTouchWindows = 20,
    /// 21: Rooms for Touch Mac
    RoomsTouchMac = 21,
    /// 22: Rooms for Touch Android
    RoomsTouchAndroid = 22,
    /// 30: Controller for Touch Windows
    ControllerTouchWindows = 30,
    /// 32: Controller for Touch Android
    ControllerTouchAndroid = 32,
    /// 33: Controller for Touch iPhone
    ControllerTouchIphone = 33,
}

impl Instance {
    /// Every device type, in table order.
    pub const ALL: [Instance; 16] = [
        Instance::Pc,
        Instance::Mac,
        Instance::Android,
        Instance::Ios,
        Instance::Web,
        Instance::Ipad,
        Instance::AndroidPad,
        Instance::MiniProgram,
        Instance::VoipSip,
        Instance::Linux,
        Instance::RoomsTouchWindows,
        Instance::RoomsTouchMac,
        Instance::RoomsTouchAndroid,
        Instance::ControllerTouchWindows,
        Instance::ControllerTouchAndroid,
        Instance::ControllerTouchIphone,
    ];

    /// The `instanceid` number.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The device type with this `instanceid`; an invalid-argument error naming `field` otherwise.
    pub fn from_code(code: i64, field: impl Into<Cow<'static, str>>) -> Result<Instance, Error> {
        Instance::ALL.into_iter().find(|i| i64::from(i.code()) == code).ok_or_else(|| {
            Error::invalid(field, format!("{code} is not a Tencent device type (1-10, 20-22, 30, 32, 33)"))
        })
    }

    /// The vendor's name for it (`"Mac"`, `"Rooms for Touch Windows"`).
    pub fn label(self) -> &'static str {
        match self {
            Instance::Pc => "PC",
            Instance::Mac => "Mac",
            Instance::Android => "Android",
            Instance::Ios => "iOS",
            Instance::Web => "Web",
            Instance::Ipad => "iPad",
            Instance::AndroidPad => "Android Pad",
            Instance::MiniProgram => "Mini Program",
            Instance::VoipSip => "VoIP / SIP device",
            Instance::Linux => "Linux",
            Instance::RoomsTouchWindows => "Rooms for Touch Windows",
            Instance::RoomsTouchMac => "Rooms for Touch Mac",
            Instance::RoomsTouchAndroid => "Rooms for Touch Android",
            Instance::ControllerTouchWindows => "Controller for Touch Windows",
            Instance::ControllerTouchAndroid => "Controller for Touch Android",
            Instance::ControllerTouchIphone => "Controller for Touch iPhone",
        }
    }

    /// A short lowercase name (`"mac"`, `"rooms_touch_windows"`).
    pub fn name(self) -> &'static str {
        match self {
            Instance::Pc => "pc",
            Instance::Mac => "mac",
            Instance::Android => "android",
            Instance::Ios => "ios",
            Instance::Web => "web",
            Instance::Ipad => "ipad",
            Instance::AndroidPad => "android_pad",
            Instance::MiniProgram => "mini_program",
            Instance::VoipSip => "voip_sip",
            Instance::Linux => "linux",
            Instance::RoomsTouchWindows => "rooms_touch_windows",
            Instance::RoomsTouchMac => "rooms_touch_mac",
            Instance::RoomsTouchAndroid => "rooms_touch_android",
            Instance::ControllerTouchWindows => "controller_touch_windows",
            Instance::ControllerTouchAndroid => "controller_touch_android",
            Instance::ControllerTouchIphone => "controller_touch_iphone",
        }
    }

    /// Whether the API accepts this device with an `ms_open_id` (types 1 to 8 only).
    pub fn accepts_ms_open_id(self) -> bool {
        (1..=8).contains(&self.code())
    }
}

/// The kind of id a [`TencentUserId`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// Enterprise user id (`operator_id_type` 1).
    UserId,
    /// OAuth 2.0 open id (`operator_id_type` 2; the vendor's `openid`).
    OpenId,
    /// Meeting-scoped open id (`operator_id_type` 4).
    MsOpenId,
    /// The participant's uuid (sent in the `uuid` field, no type).
    Uuid,
}

impl IdKind {
    /// The `operator_id_type` number, or `None` for uuid.
    pub fn type_code(self) -> Option<u8> {
        match self {
            IdKind::UserId => Some(1),
            IdKind::OpenId => Some(2),
            IdKind::MsOpenId => Some(4),
            IdKind::Uuid => None,
        }
    }

    /// The name users know it by (`"ms_open_id"`).
    pub fn name(self) -> &'static str {
        match self {
            IdKind::UserId => "userid",
            IdKind::OpenId => "open_id",
            IdKind::MsOpenId => "ms_open_id",
            IdKind::Uuid => "uuid",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One way of naming a Tencent Meeting user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TencentUserId {
    /// Enterprise user id.
    UserId(String),
    /// OAuth 2.0 open id.
    OpenId(String),
    /// Meeting-scoped open id.
    MsOpenId(String),
    /// The participant's uuid.
    Uuid(String),
}

impl TencentUserId {
    /// Which kind of id this is.
    pub fn kind(&self) -> IdKind {
        match self {
            TencentUserId::UserId(_) => IdKind::UserId,
            TencentUserId::OpenId(_) => IdKind::OpenId,
            TencentUserId::MsOpenId(_) => IdKind::MsOpenId,
            TencentUserId::Uuid(_) => IdKind::Uuid,
        }
    }

    /// The id itself.
    pub fn value(&self) -> &str {
        match self {
            TencentUserId::UserId(v)
            | TencentUserId::OpenId(v)
            | TencentUserId::MsOpenId(v)
            | TencentUserId::Uuid(v) => v,
        }
    }
}

/// A participant as the control APIs name one: an id plus the device (`instanceid`) they are on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TencentUser {
    /// Who.
    pub id: TencentUserId,
    /// On which device. For a target it must be the device the user is really on, or the call
    /// succeeds without effect (the vendor's rule).
    pub instance: Instance,
}

impl TencentUser {
    /// A participant named by `id` on `instance`.
    pub fn new(id: TencentUserId, instance: Instance) -> Self {
        TencentUser { id, instance }
    }

    /// A participant named by enterprise user id.
    pub fn userid(id: impl Into<String>, instance: Instance) -> Self {
        Self::new(TencentUserId::UserId(id.into()), instance)
    }

    /// A participant named by OAuth 2.0 open id.
    pub fn open_id(id: impl Into<String>, instance: Instance) -> Self {
        Self::new(TencentUserId::OpenId(id.into()), instance)
    }

    /// A participant named by meeting-scoped open id.
    pub fn ms_open_id(id: impl Into<String>, instance: Instance) -> Self {
        Self::new(TencentUserId::MsOpenId(id.into()), instance)
    }

    /// A participant named by uuid.
    pub fn uuid(id: impl Into<String>, instance: Instance) -> Self {
        Self::new(TencentUserId::Uuid(id.into()), instance)
    }

    /// Builds a participant from optional parts, as the C and Python bindings receive them:
    /// exactly one id must be given, and `instance` must be in the device table.
    /// Errors name `role` (`"operator"` or `"user"`) and the part at fault (`user.instance`).
    pub fn from_parts(
        role: &'static str,
        userid: Option<&str>,
        open_id: Option<&str>,
        ms_open_id: Option<&str>,
        uuid: Option<&str>,
        instance: i64,
    ) -> Result<TencentUser, Error> {
        let given: Vec<TencentUserId> = [
            userid.map(|v| TencentUserId::UserId(v.to_owned())),
            open_id.map(|v| TencentUserId::OpenId(v.to_owned())),
            ms_open_id.map(|v| TencentUserId::MsOpenId(v.to_owned())),
            uuid.map(|v| TencentUserId::Uuid(v.to_owned())),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut given = given.into_iter();
        let (Some(id), None) = (given.next(), given.next()) else {
            return Err(Error::invalid(
                role,
                "exactly one of userid, open_id, ms_open_id, uuid must be given",
            ));
        };
        let instance = Instance::from_code(instance, format!("{role}.instance"))?;
        Ok(TencentUser::new(id, instance))
    }

    /// Checks this participant for an endpoint that accepts the id kinds in `accepted`; errors
    /// name `role` and the part at fault (`operator.id`, `targets[1].instance`).
    pub(crate) fn validate(&self, role: Role, accepted: &[IdKind]) -> Result<(), Error> {
        let kind = self.id.kind();
        if !accepted.contains(&kind) {
            let names: Vec<&str> = accepted.iter().map(|k| k.name()).collect();
            return Err(Error::invalid(
                format!("{role}.id"),
                format!("this endpoint does not accept a {kind}; use one of: {}", names.join(", ")),
            ));
        }
        if let Some(problem) = id_problem(self.id.value()) {
            return Err(Error::invalid(format!("{role}.id"), problem));
        }
        if kind == IdKind::MsOpenId && !self.instance.accepts_ms_open_id() {
            return Err(Error::invalid(
                format!("{role}.instance"),
                format!("device type {} cannot be used with an ms_open_id (only 1-8)", self.instance.code()),
            ));
        }
        Ok(())
    }
}

/// What a [`TencentUser`] is to a call, as its errors name it: the argument the caller wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// An argument of its own: `operator`, or `user` (the one target, the user looked up).
    Named(&'static str),
    /// Entry `i` of `targets`.
    Target(usize),
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Named(name) => f.write_str(name),
            Role::Target(i) => write!(f, "targets[{i}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn instance_table_round_trips_and_rejects_gaps() {
        for i in Instance::ALL {
            assert_eq!(Instance::from_code(i64::from(i.code()), "x").unwrap(), i);
        }
        for bad in [-1, 0, 11, 19, 23, 31, 34, 256] {
            let e = Instance::from_code(bad, "user.instance").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            assert_eq!(e.field(), Some("user.instance"));
        }
    }

    #[test]
    fn from_parts_wants_exactly_one_id() {
        let none = TencentUser::from_parts("operator", None, None, None, None, 1).unwrap_err();
        assert_eq!(none.field(), Some("operator"));
        let two = TencentUser::from_parts("user", Some("a"), None, Some("b"), None, 1).unwrap_err();
        assert_eq!(two.field(), Some("user"));
        let bad_dev = TencentUser::from_parts("user", None, None, Some("b"), None, 99).unwrap_err();
        assert_eq!(bad_dev.field(), Some("user.instance"));
        let ok = TencentUser::from_parts("user", None, None, Some("b"), None, 2).unwrap();
        assert_eq!(ok, TencentUser::ms_open_id("b", Instance::Mac));
    }

    #[test]
    fn validate_names_the_role() {
        let u = TencentUser::userid("u", Instance::Pc);
        let e = u.validate(Role::Named("operator"), &[IdKind::MsOpenId, IdKind::Uuid]).unwrap_err();
        assert_eq!(e.field(), Some("operator.id"));
        let empty = TencentUser::uuid("", Instance::Pc);
        assert_eq!(
            empty.validate(Role::Named("user"), &[IdKind::Uuid]).unwrap_err().field(),
            Some("user.id")
        );
        assert_eq!(
            empty.validate(Role::Target(2), &[IdKind::Uuid]).unwrap_err().field(),
            Some("targets[2].id")
        );
        let linux = TencentUser::ms_open_id("m", Instance::Linux);
        let e = linux.validate(Role::Named("user"), &[IdKind::MsOpenId]).unwrap_err();
        assert_eq!(e.field(), Some("user.instance"));
        let e = linux.validate(Role::Target(0), &[IdKind::MsOpenId]).unwrap_err();
        assert_eq!(e.field(), Some("targets[0].instance"));
        assert!(
            TencentUser::uuid("x", Instance::Linux).validate(Role::Named("user"), &[IdKind::Uuid]).is_ok()
        );
        assert_eq!(IdKind::OpenId.name(), "open_id");
    }
}
