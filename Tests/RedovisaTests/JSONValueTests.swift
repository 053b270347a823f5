import Foundation
import Redovisa
import Testing

/// Report answers as JSON: parsed by hand, written canonically.
struct JSONValueTests {
    @Test func answersRoundTripThroughTheirCanonicalText() throws {
        let answers: JSONValue = .object([
            "klient_fornamn": .string("Åsa \"Lilla\" Öberg\n\t/\\"),
            "ar": .integer(2025), "timmar": .number(2.5), "bekraftelse": .bool(true), "fortydligande": .null,
            "notifiering": .array([.string("epost"), .string("sms")]),
            "rader": .array([.object(["datum": .string("2025-09-03"), "timmar": .number(0)])]),
            "stor": .integer(Int64.max), "emoji": .string("😀 ✓"),
        ])
        let text = answers.canonicalText
        #expect(try JSONValue(parsing: text) == answers)
        #expect(text.hasPrefix(#"{"ar":2025,"bekraftelse":true,"emoji""#))
        #expect(text.contains(#"{"datum":"2025-09-03","timmar":0.0}"#))
    }

    @Test func integersStayIntegersAndOtherNumbersAreDoubles() throws {
        #expect(try JSONValue(parsing: "[0, -7, 9223372036854775807, 1.0, 1e3, -0.5, 9223372036854775808]")
            == .array([.integer(0), .integer(-7), .integer(.max), .number(1), .number(1000), .number(-0.5),
                       .number(9_223_372_036_854_775_808)]))
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        #expect(try JSONValue(parsing: #""\u00e5\u00c4 \ud83d\ude00 \"q\" \/ \\ \b\f\n\r\t""#)
            == .string("åÄ 😀 \"q\" / \\ \u{8}\u{c}\n\r\t"))
    }

    @Test(arguments: [
        ("", 0), ("{", 1), ("{\"a\" 1}", 5), ("[1,]", 3), ("01", 2), ("1.", 2), ("tru", 3), ("\"abc", 4),
        ("\"a\u{01}\"", 2), (#""\x""#, 3), (#""\ud800""#, 7), ("[1] x", 4), ("-", 1),
    ])
    func malformedTextNamesTheByteOfTheProblem(_ text: String, _ offset: Int) {
        let error = #expect(throws: JSONParseError.self) { _ = try JSONValue(parsing: text) }
        #expect(error?.offset == offset)
    }

    @Test func nestingBeyondALimitIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONValue(parsing: deep) }
    }

    @Test func agreesWithFoundationOnAMixedDocument() throws {
        let text = #"{"a": [1, 2.25, "x", {"b": null, "c": false}], "d": "ö", "e": -12, "f": 1.5e-3}"#
        let mine = try JSONValue(parsing: text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(mine == foundation)
    }
}
