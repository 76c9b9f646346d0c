//! `--dry-run`: a prepared request (validated, signed, with its tokens) as a ready-to-run `curl`
//! command, shell-quoted, secrets masked as `***` unless `--show-secrets`.
//!
//! Masked: the values of the headers the core calls sensitive (`X-TC-Signature`, `AccessToken`,
//! `Authorization`, `X-Access-Token`, `X-Conference-Authorization`, `X-Password`) and any
//! secret argument inside the body (Huawei's `chairmanPwd`). `X-TC-Key` is the SecretId, an
//! identifier, and stays visible.

use meetctl::{PreparedRequest, Secret, is_sensitive_header};
use serde_json::{Value, json};

/// What stands in for a secret.
pub(crate) const MASK: &str = "***";

/// `text` single-quoted for a POSIX shell: `'…'`, each `'` written as `'\''`.
pub(crate) fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A request, as shown: headers and body with secrets masked unless `reveal`.
pub(crate) struct Shown {
    /// The method.
    pub(crate) method: &'static str,
    /// The absolute URL.
    pub(crate) url: String,
    /// Header names and (masked) values, in the order they are sent.
    pub(crate) headers: Vec<(String, String)>,
    /// The (masked) body, `None` when there is none.
    pub(crate) body: Option<String>,
}

impl Shown {
    /// `request` as shown, `body_secrets` masked in its body unless `reveal`.
    pub(crate) fn new(request: &PreparedRequest, reveal: bool, body_secrets: &[Secret]) -> Shown {
        let headers = request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if !reveal && is_sensitive_header(name) { MASK } else { value.as_ref() };
                (name.to_string(), value.to_owned())
            })
            .collect();
        let body = (!request.body.is_empty()).then(|| {
            let mut body = String::from_utf8_lossy(&request.body).into_owned();
            if !reveal {
                for secret in body_secrets.iter().filter(|s| !s.is_empty()) {
                    // The secret as the body holds it: a JSON string.
                    let quoted = Value::from(secret.expose()).to_string();
                    body = body.replace(&quoted, &format!("\"{MASK}\""));
                }
            }
            body
        });
        Shown { method: request.method.as_str(), url: request.url.clone(), headers, body }
    }

    /// The `curl` command, one option per line.
    pub(crate) fn curl(&self) -> String {
        let mut lines = vec![format!("curl -X {} {}", self.method, quote(&self.url))];
        for (name, value) in &self.headers {
            lines.push(format!("  -H {}", quote(&format!("{name}: {value}"))));
        }
        if let Some(body) = &self.body {
            lines.push(format!("  --data-binary {}", quote(body)));
        }
        lines.join(" \\\n")
    }

    /// The request as a JSON document (`--json`).
    pub(crate) fn to_json(&self) -> Value {
        let headers: Vec<Value> =
            self.headers.iter().map(|(name, value)| json!({"name": name, "value": value})).collect();
        json!({
            "dry_run": true,
            "method": self.method,
            "url": self.url,
            "headers": headers,
            "body": self.body,
            "curl": self.curl(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use meetctl::Method;

    fn request() -> PreparedRequest {
        PreparedRequest {
            method: Method::Put,
            url: "http://127.0.0.1:1/v1/x?conferenceID=1".into(),
            headers: vec![
                ("X-TC-Key".into(), "AKIDdemo".into()),
                ("X-TC-Signature".into(), "c2ln".into()),
                ("X-Conference-Authorization".into(), "stb123".into()),
            ],
            body: br#"{"applyChair":1,"chairmanPwd":"it's 157599"}"#.to_vec(),
            safe_to_repeat: true,
        }
    }

    #[test]
    fn secrets_are_masked_unless_revealed() {
        let secret = [Secret::new("it's 157599")];
        let masked = Shown::new(&request(), false, &secret).curl();
        assert!(
            !masked.contains("c2ln") && !masked.contains("stb123") && !masked.contains("157599"),
            "{masked}"
        );
        assert!(masked.contains("-H 'X-TC-Key: AKIDdemo'"), "{masked}");
        assert!(masked.contains("-H 'X-TC-Signature: ***'"), "{masked}");
        assert!(masked.contains(r#"--data-binary '{"applyChair":1,"chairmanPwd":"***"}'"#), "{masked}");
        let shown = Shown::new(&request(), true, &secret).curl();
        assert!(shown.contains("c2ln") && shown.contains("stb123"), "{shown}");
        assert!(shown.contains(r#""chairmanPwd":"it'\''s 157599"}'"#), "{shown}");
        assert!(shown.starts_with("curl -X PUT 'http://127.0.0.1:1/v1/x?conferenceID=1' \\\n  -H "));
    }

    #[test]
    fn quoting_survives_any_text() {
        assert_eq!(quote("a'b"), r"'a'\''b'");
        assert_eq!(quote("$(rm -rf /) `x` \"y\""), "'$(rm -rf /) `x` \"y\"'");
    }
}
