"""The metrics' noise floor: moons-heldout-5k against the first 5,000 points of moons-10k.

Two independent draws of the data; prints one JSON line. Also a check of metrics.py against
`scoreviz eval` on the same two files.
"""

import peercommon

import metrics  # noqa: E402

first = peercommon.load_points("moons-10k.csv")[:5_000]
held_out = peercommon.load_points("moons-heldout-5k.csv")
peercommon.emit({
    "workload": "noise-floor", "peer": "numpy",
    "energy_distance": metrics.energy_distance(first, held_out),
    "sliced_w2": metrics.sliced_wasserstein(first, held_out),
})
