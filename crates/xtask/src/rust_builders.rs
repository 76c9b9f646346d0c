//! The Rust builders of list items: `crates/meetctl/src/<vendor>/builders.rs`.

use meetctl::{Param, ParamKind, Presence};

use crate::model::{Family, camel, describe, item_uses, list_items};
use crate::text::{GENERATED, wrap, wrap_doc};

/// The builder files: `(path under the repository, text)`, one per vendor.
pub fn generate() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for family in [Family::Tencent, Family::Huawei] {
        let items: Vec<_> = list_items().into_iter().filter(|(f, _, _)| *f == family).collect();
        // The file exists even with no list argument yet, so that the first one needs no edit of
        // the module that re-exports it.
        let mut text = wrap(
            &format!(
                "Builders of the list arguments of {} operations (none yet when this says nothing \
                 more). {GENERATED}",
                camel(family.c_word())
            ),
            "//! ",
            100,
        );
        if !items.is_empty() {
            text.push_str("\nuse serde_json::{Map, Value};\n");
        }
        for (_, item, fields) in items {
            text.push_str(&builder(family, item, fields));
        }
        out.push((format!("crates/meetctl/src/{}/builders.rs", family.c_word()), text));
    }
    out
}

fn rust_type(p: &Param) -> String {
    match p.kind {
        ParamKind::Bool | ParamKind::Flag => "bool".to_owned(),
        ParamKind::Int { .. } | ParamKind::OneOf(_) => "i64".to_owned(),
        ParamKind::List { item, .. } => format!("Vec<{item}>"),
        ParamKind::Object { item, .. } => item.to_owned(),
        ParamKind::Texts { .. } => "Vec<String>".to_owned(),
        _ => "String".to_owned(),
    }
}

fn takes(p: &Param) -> (String, &'static str) {
    // (parameter type, conversion)
    match rust_type(p).as_str() {
        "String" => ("impl Into<String>".to_owned(), ".into()"),
        other => (other.to_owned(), ""),
    }
}

fn builder(family: Family, item: &str, fields: &[Param]) -> String {
    let variant =
        |v: &str| format!("[`{0}Operation::{v}`](super::{0}Operation::{v})", camel(family.c_word()));
    let users: Vec<String> =
        item_uses(family, item).iter().map(|(v, path)| format!("`{path}` of {}", variant(v))).collect();
    let mut out = String::from("\n");
    out.push_str(&wrap_doc(
        &format!(
            "One {item} of a list or object argument ({}). `Value::from` gives the object the operation \
             takes; the core checks every field when the call is made.",
            users.join(", ")
        ),
        "",
    ));
    // With no required field, `new()` takes nothing: `Default` as well (clippy's new_without_default).
    let default = if fields.iter().all(|f| f.presence != Presence::Required) { ", Default" } else { "" };
    out.push_str(&format!("#[derive(Debug, Clone, PartialEq, Eq{default})]\npub struct {item} {{\n"));
    for f in fields {
        out.push_str(&wrap_doc(&format!("{}.", capitalise(&describe(f))), "    "));
        let ty = rust_type(f);
        let ty = ty.as_str();
        if f.presence == Presence::Required {
            out.push_str(&format!("    pub {}: {ty},\n", f.name));
        } else {
            out.push_str(&format!("    pub {}: Option<{ty}>,\n", f.name));
        }
    }
    out.push_str("}\n\n");
    out.push_str(&format!("impl {item} {{\n"));
    let required: Vec<&Param> = fields.iter().filter(|f| f.presence == Presence::Required).collect();
    let params: Vec<String> = required.iter().map(|f| format!("{}: {}", f.name, takes(f).0)).collect();
    let article = if item.starts_with(['A', 'E', 'I', 'O', 'U']) { "An" } else { "A" };
    out.push_str(&format!("    /// {article} {item} with its required fields; the others are left out.\n"));
    out.push_str(&format!("    pub fn new({}) -> Self {{\n        {item} {{\n", params.join(", ")));
    for f in fields {
        if f.presence == Presence::Required {
            match takes(f).1 {
                // `area: area` is `area` (clippy's redundant_field_names).
                "" => out.push_str(&format!("            {},\n", f.name)),
                conversion => out.push_str(&format!("            {}: {}{},\n", f.name, f.name, conversion)),
            }
        } else {
            out.push_str(&format!("            {}: None,\n", f.name));
        }
    }
    out.push_str("        }\n    }\n");
    for f in fields.iter().filter(|f| f.presence != Presence::Required) {
        let (ty, conv) = takes(f);
        out.push_str(&format!(
            "\n    /// This {item} with `{0}` set.\n    pub fn {0}(mut self, {0}: {ty}) -> Self {{\n        self.{0} = Some({0}{conv});\n        self\n    }}\n",
            f.name
        ));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "impl From<{item}> for Value {{\n    fn from(item: {item}) -> Value {{\n        let mut map = Map::new();\n"
    ));
    for f in fields {
        if f.presence == Presence::Required {
            out.push_str(&format!(
                "        map.insert(\"{0}\".to_owned(), Value::from(item.{0}));\n",
                f.name
            ));
        } else {
            out.push_str(&format!(
                "        if let Some(value) = item.{0} {{\n            map.insert(\"{0}\".to_owned(), Value::from(value));\n        }}\n",
                f.name
            ));
        }
    }
    out.push_str("        Value::Object(map)\n    }\n}\n");
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
