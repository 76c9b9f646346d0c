//! The Python named methods (`python/meetctl/_operations.py`, over the one native `call` /
//! `control`), the argument builders of list items, and their stubs in
//! `python/meetctl/_meetctl.pyi` (between markers), from the same pass.

use meetctl::{Param, ParamKind, Presence, Scalar};

use crate::model::{Family, Op, People, camel, list_items, operations};
use crate::text::{GENERATED, wrap};

/// The Python class a family's named methods belong to.
fn class(family: Family) -> &'static str {
    match family {
        Family::Tencent => "TencentClient",
        Family::Huawei => "HuaweiConference",
        Family::Meeting => "Meeting",
    }
}

/// The Python builder class of a list item (`HuaweiAttendee`).
pub fn item_class(family: Family, item: &str) -> String {
    let vendor = match family {
        Family::Tencent => "Tencent",
        Family::Huawei => "Huawei",
        Family::Meeting => "Meeting",
    };
    format!("{vendor}{}", camel(item))
}

/// A parameter's type in a signature.
fn py_type(p: &Param) -> String {
    let base = match p.kind {
        ParamKind::Bool | ParamKind::Flag => "bool".to_owned(),
        ParamKind::Int { .. } => "int".to_owned(),
        ParamKind::OneOf(values) => {
            format!("Literal[{}]", values.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
        }
        ParamKind::Text { .. } | ParamKind::Secret | ParamKind::Digits { .. } => "str".to_owned(),
        ParamKind::Choice(words) => {
            format!("Literal[{}]", words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", "))
        }
        ParamKind::List { .. } => "_ListArg".to_owned(),
        ParamKind::Object { .. } => "_ObjectArg".to_owned(),
        ParamKind::Texts { .. } => "Sequence[str]".to_owned(),
    };
    match p.presence {
        Presence::Optional => format!("Optional[{base}]"),
        _ => base,
    }
}

fn py_default(p: &Param) -> Option<String> {
    match p.presence {
        Presence::Required => None,
        Presence::Optional => Some("None".to_owned()),
        Presence::Default(Scalar::Bool(b)) => Some(if b { "True" } else { "False" }.to_owned()),
        Presence::Default(Scalar::Int(i)) => Some(i.to_string()),
    }
}

/// The people parameters of a named method: `(name, type, default)`.
fn people(op: &Op) -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    match (op.family, op.people) {
        (Family::Tencent, People::None) => {
            vec![("meeting_id", "str", None), ("operator", "TencentUser", None)]
        }
        (Family::Tencent, People::One) => {
            vec![
                ("meeting_id", "str", None),
                ("operator", "TencentUser", None),
                ("user", "TencentUser", None),
            ]
        }
        (Family::Tencent, People::Many | People::OneUnless(_)) => vec![
            ("meeting_id", "str", None),
            ("operator", "TencentUser", None),
            ("targets", "Iterable[TencentUser]", None),
        ],
        (Family::Huawei, People::None) | (Family::Meeting, People::None) => vec![],
        (Family::Huawei, People::One) => vec![("participant_id", "str", None)],
        (Family::Huawei, People::Many) => vec![("participant_ids", "Iterable[str]", None)],
        (Family::Huawei, People::OneUnless(_)) => vec![("participant_id", "Optional[str]", Some("None"))],
        (Family::Meeting, _) => vec![("participant", "Participant", None)],
    }
}

