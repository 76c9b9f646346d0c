//! The core's operation declarations, walked once into the shape every generator reads.

use meetctl::huawei::{HuaweiOperation, HuaweiSlot, ParticipantRule};
use meetctl::tencent::{Slot, TargetRule, TencentOperation};
use meetctl::{Answer, Field, MeetingOperation, Param, ParamKind, Presence, Scalar};

/// Whose operation it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A Tencent Meeting operation (`TencentClient`).
    Tencent,
    /// A Huawei conference operation (`Conference`).
    Huawei,
    /// A vendor-neutral operation (`Meeting`).
    Meeting,
}

impl Family {
    /// Every family, in the order the generated files list them.
    pub const ALL: [Family; 3] = [Family::Tencent, Family::Huawei, Family::Meeting];

    /// The word in C names: `meetctl_<word>_operation`.
    pub fn c_word(self) -> &'static str {
        match self {
            Family::Tencent => "tencent",
            Family::Huawei => "huawei",
            Family::Meeting => "meeting",
        }
    }
}

/// The people an operation acts on, as its named method takes them (after the meeting id and
/// operator for Tencent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum People {
    /// Nobody.
    None,
    /// One (`user`, `participant_id`, `participant`).
    One,
    /// One or more (`targets`, `participant_ids`).
    Many,
    /// One, or nobody when the named argument is true (`participant_id=None` and `admit_all`).
    OneUnless(&'static str),
}

/// One operation of one family.
#[derive(Debug, Clone)]
pub struct Op {
    /// Its family.
    pub family: Family,
    /// The Rust variant (`SetCohost`).
    pub variant: String,
    /// The snake_case name (`set_cohost`).
    pub name: &'static str,
    /// The stable number.
    pub code: u32,
    /// One line on what it does.
    pub summary: &'static str,
    /// What more its declaration says, one line per doc line.
    pub details: &'static str,
    /// `PUT /v1/…`, for a vendor's operation.
    pub endpoint: Option<(&'static str, &'static str)>,
    /// The people it acts on.
    pub people: People,
    /// The caller's arguments, in declaration order, each once.
    pub params: Vec<Param>,
    /// The constants it sends (`action: true`).
    pub constants: Vec<String>,
    /// How a Tencent operation's operator may be named (`ms_open_id or uuid`), and whether only
    /// enterprise credentials may call it.
    pub operator: Option<(String, bool)>,
    /// Whether at least one argument must be given.
    pub at_least_one_arg: bool,
    /// What it answers.
    pub answers: Answer,
    /// Whether sending it twice does no more than once (a vendor's operation).
    pub safe_to_repeat: Option<bool>,
}

impl Op {
    /// The C constant (`MEETCTL_TENCENT_OPERATION_SET_COHOST`).
    pub fn c_constant(&self) -> String {
        format!(
            "MEETCTL_{}_OPERATION_{}",
            self.family.c_word().to_ascii_uppercase(),
            self.name.to_ascii_uppercase()
        )
    }

    /// Whether a named method is generated for it: operations that answer nothing. The others
    /// (a typed result, a list read page by page) have hand-written named methods.
    pub fn generated_method(&self) -> bool {
        self.answers == Answer::Nothing
    }

    /// The required arguments first (positional), then the others, each group in declaration
    /// order: the order of a named method's parameters.
    pub fn params_in_call_order(&self) -> Vec<Param> {
        let required = self.params.iter().filter(|p| p.presence == Presence::Required);
        let others = self.params.iter().filter(|p| p.presence != Presence::Required);
        required.chain(others).copied().collect()
    }
}

/// Every operation of `family`, in the order of their numbers.
pub fn operations(family: Family) -> Vec<Op> {
    match family {
        Family::Tencent => TencentOperation::ALL.into_iter().map(tencent).collect(),
        Family::Huawei => HuaweiOperation::ALL.into_iter().map(huawei).collect(),
        Family::Meeting => MeetingOperation::ALL.into_iter().map(meeting).collect(),
    }
}

