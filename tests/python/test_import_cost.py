"""What `import meetctl` imports: neither `typing` (annotations are for type checkers), nor `enum`
(`meetctl.Instance` is made on first use), nor `logging` (the bridge of the core's log records
imports it at the first record it hands over), nor `meetctl.testing` or the pytest plugin. Each test runs a fresh interpreter, since this
one has long imported all three. Nothing here is timed."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, List

import pytest

from conftest import APP_ID, SECRET_ID, SECRET_KEY, Emulator


def run_child(code: str, cwd: Path, *args: str) -> Any:
    """Runs `code` in a fresh interpreter (outside the source tree) and returns the JSON it prints
    last."""
    run = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert "Exception ignored" not in run.stderr, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


IMPORT_ONLY = """
import json, sys
before = set(sys.modules)
import meetctl
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_import_meetctl_leaves_out_typing_enum_and_logging(tmp_path: Path) -> None:
    imported = run_child(IMPORT_ONLY, tmp_path)
    assert "meetctl" in imported and "meetctl._meetctl" in imported, imported
    assert [m for m in ("typing", "enum", "logging", "meetctl._enums") if m in imported] == []
    # Nor the test helpers: the emulator harness and the pytest plugin (loaded by pytest only).
    assert [m for m in ("meetctl.testing", "meetctl._pytest_plugin", "pytest", "subprocess") if m in imported] == []


INSTANCE_ON_FIRST_USE = """
import json, pickle, sys
import meetctl

report = {}
# The compiled module may be the first to need the enum (a TencentUser's instance) ...
user = meetctl.TencentUser(userid="alice", instance=4)
report["from_native"] = repr(user.instance)
# ... and `meetctl.Instance` is then that same class.
report["same_class"] = type(user.instance) is meetctl.Instance and user.instance is meetctl.Instance.IOS
from meetctl import Instance
namespace = {}
exec("from meetctl import *", namespace)
report["star"] = namespace["Instance"] is Instance is meetctl.Instance
report["dir"] = "Instance" in dir(meetctl)
report["module"] = Instance.__module__
report["pickle"] = pickle.loads(pickle.dumps(Instance.MAC)) is Instance.MAC
import enum
report["intenum"] = issubclass(Instance, enum.IntEnum) and Instance(4) is Instance.IOS and Instance.IOS == 4
report["members"] = [(m.name, int(m)) for m in Instance][:3]
try:
    meetctl.NoSuchName
except AttributeError as e:
    report["missing"] = str(e)
print(json.dumps(report))
"""


def test_instance_made_on_first_use_is_the_int_enum(tmp_path: Path) -> None:
    report = run_child(INSTANCE_ON_FIRST_USE, tmp_path)
    assert report == {
        "from_native": "<Instance.IOS: 4>",
        "same_class": True,
        "star": True,
        "dir": True,
        "module": "meetctl",
        "pickle": True,
        "intenum": True,
        "members": [["PC", 1], ["MAC", 2], ["ANDROID", 3]],
        "missing": "module 'meetctl' has no attribute 'NoSuchName'",
    }


# A client made before `logging` is imported, then a handler on `meetctl` and two calls that fail
# (an unknown meeting): each exchange's DEBUG record reaches the handler, on the thread that
# made the call.
FIRST_RECORD = """
import json, sys
import meetctl

url, where, app_id, secret_id, secret_key = sys.argv[1:]
client = meetctl.TencentClient(app_id, secret_id, secret_key, base_url=url, max_attempts=1)
host = meetctl.TencentUser(ms_open_id="afagsagwags", instance=4)
bob = meetctl.TencentUser(ms_open_id="agaqwwgdkkddd", instance=2)

import logging, threading

records = []

class Keep(logging.Handler):
    def emit(self, record):
        records.append([record.name, record.levelno, record.getMessage(), threading.current_thread().name])

logging.getLogger("meetctl").addHandler(Keep())
logging.getLogger("meetctl").setLevel(logging.DEBUG)
outcome = []

def call():
    for _ in range(2):
        try:
            client.close_video("999999999", host, bob)
        except meetctl.NotFound as e:
            outcome.append(type(e).__name__)

if where == "thread":
    caller = threading.Thread(target=call, name="caller")
    caller.start()
    caller.join()
else:
    call()
print(json.dumps({"outcome": outcome, "records": records}))
"""


@pytest.mark.parametrize("where", ["main", "thread"])
def test_first_record_reaches_the_meetctl_logger(emu: Emulator, tmp_path: Path, where: str) -> None:
    report = run_child(FIRST_RECORD, tmp_path, emu.url, where, APP_ID, SECRET_ID, SECRET_KEY)
    assert report["outcome"] == ["NotFound", "NotFound"]
    records: List[List[Any]] = report["records"]
    assert len(records) == 2, records
    for name, level, message, thread in records:
        assert (name, level, thread) == ("meetctl.transport", 10, "MainThread" if where == "main" else "caller")
        assert re.fullmatch(r"PUT /v1/real-control/meetings/999999999/video -> 400 in \d+ ms", message), message
