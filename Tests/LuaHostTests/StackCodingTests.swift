import CLua
import Foundation
@testable import LuaHost
import Testing

/// The typed call's fast paths: Swift values encoded straight onto the Lua stack
/// (`LuaStackEncoder`) and its result decoded straight from the stack (`LuaStackDecoder`).
/// Both must give what `LuaValueEncoder` + push and read + `LuaValueDecoder` give, errors and
/// paths included.
struct StackCodingTests {
    struct Row: Codable, Equatable {
        var date: String
        var kind: String
        var hours: Double
        var note: String?
    }

    struct Limits: Codable, Equatable {
        var max: UInt64
        var min: Int8
    }

    struct Report: Codable, Equatable {
        var personnummer: String
        var name: String
        var year: Int
        var sessions: Int64
        var small: UInt8
        var ratio: Float
        var done: Bool
        var comment: String?
        var rows: [Row]
        var tags: [String: String]
        var counts: [String: Int]
        var nested: [[Int]]
        var submittedAt: Date
        var reviewedAt: Date?
        var home: URL
        var amount: Decimal
        var limits: Limits?
    }

    static let report = Report(
        personnummer: "19121212-1212", name: "Åsa Öberg-Ärlig – ”citat” 😀", year: 2025, sessions: 7, small: 200,
        ratio: 0.5, done: true, comment: nil,
        rows: [
            Row(date: "2025-10-02", kind: "sfi", hours: 2.5, note: "Lektion på Åsö"),
            Row(date: "2025-10-06", kind: "praktik", hours: 4, note: nil),
            Row(date: "2025-10-09", kind: "samtal", hours: 0, note: ""),
        ],
        tags: ["kommun": "Nacka", "språk": "svenska ÅÄÖ"], counts: [:], nested: [[1, 2], [], [3]],
        submittedAt: Date(timeIntervalSince1970: 1_759_300_000), reviewedAt: nil,
        home: URL(string: "https://example.se/rapport?id=7&kommun=nacka")!, amount: Decimal(string: "1234.5")!,
        limits: Limits(max: 12, min: -3))

    /// A Lua function that describes any value as canonical text: tables with sorted keys,
    /// numbers with their subtype. Two encodings are the same table when their texts are equal.
    static let describeSource = """
        local function describe(v)
          local t = type(v)
          if t == "table" then
            local keys = {}
            for k in pairs(v) do keys[#keys + 1] = k end
            table.sort(keys, function(a, b)
              if type(a) == type(b) then return a < b end
              return type(a) < type(b)
            end)
            local parts = {}
            for _, k in ipairs(keys) do
              parts[#parts + 1] = "[" .. describe(k) .. "]=" .. describe(v[k])
            end
            return "{" .. table.concat(parts, ",") .. "}"
          elseif t == "number" then
            return math.type(v) .. ":" .. string.format("%.17g", v)
          elseif t == "string" then
            return string.format("%q", v)
          end
          return tostring(v)
        end
        function describe_all(...)
          local parts = {}
          for i = 1, select("#", ...) do parts[i] = describe((select(i, ...))) end
          return table.concat(parts, " ")
        end
        function echo(...) return ... end
        """

    func withRun<R>(_ body: (LuaRun) throws -> R) throws -> R {
        try LuaSandbox().withRun { run in
            _ = try run.execute(source: Self.describeSource, chunkName: "describe.lua")
            return try body(run)
        }
    }

    /// The description of `value` pushed by the stack encoder and by LuaValueEncoder + push.
    func descriptions<T: Encodable>(_ value: T, in run: LuaRun) throws -> (stack: String, tree: String) {
        let describe = try run.function("describe_all")
        let stack = try run.call(describe, with: value, returning: String.self)
        let tree = try run.call(describe, [try LuaValueEncoder().encode(value)])
        return (stack, tree.first?.stringValue ?? "?")
    }

    // MARK: Encoding onto the stack

    @Test func aNestedReportRoundTripsThroughATypedCallUnchanged() throws {
        // Given a report with Swedish text, optionals, arrays of structs, dictionaries and a date
        let back = try withRun { run throws in
            // When it goes to Lua and comes back through the typed call
            try run.call(try run.function("echo"), with: Self.report, returning: Report.self)
        }
        // Then it is the same report
        #expect(back == Self.report)
    }

