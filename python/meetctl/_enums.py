"""Tencent Meeting device types.

Imported on first use of ``meetctl.Instance`` (or when the compiled module first returns a member),
not by ``import meetctl``: ``enum``, with ``functools`` and ``collections`` behind it, would be most
of the cost of that import.
"""

import enum

__all__ = ["Instance"]


class Instance(enum.IntEnum):
    """The device a Tencent Meeting participant is on (the API's ``instanceid``).

    Anywhere meetctl takes an ``instance``, a member or its integer value works. An
    ``ms_open_id`` can only be used with devices 1-8.
    """

    # BEGIN GENERATED: Instance members (cargo run -p xtask -- codegen)
    PC = 1
    MAC = 2
    ANDROID = 3
    IOS = 4
    WEB = 5
    IPAD = 6
    ANDROID_PAD = 7
    MINI_PROGRAM = 8
    VOIP_SIP = 9
    LINUX = 10
    ROOMS_TOUCH_WINDOWS = 20
    ROOMS_TOUCH_MAC = 21
    ROOMS_TOUCH_ANDROID = 22
    CONTROLLER_TOUCH_WINDOWS = 30
    CONTROLLER_TOUCH_ANDROID = 32
    CONTROLLER_TOUCH_IPHONE = 33
    # END GENERATED: Instance members


# Its public home, in reprs, tracebacks and pickles (set here, not in `meetctl/__init__.py`, which
# does not import this module).
Instance.__module__ = "meetctl"
