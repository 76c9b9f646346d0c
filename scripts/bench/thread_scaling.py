"""1 thread against 8 for the raw socket loop and meetctl from Rust, next to Python's figure.

    thread_scaling.py RATES PYTHON_LOG KEY

RATES holds the `THREADS <floor|meetctl> <threads> <calls/s>` lines of the transport bench
(crates/meetctl/benches/transport.rs, MEETCTL_BENCH_MODE=threads), several rounds; PYTHON_LOG the
`RESULT python.KEY_...` lines of bench_python.py for the same placement. Prints, from the medians
of the rounds, each client's 8 over 1 and how Python compares, and one `RESULT KEY.<figure>` line
per figure (for information: no target).
"""

import statistics
import sys


def main() -> int:
    rates_path, python_log, key = sys.argv[1:4]
    rates: dict = {}
    for line in open(rates_path):
        if line.startswith("THREADS "):
            _, client, threads, rate = line.split()
            rates.setdefault((client, int(threads)), []).append(float(rate))
    python = {}
    for line in open(python_log):
        if line.startswith(f"RESULT python.{key}_"):
            name, value = line.split()[1:3]
            python[name.removeprefix(f"python.{key}_")] = float(value)
    medians = {}
    for client, label, short in (("floor", "raw socket loop", "floor"), ("meetctl", "meetctl (Rust)", "rust")):
        one, eight = statistics.median(rates[(client, 1)]), statistics.median(rates[(client, 8)])
        medians[client] = (one, eight)
        print(f"{label:<16} 1 thread {one:8.0f} calls/s, 8 threads {eight:8.0f} calls/s: {eight / one:.2f}x")
        print(f"RESULT {key}.{short}_8_over_1 {eight / one:.3f} -")
    floor_one, floor_eight = medians["floor"]
    share_of_scaling = python["8_over_1"] / (floor_eight / floor_one)
    share_of_calls = python["calls_per_s_8"] / floor_eight
    print(
        f"Python's 8/1 ({python['8_over_1']:.2f}x) is {share_of_scaling:.2f} of the raw socket loop's;"
        f" 8 Python threads make {share_of_calls:.2f} of its 8 threads' calls/s"
    )
    print(f"RESULT {key}.python_share_of_floor {share_of_scaling:.3f} -")
    print(f"RESULT {key}.python_8_share_of_floor_8 {share_of_calls:.3f} -")
    return 0


if __name__ == "__main__":
    sys.exit(main())
