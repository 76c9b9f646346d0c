//! What a lookup answers: records declared once, with everything the bindings derive from them.
//!
//! [`record!`](crate::record) declares a plain struct (serde-serialisable, so the C and Python
//! bindings receive it as a tree of values) together with its [`RecordSpec`]: the names, types
//! and one-line docs of its fields. `cargo run -p xtask -- codegen` walks [`ALL_RECORDS`] to
//! write the Python classes and stubs and the documentation tables, so a binding can never name
//! a field the core does not fill.

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordField {
    /// The field's name, the same in every binding.
    pub name: &'static str,
    /// Its Rust type as written in the declaration (`Option<i64>`, `Vec<TencentOccurrence>`):
    /// `String`, `i64`, `bool`, `Option<_>`, `Vec<_>` or another record's name.
    pub rust_type: &'static str,
    /// One line on what it holds.
    pub doc: &'static str,
}

/// A record's declaration, as the generator reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSpec {
    /// The record's name (`TencentMeetingInfo`), the same in every binding.
    pub name: &'static str,
    /// One line on what it is.
    pub doc: &'static str,
    /// Its fields, in order.
    pub fields: &'static [RecordField],
}

/// A record type: a struct declared with [`record!`](crate::record).
pub trait Record: serde::Serialize + serde::de::DeserializeOwned {
    /// Its declaration.
    const SPEC: RecordSpec;
}

/// Declares a record struct and its [`RecordSpec`].
#[macro_export]
#[doc(hidden)]
macro_rules! record {
    (
        #[doc = $doc:literal]
        $(#[$meta:meta])*
        pub struct $Name:ident {
            $( #[doc = $fdoc:literal] pub $field:ident: $ty:ty, )+
        }
    ) => {
        #[doc = $doc]
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct $Name {
            $( #[doc = $fdoc] pub $field: $ty, )+
        }

        impl $crate::record::Record for $Name {
            const SPEC: $crate::record::RecordSpec = $crate::record::RecordSpec {
                name: stringify!($Name),
                doc: $doc,
                fields: &[$( $crate::record::RecordField {
                    name: stringify!($field),
                    rust_type: stringify!($ty),
                    doc: $fdoc,
                }, )+],
            };
        }
    };
}

/// Declares [`ALL_RECORDS`] and [`fits`] from one list of record types.
macro_rules! all_records {
    ($($T:ty),+ $(,)?) => {
        /// Every record a lookup answers, for the generator (nested records before the records
        /// that hold them).
        pub const ALL_RECORDS: &[RecordSpec] = &[$(<$T as Record>::SPEC),+];

        /// Whether `value` is a record named `record` (it deserialises into that type); `false`
        /// for a name no record has.
        pub fn fits(record: &str, value: &serde_json::Value) -> bool {
            $( if record == <$T as Record>::SPEC.name {
                return serde_json::from_value::<$T>(value.clone()).is_ok();
            } )+
            false
        }
    };
}

all_records![
    crate::tencent::TencentOccurrence,
    crate::tencent::TencentMeetingInfo,
    crate::tencent::TencentAttendee,
    crate::tencent::TencentWaitingMember,
    crate::tencent::TencentRoomCallInfo,
    crate::huawei::HuaweiConferenceSummary,
    crate::huawei::HuaweiInvitee,
    crate::huawei::HuaweiConferenceDetails,
    crate::huawei::HuaweiOnlineAttendee,
    crate::huawei::HuaweiCallNumberStatus,
    crate::huawei::HuaweiWsToken,
    crate::huawei::HuaweiWebhookConfig,
    crate::huawei::HuaweiLayoutPicture,
    crate::huawei::HuaweiLayout,
    crate::huawei::HuaweiManagementSiteStatus,
    crate::meeting::MeetingOccurrence,
    crate::meeting::MeetingDetails,
    crate::find::Candidate,
    crate::doctor::DoctorCheck,
    crate::doctor::DoctorReport,
];

/// Reads the fields of a vendor's JSON object leniently: a field of the wrong type, or missing,
/// is `None` (never a panic, never a guess). Numbers the vendors send as strings are read too.
pub(crate) struct Fields<'a>(pub(crate) &'a serde_json::Value);

impl<'a> Fields<'a> {
    /// A non-empty string, or a number written as text.
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            serde_json::Value::String(s) if !s.is_empty() => Some(crate::error::vendor_text(s)),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// An integer, or an integer written as text.
    pub(crate) fn int(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A boolean, or 0/1 (as a number or text).
    pub(crate) fn flag(&self, key: &str) -> Option<bool> {
        match self.0.get(key)? {
            serde_json::Value::Bool(b) => Some(*b),
            _ => match self.int(key)? {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            },
        }
    }

    /// The entries of a list (nothing when it is missing or not a list).
    pub(crate) fn list(&self, key: &str) -> &'a [serde_json::Value] {
        self.0.get(key).and_then(serde_json::Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// A nested object's fields.
    pub(crate) fn object(&self, key: &str) -> Option<Fields<'a>> {
        self.0.get(key).filter(|v| v.is_object()).map(Fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_record_field_is_of_a_type_the_generator_knows() {
        let names: Vec<&str> = ALL_RECORDS.iter().map(|r| r.name).collect();
        for (at, record) in ALL_RECORDS.iter().enumerate() {
            for field in record.fields {
                let mut ty = field.rust_type.replace(' ', "");
                while let Some(inner) = ty
                    .strip_prefix("Option<")
                    .or_else(|| ty.strip_prefix("Vec<"))
                    .map(|t| t[..t.len() - 1].to_owned())
                {
                    ty = inner;
                }
                let known = ["String", "i64", "bool", "Secret"].contains(&ty.as_str())
                    || names[..at].contains(&ty.as_str());
                assert!(
                    known,
                    "{}.{}: {} is not a known type (or is declared later)",
                    record.name, field.name, ty
                );
            }
        }
    }

    #[test]
    fn fits_knows_every_record_by_its_name() {
        let candidate = json!({"meeting_id": "1", "occurrence": null, "subject": null,
            "start_time": 1, "end_time": null, "in_progress": false});
        assert!(fits("Candidate", &candidate));
        assert!(!fits("Candidate", &json!({"meeting_id": "1"})));
        assert!(!fits("TencentMeetingInfo", &candidate));
        assert!(!fits("NoSuchRecord", &candidate));
        assert_eq!(ALL_RECORDS.len(), 20);
    }

    #[test]
    fn lenient_fields_read_what_vendors_send_and_nothing_else() {
        let v = json!({"a": "12", "b": 7, "c": "", "d": [1], "e": true, "f": "x1", "g": 1});
        let f = Fields(&v);
        assert_eq!(f.int("a"), Some(12));
        assert_eq!(f.int("b"), Some(7));
        assert_eq!(f.text("b").as_deref(), Some("7"));
        assert_eq!(f.text("c"), None);
        assert_eq!(f.int("f"), None);
        assert_eq!(f.flag("e"), Some(true));
        assert_eq!(f.flag("g"), Some(true));
        assert_eq!(f.list("d").len(), 1);
        assert!(f.list("a").is_empty());
        assert_eq!(f.int("missing"), None);
    }
}
