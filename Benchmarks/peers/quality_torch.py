"""`quality` peer: train the NCSN 5,000 steps in PyTorch eager, sample 5,000 particles, compare.

Trains on moons-10k (already standardised, so no further scaling) at --threads threads, draws
particles by annealed Langevin from N(data mean, σ₁²I), and prints one JSON line with the
energy distance and sliced W2 against moons-heldout-5k, the training wall time and the
sampling wall time. With --ema D the particles are drawn with the exponential moving average
of the weights, θ̄ ← D·θ̄ + (1 − D)·θ after every step from θ̄ = the initial weights (as
`scoreviz train --ema D`); its update is inside the timed training loop.
"""

import argparse
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--steps", type=int, default=5_000)
parser.add_argument("--particles", type=int, default=5_000)
parser.add_argument("--ema", type=float, default=None, help="sample from the weights' moving average")
parser.add_argument("--quick", action="store_true", help="200 steps, 1,000 particles, 10 steps per level")
args = parser.parse_args()
steps_per_level = peercommon.LANGEVIN_STEPS_PER_LEVEL
if args.quick:
    args.steps, args.particles, steps_per_level = 200, 1_000, 10
peercommon.limit_threads(args.threads)

import numpy  # noqa: E402
import torch  # noqa: E402

import metrics  # noqa: E402
import torchncsn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
data = peercommon.load_points("moons-10k.csv")
held_out = peercommon.load_points("moons-heldout-5k.csv")
trainer = torchncsn.Trainer(data, seed=args.seed)
average = None
if args.ema is not None:
    average = torchncsn.ScoreNetwork()
    average.load_state_dict(trainer.network.state_dict())
    averaged = [(a, p) for a, p in zip(average.parameters(), trainer.network.parameters())]
start = time.perf_counter()
for _ in range(args.steps):
    loss = trainer.step()
    if average is not None:
        with torch.no_grad():
            for a, p in averaged:
                a.mul_(args.ema).add_(p, alpha=1 - args.ema)
final_loss = loss.item()
train_seconds = time.perf_counter() - start
start = time.perf_counter()
particles = torchncsn.sample_annealed(
    average if average is not None else trainer.network, args.particles, data.mean(axis=0), seed=args.seed, steps_per_level=steps_per_level)
sample_seconds = time.perf_counter() - start
drawn = particles.numpy().astype(numpy.float64)
peercommon.emit({
    "workload": "quality", "peer": "pytorch-eager", "version": torch.__version__,
    "seed": args.seed, "threads": args.threads, "cpus": peercommon.affinity(),
    "steps": args.steps, "ema": args.ema, "particles": args.particles, "final_loss": final_loss,
    "train_seconds": train_seconds, "sample_seconds": sample_seconds,
    "energy_distance": metrics.energy_distance(drawn, held_out),
    "sliced_w2": metrics.sliced_wasserstein(drawn, held_out),
})