/// `(self, meeting_id: str, …, *, allow_rejoin: bool = True)`: the parameters, typed or not.
fn parameters(op: &Op, typed: bool, self_type: &str) -> Vec<String> {
    let mut out =
        vec![if typed && !self_type.is_empty() { format!("self: {self_type}") } else { "self".to_owned() }];
    for (name, ty, default) in people(op) {
        let mut s = name.to_owned();
        if typed {
            s.push_str(&format!(": {ty}"));
        }
        if let Some(d) = default {
            s.push_str(&format!(" = {d}"));
        }
        out.push(s);
    }
    let mut keyword_only = false;
    for p in op.params_in_call_order() {
        if p.presence != Presence::Required && !keyword_only {
            out.push("*".to_owned());
            keyword_only = true;
        }
        let mut s = p.name.to_owned();
        if typed {
            s.push_str(&format!(": {}", py_type(&p)));
        }
        if let Some(d) = py_default(&p) {
            s.push_str(&format!(" = {d}"));
        }
        out.push(s);
    }
    out
}

/// `def name(params) -> None:` laid out as black would, at `indent`.
fn def_line(indent: &str, name: &str, params: &[String], tail: &str) -> String {
    let one = format!("{indent}def {name}({}) -> None:{tail}", params.join(", "));
    if one.chars().count() <= 120 {
        return format!("{one}\n");
    }
    let mut out = format!("{indent}def {name}(\n");
    for p in params {
        out.push_str(&format!("{indent}    {p},\n"));
    }
    out.push_str(&format!("{indent}) -> None:{tail}\n"));
    out
}

fn docstring(op: &Op) -> String {
    let mut text = match op.endpoint {
        Some((method, path)) => format!("{} (``{method} {path}``).", op.summary),
        None => format!("{}.", op.summary),
    };
    for line in op.details.lines() {
        text.push(' ');
        text.push_str(&line.trim().replace('`', "``").replace("````", "``"));
    }
    let body = wrap(&text, "    ", 100);
    let mut lines = body.lines();
    let first = lines.next().unwrap_or_default().trim_start();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        format!("    \"\"\"{first}\"\"\"\n")
    } else {
        format!("    \"\"\"{first}\n{}\n    \"\"\"\n", rest.join("\n"))
    }
}

/// The call a generated method makes.
fn call(op: &Op) -> String {
    let kwargs: Vec<String> = op.params.iter().map(|p| format!("{0}={0}", p.name)).collect();
    let tail = if kwargs.is_empty() { String::new() } else { format!(", {}", kwargs.join(", ")) };
    match op.family {
        Family::Tencent => {
            let targets = match op.people {
                People::None => "()",
                People::One => "(user,)",
                People::Many | People::OneUnless(_) => "targets",
            };
            format!("self.call(TencentControl(\"{}\", meeting_id, operator, {targets}{tail}))", op.name)
        }
        Family::Huawei => {
            let ids = match op.people {
                People::None => "()",
                People::One => "(participant_id,)",
                People::Many => "participant_ids",
                People::OneUnless(_) => "() if participant_id is None else (participant_id,)",
            };
            format!("self.call(HuaweiConferenceControl(\"{}\", {ids}{tail}))", op.name)
        }
        Family::Meeting => {
            let who = if op.people == People::None { "" } else { ", participant" };
            format!("self.control(\"{}\"{who}{tail})", op.name)
        }
    }
}

