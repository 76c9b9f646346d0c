"""``meetctl.doctor`` against the emulator: all working, a skewed clock, wrong credentials and an
unreachable host, and that nothing it runs changes a meeting or shows a secret."""

import socket

import pytest

import meetctl
from conftest import APP_ID, SECRET_ID, SECRET_KEY, Emulator

ALICE = meetctl.TencentUser(userid="alice", instance=1)


def check(report: meetctl.DoctorReport, name: str) -> meetctl.DoctorCheck:
    return next(c for c in report.checks if c.name == name)


def admin_clock(emu: Emulator, offset_secs: int) -> None:
    import json
    import urllib.request

    request = urllib.request.Request(
        emu.url + "/_emulator/clock",
        data=json.dumps({"offset_secs": offset_secs}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=5).read()


def test_everything_working(emu: Emulator, tencent) -> None:
    before = emu.state()["tencent"]
    huawei = meetctl.HuaweiClient.app_id("demoappid0001", "demo-app-key-0001", base_url=emu.url)
    reports = meetctl.doctor(tencent, huawei, operator=ALICE)
    assert [r.vendor for r in reports] == ["tencent", "huawei"]
    assert all(r.ok for r in reports), reports
    assert [c.name for c in reports[0].checks] == ["route", "dns", "reach", "tls", "clock", "credentials", "permission"]
    assert emu.state()["tencent"] == before, "the doctor changed nothing"


def test_a_skewed_clock_is_named(emu: Emulator, tencent) -> None:
    admin_clock(emu, 400)
    try:
        (report,) = meetctl.doctor(tencent)
    finally:
        admin_clock(emu, 0)
    assert not report.ok
    clock = check(report, "clock")
    assert clock.status == "failed" and "behind" in clock.summary and "5 minutes" in clock.summary
    assert clock.next_step and "clock" in clock.next_step


def test_wrong_credentials(emu: Emulator) -> None:
    client = meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key="wrong-secret-key", base_url=emu.url)
    (report,) = meetctl.doctor(client)
    assert not report.ok and check(report, "credentials").status == "failed"
    assert "wrong-secret-key" not in repr(report) and SECRET_KEY not in repr(report)


def test_an_unreachable_host() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = meetctl.TencentClient(app_id=APP_ID, secret_id=SECRET_ID, secret_key=SECRET_KEY, base_url=f"http://127.0.0.1:{port}")
    (report,) = meetctl.doctor(client)
    assert not report.ok
    assert check(report, "reach").status == "failed" and str(port) in check(report, "reach").summary
    assert check(report, "credentials").status == "skipped"


def test_needs_a_client() -> None:
    with pytest.raises(TypeError):
        meetctl.doctor()
    with pytest.raises(TypeError):
        meetctl.doctor("not a client")  # type: ignore[arg-type]
