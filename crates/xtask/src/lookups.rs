//! What the bindings mirror of the core's lookups and records: the C lookup enums, the Python
//! record classes (`python/meetctl/_records.py`) and named lookup methods
//! (`python/meetctl/_lookups.py`) with their stubs, and the documentation tables.

use meetctl::huawei::{HuaweiLookup, LookupAuth};
use meetctl::record::{ALL_RECORDS, RecordField, RecordSpec};
use meetctl::tencent::{Asker, TencentLookup};
use meetctl::{Answer, Field, Param, Presence};

use crate::model::describe;
use crate::text::{GENERATED, wrap, wrap_doc};

/// Whose lookup it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// Tencent Meeting (`TencentClient`).
    Tencent,
    /// Huawei Cloud Meeting (`HuaweiClient`, or a conference handle).
    Huawei,
}

impl Vendor {
    /// Both, in the order the generated files list them.
    pub const ALL: [Vendor; 2] = [Vendor::Tencent, Vendor::Huawei];

    /// The word in C names: `meetctl_<word>_lookup`.
    pub fn word(self) -> &'static str {
        match self {
            Vendor::Tencent => "tencent",
            Vendor::Huawei => "huawei",
        }
    }
}

/// One lookup, as the generators read it.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// Its vendor.
    pub vendor: Vendor,
    /// The Rust variant (`MeetingsByCode`).
    pub variant: String,
    /// The snake_case name.
    pub name: &'static str,
    /// The stable number.
    pub code: u32,
    /// One line on what it does.
    pub summary: &'static str,
    /// What more its declaration says.
    pub details: &'static str,
    /// Its path.
    pub path: &'static str,
    /// The caller's arguments: path arguments first, then the query's, in order.
    pub params: Vec<Param>,
    /// For a Tencent lookup that takes an operator, the id kinds it accepts (`userid or open_id`).
    pub operator: Option<String>,
    /// Whether only enterprise credentials may call it (Tencent).
    pub enterprise_only: bool,
    /// Whether it is asked through a conference handle (Huawei).
    pub conference: bool,
    /// Whether it reads every page.
    pub paged: bool,
    /// What it answers.
    pub answers: Answer,
}

impl Lookup {
    /// The record it answers (`TencentMeetingInfo`), and whether a list of them.
    pub fn record(&self) -> (&'static str, bool) {
        match self.answers {
            Answer::Pages(r) => (r, true),
            Answer::Typed(r) => (r, false),
            Answer::Nothing => ("None", false),
        }
    }

    /// The Python class whose method it is.
    pub fn class(&self) -> &'static str {
        match (self.vendor, self.conference) {
            (Vendor::Tencent, _) => "TencentClient",
            (Vendor::Huawei, false) => "HuaweiClient",
            (Vendor::Huawei, true) => "HuaweiConference",
        }
    }

    fn required(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.presence == Presence::Required)
    }

    fn optional(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.presence != Presence::Required)
    }
}

fn args<S: Copy>(fields: &[Field<S>]) -> impl Iterator<Item = Param> + '_ {
    fields.iter().filter_map(|f| match *f {
        Field::Arg(p) => Some(p),
        _ => None,
    })
}

/// Every lookup of `vendor`, in the order of their numbers.
pub fn lookups(vendor: Vendor) -> Vec<Lookup> {
    match vendor {
        Vendor::Tencent => TencentLookup::ALL
            .into_iter()
            .map(|l| {
                let spec = l.spec();
                let kinds: Vec<&str> = spec.accepts.iter().map(|k| k.name()).collect();
                Lookup {
                    vendor,
                    variant: format!("{l:?}"),
                    name: l.name(),
                    code: l.code(),
                    summary: l.summary(),
                    details: l.details(),
                    path: spec.path,
                    params: spec.path_params.iter().copied().chain(args(spec.query)).collect(),
                    operator: (spec.asker != Asker::None).then(|| kinds.join(" or ")),
                    enterprise_only: !spec.oauth,
                    conference: false,
                    paged: spec.paging != meetctl::Paging::None,
                    answers: spec.answers,
                }
            })
            .collect(),
        Vendor::Huawei => HuaweiLookup::ALL
            .into_iter()
            .map(|l| {
                let spec = l.spec();
                Lookup {
                    vendor,
                    variant: format!("{l:?}"),
                    name: l.name(),
                    code: l.code(),
                    summary: l.summary(),
                    details: l.details(),
                    path: spec.path,
                    params: args(spec.query).collect(),
                    operator: None,
                    enterprise_only: false,
                    conference: spec.auth == LookupAuth::Conference,
                    paged: spec.paging != meetctl::Paging::None,
                    answers: spec.answers,
                }
            })
            .collect(),
    }
}

