//! The C++ named methods: `include/meetctl_operations.hpp`, bases that `meetctl.hpp`'s
//! `TencentClient`, `HuaweiConference` and `Meeting` derive from, and the builders of list items.

use meetctl::{Param, ParamKind, Presence, Scalar};

use crate::c_enums::variant_doc;
use crate::model::{Family, Op, People, describe, list_items, operations};
use crate::text::{GENERATED, wrap};

/// The C++ class a family's named methods belong to.
fn class(family: Family) -> &'static str {
    match family {
        Family::Tencent => "TencentClient",
        Family::Huawei => "HuaweiConference",
        Family::Meeting => "Meeting",
    }
}

/// Whether C++ gets a generated named method: it answers nothing and takes at most two
/// arguments that may be left out. With more, C++ (which has no keyword arguments) reads better
/// with an options struct: those methods are written by hand in `meetctl.hpp`.
pub fn generated_in_cpp(op: &Op) -> bool {
    op.generated_method()
        && !op.at_least_one_arg
        && op.params.iter().filter(|p| p.presence != Presence::Required).count() <= 2
}

fn item_struct(family: Family, item: &str) -> String {
    crate::python::item_class(family, item)
}

fn cpp_type(family: Family, p: &Param) -> (String, bool) {
    // (type, passed by const reference)
    match p.kind {
        ParamKind::Bool | ParamKind::Flag => ("bool".to_owned(), false),
        ParamKind::Int { .. } | ParamKind::OneOf(_) => ("int".to_owned(), false),
        ParamKind::Text { .. } | ParamKind::Secret | ParamKind::Choice(_) | ParamKind::Digits { .. } => {
            ("std::string".to_owned(), true)
        }
        ParamKind::List { item, .. } => (format!("std::vector<{}>", item_struct(family, item)), true),
        ParamKind::Object { item, .. } => (item_struct(family, item), true),
        ParamKind::Texts { .. } => ("std::vector<std::string>".to_owned(), true),
    }
}

/// The JSON text of a list, object or list-of-texts value `expr` (`None` for a scalar, which
/// `Args::set` writes itself).
fn json_of(p: &Param, expr: &str) -> Option<String> {
    match p.kind {
        ParamKind::List { .. } => Some(format!("detail::json_array({expr})")),
        ParamKind::Object { .. } => Some(format!("{expr}.json()")),
        ParamKind::Texts { .. } => Some(format!("detail::json_strings({expr})")),
        _ => None,
    }
}

fn parameter(family: Family, p: &Param) -> String {
    let (ty, by_ref) = cpp_type(family, p);
    match p.presence {
        Presence::Required if by_ref => format!("const {ty} &{}", p.name),
        Presence::Required => format!("{ty} {}", p.name),
        Presence::Optional => format!("const std::optional<{ty}> &{} = std::nullopt", p.name),
        Presence::Default(Scalar::Bool(b)) => format!("{ty} {} = {b}", p.name),
        Presence::Default(Scalar::Int(i)) => format!("{ty} {} = {i}", p.name),
    }
}

fn args_expr(op: &Op) -> Option<String> {
    if op.params.is_empty() {
        return None;
    }
    let mut s = String::from("Args()");
    let mut optional_json = String::new();
    for p in &op.params {
        match json_of(p, p.name) {
            // An optional list or object is set only when given (after the chain).
            Some(_) if p.presence == Presence::Optional => {
                let json = json_of(p, &format!("(*{})", p.name)).unwrap_or_default();
                optional_json.push_str(&format!("; if ({0}) a.set_json(\"{0}\", {json})", p.name));
            }
            Some(json) => s.push_str(&format!(".set_json(\"{}\", {json})", p.name)),
            None => s.push_str(&format!(".set(\"{0}\", {0})", p.name)),
        }
    }
    if !optional_json.is_empty() {
        return Some(format!("[&] {{ Args a = {s}{optional_json}; return a; }}()"));
    }
    Some(s)
}

