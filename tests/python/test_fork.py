"""``os.fork()`` with a client in use: the child gets its own connection pool and its own token
state, and the parent carries on.

A child used to share its parent's pooled connections (the two processes' requests and answers
could cross on one socket), and a fork while another thread was refreshing a token left the
child waiting for a refresh that no thread of the child would ever finish.

Each scenario runs in a fresh interpreter (forking pytest itself would fork its threads and
plugins): the parent there forks, waits for the child (killing it if it overruns, so that a hang
fails the test instead of hanging it) and prints what both saw as JSON."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from conftest import APP_ID, CONF, HOST_PWD, PARTICIPANT, SECRET_ID, SECRET_KEY, TOKEN_PATH, Emulator

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")


class KeepAliveServer:
    """HTTP/1.1 on loopback, keeping connections open, answering ``{}`` and recording the client
    port (one port per connection) of every request by path."""

    def __init__(self) -> None:
        self.seen: List[Tuple[str, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.seen.append((self.path, self.client_address[1]))
                body = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def ports(self, prefix: str) -> List[int]:
        return [port for path, port in self.seen if path.startswith(prefix)]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def keepalive() -> Iterator[KeepAliveServer]:
    server = KeepAliveServer()
    try:
        yield server
    finally:
        server.stop()


# The parent's side of every scenario: fork, run `child()` there (exit status 0 when it returns
# True), wait at most WAIT seconds for it, and report.
PRELUDE = """
import json, os, sys, threading, time, traceback
import meetctl

WAIT = 15.0

def fork_and_wait(child):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            started = time.monotonic()
            ok = child()
            print(json.dumps({"child_seconds": time.monotonic() - started}), flush=True)
            code = 0 if ok else 1
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = time.monotonic() + WAIT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return "hung"
        time.sleep(0.02)
"""

POOL = PRELUDE + """
url, where = sys.argv[1], sys.argv[2]
client = meetctl.TencentClient(%(app_id)r, %(secret_id)r, %(secret_key)r, base_url=url, timeout=5)
client.request("GET", "/parent/before")

def child():
    for i in range(3):
        assert client.request("GET", "/child/%%d" %% i) == {}
    return True

if where == "main thread":
    status = fork_and_wait(child)
else:
    out = []
    t = threading.Thread(target=lambda: out.append(fork_and_wait(child)))
    t.start()
    t.join()
    status = out[0]
client.request("GET", "/parent/after")
print(json.dumps({"child_status": status}), flush=True)
""" % {"app_id": APP_ID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY}

TOKEN = PRELUDE + """
url = sys.argv[1]
conference = meetctl.HuaweiClient(base_url=url, timeout=4).conference(%(conf)r, password=%(pwd)r)
refreshed = []
refresher = threading.Thread(target=lambda: refreshed.append(conference.control_token()))
refresher.start()
time.sleep(0.5)  # the refresher now waits for the token endpoint, which the emulator holds 3 s

def child():
    conference.mute(%(participant)r)
    return bool(conference.control_token())

status = fork_and_wait(child)
refresher.join()
conference.unmute(%(participant)r)
print(json.dumps({"child_status": status, "parent_refreshed": bool(refreshed)}), flush=True)
""" % {"conf": CONF, "pwd": HOST_PWD, "participant": PARTICIPANT}


def run(script: str, *args: str) -> Dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report: Dict[str, Any] = {}
    for line in done.stdout.splitlines():
        report.update(json.loads(line))
    report["stderr"] = done.stderr
    return report


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_forked_child_has_its_own_connections(keepalive: KeepAliveServer, where: str) -> None:
    report = run(POOL, keepalive.url, where)
    assert report["child_status"] == 0, report["stderr"]
    [parent_before] = keepalive.ports("/parent/before")
    [parent_after] = keepalive.ports("/parent/after")
    child = keepalive.ports("/child/")
    assert len(child) == 3
    assert parent_before not in child, "the child sent on its parent's pooled connection"
    assert len(set(child)) == 1, "the child pools its own connection"
    assert parent_after == parent_before, "the parent keeps its pooled connection"


def test_a_fork_during_a_token_refresh(emu: Emulator) -> None:
    emu.fault(kind="delay", ms=3000, path_prefix=TOKEN_PATH)
    report = run(TOKEN, emu.url)
    assert report["child_status"] == 0, report["stderr"]
    assert report["child_seconds"] < 2, "the child fetched its own token rather than wait for its parent's"
    assert report["parent_refreshed"] is True
    # Parent and child each fetched a control token.
    assert emu.statuses_for(TOKEN_PATH) == [200, 200]
    assert emu.huawei_participant(CONF, PARTICIPANT)["muted"] is False
