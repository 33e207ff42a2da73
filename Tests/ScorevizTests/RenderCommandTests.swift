// `scoreviz render` end to end: one frame as plain text, ASCII and ANSI, and its size rules.

import Foundation
import ScoreTestSupport
import Testing

@Suite struct RenderCommandTests {
  /// A quick frame: 50 training steps, 200 particles, 100 × 30 cells.
  static let frameArguments = ["render", "--steps", "50", "--width", "100", "--height", "30", "--particles", "200"]

  /// The frame's lines (the command ends the frame with one newline).
  static func lines(_ output: String) -> [Substring] {
    output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
  }

  /// `text` without ANSI escape sequences (CSI … final byte).
  static func strippingEscapes(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
  }

  /// `text` with the measured training throughput blanked: it is timed, so it differs by run.
  static func maskingThroughput(_ text: String) -> String {
    text.replacingOccurrences(of: "samples/s +[^ \\n]+", with: "samples/s #", options: .regularExpression)
  }

  /// `line` without the spaces at its end.
  static func trimmingTrailingSpaces(_ line: Substring) -> String {
    String(line.reversed().drop { $0 == " " }.reversed())
  }

  /// With `--noise continuous` and no `--sigmas` the session's ladder is 5.0:0.01:10, whose
  /// level nearest 0.1 is 5·0.002^(6/9) ≈ 0.0794, the seventh of ten.
  @Test func continuousNoiseUsesItsDefaultRange() throws {
    let result = try runScoreviz(Self.frameArguments + ["--noise", "continuous"])
    #expect(result.status == 0, "\(result.standardError)")
    let sigmaLine = try #require(Self.lines(result.standardOutput).last { $0.contains("σ") })
    #expect(sigmaLine.contains("σ 0.0794 (7/10)"), "\(sigmaLine)")
  }

  @Test func frameHasTheRequestedHeightAndAStatusLine() throws {
    let result = try runScoreviz(Self.frameArguments)
    #expect(result.status == 0, "\(result.standardError)")
    let lines = Self.lines(result.standardOutput)
    #expect(lines.count == 30)
    #expect(lines.allSatisfy { $0.count <= 100 })
    #expect(lines.first?.contains("moons") == true)
    let sigmaLine = try #require(lines.last { $0.contains("σ") })
    // The default level is the one nearest 0.1 on the standard ladder: 0.129, the fifth of ten.
    #expect(sigmaLine.contains("σ 0.129 (5/10)"))
    #expect(lines.contains { $0.contains("objective ncsn") && $0.contains("epoch") })
  }

  @Test func asciiFrameIsPureASCII() throws {
    let result = try runScoreviz(Self.frameArguments + ["--ascii"])
    #expect(result.status == 0)
    #expect(Self.lines(result.standardOutput).count == 30)
    let wide = result.standardOutput.unicodeScalars.filter { !$0.isASCII }
    #expect(wide.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(wide.prefix(10))))")
  }

  @Test func ansiFrameIsThePlainFrameWithEscapes() throws {
    let plain = try runScoreviz(Self.frameArguments)
    let coloured = try runScoreviz(Self.frameArguments + ["--ansi"])
    #expect(plain.status == 0 && coloured.status == 0)
    #expect(coloured.standardOutput.contains("\u{1B}["))
    let stripped = Self.strippingEscapes(coloured.standardOutput)
    #expect(!stripped.contains("\u{1B}"))
    // The coloured frame pads its last rows with spaces; the plain one ends them.
    let strippedLines = Self.lines(Self.maskingThroughput(stripped)).map(Self.trimmingTrailingSpaces)
    let plainLines = Self.lines(Self.maskingThroughput(plain.standardOutput)).map(Self.trimmingTrailingSpaces)
    #expect(strippedLines.count == plainLines.count)
    for (row, (strippedLine, plainLine)) in zip(strippedLines, plainLines).enumerated() {
      #expect(strippedLine == plainLine, "row \(row)")
    }
  }

