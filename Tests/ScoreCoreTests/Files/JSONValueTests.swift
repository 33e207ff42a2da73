// JSONValue's text against literal JSON: escaping, numbers, member order.

import ScoreCore
import Testing

@Suite struct JSONValueTests {
  /// Quotes, backslashes and every control character are escaped as RFC 8259 spells them;
  /// other scalars, non-ASCII included, are written as they are.
  @Test func stringsAreEscaped() {
    let text = "a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F} é→😀/"
    #expect(
      JSONValue.string(text).encoded
        == #""a\"b\\c\n\r\t\b\f\u0001\u001f é→😀/""#)
  }

  /// Integers have no fraction, other numbers their shortest round-trip decimal, and a
  /// number JSON cannot express is null.
  @Test func numbers() {
    #expect(JSONValue.integer(-42).encoded == "-42")
    #expect(JSONValue.number(1).encoded == "1.0")
    #expect(JSONValue.number(0.1).encoded == "0.1")
    #expect(JSONValue.number(1e-5).encoded == "1e-05")
    for value in [Double.nan, .infinity, -.infinity] {
      #expect(JSONValue.number(value).encoded == "null")
    }
  }

  /// An object keeps the order its members were given in, finds them by key, and nests.
  @Test func objectsKeepTheirOrder() {
    var object = JSONObject([("z", .bool(true)), ("a", .null)])
    object.append("m", .array([.integer(1), .string("x"), .object(JSONObject())]))
    #expect(object.keys == ["z", "a", "m"])
    #expect(object["a"] != nil && object["b"] == nil)
    #expect(JSONValue.object(object).encoded == #"{"z":true,"a":null,"m":[1,"x",{}]}"#)
  }

  /// A Float is written as the shortest decimal that reads back as the same Float.
  @Test func floatsAreWrittenInTheirOwnShortestForm() throws {
    for value: Float in [0.1, 0.01, 5, 1e-6, 0.129154967, 3.4028235e38, -2.5e-3, .leastNonzeroMagnitude] {
      let text = JSONValue.float(value).encoded
      #expect(Float(text) == value, "\(text)")
      #expect(text == "\(Double(value.description)!)")
    }
    #expect(JSONValue.float(0.1).encoded == "0.1")
    #expect(JSONValue.number(Double(Float(0.1))).encoded == "0.10000000149011612")
    #expect(JSONValue.float(.nan).encoded == "null" && JSONValue.float(.infinity).encoded == "null")
  }
}