/// The module of `family`'s named methods: its path under `python/meetctl/` and its text.
pub fn module(family: Family) -> (String, String) {
    let word = family.c_word();
    let cls = class(family);
    let builders: Vec<(Family, &'static str, &'static [Param])> =
        list_items().into_iter().filter(|(f, _, _)| *f == family).collect();
    let mut out = format!(
        "\"\"\"The named methods of ``{cls}``{}. {GENERATED}\n\n\
         Each named method is one ``{}`` of the native module; ``install`` attaches them to\n\
         ``{cls}`` when ``meetctl`` is imported.\n\"\"\"\n\n\
         from __future__ import annotations\n\n",
        if builders.is_empty() {
            String::new()
        } else {
            " and the builders of its list arguments".to_owned()
        },
        if family == Family::Meeting { "control" } else { "call" },
    );
    let native = match family {
        Family::Tencent => "TencentClient, TencentControl",
        Family::Huawei => "HuaweiConference, HuaweiConferenceControl",
        Family::Meeting => "Meeting",
    };
    // `_ObjectArg` only where an argument or item field is one (an unused import is a lint error).
    let objects = builders
        .iter()
        .flat_map(|(_, _, fields)| fields.iter())
        .chain(operations(family).iter().flat_map(|op| op.params.clone()).collect::<Vec<_>>().iter())
        .any(|p| matches!(p.kind, ParamKind::Object { .. }));
    let object_arg = if objects { ", _ObjectArg" } else { "" };
    let typing = match family {
        Family::Tencent => format!(
            "from typing import Any, Callable, Iterable, Literal, Optional, Sequence\n\n    from ._meetctl import TencentUser, _ListArg{object_arg}"
        ),
        Family::Huawei => format!(
            "from typing import Iterable, Literal, Optional, Sequence\n\n    from ._meetctl import _ListArg{object_arg}"
        ),
        Family::Meeting => "from typing import Optional\n\n    from ._meetctl import Participant".to_owned(),
    };
    out.push_str(&format!(
        "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    {typing}\nfrom ._meetctl import {native}\n\n"
    ));
    for (family, item, fields) in &builders {
        out.push_str(&builder(*family, item, fields));
    }
    let ops: Vec<Op> = operations(family).into_iter().filter(|op| op.generated_method()).collect();
    for op in &ops {
        out.push('\n');
        out.push_str(&def_line("", op.name, &parameters(op, true, cls), ""));
        out.push_str(&docstring(op));
        out.push_str(&format!("    {}\n\n", call(op)));
    }
    // The methods whose targets were called `users` before they were `targets` (docs/naming.md,
    // "Deprecated"): installed wrapped, so that `users=` still works for one release.
    let renamed: Vec<&Op> =
        ops.iter().filter(|op| matches!(op.people, People::Many | People::OneUnless(_))).collect();
    if family == Family::Tencent && !renamed.is_empty() {
        out.push_str(&users_renamed(cls));
    }
    out.push_str(&format!(
        "\ndef install() -> None:\n    \"\"\"Attaches the named methods to ``{cls}`` (once, at import).\"\"\"\n    \
         for function in (\n"
    ));
    for op in &ops {
        out.push_str(&format!("        {},\n", op.name));
    }
    out.push_str(&format!(
        "    ):\n        function.__qualname__ = \"{cls}.\" + function.__name__\n        \
         setattr({cls}, function.__name__, function)\n"
    ));
    if family == Family::Tencent && !renamed.is_empty() {
        out.push_str("    for function in (\n");
        for op in &renamed {
            out.push_str(&format!("        {},\n", op.name));
        }
        out.push_str(&format!(
            "    ):\n        setattr({cls}, function.__name__, _users_renamed(function))\n"
        ));
    }
    (format!("_{word}_operations.py"), out)
}

