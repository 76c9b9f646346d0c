//! The C operation enums, as the Rust source cbindgen turns into `include/meetctl.h`:
//! `crates/meetctl-ffi/src/operation/enums.rs`.

use crate::model::{Family, Op, People, describe, operations};
use crate::text::{GENERATED, wrap, wrap_doc};

/// The file's text.
pub fn generate() -> String {
    let mut out = String::new();
    out.push_str(&wrap(&format!("The operation enums of the header. {GENERATED}"), "//! ", 100));
    out.push('\n');
    for family in Family::ALL {
        out.push_str(&wrap_doc(enum_doc(family), ""));
        out.push_str("#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n");
        out.push_str(&format!("pub enum meetctl_{}_operation {{\n", family.c_word()));
        for op in operations(family) {
            out.push_str(&wrap_doc(&variant_doc(&op), "    "));
            out.push_str(&format!("    {} = {},\n", op.variant, op.code));
        }
        out.push_str("}\n\n");
    }
    out.pop();
    out
}

fn enum_doc(family: Family) -> &'static str {
    match family {
        Family::Tencent => {
            "A Tencent Meeting operation, for `meetctl_tencent_client_control` / `_prepare` (passed as a \
             `uint32_t`). The numbers are the core's and are never reused. Arguments (`args_json`) are \
             named after the entry; targets are `meetctl_tencent_user`s."
        }
        Family::Huawei => {
            "A Huawei Cloud Meeting conference operation, for `meetctl_huawei_conference_control` / \
             `_prepare` (passed as a `uint32_t`). The numbers are the core's and are never reused. \
             Arguments (`args_json`) are named after the entry; participants are participant ids."
        }
        Family::Meeting => {
            "What a `meetctl_meeting` can do, whichever the vendor, for `meetctl_meeting_control` \
             (passed as a `uint32_t`), `meetctl_meeting_supports` and the bit mask of \
             `meetctl_meeting_capabilities` (bit N set for operation N). The numbers are the core's \
             and are never reused. Operations on one participant take it as `list` and `index`; the \
             others take `NULL`. Arguments (`args_json`) are named after the entry."
        }
    }
}

/// `METHOD path`: summary. Details. Targets. Arguments.
pub fn variant_doc(op: &Op) -> String {
    let mut doc = match op.endpoint {
        Some((method, path)) => format!("{} (`{method} {path}`).", op.summary),
        None => format!("{}.", op.summary),
    };
    for line in op.details.lines() {
        doc.push(' ');
        doc.push_str(line.trim());
    }
    if let Some((operator, enterprise_only)) = &op.operator {
        doc.push_str(&format!(" Operator by {operator}."));
        if *enterprise_only {
            doc.push_str(" Enterprise credentials only.");
        }
    }
    if op.family == Family::Tencent {
        doc.push_str(match op.people {
            People::None => "",
            People::One => " One target.",
            People::Many | People::OneUnless(_) => " One or more targets.",
        });
    }
    if op.family == Family::Huawei {
        doc.push_str(match op.people {
            People::None => "",
            People::One => " One participant.",
            People::Many => " One or more participants.",
            People::OneUnless(arg) => match arg {
                "" => "",
                _ => " One participant, or none when the argument below says all.",
            },
        });
    }
    if !op.params.is_empty() {
        let args: Vec<String> = op.params.iter().map(|p| format!("`{}` ({})", p.name, describe(p))).collect();
        let lead = if op.at_least_one_arg { " At least one of the arguments" } else { " Arguments" };
        doc.push_str(&format!("{lead} {}.", args.join(", ")));
    }
    for p in &op.params {
        doc.push_str(&crate::model::describe_items(p));
    }
    doc
}
