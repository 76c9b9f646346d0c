//! The Tencent device table (`Instance`) as the C enum `meetctl_instance`
//! (`crates/meetctl-ffi/src/tencent_user/instance.rs`) and the members of Python's
//! `meetctl.Instance` (`python/meetctl/_enums.py`, between markers).

use meetctl::tencent::Instance;

use crate::model::camel;
use crate::text::{GENERATED, wrap};

/// The C enum's source.
pub fn c_enum() -> String {
    let mut out = wrap(&format!("The device table of the header. {GENERATED}"), "//! ", 100);
    out.push_str(
        "\n/// The device a participant is on (`instanceid`), from the vendor's table.\n\
         #[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum meetctl_instance {\n",
    );
    for device in Instance::ALL {
        out.push_str(&format!(
            "    /// {}\n    {} = {},\n",
            device.label(),
            camel(device.name()),
            device.code()
        ));
    }
    out.push_str("}\n");
    out
}

/// The Python enum's members.
pub fn python_members() -> String {
    Instance::ALL
        .into_iter()
        .map(|device| format!("    {} = {}\n", device.name().to_ascii_uppercase(), device.code()))
        .collect()
}
