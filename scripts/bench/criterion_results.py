"""Reads criterion's results for scripts/bench.sh: the median of a benchmark of a group, refused
unless it was written by the run that has just finished (after the group's start file)."""

import json
import os
import sys


def median_ns(base: str, since_file: str, bench: str) -> float:
    """The median time, in ns, of `bench` in the criterion group directory `base`."""
    path = os.path.join(base, bench, "new", "estimates.json")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(since_file):
        sys.exit(f"bench: no fresh criterion result at {path}")
    with open(path) as f:
        return float(json.load(f)["median"]["point_estimate"])
