"""The Python models run inside the dbt process; what they free must leave it before
the SQL models after them run (models_py.recommender.tables.arrow_memory_from_the_system
for Arrow's pool, freed_memory_to_the_system for the C heap's).
Measured in a fresh interpreter: a frame of movie ids (Arrow strings under pandas 3)
is built and dropped, and the resident memory it leaves behind is read from /proc."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import gc, json, os, sys
import numpy as np, pandas as pd
from models_py.recommender.tables import arrow_memory_from_the_system

def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

if sys.argv[1] == "system":
    arrow_memory_from_the_system()
ids = np.array([f"tt{number:07d}" for number in range(100_000)], dtype=object)
before = resident_mb()
# a neighbour table's shape: 10 million (movie_id, neighbour_id) rows as text
rows = np.arange(10_000_000) % 100_000
frame = pd.DataFrame({"movie_id": ids[rows], "neighbour_id": ids[rows[::-1]]})
assert str(frame["movie_id"].dtype) == "str"
built = resident_mb()
del frame, rows
gc.collect()
print(json.dumps({"built": built - before, "left": resident_mb() - before}))
"""


def measured(script: str, way: str) -> dict:
    """What `script` prints, run in a fresh interpreter with `way` as its argument."""
    completed = subprocess.run(
        [sys.executable, "-c", script, way], cwd=REPO, capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)


def test_a_dropped_frame_of_text_leaves_the_process():
    default, system = measured(SCRIPT, "default"), measured(SCRIPT, "system")
    # two text columns of 10 million 9-character ids, and pandas' work building them:
    # about 450-550 MB (measured)
    assert default["built"] > 300
    assert system["built"] > 300
    # Arrow's default pool keeps most of it once the frame is gone (measured: 85%) ...
    assert default["left"] > 0.6 * default["built"]
    # ... the system allocator gives nearly all of it back (measured: 10% left)
    assert system["left"] < 0.25 * system["built"]


TRIM_SCRIPT = """
import json, os, sys
import numpy as np
from models_py.recommender.tables import freed_memory_to_the_system

def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

big = np.ones(8 * 2**20 // 8)
del big  # a freed 8 MB block raises glibc's mmap threshold: blocks of 1 MB now come from the heap
before = resident_mb()
blocks = [np.ones(2**20 // 8) for _ in range(500)]  # 500 MB in blocks of 1 MB, as the workers make them
last = np.ones(2**20 // 8)  # one block after them stays in use: the heap cannot just shrink
del blocks
held = resident_mb() - before
if sys.argv[1] == "trim":
    freed_memory_to_the_system()
print(json.dumps({"held": held, "left": resident_mb() - before}))
"""


def test_freed_blocks_leave_the_process_after_the_step():
    kept, trimmed = measured(TRIM_SCRIPT, "keep"), measured(TRIM_SCRIPT, "trim")
    # 500 blocks of 1 MB were freed; glibc keeps them (measured: all 500 MB) ...
    assert kept["held"] > 450
    assert kept["left"] > 0.9 * kept["held"]
    # ... until freed_memory_to_the_system hands them back (measured: 0.5 MB left)
    assert trimmed["held"] > 450
    assert trimmed["left"] < 0.1 * trimmed["held"]