/// `GET path`: summary. Details. Operator. Arguments. Answer.
fn doc(l: &Lookup) -> String {
    let mut doc = format!("{} (`GET {}`).", l.summary, l.path);
    for line in l.details.lines() {
        doc.push(' ');
        doc.push_str(line.trim());
    }
    if let Some(kinds) = &l.operator {
        doc.push_str(&format!(" Operator by {kinds}."));
    }
    if l.enterprise_only {
        doc.push_str(" Enterprise credentials only.");
    }
    if l.conference {
        doc.push_str(" Asked through a conference handle.");
    }
    if !l.params.is_empty() {
        let args: Vec<String> = l.params.iter().map(|p| format!("`{}` ({})", p.name, describe(p))).collect();
        doc.push_str(&format!(" Arguments {}.", args.join(", ")));
    }
    let (record, many) = l.record();
    doc.push_str(&if many {
        format!(" Answers a list of {record}.")
    } else {
        format!(" Answers a {record}.")
    });
    doc
}

/// The C lookup enums, appended to `crates/meetctl-ffi/src/operation/enums.rs`.
pub fn c_enums() -> String {
    let mut out = String::new();
    for vendor in Vendor::ALL {
        let about = match vendor {
            Vendor::Tencent => {
                "A Tencent Meeting lookup, for `meetctl_tencent_client_lookup` (passed as a `uint32_t`). \
                 The numbers are the core's and are never reused. Arguments (`args_json`) are named \
                 after the entry; the answer is a `meetctl_value` holding the record (or list of \
                 records) named, whose fields docs/c-api.md lists."
            }
            Vendor::Huawei => {
                "A Huawei Cloud Meeting lookup, for `meetctl_huawei_client_lookup` (or, for one asked \
                 through a conference handle, `meetctl_huawei_conference_lookup`; passed as a \
                 `uint32_t`). The numbers are the core's and are never reused. Arguments (`args_json`) \
                 are named after the entry; the answer is a `meetctl_value` holding the record (or \
                 list of records) named, whose fields docs/c-api.md lists."
            }
        };
        out.push('\n');
        out.push_str(&wrap_doc(about, ""));
        out.push_str("#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n");
        out.push_str(&format!("pub enum meetctl_{}_lookup {{\n", vendor.word()));
        for l in lookups(vendor) {
            out.push_str(&wrap_doc(&doc(&l), "    "));
            out.push_str(&format!("    {} = {},\n", l.variant, l.code));
        }
        out.push_str("}\n");
    }
    out
}

/// A record field's Python type.
fn py_type(rust: &str) -> String {
    let t = rust.replace(' ', "");
    if let Some(inner) = t.strip_prefix("Option<").and_then(|r| r.strip_suffix('>')) {
        return format!("Optional[{}]", py_type(inner));
    }
    if let Some(inner) = t.strip_prefix("Vec<").and_then(|r| r.strip_suffix('>')) {
        return format!("Tuple[{}, ...]", py_type(inner));
    }
    match t.as_str() {
        "String" | "Secret" => "str".to_owned(),
        "i64" => "int".to_owned(),
        "bool" => "bool".to_owned(),
        record => record.to_owned(),
    }
}

/// The expression reading field `f` from the dict `value`.
fn py_read(rust: &str, expr: &str) -> String {
    let t = rust.replace(' ', "");
    if let Some(inner) = t.strip_prefix("Option<").and_then(|r| r.strip_suffix('>')) {
        let read = py_read(inner, "_v");
        if read == "_v" {
            return expr.to_owned();
        }
        return format!("(lambda _v: None if _v is None else {read})({expr})");
    }
    if let Some(inner) = t.strip_prefix("Vec<").and_then(|r| r.strip_suffix('>')) {
        return format!("tuple({} for _i in {expr})", py_read(inner, "_i"));
    }
    match t.as_str() {
        "String" | "Secret" | "i64" | "bool" => expr.to_owned(),
        record => format!("{record}._from_value({expr})"),
    }
}

fn is_secret(f: &RecordField) -> bool {
    f.rust_type.replace(' ', "").contains("Secret")
}

fn py_doc(text: &str, indent: &str) -> String {
    let body = wrap(text, indent, 100);
    let mut lines = body.lines();
    let first = lines.next().unwrap_or_default().trim_start();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        format!("{indent}\"\"\"{first}\"\"\"\n")
    } else {
        format!("{indent}\"\"\"{first}\n{}\n{indent}\"\"\"\n", rest.join("\n"))
    }
}

