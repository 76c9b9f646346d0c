//! The typed answers of two Huawei lookups: the saved multi-picture layouts (`GET layOut`) and
//! the management site's status (`GET confmaintain/queryMgmtSiteStatus`).

use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::record;
use crate::record::Fields;

record! {
    /// One sub-picture of a saved layout (the vendor's `subscriberInPics[]`).
    pub struct HuaweiLayoutPicture {
        /// Its number in the layout, from 1 (`index`).
        pub index: Option<i64>,
        /// The SIP numbers shown in it (`id`); several take turns.
        pub numbers: Vec<String>,
        /// Whether it shows the auxiliary stream, the shared content (`share` 1).
        pub auxiliary_stream: bool,
    }
}

record! {
    /// A multi-picture layout saved in a Huawei conference (`picLayouts[]`); it is released when
    /// the conference ends.
    pub struct HuaweiLayout {
        /// The layout's uuid (`uuid`): what `delete_layout` takes.
        pub layout_id: String,
        /// Its name (`layOutName`).
        pub name: Option<String>,
        /// The picture type (`imageType`: `Single`, `Two`, `Four`, ...).
        pub image_type: Option<String>,
        /// How many pictures (`picNum`).
        pub picture_count: Option<i64>,
        /// Seconds between turns when a picture shows several participants (`switchTime`).
        pub switch_seconds: Option<i64>,
        /// The sub-pictures.
        pub pictures: Vec<HuaweiLayoutPicture>,
    }
}

record! {
    /// The state of the management site (`GET /v1/mmc/control/confmaintain/queryMgmtSiteStatus`).
    pub struct HuaweiManagementSiteStatus {
        /// `NORMAL` or `FAULT`, as the vendor says.
        pub status: String,
        /// Where a join link is redirected (`redirectJoinUrl`), when the vendor gives one.
        pub redirect_join_url: Option<String>,
    }
}

fn malformed(what: &str) -> Error {
    Error::new(ErrorKind::MalformedResponse, format!("the answer is not {what}"))
}

impl HuaweiLayout {
    /// Reads one `picLayouts[]` entry; `None` without a uuid (nothing could name it).
    fn from_vendor(value: &Value) -> Option<HuaweiLayout> {
        let f = Fields(value);
        let pictures = f
            .list("subscriberInPics")
            .iter()
            .filter(|p| p.is_object())
            .map(|p| {
                let p = Fields(p);
                HuaweiLayoutPicture {
                    index: p.int("index"),
                    numbers: p
                        .list("id")
                        .iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map(crate::error::vendor_text)
                        .collect(),
                    auxiliary_stream: p.flag("share").unwrap_or(false),
                }
            })
            .collect();
        Some(HuaweiLayout {
            layout_id: f.text("uuid")?,
            name: f.text("layOutName"),
            image_type: f.text("imageType"),
            picture_count: f.int("picNum"),
            switch_seconds: f.int("switchTime"),
            pictures,
        })
    }

    /// The layouts in a `GET layOut` answer. A `returnCode` other than 0 is the vendor's refusal
    /// (an API error with its `returnDesc`); entries without a uuid are left out.
    pub fn list_from_json(answer: &Value) -> Result<Vec<HuaweiLayout>, Error> {
        if !answer.is_object() {
            return Err(malformed("a JSON object with picLayouts"));
        }
        let f = Fields(answer);
        if let Some(code) = f.int("returnCode").filter(|c| *c != 0) {
            let why = f.text("returnDesc").unwrap_or_else(|| "no description".to_owned());
            return Err(Error::new(ErrorKind::Api, format!("returnCode {code}: {why}")));
        }
        Ok(f.list("picLayouts").iter().filter_map(HuaweiLayout::from_vendor).collect())
    }
}

impl HuaweiManagementSiteStatus {
    /// Reads a `queryMgmtSiteStatus` answer (`status` is required).
    pub fn from_json(answer: &Value) -> Result<HuaweiManagementSiteStatus, Error> {
        let f = Fields(answer);
        let status = f.text("status").ok_or_else(|| malformed("a JSON object with a status"))?;
        Ok(HuaweiManagementSiteStatus { status, redirect_join_url: f.text("redirectJoinUrl") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layouts_read_leniently() {
        let answer = json!({"returnCode": 0, "returnDesc": "Success", "picLayouts": [
            {"uuid": "aa3a", "imageType": "Two", "switchTime": 10, "layOutName": "mine",
             "subscriberInPics": [{"index": 1, "id": ["+991#Desktop", 3], "share": 0},
                                  {"index": 2, "id": [], "share": 1}, "x"]},
            {"layOutName": "no uuid"},
            7
        ]});
        let layouts = HuaweiLayout::list_from_json(&answer).unwrap();
        assert_eq!(layouts.len(), 1);
        let l = &layouts[0];
        assert_eq!((l.layout_id.as_str(), l.name.as_deref(), l.picture_count), ("aa3a", Some("mine"), None));
        assert_eq!(l.pictures.len(), 2);
        assert_eq!(l.pictures[0].numbers, vec!["+991#Desktop".to_owned()]);
        assert!(l.pictures[1].auxiliary_stream);
        assert!(HuaweiLayout::list_from_json(&json!({})).unwrap().is_empty());
        let refused =
            HuaweiLayout::list_from_json(&json!({"returnCode": 5, "returnDesc": "busy"})).unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Api);
        assert_eq!(
            HuaweiLayout::list_from_json(&json!([1])).unwrap_err().kind(),
            ErrorKind::MalformedResponse
        );
    }

    #[test]
    fn site_status_needs_a_status() {
        let s = HuaweiManagementSiteStatus::from_json(&json!({"status": "FAULT", "redirectJoinUrl": ""}))
            .unwrap();
        assert_eq!((s.status.as_str(), s.redirect_join_url), ("FAULT", None));
        let e = HuaweiManagementSiteStatus::from_json(&json!({"redirectJoinUrl": "x"})).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedResponse);
    }
}