    @Test func theStackEncoderBuildsTheSameTablesAsLuaValueEncoder() throws {
        try withRun { run throws in
            let (stack, tree) = try descriptions(Self.report, in: run)
            #expect(stack == tree)
            // Integers stay integers, floats floats; nil fields are absent; special types as text
            #expect(stack.contains(#"["year"]=integer:2025"#))
            #expect(stack.contains(#"["hours"]=float:4"#))
            #expect(stack.contains(#"["ratio"]=float:0.5"#))
            #expect(stack.contains(#"["amount"]=float:1234.5"#))
            #expect(stack.contains(#"["submittedAt"]="2025-10-01T06:26:40Z""#))
            #expect(stack.contains(#"["home"]="https://example.se/rapport?id=7&kommun=nacka""#))
            #expect(!stack.contains("comment"))
            #expect(!stack.contains("reviewedAt"))
            #expect(stack.contains(#"["counts"]={}"#))
            for value in [
                try descriptions([1, 2, 3], in: run), try descriptions(["a": [1.5], "b": []], in: run),
                try descriptions("Åsa", in: run), try descriptions(Int?.none, in: run),
                try descriptions([Int?.some(1), nil, 3], in: run), try descriptions(UInt64(42), in: run),
                try descriptions([Date(timeIntervalSince1970: 0)], in: run),
            ] {
                #expect(value.stack == value.tree)
            }
        }
    }

    @Test func everyArgumentOfATypedCallArrivesInOrder() throws {
        let text = try withRun { run throws in
            try run.call(try run.function("describe_all"), with: 1, "två", [3.5], Row?.none, returning: String.self)
        }
        #expect(text == #"integer:1 "två" {[integer:1]=float:3.5} nil"#)
    }