fn record_class(r: &RecordSpec) -> String {
    let mut out = format!("\n\nclass {}(_Record):\n", r.name);
    let fields: Vec<String> =
        r.fields.iter().map(|f| format!("``{}``: {}", f.name, f.doc.trim_end_matches('.'))).collect();
    out.push_str(&py_doc(&format!("{} Fields: {}.", r.doc, fields.join("; ")), "    "));
    out.push('\n');
    let names: Vec<String> = r.fields.iter().map(|f| format!("\"{}\"", f.name)).collect();
    out.push_str(&format!("    __slots__ = ({},)\n", names.join(", ")));
    let secrets: Vec<String> =
        r.fields.iter().filter(|f| is_secret(f)).map(|f| format!("\"{}\"", f.name)).collect();
    if !secrets.is_empty() {
        out.push_str(&format!("    _secret = ({},)\n", secrets.join(", ")));
    }
    out.push('\n');
    for f in r.fields {
        out.push_str(&format!("    {}: {}\n", f.name, py_type(f.rust_type)));
    }
    let params: Vec<String> =
        r.fields.iter().map(|f| format!("{}: {}", f.name, py_type(f.rust_type))).collect();
    out.push('\n');
    let one = format!("    def __init__(self, {}) -> None:", params.join(", "));
    if one.chars().count() <= 120 {
        out.push_str(&one);
        out.push('\n');
    } else {
        out.push_str("    def __init__(\n        self,\n");
        for p in &params {
            out.push_str(&format!("        {p},\n"));
        }
        out.push_str("    ) -> None:\n");
    }
    for f in r.fields {
        out.push_str(&format!("        object.__setattr__(self, \"{0}\", {0})\n", f.name));
    }
    out.push_str(&format!(
        "\n    @classmethod\n    def _from_value(cls, value: Any) -> {}:\n        \
         \"\"\"The record from the native module's plain value.\"\"\"\n        return cls(\n",
        r.name
    ));
    for f in r.fields {
        out.push_str(&format!(
            "            {}={},\n",
            f.name,
            py_read(f.rust_type, &format!("value[\"{}\"]", f.name))
        ));
    }
    out.push_str("        )\n");
    out
}

/// What every record class shares: read-only slots, equality and a `repr` that hides secrets.
const RECORD_BASE: &str = r#"

class _Record:
    """A read-only record: its fields are its ``__slots__``."""

    __slots__: Tuple[str, ...] = ()
    _secret: Tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__slots__))

    def __repr__(self) -> str:
        shown = ("<redacted>" if n in self._secret else repr(getattr(self, n)) for n in self.__slots__)
        return f"{type(self).__name__}({', '.join(f'{n}={v}' for n, v in zip(self.__slots__, shown))})"

    def __reduce__(self) -> Any:
        return (type(self), tuple(getattr(self, n) for n in self.__slots__))
"#;

/// `python/meetctl/_records.py`.
pub fn python_records() -> String {
    let mut out = format!(
        "\"\"\"What the lookups answer: one read-only class per record of the core. {GENERATED}\n\n\
         Every field is what the vendor reported, ``None`` where it reported nothing. Records compare\n\
         equal field by field; a secret field (a token) never shows in ``repr``.\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         TYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n    from typing import Any, Optional, Tuple\n\n\
         __all__ = [\n"
    );
    for r in ALL_RECORDS {
        out.push_str(&format!("    \"{}\",\n", r.name));
    }
    out.push_str("]\n");
    out.push_str(RECORD_BASE);
    for r in ALL_RECORDS {
        out.push_str(&record_class(r));
    }
    out.push_str(
        "\n\ndef decode(record: str, many: bool, value: Any) -> Any:\n    \
         \"\"\"The record (or, with ``many``, the tuple of records) named ``record`` from a plain value.\"\"\"\n    \
         cls = globals()[record]\n    \
         if many:\n        return tuple(cls._from_value(v) for v in value)\n    \
         return cls._from_value(value)\n",
    );
    out
}