/// `_users_renamed`: a named method that also takes `users=`, the deprecated old name of its
/// `targets` (with a `DeprecationWarning`); its signature stays the method's own.
fn users_renamed(cls: &str) -> String {
    format!(
        "\n\
def _users_renamed(function: Callable[..., None]) -> Callable[..., None]:
    \"\"\"``function`` also taking ``users=``, the deprecated old name of ``targets=`` (removed in the next
    release), with a ``DeprecationWarning``.\"\"\"

    def method(self: {cls}, *args: Any, **kwargs: Any) -> None:
        if \"users\" in kwargs:
            if \"targets\" in kwargs:
                raise TypeError(\"give targets only (users= is its deprecated old name), not both\")
            import warnings

            warnings.warn(
                f\"{cls}.{{function.__name__}}(users=...) is deprecated and will be removed in the next release;\"
                \" use targets=\",
                DeprecationWarning,
                stacklevel=2,
            )
            kwargs[\"targets\"] = kwargs.pop(\"users\")
        function(self, *args, **kwargs)

    for attribute in (\"__module__\", \"__name__\", \"__qualname__\", \"__doc__\"):
        setattr(method, attribute, getattr(function, attribute))
    # `inspect.signature` (and so `help()` and mypy.stubtest) show the method's own parameters.
    setattr(method, \"__wrapped__\", function)
    return method

"
    )
}

/// A list item's builder: a `dict` with a typed constructor (so plain dicts work as well).
fn builder(family: Family, item: &str, fields: &[Param]) -> String {
    let name = item_class(family, item);
    let required = fields.iter().filter(|f| f.presence == Presence::Required);
    let others: Vec<&Param> = fields.iter().filter(|f| f.presence != Presence::Required).collect();
    let mut params = vec!["self".to_owned()];
    params.extend(required.clone().map(|f| format!("{}: {}", f.name, py_type(f))));
    if !others.is_empty() {
        params.push("*".to_owned());
        params.extend(
            others
                .iter()
                .map(|f| format!("{}: {} = {}", f.name, py_type(f), py_default(f).unwrap_or_default())),
        );
    }
    let mut out = format!("\nclass {name}(dict):  # type: ignore[type-arg]\n");
    let fields_doc: Vec<String> = fields.iter().map(|f| format!("``{}``", f.name)).collect();
    out.push_str(&format!(
        "    \"\"\"One {item} of a list or object argument, as a ``dict`` of {} (a plain ``dict`` with the same keys\n    \
         works as well). Arguments left ``None`` are not sent.\"\"\"\n\n",
        fields_doc.join(", ")
    ));
    out.push_str(&def_line("    ", "__init__", &params, ""));
    let mut init = String::from("        super().__init__(");
    let pairs: Vec<String> = fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .map(|f| format!("{0}={0}", f.name))
        .collect();
    init.push_str(&pairs.join(", "));
    init.push_str(")\n");
    out.push_str(&init);
    for f in &others {
        out.push_str(&format!("        if {0} is not None:\n            self[\"{0}\"] = {0}\n", f.name));
    }
    out.push('\n');
    out
}

/// The stub lines of `family`'s generated methods, for the class body in `_meetctl.pyi`.
pub fn stub_methods(family: Family) -> String {
    let mut out = String::new();
    for op in operations(family).iter().filter(|op| op.generated_method()) {
        out.push_str(&def_line("    ", op.name, &parameters(op, true, ""), " ..."));
    }
    out
}

/// The operation `Literal`s of `_meetctl.pyi`.
pub fn stub_literals() -> String {
    let mut out = String::new();
    let literal = |name: &str, names: Vec<&str>| -> String {
        let mut s = format!("{name} = Literal[\n");
        for n in names {
            s.push_str(&format!("    \"{n}\",\n"));
        }
        s.push_str("]\n");
        s
    };
    out.push_str(&literal("_TencentOperation", operations(Family::Tencent).iter().map(|o| o.name).collect()));
    out.push('\n');
    out.push_str(&literal("_HuaweiOperation", operations(Family::Huawei).iter().map(|o| o.name).collect()));
    out.push('\n');
    out.push_str("# The operations of a Meeting that are controls (everything but \"participants\"), and all of them.\n");
    out.push_str(&literal(
        "_MeetingControl",
        operations(Family::Meeting).iter().filter(|o| o.generated_method()).map(|o| o.name).collect(),
    ));
    out.push_str("_MeetingOperation = Literal[\"participants\", _MeetingControl]\n");
    out
}

/// The package's imports of the list-item builders (`from ._huawei_operations import …`).
pub fn builder_imports() -> String {
    list_items()
        .into_iter()
        .map(|(family, item, _)| {
            format!("from ._{}_operations import {}\n", family.c_word(), item_class(family, item))
        })
        .collect()
}

/// The builders' names in the package's `__all__`.
pub fn builder_names() -> String {
    list_items()
        .into_iter()
        .map(|(family, item, _)| format!("    \"{}\",\n", item_class(family, item)))
        .collect()
}
