// The multiply-add ceiling's operation count and the kernel it describes.

import Testing

@testable import ScoreCore

@Suite struct MultiplyAddCeilingTests {
  /// Twelve chains of one vector multiply-add each per iteration, two operations per lane.
  @Test func countsTwoOperationsPerLanePerChain() {
    let lanes = MultiplyAddCeiling.Vector.scalarCount
    #expect(MultiplyAddCeiling.flopPerIteration == 12 * 2 * lanes)
    #expect(MultiplyAddCeiling.run(iterations: 1000) == Double(1000 * 12 * 2 * lanes))
    #expect(MultiplyAddCeiling.run(iterations: 1000, threads: 2) == Double(2 * 1000 * 12 * 2 * lanes))
  }

  /// The description names the tile the kernels use: 64 columns of 16-float vectors where
  /// there are 32 registers of 16 floats, 16 columns of 8-float vectors otherwise.
  @Test func describesTheTileTheKernelsUse() {
    let description = MultiplyAddCeiling.kernelDescription
    #expect(description.contains("6 × \(TargetTileRow.columns) tile"))
    if TargetTileRow.columns == 64 {
      #expect(MultiplyAddCeiling.instructionSet == "AVX-512")
      #expect(MultiplyAddCeiling.Vector.scalarCount == 16)
    } else {
      #expect(TargetTileRow.columns == 16)
      #expect(MultiplyAddCeiling.Vector.scalarCount == 8)
    }
  }
}
