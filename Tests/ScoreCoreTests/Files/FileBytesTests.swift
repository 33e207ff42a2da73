// Whole-file reads with a size bound: regular files by their size, devices and pipes as they come.

import Foundation
import ScoreCore
import Testing

@Suite struct FileBytesTests {
  let files = TemporaryFiles()

  /// A regular file up to the bound reads whole; one byte more is refused.
  @Test func regularFilesAreBoundedBySize() throws {
    let path = files.write("ten", bytes: Array(0..<10))
    #expect(try FileBytes.read(path: path, limit: 10) == Array(0..<10))
    #expect(throws: FileBytes.Failure.tooLarge(limit: 9)) { try FileBytes.read(path: path, limit: 9) }
  }

  /// An endless device stops at the bound instead of reading forever; `stopEarly` can end
  /// it at the first chunk.
  @Test func endlessDevicesStop() throws {
    #expect(throws: FileBytes.Failure.tooLarge(limit: 100_000)) {
      try FileBytes.read(path: "/dev/zero", limit: 100_000)
    }
    var calls = 0
    let bytes = try FileBytes.read(path: "/dev/zero", limit: 1 << 30) { all, added in
      calls += 1
      return all[added].contains(0)
    }
    #expect(calls == 1)
    #expect(!bytes.isEmpty && bytes.count <= 1 << 16 && bytes.allSatisfy { $0 == 0 })
  }

  /// Missing files and folders give the system's reason.
  @Test func unopenablePaths() {
    #expect(throws: FileBytes.Failure.cannotOpen(reason: "No such file or directory")) {
      try FileBytes.read(path: files.path("absent"), limit: 10)
    }
    #expect(throws: FileBytes.Failure.cannotOpen(reason: "Is a directory")) {
      try FileBytes.read(path: files.folder, limit: 10)
    }
  }
}
