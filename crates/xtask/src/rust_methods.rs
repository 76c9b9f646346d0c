//! The Rust named methods: `crates/meetctl/src/<family>/named.rs`, one `impl` block each
//! over the type's one generic call.

use meetctl::{Param, ParamKind, Presence};

use crate::c_enums::variant_doc;
use crate::model::{Family, Op, People, operations};
use crate::text::{GENERATED, wrap, wrap_doc};

/// Whether the arguments that may be left out are taken as one `args: Args` (more than two of
/// them, or "at least one of"): Rust has no keyword arguments.
fn takes_args_value(op: &Op) -> bool {
    op.at_least_one_arg || op.params.iter().filter(|p| p.presence != Presence::Required).count() > 2
}

fn rust_type(p: &Param) -> String {
    let base = match p.kind {
        ParamKind::Bool | ParamKind::Flag => "bool".to_owned(),
        ParamKind::Int { .. } | ParamKind::OneOf(_) => "i64".to_owned(),
        ParamKind::Text { .. } | ParamKind::Secret | ParamKind::Choice(_) | ParamKind::Digits { .. } => {
            "&str".to_owned()
        }
        ParamKind::List { item, .. } => format!("&[super::{item}]"),
        ParamKind::Object { item, .. } => format!("&super::{item}"),
        ParamKind::Texts { .. } => "&[&str]".to_owned(),
    };
    match p.presence {
        Presence::Optional => format!("Option<{base}>"),
        _ => base,
    }
}

fn method(op: &Op) -> String {
    let mut params: Vec<String> = vec!["&self".to_owned()];
    let (people, targets) = match (op.family, op.people) {
        (Family::Tencent, People::None) => (None, "&[]"),
        (Family::Tencent, People::One) => (Some("user: &TencentUser"), "&[user]"),
        (Family::Tencent, People::Many | People::OneUnless(_)) => {
            (Some("targets: &[&TencentUser]"), "targets")
        }
        (Family::Huawei, People::None) => (None, "&[]"),
        (Family::Huawei, People::One) => (Some("participant_id: &str"), "&[participant_id]"),
        (Family::Huawei, People::Many) => (Some("participant_ids: &[&str]"), "participant_ids"),
        (Family::Huawei, People::OneUnless(_)) => {
            (Some("participant_id: Option<&str>"), "participant_id.as_slice()")
        }
        (Family::Meeting, People::None) => (None, "None"),
        (Family::Meeting, _) => (Some("participant: &Participant"), "Some(participant)"),
    };
    if op.family == Family::Tencent {
        params.push("meeting_id: &str".to_owned());
        params.push("operator: &TencentUser".to_owned());
    }
    params.extend(people.map(str::to_owned));
    let merged = takes_args_value(op);
    let mut args = String::from(if merged { "args" } else { "Args::new()" });
    for p in op.params_in_call_order() {
        if merged && p.presence != Presence::Required {
            continue;
        }
        params.push(format!("{}: {}", p.name, rust_type(&p)));
        let optional = p.presence == Presence::Optional;
        let value = match p.kind {
            ParamKind::List { .. } | ParamKind::Texts { .. } if optional => {
                format!("{}.map(<[_]>::to_vec)", p.name)
            }
            ParamKind::List { .. } | ParamKind::Texts { .. } => format!("{}.to_vec()", p.name),
            ParamKind::Object { .. } if optional => format!("{}.cloned()", p.name),
            ParamKind::Object { .. } => format!("{}.clone()", p.name),
            _ => p.name.to_owned(),
        };
        if p.presence == Presence::Optional {
            args.push_str(&format!(".with_opt(\"{}\", {value})", p.name));
        } else {
            args.push_str(&format!(".with(\"{}\", {value})", p.name));
        }
    }
    if merged {
        params.push("args: Args".to_owned());
    }
    let variant = format!("{}Operation::{}", crate::model::camel(op.family.c_word()), op.variant);
    let call = match op.family {
        Family::Tencent => format!("self.act({variant}, meeting_id, operator, {targets}, {args})"),
        Family::Huawei => format!("self.act({variant}, {targets}, {args})"),
        Family::Meeting => format!("self.control({variant}, {targets}, &{args})"),
    };
    let mut doc = variant_doc(op);
    if merged {
        doc.push_str(" The arguments that may be left out go in `args`.");
    }
    let mut out = wrap_doc(&doc, "    ");
    out.push_str(&format!("    pub fn {}({}) -> Result<(), Error> {{\n", op.name, params.join(", ")));
    out.push_str(&format!("        {call}\n    }}\n"));
    out
}

/// The files: `(path under the repository, text)`.
pub fn generate() -> Vec<(String, String)> {
    Family::ALL
        .into_iter()
        .map(|family| {
            let (ty, imports) = match family {
                Family::Tencent => {
                    ("TencentClient", "use super::{TencentClient, TencentOperation, TencentUser};\n")
                }
                Family::Huawei => ("Conference", "use super::{Conference, HuaweiOperation};\n"),
                Family::Meeting => ("Meeting", "use super::{Meeting, MeetingOperation, Participant};\n"),
            };
            let mut text = wrap(&format!("The named methods of [`{ty}`]. {GENERATED}"), "//! ", 100);
            text.push_str(&format!("\nuse crate::{{Args, Error}};\n\n{imports}\nimpl {ty} {{\n"));
            let ops: Vec<Op> = operations(family).into_iter().filter(Op::generated_method).collect();
            for (i, op) in ops.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&method(op));
            }
            text.push_str("}\n");
            (format!("crates/meetctl/src/{}/named.rs", family.c_word()), text)
        })
        .collect()
}
