//! Request bodies written straight to bytes, fields in the order the endpoint table gives (the
//! order of the vendors' own examples), so the bytes are the same on every run and in every
//! binding. Checked against serde_json by the tables' tests.

use crate::args::WireValue;

/// An ordered JSON object being written.
pub(crate) struct JsonObject<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> JsonObject<'a> {
    /// Opens an object in `out`.
    pub(crate) fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        JsonObject { out, first: true }
    }

    /// Writes `"key":` (with a comma before it when needed) and returns the buffer for the value.
    pub(crate) fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    /// `"key":"value"`.
    pub(crate) fn string(&mut self, key: &str, value: &str) {
        write_string(self.key(key), value);
    }

    /// `"key":N`.
    pub(crate) fn int(&mut self, key: &str, value: i64) {
        let out = self.key(key);
        out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// `"key":true|false`.
    pub(crate) fn bool(&mut self, key: &str, value: bool) {
        self.key(key).extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// `"key":<value>`.
    pub(crate) fn value(&mut self, key: &str, value: &WireValue) {
        match value {
            WireValue::Bool(b) => self.bool(key, *b),
            WireValue::Int(i) => self.int(key, *i),
            WireValue::Text(s) => self.string(key, s),
            WireValue::List(items) => self.array(key, items, |out, item| write_object(out, item)),
            WireValue::Texts(items) => self.strings(key, items.iter().map(String::as_str)),
            WireValue::Object(fields) => write_object(self.key(key), fields),
        }
    }

    /// `"key":[..]`, each item written by `write`.
    pub(crate) fn array<T>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
        mut write: impl FnMut(&mut Vec<u8>, T),
    ) {
        let out = self.key(key);
        out.push(b'[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write(out, item);
        }
        out.push(b']');
    }

    /// `"key":["a","b"]`.
    pub(crate) fn strings<'s>(&mut self, key: &str, values: impl IntoIterator<Item = &'s str>) {
        self.array(key, values, write_string);
    }

    /// Closes the object.
    pub(crate) fn close(self) {
        self.out.push(b'}');
    }
}

/// `{"key":value,…}`, in the order given.
pub(crate) fn write_object(out: &mut Vec<u8>, fields: &[(&str, WireValue)]) {
    let mut object = JsonObject::open(out);
    for (key, value) in fields {
        object.value(key, value);
    }
    object.close();
}

/// A JSON string: copied as is when nothing needs escaping, else escaped by serde_json.
pub(crate) fn write_string(out: &mut Vec<u8>, value: &str) {
    if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
    } else {
        // Serialising a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_match_serde_json() {
        let mut out = Vec::new();
        let mut o = JsonObject::open(&mut out);
        o.string("a", "plain");
        o.string("b", "q\"u\\o\nte 会");
        o.int("c", -42);
        o.bool("d", true);
        o.strings("e", ["x", "y\"z"]);
        o.value("f", &WireValue::Text("t".into()));
        o.close();
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"a":"plain","b":"q\"u\\o\nte 会","c":-42,"d":true,"e":["x","y\"z"],"f":"t"})
        );
        assert!(out.starts_with(br#"{"a":"plain","b":"#));
    }
}
