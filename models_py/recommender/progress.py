"""Progress of a long neighbour step, printed to stderr (dbt shows nothing until a model ends)."""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Iterator


class StageLog:
    """Prints each stage of a long neighbour step to stderr: its seconds and the
    process's memory now and at its peak (the dbt process: DuckDB's buffers and the
    Python model together). Quiet until `quiet_seconds` have passed since the start,
    so small builds print nothing."""

    def __init__(self, quiet_seconds: float = 20.0):
        self.quiet_seconds = quiet_seconds
        self.started = self.last = time.monotonic()

    def done(self, stage: str) -> None:
        now = time.monotonic()
        if now - self.started >= self.quiet_seconds:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
            print(
                f"neighbours: {stage} took {now - self.last:.0f} s; memory {resident_gb():.1f} GB, peak {peak:.1f} GB",
                file=sys.stderr,
                flush=True,
            )
        self.last = now


def resident_gb() -> float:
    """The process's resident memory in GB (NaN where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:  # Linux: pages, resident pages, ...
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30
    except OSError:
        return float("nan")


def with_progress(results: Iterator, total: int, *, every_seconds: float = 30.0) -> Iterator:
    """Pass results through, printing progress to stderr every `every_seconds` on long
    runs (a million films take minutes)."""
    started = last = time.monotonic()
    for done, result in enumerate(results, 1):
        now = time.monotonic()
        if now - last >= every_seconds and done < total:
            last = now
            remaining = (now - started) / done * (total - done)
            print(
                f"neighbours: {done:,} of {total:,} blocks, about {remaining:.0f} s left", file=sys.stderr, flush=True
            )
        yield result
