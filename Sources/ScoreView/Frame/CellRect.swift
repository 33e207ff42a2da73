// A rectangle of cells: where a canvas or widget draws inside a frame.

/// The cells x ..< x + width, y ..< y + height of a frame, row 0 at the top.
///
/// It may reach past any edge of the frame, or lie wholly outside it: drawing clips.
/// Negative sizes are stored as 0.
public struct CellRect: Sendable, Hashable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  /// A rectangle from its top-left cell and its size; negative sizes become 0.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The number of cells, width · height.
  public var area: Int { width * height }
}
