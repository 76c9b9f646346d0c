//! Huawei Cloud Meeting regions and their endpoints.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A Huawei Cloud Meeting region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Region {
    /// `cn-north-4`, Chinese mainland: `https://api.meeting.huaweicloud.com`. Default.
    #[default]
    CnNorth4,
    /// `ap-southeast-1`, international: `https://api-intl.meeting.huaweicloud.com`.
    ApSoutheast1,
}

impl Region {
    /// The region's name (`"cn-north-4"`).
    pub fn name(self) -> &'static str {
        match self {
            Region::CnNorth4 => "cn-north-4",
            Region::ApSoutheast1 => "ap-southeast-1",
        }
    }

    /// The region's API endpoint.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::CnNorth4 => "https://api.meeting.huaweicloud.com",
            Region::ApSoutheast1 => "https://api-intl.meeting.huaweicloud.com",
        }
    }
}

impl FromStr for Region {
    type Err = Error;

    /// Parses `"cn-north-4"` or `"ap-southeast-1"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "cn-north-4" => Ok(Region::CnNorth4),
            "ap-southeast-1" => Ok(Region::ApSoutheast1),
            _ => Err(Error::invalid("region", "must be \"cn-north-4\" or \"ap-southeast-1\"")),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in [Region::CnNorth4, Region::ApSoutheast1] {
            assert_eq!(r.name().parse::<Region>().unwrap(), r);
        }
        assert_eq!("eu-west-0".parse::<Region>().unwrap_err().field(), Some("region"));
    }
}
