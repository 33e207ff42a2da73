// Unaligned loads and stores of 16 floats that always become single vector instructions.
//
// Swift's generic `loadUnaligned(as:)` is inlined at the optimiser's discretion, and inside
// the large matrix kernels it is sometimes left as a call, which spills every accumulator
// around it. These always-inline C functions return Swift's SIMD16<Float> (Clang's
// ext_vector_type(16) float) and are inlined by LLVM wherever they are called.
#ifndef SCOREVIZ_VECTOR_MEMORY_H
#define SCOREVIZ_VECTOR_MEMORY_H

#include <string.h>

typedef float scoreviz_float16 __attribute__((ext_vector_type(16)));

/// 16 consecutive floats from `pointer`, which needs no alignment.
static inline __attribute__((always_inline)) scoreviz_float16 scoreviz_load16(const float *pointer) {
  scoreviz_float16 value;
  memcpy(&value, pointer, sizeof value);
  return value;
}

/// Stores 16 floats at `pointer`, which needs no alignment.
static inline __attribute__((always_inline)) void scoreviz_store16(scoreviz_float16 value, float *pointer) {
  memcpy(pointer, &value, sizeof value);
}

#endif
