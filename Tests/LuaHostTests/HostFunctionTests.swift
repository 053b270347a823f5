import LuaHost
import Testing

/// Calling both ways: scripts call Swift host functions, Swift calls Lua functions.
struct HostFunctionTests {
    struct LookupError: Error, CustomStringConvertible {
        var description: String { "no person with that id" }
    }

    /// A module with a function that greets, one that fails, and one that adds numbers.
    var people: LuaModule {
        var module = LuaModule("people")
        module.function("greet") { call in
            let name = try call.string(1)
            return [.string("Hej \(name)!")]
        }
        module.function("get") { _ in throw LookupError() }
        module.function("sum") { call in
            let rows = try call.decode([Int].self, 1)
            return [.integer(Int64(rows.reduce(0, +))), .integer(Int64(rows.count))]
        }
        return module
    }

    func sandbox() throws -> LuaSandbox {
        try LuaSandbox(.init(modules: [people]))
    }

    @Test func aScriptCallsASwiftFunctionThroughItsModuleTable() throws {
        let result = try sandbox().runSource("return people.greet('Åsa'), people.sum({1, 2, 3})", chunkName: "g.lua")
        #expect(result == ["Hej Åsa!", 6, 3])
    }

    @Test func aSwiftErrorBecomesALuaErrorThatPcallCatchesWithTheCallersLine() throws {
        // Given a script that calls a failing host function inside pcall
        let result = try sandbox().runSource(
            """
            local ok, message = pcall(people.get, 42)
            local ok2, message2 = pcall(function()
              return people.get(42)
            end)
            return ok, message, ok2, message2
            """, chunkName: "scripts/lookup.lua")
        // Then the script gets false and the message; called from a Lua line, it carries that line
        #expect(result[0] == false)
        #expect(result[1].stringValue?.hasSuffix("no person with that id") == true)
        #expect(result[2] == false)
        #expect(result[3] == "scripts/lookup.lua:3: people.get: no person with that id")
    }

    @Test func anUncaughtSwiftErrorStopsTheScriptAtItsLine() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try sandbox().runSource("local x = 1\nreturn people.get(x)", chunkName: "scripts/x.lua")
        }
        #expect(error?.code == .runtime)
        #expect(error?.message == "scripts/x.lua:2: people.get: no person with that id")
        #expect(error?.chunk == "scripts/x.lua")
        #expect(error?.line == 2)
    }

    @Test func wrongArgumentsGetLuasOwnBadArgumentMessage() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try sandbox().runSource("\n\nreturn people.greet(nil)", chunkName: "a.lua")
        }
        #expect(error?.message == "a.lua:3: bad argument #1 to 'people.greet' (string expected, got nil)")
        let decoding = #expect(throws: LuaError.self) {
            _ = try sandbox().runSource("return people.sum({1, 'två'})", chunkName: "b.lua")
        }
        #expect(decoding?.message == "b.lua:1: bad argument #1 to 'people.sum' ([2]: expected integer, got string)")
    }

    @Test func swiftCallsALuaFunctionWithArgumentsAndGetsEveryResult() throws {
        let results = try sandbox().withRun { run in
            _ = try run.execute(
                source: "function split(s) local a, b = s:match('([^-]+)-([^-]+)') return a, b, #s end",
                chunkName: "split.lua")
            return try run.call(try run.function("split"), ["ÅR-MÅNAD"])
        }
        #expect(results == ["ÅR", "MÅNAD", .integer(Int64("ÅR-MÅNAD".utf8.count))])
    }

    @Test func aFunctionHandleReturnedToSwiftCanBeCalledLaterInTheSameRun() throws {
        let value = try sandbox().withRun { run in
            let made = try run.execute(
                source: "return function(n) return n * 2 end", chunkName: "make.lua")
            guard case .function(let double) = made[0] else { throw LuaError(.runtime, "no function") }
            return try run.call(double, [21])
        }
        #expect(value == [42])
    }
}
