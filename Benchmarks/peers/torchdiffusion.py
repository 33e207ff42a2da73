"""The SDE and ODE samplers and the ODE likelihood of MATH.md §6 in PyTorch eager.

The network is torchncsn's (x₁, x₂, log σ) → 3×128 SiLU MLP with s(x, σ) = f(x, log σ)/σ, in
the standardised coordinates it was trained in. Every function is indexed by σ, the VE noise
level, over Karras' steps σᵢ = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, ρ = 7.

- VE: the state is x; ∇log p_σ(x) = s(x, σ).
- VP: the state is y = α x with α = 1/√(1+σ²); ∇log p_σ(y) = (1/α)·s(y/α, σ).

Samplers (one batched call of the score is one function evaluation, NFE):
- `sde`: reverse Euler–Maruyama. VE: x ← x + d·s + √d·z with d = σᵢ² − σᵢ₊₁². VP (forward
  dy = −½βy dt + √β dW, and β dt = d log(1+σ²)): y ← y + b·(½y + ŝ) + √b·z with
  b = log((1+σᵢ²)/(1+σᵢ₊₁²)), the exact ∫β over the step. n − 1 NFE.
- `pc`: each `sde` step followed by M Langevin steps at σᵢ₊₁, y ← y + δŝ + √(2δ)·z with
  δ = 2(r·‖z‖/‖ŝ‖)², each norm the mean over the particles of their own norms (score_sde).
  (n − 1)(1 + M) NFE.
- `ode`: Euler on the probability-flow ODE, dx/dσ = −σ s(x, σ) (VE) or, for y = αx,
  dy/dσ = −σα²(y + ŝ(y, σ)) (VP). n − 1 NFE.
- `heun`: the same ODE by Heun's method, the last step Euler (Karras et al. 2022). 2n − 3 NFE.

Samplers start from the end density N(0, (1+σ_max²)I) of standardised data (VP: y = α_max x,
so N(0, I)). The likelihood runs the ODE from σ_min up to σ_max by Heun's method (every step
second order), carrying d log p/dσ = −∇·F, with the exact 2-D trace of ∇s from two autograd
passes, one per output coordinate, as PyTorch users write it.

`python torchdiffusion.py --self-test` checks all of this against closed forms for Gaussian
data N(0, vI), whose score s(x, σ) = −x/(v+σ²) is known, and exits 1 on any failure.
"""

import math
import os

import torch

import torchncsn

RHO = 7.0
PROCESSES = ("ve", "vp")
SAMPLERS = ("sde", "pc", "ode", "heun")
DEFAULT_SNR = 0.16
DEFAULT_CORRECTOR_STEPS = 1


def karras_sigmas(sigma_max, sigma_min, count, rho=RHO):
    """`count` noise levels from σ_max down to σ_min (Python floats, the ends exact)."""
    if count < 1:
        raise ValueError("at least one noise level")
    if not 0 < sigma_min <= sigma_max:
        raise ValueError("need 0 < σ_min ≤ σ_max")
    if count == 1:
        return [float(sigma_max)]
    top = sigma_max ** (1 / rho)
    bottom = sigma_min ** (1 / rho)
    levels = [(top + i / (count - 1) * (bottom - top)) ** rho for i in range(count)]
    levels[0], levels[-1] = float(sigma_max), float(sigma_min)
    return levels


def vp_scale(sigma):
    """α = 1/√(1+σ²): a VP state is α times its VE state."""
    return 1.0 / math.sqrt(1.0 + sigma * sigma)


class NetworkScore:
    """s(x, σ) = f(x, log σ)/σ for a torchncsn.ScoreNetwork (float32, shape (B, 2))."""

    def __init__(self, network):
        self.network = network

    def __call__(self, x, sigma):
        log_sigma = torch.full((x.shape[0], 1), math.log(sigma), dtype=x.dtype)
        return self.network(x, log_sigma) / sigma


class GaussianScore:
    """The exact score of N(0, vI) data: p_σ = N(0, (v+σ²)I), s(x, σ) = −x/(v+σ²)."""

    def __init__(self, variance=1.0):
        self.variance = variance

    def __call__(self, x, sigma):
        return -x / (self.variance + sigma * sigma)


