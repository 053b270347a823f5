import Foundation
import LuaHost
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

/// Answers coming back from a template (Lua values): read by each value's kind, with the values
/// the generic decoding gives — a float with an integer value is an integer, `{}` an empty list.
struct JSONValueFromLuaTests {
    let chunk = """
        return {
          ar = 2025, timmar = 2.0, halv = 2.5, tom = {}, notifiering = { "epost", "sms" }, ja = true, nej = false,
          rader = { { datum = "2025-09-03", timmar = 0.5 } }, text = "Åsa", glest = { [1] = "a", [3] = "c" },
        }
        """

    let expected: JSONValue = .object([
        "ar": .integer(2025), "timmar": .integer(2), "halv": .number(2.5), "tom": .array([]),
        "notifiering": .array([.string("epost"), .string("sms")]), "ja": .bool(true), "nej": .bool(false),
        "rader": .array([.object(["datum": .string("2025-09-03"), "timmar": .number(0.5)])]), "text": .string("Åsa"),
        "glest": .object(["1": .string("a"), "3": .string("c")]),
    ])

    @Test func aTablePassedBackFromLuaIsTheSameJSONBothWays() throws {
        // Given a Lua function returning answers of every kind
        let sandbox = try LuaSandbox()
        let (fromStack, fromValue) = try sandbox.withRun { run in
            guard case .function(let answers)? = try run.execute(source: "return function() \(chunk) end", chunkName: "svar.lua").first
            else { throw LuaError(.runtime, "no function") }
            // When they are decoded straight from the stack, and from a copied LuaValue
            let fromStack = try run.call(answers, returning: JSONValue.self)
            let fromValue = try LuaValueDecoder().decode(JSONValue.self, from: try run.call(answers)[0])
            return (fromStack, fromValue)
        }
        // Then both give the same answers
        #expect(fromStack == expected)
        #expect(fromValue == expected)
    }

    @Test func aFunctionAmongTheAnswersIsRefused() throws {
        let sandbox = try LuaSandbox()
        let error = #expect(throws: LuaError.self) {
            try sandbox.withRun { run in
                guard case .function(let answers)? = try run.execute(
                    source: "return function() return { a = { 1, print } } end", chunkName: "svar.lua").first
                else { return }
                _ = try run.call(answers, returning: JSONValue.self)
            }
        }
        #expect(error?.code == .conversion)
    }
}
