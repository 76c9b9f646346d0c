"""A hostile server, from Python: a scripted loopback server answers with broken and malicious
HTTP. Whatever it sends, a call raises one of meetctl's exceptions (never ``PanicException``,
which is not even an ``Exception``) within the call's deadline, and the next call on the same
client reads its own answer.

The server knows nothing of meetctl: it reads each request (head, and a body by its
Content-Length, header names in any case) and writes the bytes of its script. The same cases run
from Rust in crates/meetctl/tests/hostile.rs."""

import io
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, List, Optional, Tuple, Type

import pytest

import meetctl

from conftest import APP_ID, SECRET_ID, SECRET_KEY

DEADLINE = 2.0

# An answer: a function of the connection that writes to it and says whether to keep it open.
Answer = Callable[[socket.socket], bool]


def send(data: bytes, close: bool = False) -> Answer:
    def answer(conn: socket.socket) -> bool:
        conn.sendall(data)
        return not close

    return answer


def trickle(data: bytes, every: float) -> Answer:
    def answer(conn: socket.socket) -> bool:
        try:
            while True:
                for i in range(len(data)):
                    conn.sendall(data[i : i + 1])
                    time.sleep(every)
        except OSError:
            return False

    return answer


def silence(conn: socket.socket) -> bool:
    try:
        while conn.recv(1024):
            pass
    except OSError:
        pass
    return False


def good(tag: str) -> Answer:
    body = b'{"own":"%s"}' % tag.encode()
    return send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))


def read_request(stream: io.BufferedIOBase) -> bool:
    """Reads one request, head and body; False at the end of the connection."""
    length = 0
    while True:
        line = stream.readline()
        if not line:
            return False
        if line == b"\r\n":
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or b"0")
    return len(stream.read(length)) == length if length else True