    /// Containers asked for the way hand-written `encode(to:)` methods do.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case id = "person_id", period, tags, base }
        enum PeriodKeys: CodingKey { case year, month }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(7, forKey: .id)
            var period = container.nestedContainer(keyedBy: PeriodKeys.self, forKey: .period)
            var tags = container.nestedUnkeyedContainer(forKey: .tags)
            try period.encode(2025, forKey: .year)
            try tags.encode("a")
            var pair = tags.nestedUnkeyedContainer()
            try pair.encode(true)
            try pair.encodeNil()
            var inner = tags.nestedContainer(keyedBy: PeriodKeys.self)
            try inner.encode(10, forKey: .month)
            try period.encode(10, forKey: .month)
            try "basen".encode(to: container.superEncoder(forKey: .base))
            try 99.encode(to: container.superEncoder())
        }
    }

    @Test func nestedContainersAndSuperEncodersGiveTheSameTablesBothWays() throws {
        let (stack, tree) = try withRun { run in try descriptions(Handwritten(), in: run) }
        #expect(stack == tree)
        #expect(
            stack == #"{["base"]="basen",["period"]={["month"]=integer:10,["year"]=integer:2025},"#
                + #"["person_id"]=integer:7,["super"]=integer:99,["tags"]={[integer:1]="a","#
                + #"[integer:2]={[integer:1]=true,[integer:2]=false},[integer:3]={["month"]=integer:10}}}"#)
    }

    /// Two keyed containers of one value, with different key types: both fill the same table.
    struct TwoKeySets: Encodable {
        enum A: CodingKey { case x, y }
        enum B: CodingKey { case p, q, r }
        func encode(to encoder: any Encoder) throws {
            var a = encoder.container(keyedBy: A.self)
            var b = encoder.container(keyedBy: B.self)
            try a.encode(1, forKey: .x)
            try b.encode(2, forKey: .p)
            try a.encode(3, forKey: .y)
            try b.encode(4, forKey: .r)
        }
    }

    @Test func aValueWithTwoKeyTypesGetsEveryKeyRight() throws {
        let (stack, tree) = try withRun { run in try descriptions([TwoKeySets(), TwoKeySets()], in: run) }
        #expect(stack == tree)
        #expect(stack.hasPrefix(#"{[integer:1]={["p"]=integer:2,["r"]=integer:4,["x"]=integer:1,["y"]=integer:3}"#))
    }

    /// Keeps the container it was given and writes to it again while the next value encodes.
    final class Keeper {
        var kept: Any?
        var errors: [String] = []
    }

    struct Leaky: Encodable {
        enum Keys: CodingKey { case n }
        let keeper: Keeper
        let n: Int
        func encode(to encoder: any Encoder) throws {
            if var old = keeper.kept as? KeyedEncodingContainer<Keys> {
                do { try old.encode(99, forKey: .n) } catch { keeper.errors.append("\(error)") }
            }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(n, forKey: .n)
            keeper.kept = container
        }
    }

    @Test func aContainerKeptAfterItsValueIsRefusedAndTheNextValueIsUntouched() throws {
        // Given values that keep their container and use it while the next one encodes
        let keeper = Keeper()
        let text = try withRun { run in
            try run.call(
                try run.function("describe_all"), with: [Leaky(keeper: keeper, n: 1), Leaky(keeper: keeper, n: 2)],
                returning: String.self)
        }
        // Then each value has its own field and the late writes were refused
        #expect(text == "{[integer:1]={[\"n\"]=integer:1},[integer:2]={[\"n\"]=integer:2}}")
        #expect(keeper.errors.count == 1)
        #expect(keeper.errors.first?.contains("a container was used after its value was encoded") == true)
    }

    @Test func keysOfDifferentTypesAreNotMixedUpByTheKeyCache() throws {
        struct A: Codable, Equatable { var x: Int; var y: Int }
        struct B: Codable, Equatable { var p: Int; var q: Int }
        struct Both: Codable, Equatable { var a: A; var b: [B]; var c: [String: A] }
        let value = Both(a: A(x: 1, y: 2), b: [B(p: 3, q: 4)], c: ["x": A(x: 5, y: 6), "ö": A(x: 7, y: 8)])
        try withRun { run throws in
            for _ in 0..<3 {
                #expect(try run.call(try run.function("echo"), with: value, returning: Both.self) == value)
            }
            // And a dictionary that grows and shrinks from call to call (its size hint changes)
            for size in [3, 70, 0, 5] {
                let map = Dictionary(uniqueKeysWithValues: (0..<size).map { ("k\($0)", $0) })
                #expect(try run.call(try run.function("echo"), with: map, returning: [String: Int].self) == map)
            }
        }
    }

    // MARK: Failed encodings

    @Test func anUnsignedValueAboveInt64MaxIsRefusedWithItsPath() throws {
        var report = Self.report
        report.limits = Limits(max: .max, min: 0)
        let error = #expect(throws: LuaError.self) {
            try withRun { run in try run.call(try run.function("echo"), with: report, returning: Report.self) }
        }
        #expect(error?.code == .conversion)
        #expect(error?.message == "limits.max: 18446744073709551615 is too large for a Lua integer")
        // The same message as LuaValueEncoder gives, in a list too and at the top
        let tree = #expect(throws: LuaError.self) { try LuaValueEncoder().encode(report) }
        #expect(tree?.message == error?.message)
        let inList = #expect(throws: LuaError.self) {
            try withRun { run in try run.call(try run.function("echo"), with: [1, UInt64.max], returning: [Int].self) }
        }
        #expect(inList?.message == "[2]: 18446744073709551615 is too large for a Lua integer")
        let atTop = #expect(throws: LuaError.self) {
            try withRun { run in try run.call(try run.function("echo"), with: UInt.max, returning: Int.self) }
        }
        #expect(atTop?.message == "value: 18446744073709551615 is too large for a Lua integer")
    }

    struct Failing: Encodable {
        var before = [1, 2, 3]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: StackCodingTests.Handwritten.Keys.self)
            try container.encode(before, forKey: .tags)
            var nested = container.nestedContainer(keyedBy: StackCodingTests.Handwritten.PeriodKeys.self, forKey: .period)
            try nested.encode(1, forKey: .year)
            throw EncodingError.invalidValue(
                self, .init(codingPath: nested.codingPath + [Handwritten.PeriodKeys.month], debugDescription: "no month"))
        }
    }

    @Test func theStackIsBalancedAfterAFailedEncoding() throws {
        try withRun { run throws in
            let L = run.state.L
            let echo = try run.function("echo")
            let before = lua_gettop(L)
            var report = Self.report
            report.limits = Limits(max: .max, min: 0)
            // When encodings fail deep inside a table, in the second argument, or in user code
            #expect(throws: LuaError.self) { try run.call(echo, with: report, returning: Report.self) }
            #expect(lua_gettop(L) == before)
            #expect(throws: LuaError.self) { try run.call(echo, with: 1, [Limits(max: .max, min: 1)], returning: Int.self) }
            #expect(lua_gettop(L) == before)
            let userError = #expect(throws: LuaError.self) { try run.call(echo, with: Failing(), returning: Int.self) }
            #expect(userError?.message == "period.month: no month")
            #expect(lua_gettop(L) == before)
            // Then the run goes on as before
            #expect(try run.call(echo, with: Self.report, returning: Report.self) == Self.report)
            #expect(lua_gettop(L) == before)
        }
    }

    @Test func theStackEncoderAloneLeavesExactlyOneValueOrNothing() throws {
        try withRun { run throws in
            let L = run.state.L
            let encoder = LuaStackEncoder(L: L)
            let base = lua_gettop(L)
            try encoder.push(Self.report)
            #expect(lua_gettop(L) == base + 1)
            #expect(lua_type(L, -1) == LUA_TTABLE)
            try encoder.push(Int?.none)
            #expect(lua_gettop(L) == base + 2)
            #expect(lua_type(L, -1) == LUA_TNIL)
            #expect(throws: LuaError.self) { try encoder.push(Failing()) }
            #expect(lua_gettop(L) == base + 2)
            lua_settop(L, base)
        }
    }

    // MARK: Decoding results

    /// The message of decoding `source`'s result as `T` through the typed call.
    func callError<T: Decodable>(_ source: String, as type: T.Type) throws -> String? {
        try withRun { run throws in
            _ = try run.execute(source: "function result() \(source) end", chunkName: "result.lua")
            do {
                _ = try run.call(try run.function("result"), with: [Int](), returning: T.self)
                return nil
            } catch let error as LuaError {
                #expect(error.code == .conversion)
                return error.message
            }
        }
    }

    @Test func decodingErrorsOfTheTypedCallNameThePath() throws {
        struct Activity: Decodable { var date: String; var kind: String; var hours: Double }
        struct Month: Decodable { var activities: [Activity] }
        #expect(
            try callError(
                """
                return { activities = {
                  { date = "2025-09-01", kind = "sfi", hours = 1 },
                  { date = "2025-09-02", kind = "sfi", hours = 2 },
                  { date = "2025-09-03", kind = "sfi", hours = "två" } } }
                """, as: Month.self) == "activities[3].hours: expected number, got string")
        #expect(try callError(#"return { date = "2025-09-01", hours = 1 }"#, as: Activity.self) == "kind: required field is missing")
        #expect(try callError("return {1, 2, 2.5}", as: [Int].self) == "[3]: expected integer, got number 2.5")
        #expect(try callError("return {1, 2, x = 3}", as: [Int].self) == "value: expected list, got a table with named fields")
        #expect(try callError("return 300", as: UInt8.self) == "value: 300 is out of range for UInt8")
        #expect(try callError("return 'x'", as: Date.self) == "value: 'x' is not an ISO 8601 date and time")
        #expect(try callError("return {when = 3}", as: [String: Date].self) == "when: expected date text, got integer")
        #expect(try callError("return nil", as: Int.self) == "value: expected integer, got nil")
    }

    @Test func theEmptyTableIsAnEmptyListOrAnEmptyMap() throws {
        try withRun { run throws in
            _ = try run.execute(source: "function empty() return {} end", chunkName: "e.lua")
            let empty = try run.function("empty")
            #expect(try run.call(empty, with: 0, returning: [String].self) == [])
            #expect(try run.call(empty, with: 0, returning: [String: Int].self) == [:])
        }
    }

    /// Values and types on which the stack decoder must agree with LuaValueDecoder, result or
    /// message.
    @Test func theStackDecoderAgreesWithLuaValueDecoder() throws {
        struct Inner: Codable, Equatable { var n: Int8; var f: Float?; var u: UInt? }
        struct Outer: Codable, Equatable { var inner: Inner; var list: [Inner]; var map: [String: [Int64]]; var opt: Inner? }
        enum Kind: String, Codable { case sfi, praktik }
        struct WithKind: Codable, Equatable { var kind: Kind; var kinds: [Kind] }
        let values: [LuaValue] = [
            .nil, true, 1, 2.5, 3.0, -0.0, 1e300, "text", "2025-10-01T06:26:40Z", "https://example.se", [],
            ["n": 1, "f": 0.5, "u": 7], ["n": 300], ["n": 1.5], ["n": "1"], ["f": 1], ["n": 2, "u": -1],
            ["inner": ["n": 1], "list": [["n": 2], ["n": 3, "u": -1]], "map": ["a": [1, 2]]],
            ["inner": ["n": 1], "list": [], "map": [:], "opt": ["n": 4]],
            ["inner": ["n": 1], "list": [["n": 2], "x"], "map": ["a": [1, 2.5]]],
            ["inner": ["n": 1], "list": [], "map": ["a": ["b": 1]]],
            ["inner": ["n": 1], "list": ["x": ["n": 1]], "map": [:]],
            ["kind": "sfi", "kinds": ["praktik", "sfi"]], ["kind": "annat", "kinds": []], ["kind": "sfi", "kinds": [1]],
            [1, 2, 3], ["a", "b"], ["1": 5, "2": 6],
            .table(LuaTable(array: [5], hash: [.integer(3): 6, .integer(-1): 7, .string("x"): 1])),
        ]
        func agree<T: Decodable & Equatable>(_ type: T.Type, in run: LuaRun) {
            let L = run.state.L
            for value in values {
                let tree = Result { () throws(LuaError) -> T in try LuaValueDecoder().decode(T.self, from: value) }
                let top = lua_gettop(L)
                let stack = Result { () throws(LuaError) -> T in
                    try run.state.stack.push(value)
                    defer { lua_settop(L, top) }
                    return try LuaStackDecoder(L: L).decode(T.self, at: -1)
                }
                #expect(lua_gettop(L) == top)
                switch (tree, stack) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(T.self) from \(value)")
                case (.failure(let a), .failure(let b)): #expect(a == b, "\(T.self) from \(value)")
                default: Issue.record("\(T.self) from \(value): \(tree) against \(stack)")
                }
            }
        }
        try withRun { run throws in
            agree(Bool.self, in: run)
            agree(Int.self, in: run)
            agree(UInt16.self, in: run)
            agree(Double.self, in: run)
            agree(Float.self, in: run)
            agree(String.self, in: run)
            agree(Date.self, in: run)
            agree(URL.self, in: run)
            agree(Decimal.self, in: run)
            agree(Int?.self, in: run)
            agree([Int].self, in: run)
            agree([Int?].self, in: run)
            agree([String].self, in: run)
            agree([String: Int].self, in: run)
            agree([Int: Int].self, in: run)
            agree(Inner.self, in: run)
            agree(Outer.self, in: run)
            agree(WithKind.self, in: run)
        }
    }

    @Test func aResultThatContainsItselfStopsAtTheDepthLimit() throws {
        final class Node: Decodable { var name: String; var next: Node? }
        let error = #expect(throws: LuaError.self) {
            try withRun { run in
                _ = try run.execute(source: "function loop() local t = {name = 'a'}; t.next = t; return t end", chunkName: "l.lua")
                return try run.call(try run.function("loop"), with: 0, returning: Node.self)
            }
        }
        #expect(error?.code == .conversion)
        #expect(error?.message.hasSuffix("tables nested more than 100 deep") == true)
    }

    @Test func fieldsTheTypeDoesNotAskForAreNotRead() throws {
        // Given a result with an unused field that no LuaValue could hold (a coroutine)
        struct Small: Decodable, Equatable { var ok: Bool }
        let small = try withRun { run in
            _ = try run.execute(source: "function f() return {ok = true, co = coroutine.create(print)} end", chunkName: "f.lua")
            return try run.call(try run.function("f"), with: 0, returning: Small.self)
        }
        // Then the typed call only reads what the type asks for
        #expect(small == Small(ok: true))
    }

    @Test func everyResultOfATypedCallIsReleased() throws {
        try withRun { run in
            _ = try run.execute(source: "function many() return {1}, {2}, 'x', nil, {4} end", chunkName: "m.lua")
            let many = try run.function("many")
            let L = run.state.L
            lua_pushnil(L)
            let free = luaL_ref(L, clua_registryindex())
            luaL_unref(L, clua_registryindex(), free)
            for _ in 0..<50 { #expect(try run.call(many, with: 0, returning: [Int].self) == [1]) }
            // The registry slots of the captured results were given back: the next reference
            // reuses a free slot rather than growing the registry by 250
            lua_pushnil(L)
            let next = luaL_ref(L, clua_registryindex())
            luaL_unref(L, clua_registryindex(), next)
            #expect(next <= free + 5)
        }
    }
}