class Field:
    """The score in the state's coordinates for one process, counting batched calls (NFE)."""

    def __init__(self, score, process, data_variance=1.0):
        """`data_variance`: the per-axis variance v of the data in the network's coordinates
        (1 for standardised data), which fixes the end density N(0, (v+σ_max²)I)."""
        if process not in PROCESSES:
            raise ValueError(f"process must be one of {PROCESSES}, not {process!r}")
        self.score = score
        self.process = process
        self.data_variance = data_variance
        self.evaluations = 0

    def __call__(self, state, sigma):
        """∇log p_σ at `state`: s(x, σ) for VE, (1/α)·s(y/α, σ) for VP."""
        self.evaluations += 1
        if self.process == "ve":
            return self.score(state, sigma)
        alpha = vp_scale(sigma)
        return self.score(state / alpha, sigma) / alpha

    def drift(self, state, sigma, score=None):
        """dstate/dσ of the probability-flow ODE: −σs (VE) or −σα²(y + ŝ) (VP)."""
        if score is None:
            score = self(state, sigma)
        if self.process == "ve":
            return -sigma * score
        return -sigma * vp_scale(sigma) ** 2 * (state + score)

    def divergence(self, score_trace, sigma):
        """∇·drift from tr ∇ŝ: −σ·tr (VE) or −σα²(2 + tr) (VP)."""
        if self.process == "ve":
            return -sigma * score_trace
        return -sigma * vp_scale(sigma) ** 2 * (2.0 + score_trace)

    def start_scale(self, sigma_max):
        """The standard deviation per axis of the end density in the state's coordinates."""
        spread = math.sqrt(self.data_variance + sigma_max * sigma_max)
        return spread if self.process == "ve" else vp_scale(sigma_max) * spread

    def to_data_state(self, state, sigma):
        """The VE coordinates of a state: y/α for VP."""
        return state if self.process == "ve" else state / vp_scale(sigma)


def _reverse_sde_step(field, state, sigma, next_sigma, noise):
    """One reverse Euler–Maruyama step from σ to next_sigma < σ, with `noise` ~ N(0, I)."""
    score = field(state, sigma)
    if field.process == "ve":
        step = sigma * sigma - next_sigma * next_sigma
        return state + step * score + math.sqrt(step) * noise
    step = math.log((1.0 + sigma * sigma) / (1.0 + next_sigma * next_sigma))
    return state + step * (0.5 * state + score) + math.sqrt(step) * noise


def _corrector_step(field, state, sigma, snr, noise):
    """One Langevin step at σ with score_sde's step δ = 2(r‖z‖/‖ŝ‖)²."""
    score = field(state, sigma)
    score_norm = torch.linalg.vector_norm(score, dim=1).mean()
    noise_norm = torch.linalg.vector_norm(noise, dim=1).mean()
    delta = 2.0 * (snr * noise_norm / score_norm) ** 2
    return state + delta * score + torch.sqrt(2.0 * delta) * noise


def sample(field, sigmas, start, sampler, generator=None, snr=DEFAULT_SNR,
           corrector_steps=DEFAULT_CORRECTOR_STEPS):
    """Carries `start` (the state at sigmas[0]) down the σ steps; returns the state at sigmas[-1].

    `sigmas` decreases; `generator` drives the noise of `sde` and `pc`. The state stays in the
    process's own coordinates (use `field.to_data_state` for VE coordinates).
    """
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {SAMPLERS}, not {sampler!r}")
    state = start.clone()
    noise = torch.empty_like(state)
    last = len(sigmas) - 2
    with torch.inference_mode():
        for index in range(len(sigmas) - 1):
            sigma, next_sigma = sigmas[index], sigmas[index + 1]
            if sampler in ("sde", "pc"):
                noise.normal_(generator=generator)
                state = _reverse_sde_step(field, state, sigma, next_sigma, noise)
                if sampler == "pc":
                    for _ in range(corrector_steps):
                        noise.normal_(generator=generator)
                        state = _corrector_step(field, state, next_sigma, snr, noise)
                continue
            step = next_sigma - sigma
            slope = field.drift(state, sigma)
            euler = state + step * slope
            if sampler == "ode" or index == last:
                state = euler
            else:
                state = state + 0.5 * step * (slope + field.drift(euler, next_sigma))
    return state


