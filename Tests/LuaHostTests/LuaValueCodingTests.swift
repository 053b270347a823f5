import Foundation
import LuaHost
import Testing

/// Values crossing the boundary: Swift → Lua → Swift, and the errors a script author reads.
struct LuaValueCodingTests {
    struct Activity: Codable, Equatable {
        var date: String
        var kind: String
        var hours: Double
        var note: String?
    }

    struct MonthlyReport: Codable, Equatable {
        var personnummer: String
        var year: Int
        var month: Int
        var sessions: Int64
        var done: Bool
        var activities: [Activity]
        var tags: [String: String]
        var submittedAt: Date?
    }

    let report = MonthlyReport(
        personnummer: "199001012382", year: 2025, month: 9, sessions: 4, done: true,
        activities: [
            Activity(date: "2025-09-03", kind: "sfi", hours: 2.5, note: "Lektion på Åsö"),
            Activity(date: "2025-09-10", kind: "praktik", hours: 0, note: nil),
        ],
        tags: ["kommun": "Nacka", "språk": "svenska ÅÄÖ"],
        submittedAt: Date(timeIntervalSince1970: 1_759_300_000))

    /// Runs `body` with a fresh run of a new sandbox.
    func withRun<R>(_ body: (LuaRun) throws -> R) throws -> R {
        try LuaSandbox().withRun(body)
    }

    @Test func aCodableStructRoundTripsThroughLuaUnchanged() throws {
        // Given a Lua function that hands back what it gets
        let back = try withRun { run -> MonthlyReport in
            _ = try run.execute(source: "function echo(x) return x end", chunkName: "echo.lua")
            // When a Swift report goes in and comes out
            return try run.call(try run.function("echo"), with: report, returning: MonthlyReport.self)
        }
        // Then it is the same report, Swedish text and all
        #expect(back == report)
    }

    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        // Given a report whose sessions are an integer and hours a float
        let types = try withRun { run in
            _ = try run.execute(
                source: """
                    function types(r)
                      return math.type(r.sessions), math.type(r.activities[1].hours), math.type(r.activities[2].hours)
                    end
                    """, chunkName: "types.lua")
            // When Lua looks at the numbers
            return try run.call(try run.function("types"), [try LuaValueEncoder().encode(report)])
        }
        // Then an Int arrives as an integer and a Double as a float, even 0.0
        #expect(types == ["integer", "float", "float"])
    }

    @Test func swedishTextRoundTripsByteForByte() throws {
        let text = "Åsa Öberg-Ärlig, ärende nr 7 – ”citat” 😀"
        let (length, back) = try withRun { run -> (LuaValue, LuaValue) in
            _ = try run.execute(source: "function f(s) return utf8.len(s), s end", chunkName: "t.lua")
            let r = try run.call(try run.function("f"), [.string(text)])
            return (r[0], r[1])
        }
        #expect(length == .integer(Int64(text.unicodeScalars.count)))
        #expect(back == .string(text))
    }

    @Test func aWrongTypeIsReportedWithTheLuaPathOfTheField() throws {
        // Given a script that returns activity rows, the third with hours as text
        let error = #expect(throws: LuaError.self) {
            let value = try LuaSandbox().runSource(
                """
                return { personnummer = "199001012382", year = 2025, month = 9, sessions = 4, done = true,
                  tags = {}, activities = {
                    { date = "2025-09-01", kind = "sfi", hours = 1 },
                    { date = "2025-09-02", kind = "sfi", hours = 2 },
                    { date = "2025-09-03", kind = "sfi", hours = "två" } } }
                """, chunkName: "rows.lua")[0]
            // When it is decoded into the Swift report
            _ = try LuaValueDecoder().decode(MonthlyReport.self, from: value)
        }
        // Then the message names the field as a script author writes it, 1-based
        #expect(error?.code == .conversion)
        #expect(error?.message == "activities[3].hours: expected number, got string")
    }

    @Test func aMissingRequiredFieldAndAFractionalIntegerAreNamed() throws {
        let decoder = LuaValueDecoder()
        let missing = #expect(throws: LuaError.self) {
            _ = try decoder.decode(Activity.self, from: ["date": "2025-09-01", "hours": 1])
        }
        #expect(missing?.message == "kind: required field is missing")
        let fractional = #expect(throws: LuaError.self) {
            _ = try decoder.decode([Int].self, from: [1, 2, 2.5])
        }
        #expect(fractional?.message == "[3]: expected integer, got number 2.5")
    }

    @Test func theEmptyTableDecodesAsAnEmptyListOrAnEmptyMap() throws {
        // Given `{}` from Lua
        let empty = try LuaSandbox().runSource("return {}", chunkName: "e.lua")[0]
        // Then it is an empty array, an empty dictionary, and JSON `{}`
        #expect(try LuaValueDecoder().decode([String].self, from: empty) == [])
        #expect(try LuaValueDecoder().decode([String: Int].self, from: empty) == [:])
        #expect(try empty.jsonText() == "{}")
        // And an empty Swift array becomes a table Lua sees as empty
        let count = try withRun { run in
            _ = try run.execute(source: "function n(t) return #t, next(t) == nil end", chunkName: "n.lua")
            return try run.call(try run.function("n"), [try LuaValueEncoder().encode([String]())])
        }
        #expect(count == [0, true])
    }

    @Test func sequencesBecomeJSONArraysAndMixedTablesObjects() throws {
        let value = try LuaSandbox().runSource(
            "return { list = {1, 2.5, 'tre'}, mixed = {1, 2, x = true}, [10] = 'tio' }", chunkName: "j.lua")[0]
        #expect(
            try value.jsonText()
                == #"{"10":"tio","list":[1,2.5,"tre"],"mixed":{"1":1,"2":2,"x":true}}"#)
    }

    @Test func luaLiteralsReadBackAsTheSameValue() throws {
        let value: LuaValue = ["name": "Åsa \"Ö\"\n", "n": 3, "f": 2.0, "list": [1, 2], "end": true]
        let back = try LuaSandbox().runSource("return " + value.luaLiteral, chunkName: "lit.lua")
        #expect(back == [value])
        #expect(value.luaLiteral == #"{["end"] = true, f = 2.0, list = {1, 2}, n = 3, name = "Åsa \"Ö\"\n"}"#)
    }
}
