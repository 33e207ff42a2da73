// The release executable's matrix kernels load their vectors inline, never through a call.

import Foundation
import ScoreTestSupport
import Testing

@Suite struct KernelCodeTests {
  /// A vector load left as a call inside the matrix kernels spills every accumulator around it
  /// and once made sampling four times slower; `load16` goes through an always-inline C
  /// function so that no out-of-line unaligned SIMD16<Float> load can exist in the binary.
  @Test func noOutOfLineVectorLoads() throws {
    let nm = try #require(
      ["/usr/bin/nm", "/usr/bin/llvm-nm"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "nm (binutils) is needed to list the executable's symbols")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: nm)
    process.arguments = [scorevizExecutablePath()]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let symbols = output.split(separator: "\n").compactMap { $0.split(separator: " ").last }
    #expect(symbols.contains { $0.contains("MatrixKernels") }, "the kernels are in the binary")
    // `loadUnaligned(fromByteOffset:as:)` specialised for SIMD16<Float>.
    let outOfLine = symbols.filter { $0.contains("loadUnaligned") && $0.contains("SIMD16VySfG") }
    #expect(outOfLine.isEmpty, "\(outOfLine)")
  }
}
