"""``meetctl.doctor``: whether clients can work at all, in plain words, each check with what to do
next. The checks are the core's (the same as ``meetctl doctor``); nothing they send changes a
meeting."""

from __future__ import annotations

from ._meetctl import HuaweiClient, TencentClient
from ._records import DoctorReport

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Optional, Tuple, Union

    from ._meetctl import TencentUser


def doctor(
    *clients: Union[TencentClient, HuaweiClient], operator: Optional[TencentUser] = None
) -> Tuple[DoctorReport, ...]:
    """Checks each client and returns one :class:`DoctorReport` per client, in order.

    For each: the route (which proxy, if any, and why), DNS, reaching the host and TLS, this
    machine's clock against the server's ``Date`` header (Tencent refuses signatures made more
    than 5 minutes off), whether the credentials are accepted, and the permission the app lacks
    if the answer says so. ``report.ok`` is true when no check failed; each check has ``name``,
    ``status`` (``"ok"``, ``"warning"``, ``"failed"``, ``"skipped"``), ``summary`` and
    ``next_step``. ``operator`` is the Tencent user the read-only lookup is asked by (a user of
    the app; without one, a user id no one has, which the vendor refuses only after checking the
    signature). The GIL is released while each check waits.
    """
    if not clients:
        raise TypeError("doctor() needs at least one TencentClient or HuaweiClient")
    reports = []
    for client in clients:
        if isinstance(client, TencentClient):
            reports.append(DoctorReport._from_value(client.doctor_raw(operator)))
        elif isinstance(client, HuaweiClient):
            reports.append(DoctorReport._from_value(client.doctor_raw()))
        else:
            raise TypeError(f"doctor() checks TencentClient and HuaweiClient, not {type(client).__name__}")
    return tuple(reports)
