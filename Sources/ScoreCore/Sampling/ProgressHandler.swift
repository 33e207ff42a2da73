// The hook through which a long run reports the work it has done, for a caller that shows progress.

/// Called with the units of work just finished (particle steps of a sampler, point steps of
/// the likelihood's integrator), from the thread that did them: several threads may call it
/// at once, so it must be safe to call concurrently.
///
/// ScoreCore neither times nor draws anything: it calls the handler at most once per step of
/// each thread (per chunk of points for the likelihood), and the caller adds the units up,
/// against a total it knows from the same settings (particles × steps, points × steps).
public typealias ProgressHandler = @Sendable (_ units: Int) -> Void