def start_state(field, sigma_max, particles, generator):
    """Particles from the end density N(0, (1+σ_max²)I), in the state's coordinates."""
    noise = torch.randn(particles, 2, generator=generator)
    return noise * field.start_scale(sigma_max)


def gaussian_log_density(x, variance):
    """log N(x; 0, variance·I) in 2-D, per row."""
    return -0.5 * (x * x).sum(dim=1) / variance - math.log(2.0 * math.pi * variance)


def _drift_and_divergence(field, state, sigma):
    """The ODE drift and its exact divergence: two autograd passes for tr ∇ŝ."""
    with torch.enable_grad():
        x = state.detach().requires_grad_(True)
        score = field(x, sigma)
        first = torch.autograd.grad(score[:, 0].sum(), x, create_graph=False, retain_graph=True)[0]
        second = torch.autograd.grad(score[:, 1].sum(), x, create_graph=False, retain_graph=False)[0]
    trace = first[:, 0] + second[:, 1]
    score = score.detach()
    return field.drift(state, sigma, score), field.divergence(trace, sigma)


def log_likelihood(field, sigmas, points):
    """log p_{σ_min} at `points` (VE, standardised coordinates), by Heun's method upwards.

    `sigmas` increases from σ_min to σ_max. Solves dstate/dσ = F and dℓ/dσ = ∇·F from the
    state of each point at σ_min, then log p_{σ_min} = log p_{σ_max}(state(σ_max)) + ∫∇·F dσ,
    the end density N(0, (v+σ_max²)I) (VP: α_max² times that variance). For VP the point
    enters as y = α_min x and the density is carried back to x by the Jacobian α_min².
    Returns (log-densities, NFE of this call).
    """
    before = field.evaluations
    sigma_min, sigma_max = sigmas[0], sigmas[-1]
    state = points.clone()
    if field.process == "vp":
        state = state * vp_scale(sigma_min)
    integral = torch.zeros(points.shape[0], dtype=points.dtype)
    for index in range(len(sigmas) - 1):
        sigma, next_sigma = sigmas[index], sigmas[index + 1]
        step = next_sigma - sigma
        slope, divergence = _drift_and_divergence(field, state, sigma)
        euler = state + step * slope
        next_slope, next_divergence = _drift_and_divergence(field, euler, next_sigma)
        state = state + 0.5 * step * (slope + next_slope)
        integral = integral + 0.5 * step * (divergence + next_divergence)
    end_variance = field.start_scale(sigma_max) ** 2
    log_density = gaussian_log_density(state, end_variance) + integral
    if field.process == "vp":
        log_density = log_density + 2.0 * math.log(vp_scale(sigma_min))
    return log_density, field.evaluations - before


def expected_evaluations(sampler, steps, corrector_steps=DEFAULT_CORRECTOR_STEPS):
    """NFE of `sample` over `steps` steps (steps + 1 σ values)."""
    if sampler == "heun":
        return max(2 * steps - 1, steps)
    if sampler == "pc":
        return steps * (1 + corrector_steps)
    return steps


def load_model(path):
    """(ScoreNetwork, metadata dict) from a scoreviz model file (safetensors).

    The tensors are nn.Sequential's names `0.weight` … `6.bias`; the metadata strings
    `sigmas` (`MAX:MIN:L`), `data_mean` and `data_scale` (`x,y`) say the ladder and the
    standardisation z = (x − mean)/scale the network works in.
    """
    from safetensors import safe_open
    from safetensors.torch import load_file

    network = torchncsn.ScoreNetwork()
    network.layers.load_state_dict(load_file(path))
    with safe_open(path, framework="pt") as handle:
        metadata = handle.metadata() or {}
    return network, metadata


def model_settings(metadata):
    """(σ_max, σ_min, mean, scale) from a model file's metadata; identity when absent."""
    sigma_max, sigma_min = 1.0, 0.01
    if "sigmas" in metadata:
        parts = metadata["sigmas"].split(":")
        sigma_max, sigma_min = float(parts[0]), float(parts[1])
    mean, scale = (0.0, 0.0), (1.0, 1.0)
    if "data_mean" in metadata and "data_scale" in metadata:
        mean = tuple(float(v) for v in metadata["data_mean"].split(","))
        scale = tuple(float(v) for v in metadata["data_scale"].split(","))
    return sigma_max, sigma_min, mean, scale