fn method(op: &Op) -> String {
    let mut params: Vec<String> = Vec::new();
    let mut prelude = String::new();
    let (people_arg, people_param): (&str, Option<String>) = match (op.family, op.people) {
        (Family::Tencent, People::None) => ("{}", None),
        (Family::Tencent, People::One) => ("{user}", Some("const TencentUser &user".to_owned())),
        (Family::Tencent, People::Many | People::OneUnless(_)) => {
            ("targets", Some("const std::vector<TencentUser> &targets".to_owned()))
        }
        (Family::Huawei, People::None) | (Family::Meeting, People::None) => ("", None),
        (Family::Huawei, People::One) => {
            ("{participant_id}", Some("const std::string &participant_id".to_owned()))
        }
        (Family::Huawei, People::Many) => {
            ("participant_ids", Some("const std::vector<std::string> &participant_ids".to_owned()))
        }
        (Family::Huawei, People::OneUnless(_)) => {
            prelude.push_str("    std::vector<std::string> ids;\n    if (participant_id) ids.push_back(*participant_id);\n");
            ("ids", Some("const std::optional<std::string> &participant_id = std::nullopt".to_owned()))
        }
        (Family::Meeting, _) => ("participant", Some("const Participant &participant".to_owned())),
    };
    if op.family == Family::Tencent {
        params.push("const std::string &meeting_id".to_owned());
        params.push("const TencentUser &op".to_owned());
    }
    params.extend(people_param);
    params.extend(op.params_in_call_order().iter().map(|p| parameter(op.family, p)));

    let constant = op.c_constant();
    let mut call_args: Vec<String> = vec![constant];
    if op.family == Family::Tencent {
        call_args.push("meeting_id".to_owned());
        call_args.push("op".to_owned());
    }
    let args = args_expr(op);
    match op.family {
        Family::Tencent => call_args.push(people_arg.to_owned()),
        Family::Huawei if !people_arg.is_empty() => call_args.push(people_arg.to_owned()),
        Family::Huawei if args.is_some() => call_args.push("{}".to_owned()),
        Family::Meeting if !people_arg.is_empty() => call_args.push(people_arg.to_owned()),
        _ => {}
    }
    call_args.extend(args);

    let mut out = wrap(&variant_doc(op), "  /// ", 100);
    let head = format!("  void {}({}) const {{\n", op.name, params.join(", "));
    if head.chars().count() <= 121 {
        out.push_str(&head);
    } else {
        out.push_str(&format!("  void {}(\n", op.name));
        for (i, p) in params.iter().enumerate() {
            let sep = if i + 1 == params.len() { ") const {" } else { "," };
            out.push_str(&format!("      {p}{sep}\n"));
        }
    }
    // The one target is checked under the name the caller knows it by (not `targets[0]`).
    match (op.family, op.people) {
        (Family::Tencent, People::One) => out.push_str("    (void)user.c(\"user\");\n"),
        (Family::Huawei, People::One) => {
            out.push_str("    (void)detail::c_str(participant_id, \"participant_id\");\n")
        }
        _ => {}
    }
    out.push_str(&prelude);
    out.push_str(&format!("    self().control({});\n", call_args.join(", ")));
    out.push_str("  }\n");
    out
}

fn builder(family: Family, item: &str, fields: &[Param]) -> String {
    let name = item_struct(family, item);
    let mut out = format!(
        "/// One {item} of a list or object argument (fields as the operation's documentation lists them).\n\
         struct {name} {{\n"
    );
    for f in fields {
        let (ty, _) = cpp_type(family, f);
        let ty = if f.presence == Presence::Required { ty } else { format!("std::optional<{ty}>") };
        out.push_str(&format!("  /// {}.\n  {ty} {};\n", describe(f), f.name));
    }
    out.push_str("\n  /// The JSON object the library takes.\n  std::string json() const {\n    Args a;\n");
    for f in fields {
        match json_of(f, f.name) {
            Some(_) if f.presence != Presence::Required => {
                let json = json_of(f, &format!("(*{})", f.name)).unwrap_or_default();
                out.push_str(&format!("    if ({0}) a.set_json(\"{0}\", {json});\n", f.name));
            }
            Some(json) => out.push_str(&format!("    a.set_json(\"{}\", {json});\n", f.name)),
            None => out.push_str(&format!("    a.set(\"{0}\", {0});\n", f.name)),
        }
    }
    out.push_str("    return a.json();\n  }\n};\n\n");
    out
}

/// The header's text.
pub fn generate() -> String {
    let mut out = format!(
        "// The named methods of meetctl::TencentClient, HuaweiConference and Meeting, and the builders\n\
         // of list arguments. {GENERATED}\n\
         //\n\
         // Included by meetctl.hpp (not on its own): each class derives from its base here, whose\n\
         // methods make one control() call of the class.\n\
         #pragma once\n\n\
         namespace meetctl {{\n\n\
         class Participant;\n\n"
    );
    for (family, item, fields) in list_items() {
        out.push_str(&builder(family, item, fields));
    }
    out.push_str("namespace detail {\n\n");
    for family in Family::ALL {
        let base = format!("{}Operations", class(family));
        out.push_str(&format!(
            "/// The generated named methods of {cls} (see meetctl.h for each operation).\n\
             template <class Self>\nclass {base} {{\n public:\n",
            cls = class(family)
        ));
        let ops: Vec<Op> = operations(family).into_iter().filter(generated_in_cpp).collect();
        for (i, op) in ops.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&method(op));
        }
        out.push_str(&format!(
            "\n protected:\n  {base}() = default;\n  ~{base}() = default;\n\n private:\n  \
             const Self &self() const {{ return static_cast<const Self &>(*this); }}\n}};\n\n"
        ));
    }
    out.push_str("}  // namespace detail\n}  // namespace meetctl\n");
    out
}
