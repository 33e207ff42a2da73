// One line of the help overlay: a key and what it does.

/// A key as the help overlay lists it; the executable owns the bindings, the view only
/// shows them.
public struct KeyBinding: Sendable, Hashable {
  /// The key as the user reads it: "q", "space", "←/→".
  public var key: String
  /// What the key does, one short line.
  public var summary: String

  public init(key: String, summary: String) {
    self.key = key
    self.summary = summary
  }
}