fn param_type(p: &Param) -> String {
    use meetctl::ParamKind;
    let base = match p.kind {
        ParamKind::Bool | ParamKind::Flag => "bool".to_owned(),
        ParamKind::Int { .. } => "int".to_owned(),
        ParamKind::OneOf(values) => {
            format!("Literal[{}]", values.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
        }
        _ => "str".to_owned(),
    };
    if p.presence == Presence::Optional { format!("Optional[{base}]") } else { base }
}

fn param_default(p: &Param) -> String {
    match p.presence {
        Presence::Default(meetctl::Scalar::Bool(b)) => if b { "True" } else { "False" }.to_owned(),
        Presence::Default(meetctl::Scalar::Int(i)) => i.to_string(),
        _ => "None".to_owned(),
    }
}

/// `(self, meeting_id: str, operator: TencentUser, *, page_size: int = 50)`.
fn signature(l: &Lookup, typed: bool) -> Vec<String> {
    let mut out = vec!["self".to_owned()];
    let typed_of = |name: &str, ty: String| if typed { format!("{name}: {ty}") } else { name.to_owned() };
    for p in l.required() {
        out.push(typed_of(p.name, param_type(p)));
    }
    if l.operator.is_some() {
        out.push(typed_of("operator", "TencentUser".to_owned()));
    }
    let optional: Vec<&Param> = l.optional().collect();
    if !optional.is_empty() {
        out.push("*".to_owned());
        for p in optional {
            out.push(format!("{} = {}", typed_of(p.name, param_type(p)), param_default(p)));
        }
    }
    out
}

fn returns(l: &Lookup) -> String {
    let (record, many) = l.record();
    if many { format!("Tuple[{record}, ...]") } else { record.to_owned() }
}

fn def_line(indent: &str, name: &str, params: &[String], ret: &str, tail: &str) -> String {
    let one = format!("{indent}def {name}({}) -> {ret}:{tail}", params.join(", "));
    if one.chars().count() <= 120 {
        return format!("{one}\n");
    }
    let mut out = format!("{indent}def {name}(\n");
    for p in params {
        out.push_str(&format!("{indent}    {p},\n"));
    }
    out.push_str(&format!("{indent}) -> {ret}:{tail}\n"));
    out
}

/// The records `_lookups.py` names, sorted, one import line each.
fn record_imports() -> String {
    let mut names: Vec<&str> = Vendor::ALL
        .into_iter()
        .flat_map(lookups)
        .map(|l| l.record().0)
        .chain(["Candidate", "MeetingDetails"])
        .collect();
    names.sort_unstable();
    names.dedup();
    names.iter().map(|n| format!("        {n},\n")).collect()
}

/// `python/meetctl/_lookups.py`: a named method per lookup over the native `lookup`, plus the
/// typed forms of `TencentClient.find` and `Meeting.details`.
pub fn python_lookups() -> String {
    let mut out = format!(
        "\"\"\"The named lookup methods of ``TencentClient``, ``HuaweiClient`` and ``HuaweiConference``.\n\
         {GENERATED}\n\n\
         Each is one ``lookup`` of the native module, its answer read into the record classes of\n\
         ``meetctl._records``; ``install`` attaches them when ``meetctl`` is imported.\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         TYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n    from typing import Any, Literal, Optional, Tuple\n\n    \
         from ._meetctl import TencentUser\n    from ._records import (\n{imports}    )\n\n\
         from . import _records\n\
         from ._meetctl import HuaweiClient, HuaweiConference, Meeting, TencentClient\n\n\n\
         def _given(args: dict[str, Any]) -> dict[str, Any]:\n    \
         \"\"\"The arguments given: those left ``None`` are not sent.\"\"\"\n    \
         return {{k: v for k, v in args.items() if v is not None}}\n",
        imports = record_imports()
    );
    let mut installed: Vec<(String, &str)> = Vec::new();
    for vendor in Vendor::ALL {
        for l in lookups(vendor) {
            let cls = l.class();
            let fname = format!("_{}_{}", vendor.word(), l.name);
            let mut params = signature(&l, true);
            params[0] = format!("self: {cls}");
            let ret = returns(&l);
            let (record, many) = l.record();
            out.push('\n');
            out.push('\n');
            out.push_str(&def_line("", &fname, &params, &ret, ""));
            out.push_str(&py_doc(&doc(&l), "    "));
            let args: Vec<String> = l.params.iter().map(|p| format!("\"{0}\": {0}", p.name)).collect();
            let args = format!("_given({{{}}})", args.join(", "));
            let call = match (vendor, l.operator.is_some()) {
                (Vendor::Tencent, true) => format!("self.lookup(\"{}\", operator, {args})", l.name),
                (Vendor::Tencent, false) => format!("self.lookup(\"{}\", None, {args})", l.name),
                (Vendor::Huawei, _) => format!("self.lookup(\"{}\", {args})", l.name),
            };
            let many = if many { "True" } else { "False" };
            out.push_str(&format!(
                "    return _records.decode(\"{record}\", {many}, {call})  # type: ignore[no-any-return]\n"
            ));
            installed.push((fname, cls));
        }
    }
    out.push_str(
        "\n\n_native_find = TencentClient.find\n\n\n\
         def _tencent_find(self: TencentClient, code_or_link: str, operator: TencentUser) -> Candidate:\n    \
         \"\"\"The meeting a typed code (``\"806 724 161\"``) or join link means, by the one rule: one match, else\n    \
         the one in progress, else the one whose time contains now, else ``Ambiguous`` listing the candidates;\n    \
         ``NotFound`` when no meeting of this app has the code.\"\"\"\n    \
         return _records.Candidate._from_value(_native_find(self, code_or_link, operator))\n\n\n\
         def _meeting_details(self: Meeting) -> MeetingDetails:\n    \
         \"\"\"What this meeting is: subject, status, times, hosts, occurrences. Asks the vendor.\"\"\"\n    \
         return _records.MeetingDetails._from_value(self.details_raw())\n",
    );
    installed.push(("_tencent_find".to_owned(), "TencentClient"));
    installed.push(("_meeting_details".to_owned(), "Meeting"));
    out.push_str("\n\ndef install() -> None:\n    \"\"\"Attaches the methods to their classes (once, at import).\"\"\"\n");
    out.push_str("    for cls, name, function in (\n");
    for (fname, cls) in &installed {
        let name = fname.splitn(3, '_').nth(2).unwrap_or(fname);
        out.push_str(&format!("        ({cls}, \"{name}\", {fname}),\n"));
    }
    out.push_str(
        "    ):\n        function.__name__ = name\n        function.__qualname__ = cls.__name__ + \".\" + name\n        \
         setattr(cls, name, function)\n",
    );
    out
}

/// The stub lines of one class's lookup methods, for its body in `_meetctl.pyi`.
pub fn stub_methods(class: &str) -> String {
    let mut out = String::new();
    for vendor in Vendor::ALL {
        for l in lookups(vendor).iter().filter(|l| l.class() == class) {
            out.push_str(&def_line("    ", l.name, &signature(l, true), &returns(l), " ..."));
        }
    }
    out
}

/// The records table of docs/c-api.md.
pub fn records_table() -> String {
    let mut out = String::from("| record | field | type | what it holds |\n|---|---|---|---|\n");
    for r in ALL_RECORDS {
        for (i, f) in r.fields.iter().enumerate() {
            let name = if i == 0 { format!("`{}`", r.name) } else { String::new() };
            out.push_str(&format!(
                "| {name} | `{}` | `{}` | {} |\n",
                f.name,
                f.rust_type.replace(' ', ""),
                f.doc.replace('|', "\\|")
            ));
        }
    }
    out
}

/// The lookups table of README.md and docs/c-api.md for `vendor`.
pub fn table(vendor: Vendor) -> String {
    let mut out = String::from("| # | lookup | endpoint | arguments | answers |\n|---|---|---|---|---|\n");
    for l in lookups(vendor) {
        let args: Vec<String> = l.params.iter().map(|p| format!("`{}` ({})", p.name, describe(p))).collect();
        let mut args = if args.is_empty() { "—".to_owned() } else { args.join(", ") };
        if let Some(kinds) = &l.operator {
            args = format!("operator by {kinds}; {args}");
        }
        let (record, many) = l.record();
        let answers = match (many, l.paged) {
            (true, true) => format!("every page of `{record}`"),
            (true, false) => format!("a list of `{record}`"),
            _ => format!("`{record}`"),
        };
        out.push_str(&format!(
            "| {} | `{}` — {} | `GET {}` | {} | {} |\n",
            l.code,
            l.name,
            l.summary,
            l.path,
            args.replace('|', "\\|"),
            answers
        ));
    }
    out
}

/// The package's imports of the record classes (`from ._records import …`).
pub fn record_imports_of_package() -> String {
    let mut out = String::from("from ._records import (\n");
    let mut names: Vec<&str> = ALL_RECORDS.iter().map(|r| r.name).collect();
    names.sort_unstable();
    for n in names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push_str(")\n");
    out
}

/// The record classes' names in the package's `__all__`.
pub fn record_names() -> String {
    ALL_RECORDS.iter().map(|r| format!("    \"{}\",\n", r.name)).collect()
}

/// The lookup-name `Literal`s of `_meetctl.pyi` (`_TencentLookupName`, `_HuaweiLookupName`).
pub fn stub_literals() -> String {
    let mut out = String::new();
    for (vendor, name) in [(Vendor::Tencent, "_TencentLookupName"), (Vendor::Huawei, "_HuaweiLookupName")] {
        out.push_str(&format!("\n{name} = Literal[\n"));
        for l in lookups(vendor) {
            out.push_str(&format!("    \"{}\",\n", l.name));
        }
        out.push_str("]\n");
    }
    out
}
