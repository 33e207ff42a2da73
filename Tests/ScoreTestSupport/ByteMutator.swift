// Seeded mutations of valid files, the inputs of the reader fuzz tests.

import ScoreCore

/// Turns a corpus of valid files into a reproducible stream of damaged ones.
///
/// Mutant `i` depends only on the corpus, the seed and `i`, so a failure found at iteration
/// `i` is rebuilt by `mutant(at: i)` alone. Each mutant is one corpus entry with 1 to 4 of
/// these applied:
///
/// - flip a bit; set a byte to one that parsers treat specially (NUL, ESC, CR, LF, quotes,
///   brackets, separators, 0x80, 0xFF);
/// - insert random bytes; delete a range; duplicate a range elsewhere; splice in a range of
///   another corpus entry; truncate;
/// - replace a run of digits by a huge or edge number (2³¹−1, 2⁶³, 10³⁰⁹, −1, …);
/// - overwrite 2, 4 or 8 bytes with an all-ones or high-bit little-endian integer (a
///   length or count field of a binary header);
/// - insert up to 100,000 opening brackets or `{"a":` (deep nesting).
public struct ByteMutator: Sendable {
  /// The valid inputs mutants start from.
  public let corpus: [[UInt8]]
  /// The seed of the whole stream.
  public let seed: UInt64

  /// A mutator over `corpus` (at least one entry) with stream seed `seed`.
  public init(corpus: [[UInt8]], seed: UInt64) {
    precondition(!corpus.isEmpty, "a fuzz corpus needs at least one input")
    self.corpus = corpus
    self.seed = seed
  }

  private static let specialBytes: [UInt8] =
    Array("\0\u{1B}\u{07}\r\n\t\"',;#[]{}()=:\\ .-+eE0".utf8) + [0x7F, 0x80, 0xC3, 0xFF]
  private static let edgeNumbers = [
    "2147483647", "4294967295", "9223372036854775807", "18446744073709551616", "99999999999999999999999",
    "-1", "0", "-0", "1e309", "-1e309", "4.9e-324", "1e-400", "65535", "65536", "50000001", "1_0",
  ]
  private static let openers = ["[", "(", "{", "{\"a\":", "{'a':", "[[", "(1,"]

  /// The mutant at `iteration` of this stream.
  public func mutant(at iteration: UInt64) -> [UInt8] {
    var random = SeededGenerator(seed: seed ^ (iteration &* 0x9E37_79B9_7F4A_7C15))
    var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      mutate(&bytes, using: &random)
    }
    return bytes
  }

  private func mutate(_ bytes: inout [UInt8], using random: inout SeededGenerator) {
    func position(allowingEnd: Bool = true) -> Int {
      Int.random(in: 0...(allowingEnd ? bytes.count : max(0, bytes.count - 1)), using: &random)
    }
    func range() -> Range<Int> {
      let start = position()
      let length = Int.random(in: 0...min(64, bytes.count - start), using: &random)
      return start..<(start + length)
    }
    switch Int.random(in: 0..<10, using: &random) {
    case 0 where !bytes.isEmpty:
      bytes[position(allowingEnd: false)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
    case 1 where !bytes.isEmpty:
      bytes[position(allowingEnd: false)] = Self.specialBytes.randomElement(using: &random)!
    case 2:
      let count = Int.random(in: 1...8, using: &random)
      bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, at: position())
    case 3:
      bytes.removeSubrange(range())
    case 4:
      let copied = Array(bytes[range()])
      bytes.insert(contentsOf: copied, at: position())
    case 5:
      let other = corpus.randomElement(using: &random)!
      let start = Int.random(in: 0...other.count, using: &random)
      let end = Int.random(in: start...other.count, using: &random)
      bytes.replaceSubrange(range(), with: other[start..<end])
    case 6:
      bytes.removeSubrange(position()...)
    case 7:
      replaceNumber(in: &bytes, using: &random)
    case 8 where bytes.count >= 8:
      let width = [2, 4, 8].randomElement(using: &random)!
      let start = Int.random(in: 0...(bytes.count - width), using: &random)
      let highByte: UInt8 = [0xFF, 0x7F, 0x80, 0x01].randomElement(using: &random)!
      for offset in 0..<width { bytes[start + offset] = offset == width - 1 ? highByte : 0xFF }
    case 9:
      let opener = Self.openers.randomElement(using: &random)!
      let depth = [2, 63, 64, 65, 1_000, 100_000].randomElement(using: &random)!
      bytes.insert(contentsOf: Array(String(repeating: opener, count: depth).utf8), at: position())
    default:
      bytes.insert(UInt8.random(in: 0...255, using: &random), at: position())
    }
  }

  /// Replaces one run of ASCII digits (chosen at random) by an edge number.
  private func replaceNumber(in bytes: inout [UInt8], using random: inout SeededGenerator) {
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    let starts = bytes.indices.filter { isDigit(bytes[$0]) && ($0 == 0 || !isDigit(bytes[$0 - 1])) }
    let number = Array(Self.edgeNumbers.randomElement(using: &random)!.utf8)
    guard let start = starts.randomElement(using: &random) else {
      bytes.insert(contentsOf: number, at: Int.random(in: 0...bytes.count, using: &random))
      return
    }
    var end = start
    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
    bytes.replaceSubrange(start..<end, with: number)
  }
}