class ModelSetup:
    """A network with the noise range and standardisation it is used with.

    From a scoreviz model file (`path`), the range defaults to its ladder's ends and the
    standardisation is its own; otherwise a network freshly initialised from `seed`, the
    continuous-time range σ ∈ [0.01, 5] of WORKLOADS.md, no standardisation. `sigma_max` and
    `sigma_min`, when given, override the range.
    """

    def __init__(self, path=None, seed=0, sigma_max=None, sigma_min=None):
        import sys

        if path is None:
            torch.manual_seed(seed)
            self.network = torchncsn.ScoreNetwork()
            metadata = {"sigmas": "5:0.01:10"}
        else:
            if not os.path.isfile(path):
                sys.stderr.write(f"error: model file {path} does not exist\n")
                sys.exit(66)
            try:
                self.network, metadata = load_model(path)
                model_settings(metadata)
            except Exception as error:  # safetensors and load_state_dict raise several kinds
                sys.stderr.write(f"error: {path} is not a scoreviz model file: {error}\n")
                sys.exit(65)
        self.network.eval()
        for parameter in self.network.parameters():
            parameter.requires_grad_(False)
        model_max, model_min, self.mean, self.scale = model_settings(metadata)
        self.sigma_max = model_max if sigma_max is None else sigma_max
        self.sigma_min = model_min if sigma_min is None else sigma_min
        if not 0 < self.sigma_min <= self.sigma_max:
            sys.stderr.write(f"error: need 0 < σ_min ≤ σ_max, got {self.sigma_min} and {self.sigma_max}\n")
            sys.exit(64)
        self.metadata = metadata

    def field(self, process):
        """The network's score for `process`, the data standardised (variance 1 per axis)."""
        return Field(NetworkScore(self.network), process)

    def standardise(self, points):
        """(x − mean)/scale per axis, float32 tensor, from data units (numpy float64)."""
        import numpy

        z = (numpy.asarray(points) - numpy.array(self.mean)) / numpy.array(self.scale)
        return torch.as_tensor(z, dtype=torch.float32)

    def to_data_units(self, z):
        """z·scale + mean per axis, as numpy float64."""
        import numpy

        return z.double().numpy() * numpy.array(self.scale) + numpy.array(self.mean)

    def log_jacobian(self):
        """log |det ∂z/∂x| = −log(scale_x·scale_y): add to a standardised log-density."""
        return -math.log(self.scale[0] * self.scale[1])


