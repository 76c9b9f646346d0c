"""What the Ctrl-C mechanism costs per call (not a test: run it by hand).

On Python's main thread a blocking call runs on a kept worker thread while the main thread waits
in slices, running signal handlers between them (crates/meetctl-py/src/blocking.rs); on any other
thread the same call runs in place with the GIL released. So the same calls timed on the main
thread (with the mechanism) and on a second thread (without it) differ by the mechanism's cost.

    python tests/python/bench_interrupt.py [ROUNDS] [CALLS_PER_ROUND]

with the package installed and the emulator built (as for the tests; $MEETCTL_EMULATOR or
target/debug/meetctl-emulator; a release build, `cargo build --release -p meetctl-emulator`, answers
faster and so measures more finely). Two calls are timed, in alternating rounds:

* ``HuaweiClient.access_token()`` of a client without account authentication: a core call that
  returns at once, without the network (the mechanism alone);
* ``HuaweiConference.mute()`` against the emulator on loopback (a real HTTP exchange).

Prints the median per-call time of each, on each thread, the median of the paired differences,
and the best round of each (the least disturbed by other work on the machine).
"""

import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meetctl  # noqa: E402
from conftest import CONF, DEMO_SCENARIO, HOST_PWD, PARTICIPANT, Emulator  # noqa: E402


def per_call_ns(work: Callable[[], object], calls: int) -> float:
    started = time.perf_counter_ns()
    for _ in range(calls):
        work()
    return (time.perf_counter_ns() - started) / calls


def on_other_thread(work: Callable[[], object], calls: int) -> float:
    out: List[float] = []
    t = threading.Thread(target=lambda: out.append(per_call_ns(work, calls)))
    t.start()
    t.join()
    return out[0]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    calls = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    emu = Emulator(DEMO_SCENARIO)
    try:
        offline = meetctl.HuaweiClient(base_url=emu.url)
        conf = meetctl.HuaweiClient(base_url=emu.url).conference(CONF, password=HOST_PWD)
        conf.control_token()
        cases: Dict[str, Callable[[], object]] = {
            "access_token() without the network": offline.access_token,
            "HuaweiConference.mute() against the emulator": lambda: conf.mute(PARTICIPANT),
        }
        for name, work in cases.items():
            n = calls if "without" in name else max(calls // 10, 50)
            per_call_ns(work, n)  # warm up: the worker thread, the connection
            on_other_thread(work, n)
            main_ns: List[float] = []
            other_ns: List[float] = []
            for _ in range(rounds):
                main_ns.append(per_call_ns(work, n))
                other_ns.append(on_other_thread(work, n))
            m, o = statistics.median(main_ns), statistics.median(other_ns)
            paired = statistics.median(a - b for a, b in zip(main_ns, other_ns))
            print(
                f"{name}: main thread (mechanism) {m / 1000:.2f} us, other thread (none) {o / 1000:.2f} us; "
                f"cost {paired / 1000:+.2f} us per call (median of {rounds} paired rounds of {n} calls); "
                f"best rounds {min(main_ns) / 1000:.2f} vs {min(other_ns) / 1000:.2f} us, "
                f"{(min(main_ns) - min(other_ns)) / 1000:+.2f} us"
            )
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
