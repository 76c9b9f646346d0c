"""`import meetctl` time and the package's size, for scripts/bench.sh import.

    bench_import.py --python VENV/bin/python [--wheel WHEEL] [--runs 11]

- `PY -X importtime -c "import meetctl"`, RUNS times: the cumulative microseconds of the
  top-level `meetctl` line, median (target < 5 ms); the heaviest modules it pulls in, from the
  median run;
- its floor, what `PY -c pass` imports at startup (the same -X importtime figure: its top-level
  cumulative lines summed), median of RUNS, and the ratio;
- wall time of `PY -c "import meetctl"` against `PY -c pass`, 31 runs alternated, medians: the
  extra milliseconds and the ratio (process start-up is noisy: a few ms either way);
- the installed package's size (du of site-packages/meetctl) and the wheel's.

Runs from a scratch directory, so only the installed package can be imported. Prints one
`RESULT <key> <value> <target>` line per figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import List, Optional, Tuple


def result(key: str, value: float, target: str = "-", fmt: str = "{:.2f}") -> None:
    print(f"RESULT {key} {fmt.format(value)} {target}", flush=True)


def importtime_rows(python: str, code: str, cwd: str) -> List[Tuple[int, int, str]]:
    """`-X importtime`'s lines for `PY -c CODE` as (self µs, cumulative µs, indented name)."""
    err = subprocess.run(
        [python, "-X", "importtime", "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    ).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|", 2)
        rows.append((int(self_us), int(cumulative), name.rstrip()))
    return rows


def is_top_level(name: str) -> bool:
    return name.startswith(" ") and not name.startswith("  ")


def startup_us(python: str, cwd: str) -> int:
    """The floor: all that `PY -c pass` imports at startup (its top-level cumulative lines, summed)."""
    return sum(cum for _, cum, name in importtime_rows(python, "pass", cwd) if is_top_level(name))


def importtime(python: str, cwd: str) -> Tuple[int, List[Tuple[int, int, str]]]:
    """The cumulative µs of the top-level meetctl import, and every line as (self, cumulative, name)."""
    rows = importtime_rows(python, "import meetctl", cwd)
    top: Optional[int] = None
    for _, cumulative, name in rows:
        if name.strip() == "meetctl" and is_top_level(name):
            top = cumulative
    if top is None:
        raise RuntimeError("no top-level meetctl line in -X importtime's output")
    return top, rows


def wall_ms(argv: List[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True)
    return (time.perf_counter() - start) * 1e3


def du_kib(path: str) -> int:
    out = subprocess.run(["du", "-sk", path], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True)
    ap.add_argument("--wheel")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--wall-runs", type=int, default=31, help="process wall times are noisier")
    opts = ap.parse_args()

    with tempfile.TemporaryDirectory() as cwd:
        # One untimed run of each, so the first timed one does not pay for cold caches.
        importtime(opts.python, cwd)
        wall_ms([opts.python, "-c", "pass"], cwd)

        runs = []
        startups = []
        for _ in range(opts.runs):
            startups.append(startup_us(opts.python, cwd))
            runs.append(importtime(opts.python, cwd))
        cumulative = sorted(r[0] for r in runs)
        startup_median = statistics.median(startups)
        median_us = statistics.median(cumulative)
        median_run = min(runs, key=lambda r: abs(r[0] - median_us))

        walls_import: List[float] = []
        walls_pass: List[float] = []
        for _ in range(opts.wall_runs):
            walls_pass.append(wall_ms([opts.python, "-c", "pass"], cwd))
            walls_import.append(wall_ms([opts.python, "-c", "import meetctl"], cwd))

        location = subprocess.run(
            [opts.python, "-c", "import meetctl, os; print(os.path.dirname(meetctl.__file__))"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    print(
        f"import meetctl (-X importtime, cumulative, {opts.runs} runs): median {median_us / 1e3:.2f} ms"
        f" (min {cumulative[0] / 1e3:.2f}, max {cumulative[-1] / 1e3:.2f}) [target < 5 ms]"
    )
    print(
        f"floor: what `python -c pass` imports at startup (-X importtime, top-level cumulative summed):"
        f" median {startup_median / 1e3:.2f} ms; import meetctl / that {median_us / startup_median:.2f}x"
    )
    # The heaviest modules under meetctl in the median run (self time), to see where it goes.
    rows = median_run[1]
    end = max(i for i, (_, _, name) in enumerate(rows) if name.strip() == "meetctl" and not name.startswith("  "))
    start = end
    while start > 0 and rows[start - 1][2].startswith("   "):
        start -= 1
    heavy = sorted(rows[start : end + 1], key=lambda r: -r[0])[:6]
    print("  heaviest (self µs): " + ", ".join(f"{name.strip()} {s}" for s, _, name in heavy))

    p_import = statistics.median(walls_import)
    p_pass = statistics.median(walls_pass)
    print(
        f"wall time ({opts.wall_runs} runs each): python -c 'import meetctl' {p_import:.1f} ms,"
        f" python -c pass {p_pass:.1f} ms (medians):"
        f" +{p_import - p_pass:.1f} ms, {p_import / p_pass:.2f}x"
    )
    pycache = os.path.isdir(os.path.join(location, "__pycache__"))
    print(f"installed at {location} ({'with' if pycache else 'WITHOUT'} __pycache__)")
    installed = du_kib(location)
    print(f"installed package: {installed} KiB (du -sk)")
    result("import.importtime_ms", median_us / 1e3, "<5")
    result("import.startup_imports_ms", startup_median / 1e3)
    result("import.over_startup_imports", median_us / startup_median)
    result("import.wall_extra_ms", p_import - p_pass)
    result("import.wall_ratio", p_import / p_pass)
    result("size.installed_kib", installed, fmt="{:.0f}")
    if opts.wheel:
        wheel_kib = os.path.getsize(opts.wheel) / 1024
        print(f"wheel: {os.path.basename(opts.wheel)} {wheel_kib:.0f} KiB")
        result("size.wheel_kib", wheel_kib, fmt="{:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