def self_test():
    """Checks the samplers and the likelihood against closed forms; returns the failures.

    The data are N(0, vI) with v = 0.25 (not 1, so that VP's drift does not vanish): the
    score s(x, σ) = −x/(v+σ²) is exact, the end density N(0, (v+σ_max²)I) is exact, and every
    sampler is linear in the state, so its result is known in closed form.
    """
    torch.manual_seed(0)
    failures = []

    def check(name, value, expected, tolerance):
        ok = abs(value - expected) <= tolerance
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {value:.6g} vs {expected:.6g} (±{tolerance:.2g})")
        if not ok:
            failures.append(name)

    v = 0.25
    sigma_max, sigma_min, steps = 5.0, 0.01, 50
    sigmas = karras_sigmas(sigma_max, sigma_min, steps + 1)
    top, bottom = 5 ** (1 / 7), 0.01 ** (1 / 7)
    check("Karras σ₁ closed form", sigmas[1], (top + (bottom - top) / 50) ** 7, 1e-12)
    check("Karras σ₂₅ closed form", sigmas[25], ((top + bottom) / 2) ** 7, 1e-12)
    generator = torch.Generator().manual_seed(1)

    def ode_rate(process, level):
        """dstate/dσ = rate·state: σ/(v+σ²) for VE; VP adds −σα² (y's own term)."""
        rate = level / (v + level ** 2)
        return rate if process == "ve" else rate - level / (1 + level ** 2)

    # Probability-flow ODE: the exact flow is x(σ) = x(σ_max)·√((v+σ²)/(v+σ_max²)) in VE
    # coordinates for both processes. The Euler and Heun maps are products of per-step
    # factors, computed here in float64; the float32 run must match that product to float32
    # rounding (2e-5 relative over 50 steps), and the product must approach the exact flow:
    # Heun within 2e-3 relative, Euler (first order) within 5e-2.
    exact = math.sqrt((v + sigma_min ** 2) / (v + sigma_max ** 2))
    start = torch.randn(1000, 2, generator=generator) * math.sqrt(v + sigma_max ** 2)
    for process in PROCESSES:
        for sampler, flow_tolerance in (("ode", 5e-2), ("heun", 2e-3)):
            field = Field(GaussianScore(v), process, data_variance=v)
            state = start * (1.0 if process == "ve" else vp_scale(sigma_max))
            end = field.to_data_state(sample(field, sigmas, state, sampler), sigma_min)
            factor = 1.0
            for index in range(steps):
                sigma, nxt = sigmas[index], sigmas[index + 1]
                h = nxt - sigma
                euler = 1 + h * ode_rate(process, sigma)
                if sampler == "ode" or index == steps - 1:
                    factor *= euler
                else:
                    factor *= 1 + 0.5 * h * (ode_rate(process, sigma) + ode_rate(process, nxt) * euler)
            if process == "vp":
                factor *= vp_scale(sigma_max) / vp_scale(sigma_min)
            ratio = (end.double() / start.double()).flatten()
            check(f"{process} {sampler}: end/start, float32 vs float64 product",
                  float(ratio.mean()), factor, 2e-5 * factor)
            check(f"{process} {sampler}: spread of end/start over particles",
                  float(ratio.max() - ratio.min()), 0.0, 2e-5 * factor)
            check(f"{process} {sampler}: float64 product vs exact flow", factor, exact, flow_tolerance * exact)
            check(f"{process} {sampler}: NFE", field.evaluations, expected_evaluations(sampler, steps), 0)

    # Reverse SDE: each step is linear, so the end variance per axis follows v ← a²v + c
    # exactly (VE: a = 1 − d/(v+σᵢ²), c = d; VP: a = 1 + b(½ − (1+σᵢ²)/(v+σᵢ²)), c = b), from
    # the start density's variance. With 200,000 particles × 2 axes the sample variance has
    # relative standard deviation √(2/400,000) ≈ 0.0022: tolerance 5 of those, 0.011.
    # Euler–Maruyama is first order: the recursion's error against the exact end variance
    # v + σ_min² (VP: α_min² times that) must shrink tenfold, within 8…12, from 500 to 5,000
    # steps.
    def sde_variance(process, count):
        levels = karras_sigmas(sigma_max, sigma_min, count + 1)
        variance = (v + sigma_max ** 2) * (1.0 if process == "ve" else vp_scale(sigma_max) ** 2)
        for index in range(count):
            sigma, nxt = levels[index], levels[index + 1]
            if process == "ve":
                d = sigma ** 2 - nxt ** 2
                a, c = 1 - d / (v + sigma ** 2), d
            else:
                b = math.log((1 + sigma ** 2) / (1 + nxt ** 2))
                a, c = 1 + b * (0.5 - (1 + sigma ** 2) / (v + sigma ** 2)), b
            variance = a * a * variance + c
        return variance

    particles = 200_000
    for process in PROCESSES:
        truth = (v + sigma_min ** 2) * (1.0 if process == "ve" else vp_scale(sigma_min) ** 2)
        field = Field(GaussianScore(v), process, data_variance=v)
        state = start_state(field, sigma_max, particles, generator)
        end = sample(field, sigmas, state, "sde", generator)
        measured = float(end.double().var(dim=0).mean())
        variance = sde_variance(process, steps)
        check(f"{process} sde: end variance vs float64 recursion", measured, variance, 0.011 * variance)
        check(f"{process} sde: NFE", field.evaluations, steps, 0)
        order = (sde_variance(process, 500) - truth) / (sde_variance(process, 5000) - truth)
        check(f"{process} sde: error ratio 500 vs 5,000 steps (first order)", order, 10.0, 2.0)

        # Predictor–corrector: the corrector's step depends on the particles' norms, so the
        # end has no recursion; its purpose is to pull the predictor's biased end towards the
        # marginal, so the error must be below half of the predictor's alone (50 steps).
        field = Field(GaussianScore(v), process, data_variance=v)
        state = start_state(field, sigma_max, particles, generator)
        end = sample(field, sigmas, state, "pc", generator, corrector_steps=1)
        measured = float(end.double().var(dim=0).mean())
        check(f"{process} pc: |end variance − exact| below half the predictor's",
              abs(measured - truth), 0.0, 0.5 * abs(variance - truth))
        check(f"{process} pc: NFE", field.evaluations, 2 * steps, 0)

    # One corrector step on N(0, VI) particles: ‖z‖ and ‖s‖ = ‖x‖/V have means in the ratio
    # √V, so δ = 2r²V and the variance becomes (1 − 2r²)²V + 4r²V. With r = 0.5 that is 1.25V
    # (a δ off by a factor 2 would give 1.0625V or 2V); 200,000 particles: tolerance 0.011.
    variance = 0.7
    field = Field(GaussianScore(variance - 0.09), "ve")
    state = torch.randn(particles, 2, generator=generator) * math.sqrt(variance)
    with torch.inference_mode():
        end = _corrector_step(field, state, 0.3, 0.5, torch.randn(particles, 2, generator=generator))
    check("corrector: variance ratio after one step, r = 0.5",
          float(end.double().var(dim=0).mean()) / variance, 1.25, 0.011 * 1.25)

    # Likelihood: with the exact score and end density, Heun gives back log N(x; 0, (v+σ_min²)I)
    # up to its step error. In float64, that error must fall fourfold (3…5, second order) from
    # 80 to 160 steps and stay below 1e-2 nats at 160; float32 must match float64 within 1e-4
    # nats (rounding over 160 steps of terms of size ≤ 10).
    points = torch.randn(2000, 2, generator=generator, dtype=torch.float64) * 0.8
    expected = gaussian_log_density(points, v + sigma_min ** 2)
    for process in PROCESSES:
        errors = {}
        for count in (80, 160):
            upward = list(reversed(karras_sigmas(sigma_max, sigma_min, count + 1)))
            field = Field(GaussianScore(v), process, data_variance=v)
            values, evaluations = log_likelihood(field, upward, points)
            errors[count] = float((values - expected).abs().max())
        check(f"{process} likelihood: max |log p − closed form|, 160 steps (nats)", errors[160], 0.0, 1e-2)
        check(f"{process} likelihood: error ratio 80 vs 160 steps (second order)", errors[80] / errors[160], 4.0, 1.0)
        check(f"{process} likelihood: NFE", evaluations, 320, 0)
        single, _ = log_likelihood(Field(GaussianScore(v), process, data_variance=v), upward, points.float())
        check(f"{process} likelihood: float32 vs float64 (nats)", float((single.double() - values).abs().max()), 0.0, 1e-4)

    # The network path: the autograd divergence of a random network (float64 copy) must equal
    # −σ times the central finite-difference trace of its score (h = 1e-5: error ≈ h²·f‴ and
    # rounding 1e-16/h, both below 1e-8; tolerance 1e-6).
    network = torchncsn.ScoreNetwork().double()
    field = Field(NetworkScore(network), "ve")
    x = torch.randn(64, 2, generator=generator, dtype=torch.float64)
    _, divergence = _drift_and_divergence(field, x, 0.3)
    h = 1e-5
    with torch.no_grad():
        shift = torch.tensor([[h, 0.0]], dtype=torch.float64)
        trace = (field(x + shift, 0.3)[:, 0] - field(x - shift, 0.3)[:, 0]) / (2 * h)
        shift = torch.tensor([[0.0, h]], dtype=torch.float64)
        trace += (field(x + shift, 0.3)[:, 1] - field(x - shift, 0.3)[:, 1]) / (2 * h)
    check("network: autograd divergence vs finite differences",
          float((divergence + 0.3 * trace).abs().max()), 0.0, 1e-6)
    return failures


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--self-test", action="store_true", help="check against closed forms; exit 1 on failure")
    arguments = parser.parse_args()
    if not arguments.self_test:
        parser.print_help()
        sys.exit(64)
    torch.set_num_threads(1)
    failed = self_test()
    print(f"{len(failed)} failed" if failed else "all checks passed")
    sys.exit(1 if failed else 0)