fn tencent(op: TencentOperation) -> Op {
    let spec = op.spec();
    let fields = spec.query.iter().chain(spec.body.unwrap_or(&[]).iter());
    let constants = constants(fields.clone());
    let params = unique(fields.flat_map(|f| match *f {
        Field::Arg(p) | Field::Slot(Slot::UsersWith(p)) => vec![p],
        Field::Slot(slot) => slot.params().to_vec(),
        Field::Fixed(..) => Vec::new(),
    }));
    Op {
        family: Family::Tencent,
        variant: format!("{op:?}"),
        name: op.name(),
        code: op.code(),
        summary: op.summary(),
        details: op.details(),
        endpoint: Some((spec.method.as_str(), spec.path)),
        people: match spec.targets {
            TargetRule::None => People::None,
            TargetRule::One(_) => People::One,
            TargetRule::Many(_) => People::Many,
        },
        params,
        constants,
        operator: Some((
            spec.operator.accepts.iter().map(|k| k.name()).collect::<Vec<_>>().join(" or "),
            !spec.oauth,
        )),
        at_least_one_arg: spec.at_least_one_arg,
        answers: spec.answers,
        safe_to_repeat: Some(spec.safe_to_repeat),
    }
}

fn huawei(op: HuaweiOperation) -> Op {
    let spec = op.spec();
    let params = unique(spec.body.unwrap_or(&[]).iter().filter_map(|f| match *f {
        Field::Arg(p) => Some(p),
        Field::Slot(
            HuaweiSlot::Participant(_) | HuaweiSlot::Participants(_) | HuaweiSlot::ConferenceId(_),
        )
        | Field::Fixed(..) => None,
    }));
    Op {
        family: Family::Huawei,
        variant: format!("{op:?}"),
        name: op.name(),
        code: op.code(),
        summary: op.summary(),
        details: op.details(),
        endpoint: Some((spec.method.as_str(), spec.path)),
        people: match spec.participants {
            ParticipantRule::None => People::None,
            ParticipantRule::Query | ParticipantRule::Body(_) => People::One,
            ParticipantRule::BodyUnless(_, arg) => People::OneUnless(arg),
            ParticipantRule::List(_) => People::Many,
        },
        params,
        constants: constants(spec.body.unwrap_or(&[]).iter()),
        operator: None,
        at_least_one_arg: spec.at_least_one_arg,
        answers: spec.answers,
        safe_to_repeat: Some(spec.safe_to_repeat),
    }
}

fn meeting(op: MeetingOperation) -> Op {
    Op {
        family: Family::Meeting,
        variant: format!("{op:?}"),
        name: op.name(),
        code: op.code(),
        summary: op.summary(),
        details: op.details(),
        endpoint: None,
        people: if op.takes_participant() { People::One } else { People::None },
        params: op.params().to_vec(),
        constants: Vec::new(),
        operator: None,
        at_least_one_arg: false,
        answers: if op == MeetingOperation::Participants {
            Answer::Pages("Participant")
        } else {
            Answer::Nothing
        },
        safe_to_repeat: None,
    }
}

fn constants<'a, S: 'static>(fields: impl Iterator<Item = &'a Field<S>>) -> Vec<String> {
    fields
        .filter_map(|f| match *f {
            Field::Fixed(key, Scalar::Bool(b)) => Some(format!("{key}: {b}")),
            Field::Fixed(key, Scalar::Int(i)) => Some(format!("{key}: {i}")),
            _ => None,
        })
        .collect()
}

fn unique(params: impl Iterator<Item = Param>) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    for p in params {
        if !out.iter().any(|q| q.name == p.name) {
            out.push(p);
        }
    }
    out
}

/// Every item type of a list or object argument across all families, nested ones included, each
/// once: `(family, item, fields)`. An item comes after the items its own fields use (C++ needs a
/// type declared before it is used).
pub fn list_items() -> Vec<(Family, &'static str, &'static [Param])> {
    let mut out: Vec<(Family, &'static str, &'static [Param])> = Vec::new();
    for family in Family::ALL {
        for op in operations(family) {
            for p in &op.params {
                collect_items(family, p, &mut out);
            }
        }
    }
    out
}

