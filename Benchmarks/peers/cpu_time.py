"""Runs a peer with its timer measuring the process's CPU time instead of the wall clock.

Usage: cpu_time.py PEER.py [PEER OPTIONS]. The peers time their runs with
`time.perf_counter`; this replaces it with `time.process_time` before running the peer, so
that at one thread the reported seconds do not grow when other programs share the core.
"""

import runpy
import sys
import time

time.perf_counter = time.process_time
script = sys.argv[1]
sys.path.insert(0, script.rsplit("/", 1)[0] if "/" in script else ".")
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
