"""The NCSN score network, its training step and annealed Langevin sampling in PyTorch eager.

WORKLOADS.md: (x₁, x₂, log σ) → Linear(3,128) → SiLU → Linear(128,128) → SiLU →
Linear(128,128) → SiLU → Linear(128,2); s(x, σ) = f(x, log σ)/σ; float32; PyTorch's default
initialisation (nn.Linear: Kaiming-uniform with a = √5, bias U(±1/√fan_in)).
"""

import math

import torch
from torch import nn

import peercommon


class ScoreNetwork(nn.Module):
    """f(x, log σ), 33,794 parameters."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(3, 128), nn.SiLU(),
            nn.Linear(128, 128), nn.SiLU(),
            nn.Linear(128, 128), nn.SiLU(),
            nn.Linear(128, 2),
        )

    def forward(self, x, log_sigma):
        """f(x, log σ) for x of shape (B, 2) and log σ of shape (B, 1)."""
        return self.layers(torch.cat((x, log_sigma), dim=1))


class Trainer:
    """Adam (lr 1e-3, β = (0.9, 0.999)) on ½·mean‖σ·s(x̃, σ) + z‖², batch drawn with replacement."""

    def __init__(self, data, seed):
        torch.manual_seed(seed)
        self.network = ScoreNetwork()
        self.optimizer = torch.optim.Adam(
            self.network.parameters(), lr=peercommon.LEARNING_RATE, betas=(0.9, 0.999))
        self.data = torch.as_tensor(data, dtype=torch.float32)
        self.levels = torch.tensor(peercommon.noise_levels(), dtype=torch.float32)
        self.generator = torch.Generator().manual_seed(seed + 1)

    def step(self):
        """One training step; returns the loss tensor."""
        batch = peercommon.BATCH_SIZE
        indices = torch.randint(0, self.data.shape[0], (batch,), generator=self.generator)
        level_indices = torch.randint(0, self.levels.shape[0], (batch,), generator=self.generator)
        sigma = self.levels[level_indices].unsqueeze(1)
        z = torch.randn(batch, 2, generator=self.generator)
        perturbed = self.data[indices] + sigma * z
        score = self.network(perturbed, torch.log(sigma)) / sigma
        loss = 0.5 * ((sigma * score + z) ** 2).sum(dim=1).mean()
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return loss


def sample_annealed(network, particles, mean, seed, steps_per_level=peercommon.LANGEVIN_STEPS_PER_LEVEL):
    """Annealed Langevin from N(mean, σ₁²I): x ← x + (αᵢ/2)·s(x, σᵢ) + √αᵢ·z, αᵢ = ε·σᵢ²/σ_L²."""
    generator = torch.Generator().manual_seed(seed)
    levels = peercommon.noise_levels()
    smallest = levels[-1]
    with torch.inference_mode():
        x = torch.randn(particles, 2, generator=generator) * levels[0]
        x += torch.as_tensor(mean, dtype=torch.float32)
        noise = torch.empty(particles, 2)
        for sigma in levels:
            alpha = peercommon.LANGEVIN_EPSILON * sigma * sigma / (smallest * smallest)
            log_sigma = torch.full((particles, 1), math.log(sigma))
            for _ in range(steps_per_level):
                score = network(x, log_sigma) / sigma
                x.add_(score, alpha=alpha / 2)
                noise.normal_(generator=generator)
                x.add_(noise, alpha=math.sqrt(alpha))
    return x
