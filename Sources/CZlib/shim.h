// C shim that makes the system's zlib (inflate of raw deflate streams, CRC-32) callable from Swift.
//
// zlib's inflateInit2 is a macro that passes the library's version and the stream's size;
// Swift cannot call function-like macros, so it is wrapped here.
#ifndef SCOREVIZ_CZLIB_SHIM_H
#define SCOREVIZ_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2(stream, -15): a raw deflate stream (no zlib or gzip wrapper), as zip stores it.
static inline int scoreviz_inflate_init_raw(z_stream *stream) {
  return inflateInit2(stream, -MAX_WBITS);
}

#endif
