// Where one tensor's bytes lie in a safetensors file, checked against its header entry.

/// One tensor's header entry after checking: where its bytes are and how to read them.
struct TensorLayout {
  var name: String
  var elementType: TensorElementType
  var shape: [Int]
  var elementCount: Int
  var begin: Int
  var end: Int

  /// Checks the entry of tensor `name`; every problem becomes a `header: …` error.
  init(name: String, entry: JSONValue, dataSize: Int, fileName: String) throws(ModelFileError) {
    func fail(_ problem: String) -> ModelFileError { .header(fileName, problem) }
    let shownName = EscapedText.quoted(name)
    guard case .object(let fields) = entry else {
      throw fail("tensor \(shownName) must be an object, found \(entry.summary)")
    }
    guard let dtype = fields["dtype"] else { throw fail("tensor \(shownName) has no 'dtype'") }
    guard let shapeValue = fields["shape"] else { throw fail("tensor \(shownName) has no 'shape'") }
    guard let offsetsValue = fields["data_offsets"] else {
      throw fail("tensor \(shownName) has no 'data_offsets'")
    }
    guard case .string(let typeName) = dtype, let type = TensorElementType(rawValue: typeName)
    else {
      throw fail(
        "tensor \(shownName) has unsupported dtype \(dtype.summary) (expected F32, F64, F16 or BF16)")
    }
    guard case .array(let dimensions) = shapeValue else {
      throw fail("shape of tensor \(shownName) must be an array, found \(shapeValue.summary)")
    }
    var shape: [Int] = []
    var count = 1
    for dimension in dimensions {
      guard let size = dimension.nonNegativeInteger else {
        throw fail("shape of tensor \(shownName) has \(dimension.summary), not a non-negative integer")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      guard !overflow else { throw fail("shape of tensor \(shownName) is too large") }
      shape.append(size)
      count = product
    }
    guard case .array(let offsets) = offsetsValue, offsets.count == 2,
      let begin = offsets[0].nonNegativeInteger, let end = offsets[1].nonNegativeInteger
    else {
      throw fail("data_offsets of tensor \(shownName) must be two non-negative integers [begin, end]")
    }
    guard begin <= end else {
      throw fail("data_offsets of tensor \(shownName) are reversed (\(begin) > \(end))")
    }
    guard end <= dataSize else {
      throw fail(
        "data_offsets of tensor \(shownName) run past the end of the data (\(end) > \(dataSize))")
    }
    let (needed, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
    guard !overflow else { throw fail("shape of tensor \(shownName) is too large") }
    guard needed == end - begin else {
      throw fail(
        "tensor \(shownName) of shape \(EscapedText.escaped("\(shape)", limit: 40)) and dtype \(typeName) needs \(needed) bytes "
          + "but data_offsets span \(end - begin)")
    }
    self.name = name
    self.elementType = type
    self.shape = shape
    self.elementCount = count
    self.begin = begin
    self.end = end
  }
}
