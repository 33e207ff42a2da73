// An SVG file read back with Foundation's XML parser: its elements, inherited attributes and text.

import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The elements of a well-formed XML document in document order, each with its own
/// attributes merged over those of its ancestors (as SVG's inherited `fill` works) and the
/// character data directly inside it.
public struct SVGDocument {
  public struct Element {
    public var name: String
    /// Own attributes over inherited ones.
    public var attributes: [String: String]
    /// The character data directly inside the element.
    public var text: String

    /// A numeric attribute; nil when absent or not a number.
    public func number(_ name: String) -> Double? { attributes[name].flatMap(Double.init) }
  }

  public private(set) var elements: [Element]

  /// Parses `text`; nil when it is not well-formed XML (the parser's error in `error`).
  public init?(_ text: String) {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    guard parser.parse() else { return nil }
    elements = collector.elements
  }

  /// The elements named `name`.
  public func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      let inherited = open.last.map { elements[$0].attributes } ?? [:]
      let own = attributes.filter { $0.key != "x" && $0.key != "y" && $0.key != "width" && $0.key != "height" }
      var merged = inherited.merging(own) { $1 }
      // Geometry is never inherited.
      for key in ["x", "y", "width", "height"] { merged[key] = attributes[key] }
      elements.append(Element(name: elementName, attributes: merged, text: ""))
      open.append(elements.count - 1)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let last = open.last { elements[last].text += string }
    }
  }
}

/// The width and height in a PNG file's IHDR chunk; nil when `data` is not a PNG.
public func pngSize(_ data: [UInt8]) -> (width: Int, height: Int)? {
  let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  guard data.count >= 24, Array(data[0..<8]) == signature, Array(data[12..<16]) == Array("IHDR".utf8) else {
    return nil
  }
  func word(_ at: Int) -> Int { data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
  return (word(16), word(20))
}

/// The path of `rsvg-convert` (librsvg) on PATH, nil when it is not installed.
public let rsvgConvertPath: String? = {
  let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
  return folders.map { $0 + "/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()