class HostileServer:
    """Answers the n-th request (over every connection) with script[n]; after the script, it
    closes the connection. With ``tls``, the connection is wrapped first."""

    def __init__(self, script: List[Answer], tls: Optional[ssl.SSLContext] = None) -> None:
        self.script = list(script)
        self.requests = 0
        self.lock = threading.Lock()
        self.tls = tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn: socket.socket) -> None:
        try:
            if self.tls:
                conn = self.tls.wrap_socket(conn, server_side=True)
            reader = conn.makefile("rb")
            while read_request(reader):
                with self.lock:
                    self.requests += 1
                    answer = self.script.pop(0) if self.script else None
                if answer is None or not answer(conn):
                    break
        except (OSError, ssl.SSLError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def servers() -> Iterator[List[HostileServer]]:
    started: List[HostileServer] = []
    yield started
    for s in started:
        s.close()


def client(url: str, **kwargs: object) -> meetctl.TencentClient:
    return meetctl.TencentClient(
        APP_ID, SECRET_ID, SECRET_KEY, base_url=url, timeout=DEADLINE, proxy=False, max_attempts=1, **kwargs
    )


MALFORMED: Tuple[Type[BaseException], ...] = (meetctl.MalformedResponse,)
MALFORMED_OR_CUT: Tuple[Type[BaseException], ...] = (meetctl.MalformedResponse, meetctl.ConnectError)
TIMEOUT: Tuple[Type[BaseException], ...] = (meetctl.Timeout,)


def chunked(body: str) -> bytes:
    return b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body.encode()


CASES = [
    # Conflicting or impossible lengths; the body is whole for either framing.
    ("length and chunked", send(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"), MALFORMED),
    ("two lengths", send(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), MALFORMED),
    ("signed length", send(b"HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\n{}"), MALFORMED),
    ("length over u64", send(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n{}"), MALFORMED),
    ("unknown coding", send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n{}"), MALFORMED),
    # Chunk sizes that overflow (the first crashed the call with PanicException).
    ("chunk size after a byte", send(chunked("1\r\n{\r\nffffffffffffffff\r\n}\r\n0\r\n\r\n"), close=True), MALFORMED_OR_CUT),
    ("chunk size over u64", send(chunked("10000000000000000\r\n{}\r\n0\r\n\r\n"), close=True), MALFORMED_OR_CUT),
    ("negative chunk size", send(chunked("-1\r\n{}\r\n0\r\n\r\n"), close=True), MALFORMED_OR_CUT),
    # Over the caps: head, body (the default cap is 1 MiB), trailers.
    ("long header", send(b"HTTP/1.1 200 OK\r\nX-Long: " + b"h" * 80 * 1024 + b"\r\nContent-Length: 2\r\n\r\n{}", close=True), MALFORMED_OR_CUT),
    ("many headers", send(b"HTTP/1.1 200 OK\r\n" + b"X-Many: m\r\n" * 10000 + b"Content-Length: 2\r\n\r\n{}", close=True), MALFORMED_OR_CUT),
    ("body over the cap", send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (2 << 20) + b"b" * (2 << 20), close=True), MALFORMED_OR_CUT),
    ("trailers", send(chunked("2\r\n{}\r\n0\r\n" + "X-T: t\r\n" * 20000 + "\r\n"), close=True), MALFORMED_OR_CUT),
    # Bodies that are not what a JSON reader can take.
    ("deep JSON", send(b"HTTP/1.1 200 OK\r\nContent-Length: 400000\r\n\r\n" + b"[" * 200000 + b"]" * 200000), MALFORMED),
    ("invalid UTF-8", send(b'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n{"own":"\xff\xfe"}'), MALFORMED),
    ("not HTTP", send(b"SSH-2.0-OpenSSH_9.2\r\n\r\n", close=True), MALFORMED_OR_CUT),
    ("binary", send(bytes(range(256)) * 16, close=True), MALFORMED_OR_CUT),
    # Time: every one ends by the call's deadline.
    ("endless 100 Continue", trickle(b"HTTP/1.1 100 Continue\r\n\r\n", 0.0002), (meetctl.MalformedResponse, meetctl.Timeout)),
    ("trickled head", trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ", 0.02), (meetctl.MalformedResponse, meetctl.Timeout)),
    ("silence", silence, TIMEOUT),
    ("promised body", send(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"), TIMEOUT),
]


@pytest.mark.parametrize("name,hostile,raises", CASES, ids=[c[0] for c in CASES])
def test_a_hostile_answer_is_an_error_by_the_deadline_and_the_next_call_reads_its_own(
    servers: List[HostileServer], name: str, hostile: Answer, raises: Tuple[Type[BaseException], ...]
) -> None:
    server = HostileServer([hostile, good(name)])
    servers.append(server)
    tc = client(server.url)
    started = time.monotonic()
    with pytest.raises(raises):
        tc.request("GET", "/v1/hostile")
    assert time.monotonic() - started < DEADLINE + 0.5
    assert tc.request("GET", "/v1/hostile") == {"own": name}


def test_a_second_answer_smuggled_after_the_first_is_never_read_as_the_next_one(servers: List[HostileServer]) -> None:
    smuggled = b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n{"own":"forged"}'
    server = HostileServer([send(smuggled), good("second")])
    servers.append(server)
    tc = client(server.url)
    assert tc.request("GET", "/v1/hostile") == {}
    time.sleep(0.05)  # the forged answer is waiting on the connection before the next request
    assert tc.request("GET", "/v1/hostile") == {"own": "second"}
    assert server.requests == 2


def test_a_redirect_is_an_answer_and_not_followed(servers: List[HostileServer]) -> None:
    elsewhere = HostileServer([good("elsewhere")])
    redirect = f"HTTP/1.1 302 Found\r\nLocation: {elsewhere.url}/v1/stolen\r\nContent-Length: 0\r\n\r\n".encode()
    server = HostileServer([send(redirect), good("after")])
    servers.extend([elsewhere, server])
    tc = client(server.url)
    with pytest.raises(meetctl.ApiError) as raised:
        tc.request("GET", "/v1/hostile")
    assert raised.value.status == 302
    assert tc.request("GET", "/v1/hostile") == {"own": "after"}
    assert elsewhere.requests == 0


def test_tls_closed_without_close_notify_is_not_a_whole_answer(servers: List[HostileServer], tmp_path: Path) -> None:
    """An answer framed by the end of the connection must end with TLS's close_notify: a bare TCP
    close could be an attacker cutting the answer short (a truncation attack)."""
    ca_pem, cert, key = make_certificates(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def cut_without_close_notify(conn: socket.socket) -> bool:
        conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"own":"cut"}')
        raw = socket.socket(fileno=conn.detach())  # the TLS layer is dropped, not shut down
        raw.close()
        return False

    server = HostileServer([cut_without_close_notify, good("tls")], tls=context)
    servers.append(server)
    tc = client(server.url, extra_ca_pem=Path(ca_pem).read_bytes())
    with pytest.raises((meetctl.ConnectError, meetctl.MalformedResponse, meetctl.TlsError)):
        tc.request("GET", "/v1/hostile")
    assert tc.request("GET", "/v1/hostile") == {"own": "tls"}


def make_certificates(d: Path) -> Tuple[str, str, str]:
    """A test CA and a certificate for 127.0.0.1 signed by it, made with openssl."""
    ca_key, ca_pem, key, csr, pem, ext = (str(d / n) for n in ("ca.key", "ca.pem", "s.key", "s.csr", "s.pem", "s.ext"))
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    run("req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "2", "-subj", "/CN=meetctl hostile CA")
    run("req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial", "-out", pem, "-days", "2", "-extfile", ext)
    return ca_pem, pem, key