  /// `--color auto` is 256 colours, or none when NO_COLOR is set and not empty; a named
  /// depth is that depth whatever NO_COLOR says.
  @Test func autoColorIs256ColoursUnlessNoColor() throws {
    let arguments = ["render", "--steps", "1", "--width", "80", "--height", "24", "--particles", "10", "--ansi"]
    let auto = try runScoreviz(arguments + ["--color", "auto"], environment: ["NO_COLOR": ""])
    let autoColors = sgrColorParameters(in: auto.standardOutput)
    #expect(auto.status == 0)
    #expect(!autoColors.isEmpty && autoColors.allSatisfy { $0.hasPrefix("38;5;") || $0.hasPrefix("48;5;") })
    let none = try runScoreviz(arguments + ["--color", "auto"], environment: ["NO_COLOR": "1"])
    #expect(none.status == 0)
    #expect(sgrColorParameters(in: none.standardOutput).isEmpty)
    let forced = try runScoreviz(arguments + ["--color", "truecolor"], environment: ["NO_COLOR": "1"])
    let forcedColors = sgrColorParameters(in: forced.standardOutput)
    #expect(!forcedColors.isEmpty && forcedColors.allSatisfy { $0.hasPrefix("38;2;") || $0.hasPrefix("48;2;") })
  }

  @Test func smallSizeShowsTheTooSmallNote() throws {
    let result = try runScoreviz(["render", "--steps", "1", "--width", "60", "--height", "20", "--particles", "10"])
    #expect(result.status == 0)
    let lines = Self.lines(result.standardOutput)
    #expect(lines.count == 20)
    #expect(lines.contains { $0.contains("Terminal too small: 60×20, need 80×24") })
  }

  @Test func levelOneShowsTheLargestSigma() throws {
    let result = try runScoreviz(Self.frameArguments + ["--level", "1"])
    #expect(result.status == 0)
    #expect(Self.lines(result.standardOutput).contains { $0.contains("σ 1.00 (1/10)") })
  }

  @Test(arguments: [
    (["--level", "11"], "--level must be between 1 and the ladder's length 10, got 11"),
    (["--arrows", "sideways"], "--arrows must be learned, kde or error, got 'sideways'"),
    (["--width", "5000"], "--width must be at most 2000, got 5000"),
    (
      ["--format", "svg", "-o", "frame.html"],
      "-o frame.html: unknown extension '.html'; this output is written as .svg"
    ),
    (
      ["-o", "frame.png"],
      "-o frame.png: unknown extension '.png'; this output is written as .txt or .ans or .svg or .html or .htm"
    ),
    (["--ansi", "--format", "svg"], "--ansi asks for ANSI output, --format for svg: give one of them"),
  ])
  func badOptionsAreUsageErrors(_ options: [String], message: String) throws {
    let result = try runScoreviz(["render", "--steps", "1"] + options)
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == message)
    #expect(result.standardOutput.isEmpty)
  }

  /// `-o frame.svg` writes an SVG of the frame's size (10 × 20 pixels a cell) whose text is
  /// the plain frame's; `-o frame.html` a page holding the same picture; stdout stays empty.
  @Test func svgAndHTMLFollowTheExtension() throws {
    let folder = try makeTemporaryFolder()
    let plain = try runScoreviz(Self.frameArguments)
    let svgResult = try runScoreviz(Self.frameArguments + ["-o", folder + "/frame.svg"])
    #expect(svgResult.status == 0 && svgResult.standardOutput.isEmpty, "\(svgResult.standardError)")
    let svgText = try String(contentsOfFile: folder + "/frame.svg", encoding: .utf8)
    let document = try #require(SVGDocument(svgText), "well-formed")
    let svg = try #require(document.all("svg").first)
    #expect(svg.number("width") == 1000 && svg.number("height") == 600)
    // Every text element sits on one row; its glyphs appear in that row of the plain frame.
    let rows = Self.lines(Self.maskingThroughput(plain.standardOutput)).map(String.init)
    // (The row with the timed throughput differs between runs.)
    for text in document.all("text") {
      let row = Int(((text.number("y") ?? 0) / 20).rounded(.down))
      guard rows.indices.contains(row), !rows[row].contains("samples/s") else { continue }
      #expect(rows[row].contains(text.text), "'\(text.text)' on row \(row)")
    }
    #expect(!document.all("circle").isEmpty, "braille dots are circles")

    let htmlResult = try runScoreviz(Self.frameArguments + ["-o", folder + "/frame.html"])
    #expect(htmlResult.status == 0)
    let html = try String(contentsOfFile: folder + "/frame.html", encoding: .utf8)
    #expect(
      html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\""))
    #expect(try folderContents(folder) == ["frame.html", "frame.svg"])
  }

  /// `--format svg` on stdout gives the same kind of document.
  @Test func svgOnStandardOutput() throws {
    let result = try runScoreviz([
      "render", "--steps", "1", "--width", "80", "--height", "24", "--particles", "10", "--format", "svg",
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("<?xml"))
    #expect(SVGDocument(result.standardOutput)?.all("svg").first?.number("width") == 800)
  }
}