fn collect_items(family: Family, p: &Param, out: &mut Vec<(Family, &'static str, &'static [Param])>) {
    if let Some((item, fields)) = item_of(p) {
        for f in fields {
            collect_items(family, f, out);
        }
        if !out.iter().any(|(f, i, _)| *f == family && *i == item) {
            out.push((family, item, fields));
        }
    }
}

/// The item type and fields of a list or object argument.
pub fn item_of(p: &Param) -> Option<(&'static str, &'static [Param])> {
    match p.kind {
        ParamKind::List { item, fields, .. } | ParamKind::Object { item, fields } => Some((item, fields)),
        _ => None,
    }
}

/// The items under `p`, outermost first, each with the path that reaches it from the operation's
/// argument (`layout_list`, `layout_list[].page_list`): `(path, item, fields, whether a list)`.
pub fn nested_items(p: &Param) -> Vec<(String, &'static str, &'static [Param], bool)> {
    let mut out = Vec::new();
    walk_items(p, p.name.to_owned(), &mut out);
    out
}

fn walk_items(p: &Param, path: String, out: &mut Vec<(String, &'static str, &'static [Param], bool)>) {
    if let Some((item, fields)) = item_of(p) {
        let list = matches!(p.kind, ParamKind::List { .. });
        out.push((path.clone(), item, fields, list));
        let prefix = if list { format!("{path}[]") } else { path };
        for f in fields {
            walk_items(f, format!("{prefix}.{}", f.name), out);
        }
    }
}

/// Where operations of `family` take `item`: `(operation variant, path of the argument)`.
pub fn item_uses(family: Family, item: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for op in operations(family) {
        for p in &op.params {
            for (path, i, _, _) in nested_items(p) {
                if i == item && !out.iter().any(|(v, q): &(String, String)| *v == op.variant && *q == path) {
                    out.push((op.variant.clone(), path));
                }
            }
        }
    }
    out
}

/// The documentation of a list or object argument's items, nested ones included: ` Each Page of
/// `page_list`: `a` (…), `b` (…). Each Seat of `page_list[].seats`: …` (empty for any other).
pub fn describe_items(p: &Param) -> String {
    let mut out = String::new();
    for (path, item, fields, list) in nested_items(p) {
        let fields: Vec<String> = fields.iter().map(|f| format!("`{}` ({})", f.name, describe(f))).collect();
        let each = if list { "Each" } else { "The" };
        out.push_str(&format!(" {each} {item} of `{path}`: {}.", fields.join(", ")));
    }
    out
}

/// A short description of an argument's type and presence, for documentation:
/// `bool, default true`, `text, at most 20 characters`, `one of 0, 1, 2`.
pub fn describe(p: &Param) -> String {
    let kind = match p.kind {
        ParamKind::Bool => "bool".to_owned(),
        ParamKind::Flag => "bool, sent as 1 or 0".to_owned(),
        ParamKind::Int { min, max } => format!("integer, {min} to {max}"),
        ParamKind::OneOf(values) => {
            format!("one of {}", values.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
        }
        ParamKind::Text { max_chars } => format!("text, at most {max_chars} characters"),
        ParamKind::Digits { min, max } => format!("text of {min} to {max} digits"),
        ParamKind::Secret => "secret text".to_owned(),
        ParamKind::Choice(words) => {
            format!("one of {}", words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", "))
        }
        ParamKind::List { item, min, max, .. } => format!("list of {min} to {max} {item} objects"),
        ParamKind::Object { item, .. } => format!("{item} object"),
        ParamKind::Texts { max_chars, min, max } => {
            format!("list of {min} to {max} texts of at most {max_chars} characters")
        }
    };
    let presence = match p.presence {
        Presence::Required => ", required".to_owned(),
        Presence::Optional => String::new(),
        Presence::Default(Scalar::Bool(b)) => format!(", default {b}"),
        Presence::Default(Scalar::Int(i)) => format!(", default {i}"),
    };
    format!("{kind}{presence}")
}

/// `snake_case` → `CamelCase`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}
