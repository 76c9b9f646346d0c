//! Whom [`MeetingOperation::Invite`](super::MeetingOperation::Invite) calls and
//! [`MeetingOperation::CancelInvite`](super::MeetingOperation::CancelInvite) stops calling: one
//! address, checked before anything is sent, then written in each vendor's words.

use crate::args::{Args, Param, ParamKind, Scalar, WireValue};
use crate::error::Error;

const PHONE: Param = Param::optional("phone", "phone", ParamKind::Digits { min: 3, max: 20 });
const COUNTRY_CODE: Param =
    Param::default("country_code", "country_code", ParamKind::Int { min: 1, max: 9999 }, Scalar::Int(86));
const SIP_ADDRESS: Param = Param::optional("sip_address", "sip_address", ParamKind::Text { max_chars: 256 });
const H323_ADDRESS: Param =
    Param::optional("h323_address", "h323_address", ParamKind::Text { max_chars: 256 });
const MEETING_ROOM_ID: Param =
    Param::optional("meeting_room_id", "meeting_room_id", ParamKind::Text { max_chars: 64 });
const NAME: Param = Param::optional("name", "name", ParamKind::Text { max_chars: 96 });

/// The arguments of `invite`: exactly one address, and a name.
pub(super) const INVITE_PARAMS: &[Param] =
    &[PHONE, COUNTRY_CODE, SIP_ADDRESS, H323_ADDRESS, MEETING_ROOM_ID, NAME];
/// The arguments of `cancel_invite`: the same address as the invitation.
pub(super) const CANCEL_PARAMS: &[Param] = &[PHONE, COUNTRY_CODE, SIP_ADDRESS, H323_ADDRESS, MEETING_ROOM_ID];

/// The one address a call goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Address {
    /// A phone: the country code (86 for China) and the number within it, digits only.
    Phone { country_code: i64, phone: String },
    /// A SIP device: an IP address or URI.
    Sip(String),
    /// An H.323 device: an IP address or E.164 number.
    H323(String),
    /// A Tencent Rooms device, by its meeting room id.
    Room(String),
}

impl Address {
    /// The argument that named it, for errors about it.
    pub(super) fn field(&self) -> &'static str {
        match self {
            Address::Phone { .. } => PHONE.name,
            Address::Sip(_) => SIP_ADDRESS.name,
            Address::H323(_) => H323_ADDRESS.name,
            Address::Room(_) => MEETING_ROOM_ID.name,
        }
    }

    /// The number Huawei calls: `+<country code><phone>`, or the device's address.
    pub(super) fn huawei_number(&self) -> Option<String> {
        match self {
            Address::Phone { country_code, phone } => Some(format!("+{country_code}{phone}")),
            Address::Sip(a) | Address::H323(a) => Some(a.clone()),
            Address::Room(_) => None,
        }
    }
}

/// Who is called: the address and, for `invite`, the name shown.
#[derive(Debug, Clone)]
pub(super) struct Invitee {
    pub(super) address: Address,
    pub(super) name: Option<String>,
}

impl Invitee {
    /// The invitee the arguments name: every value checked against its declaration, exactly one
    /// address given (`country_code` counts only with a `phone`).
    pub(super) fn from_args(args: &Args) -> Result<Invitee, Error> {
        let text = |param: &Param| -> Result<Option<String>, Error> {
            param.resolve(args)?;
            Ok(args.get(param.name).and_then(|v| v.as_str()).map(str::to_owned))
        };
        let phone = text(&PHONE)?;
        let Some(WireValue::Int(country_code)) = COUNTRY_CODE.resolve(args)? else {
            return Err(Error::invalid(COUNTRY_CODE.name, "must be a whole number"));
        };
        let name = text(&NAME)?;
        let mut given = Vec::new();
        // `country_code` only counts with a phone (the bindings pass its default with any address).
        given.extend(phone.map(|phone| Address::Phone { country_code, phone }));
        given.extend(text(&SIP_ADDRESS)?.map(Address::Sip));
        given.extend(text(&H323_ADDRESS)?.map(Address::H323));
        given.extend(text(&MEETING_ROOM_ID)?.map(Address::Room));
        match given.len() {
            1 => Ok(Invitee { address: given.remove(0), name }),
            0 => Err(Error::invalid(
                PHONE.name,
                "give one of phone, sip_address, h323_address and meeting_room_id: whom to call",
            )),
            _ => Err(Error::invalid(
                given[1].field(),
                "give only one of phone, sip_address, h323_address and meeting_room_id",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn field_of(args: Args) -> String {
        let e = Invitee::from_args(&args).expect_err("refused");
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        e.field().unwrap_or_default().to_owned()
    }

    #[test]
    fn one_address_is_taken_with_its_defaults() {
        let phone = Invitee::from_args(&Args::new().with("phone", "13800000000")).unwrap();
        assert_eq!(phone.address, Address::Phone { country_code: 86, phone: "13800000000".into() });
        assert_eq!(phone.address.huawei_number().as_deref(), Some("+8613800000000"));
        let sip =
            Invitee::from_args(&Args::new().with("sip_address", "sip:room@example.com").with("name", "R"))
                .unwrap();
        assert_eq!(sip.address, Address::Sip("sip:room@example.com".into()));
        assert_eq!(sip.name.as_deref(), Some("R"));
        assert_eq!(Address::Room("r".into()).huawei_number(), None);
    }

    #[test]
    fn bad_arguments_are_named() {
        assert_eq!(field_of(Args::new()), "phone");
        assert_eq!(field_of(Args::new().with("phone", "12ab")), "phone");
        assert_eq!(field_of(Args::new().with("country_code", 1)), "phone");
        assert_eq!(field_of(Args::new().with("phone", "123").with("country_code", 0)), "country_code");
        assert_eq!(field_of(Args::new().with("phone", "123").with("sip_address", "a")), "sip_address");
        assert_eq!(field_of(Args::new().with("h323_address", "")), "h323_address");
        assert_eq!(field_of(Args::new().with("meeting_room_id", "r").with("name", "a\nb")), "name");
    }
}
