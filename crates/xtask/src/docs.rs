//! The operation tables of README.md and docs/c-api.md (between markers).

use meetctl::Answer;

use crate::model::{Family, Op, People, describe, operations};

/// The marker lines a generated table sits between.
pub fn markers(table: &str) -> (String, String) {
    (
        format!("<!-- BEGIN GENERATED: {table} (cargo run -p xtask -- codegen) -->"),
        format!("<!-- END GENERATED: {table} -->"),
    )
}

fn people(op: &Op) -> &'static str {
    match op.people {
        People::None => "—",
        People::One => "one",
        People::Many => "one or more",
        People::OneUnless(_) => "one, or none with the argument",
    }
}

fn arguments(op: &Op) -> String {
    if op.params.is_empty() {
        return "—".to_owned();
    }
    let args: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let mut s = format!("`{}` ({})", p.name, describe(p));
            let items = crate::model::describe_items(p);
            if !items.is_empty() {
                s.push(':');
                s.push_str(&items);
            }
            s
        })
        .collect();
    let lead = if op.at_least_one_arg { "at least one of " } else { "" };
    format!("{lead}{}", args.join(", "))
}

fn endpoint(op: &Op) -> String {
    let Some((method, path)) = op.endpoint else { return "—".to_owned() };
    let mut s = format!("`{method} {path}`");
    if !op.constants.is_empty() {
        let c: Vec<String> = op.constants.iter().map(|c| format!("`{c}`")).collect();
        s.push_str(&format!(", {}", c.join(", ")));
    }
    s
}

fn answer(op: &Op) -> String {
    match op.answers {
        Answer::Nothing => "—".to_owned(),
        Answer::Typed(t) => format!("`{t}`"),
        Answer::Pages(t) => format!("pages of `{t}`"),
    }
}

fn repeat(op: &Op) -> &'static str {
    match op.safe_to_repeat {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    }
}

/// A family's table for the README: operation name, what it does, endpoint, people, arguments.
pub fn readme_table(family: Family) -> String {
    let who = match family {
        Family::Tencent => "targets",
        Family::Huawei => "participants",
        Family::Meeting => "participant",
    };
    let mut out = format!("| operation | what | endpoint | {who} | arguments | answer | safe to repeat |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for op in operations(family) {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            op.name,
            escape(op.summary),
            endpoint(&op),
            people(&op),
            escape(&arguments(&op)),
            answer(&op),
            repeat(&op)
        ));
    }
    out
}

/// A family's table for docs/c-api.md: value, C constant, endpoint, people, arguments.
pub fn c_table(family: Family) -> String {
    let who = match family {
        Family::Tencent => "targets",
        Family::Huawei => "participant ids",
        Family::Meeting => "participant",
    };
    let what = if family == Family::Meeting { "what" } else { "endpoint" };
    let mut out =
        format!("| value | name | {what} | {who} | arguments (`args_json`) |\n|---|---|---|---|---|\n");
    for op in operations(family) {
        let what = match family {
            Family::Meeting => {
                let mut s = escape(op.summary);
                for line in op.details.lines() {
                    s.push(' ');
                    s.push_str(&escape(line.trim()));
                }
                s
            }
            _ => endpoint(&op),
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            op.code,
            op.c_constant(),
            what,
            people(&op),
            escape(&arguments(&op))
        ));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}
