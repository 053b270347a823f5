import LuaHost
import Testing

/// A host module run once per Lua state and kept: later runs on that state do not run it
/// again, its functions see the globals of the run that calls them, and a changed text or a
/// chunk that fails is not kept.
struct LuaKeptModuleTests {
    /// A module that counts how often its chunk ran, reads a global of the run, and keeps a
    /// table that `reset` starts afresh.
    let module = """
        loads = (loads or 0) + 1
        local ran = 0
        local seen = {}
        local m = {}
        function m.ran() ran = ran + 1; return ran end
        function m.greeting() return greeting end
        function m.remember(x) seen[#seen + 1] = x; return #seen end
        local host = { reset = function() seen = {} end }
        return m, host
        """

    func call(_ run: LuaRun, _ kept: LuaKeptModule, _ name: String, _ arguments: [LuaValue] = [], result: Int = 1) throws -> LuaValue {
        guard let function = try kept.function(name, inResult: result) else { return .string("no \(name)") }
        return try run.call(function, arguments).first ?? .nil
    }

    @Test func theChunkRunsOnceAndItsFunctionsSeeEachRunsGlobals() throws {
        // Given one sandbox and a cache
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        // When three runs each take the module and set their own global `greeting`
        let answers = try ["Hej", "Hallå", "Tjena"].map { greeting in
            try sandbox.withRun { run -> [LuaValue] in
                let kept = try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache)
                _ = try run.execute(source: "greeting = '\(greeting)'", chunkName: "set.lua")
                return [.boolean(kept.isNew), try call(run, kept, "ran"), try call(run, kept, "greeting"), run.global("loads")]
            }
        }
        // Then the chunk ran in the first run only; its state lives on; each run's global is seen
        #expect(answers[0] == [.boolean(true), .integer(1), .string("Hej"), .integer(1)])
        #expect(answers[1] == [.boolean(false), .integer(2), .string("Hallå"), .nil])
        #expect(answers[2] == [.boolean(false), .integer(3), .string("Tjena"), .nil])
    }

    @Test func aStateOfItsOwnRunsTheChunkItself() throws {
        // Given a module kept by one sandbox
        let cache = LuaChunkCache()
        let first = try LuaSandbox()
        _ = try first.withRun { run in try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache) }
        // When another sandbox takes it
        let second = try LuaSandbox()
        let isNew = try second.withRun { run in try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache).isNew }
        // Then it runs the chunk (from the one compiled form)
        #expect(isNew)
        #expect(cache.count == 1)
    }

    @Test func whatTheModuleKeepsIsWhatItsHostFunctionsMakeOfIt() throws {
        // Given a module that remembers values, and a host function that starts that afresh
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        let counts = try (1...3).map { number in
            try sandbox.withRun { run -> [LuaValue] in
                let kept = try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache)
                let before = try call(run, kept, "remember", [.integer(Int64(number))])
                if number == 2 { _ = try call(run, kept, "reset", result: 2) }
                return [before, try call(run, kept, "remember", [.integer(0)])]
            }
        }
        // Then what one run remembered is there in the next, until reset
        #expect(counts == [[.integer(1), .integer(2)], [.integer(3), .integer(1)], [.integer(2), .integer(3)]])
    }

    @Test func aChangedTextRunsAgainAndAChunkThatFailsIsNotKept() throws {
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        // Given a kept module
        _ = try sandbox.withRun { run in try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache) }
        // When its text changes, it runs again
        let changed = module.replacingOccurrences(of: "local ran = 0", with: "local ran = 100")
        let ran = try sandbox.withRun { run in
            let kept = try run.keptModule(source: changed, chunkName: "[host]/m.lua", cache: cache)
            return [.boolean(kept.isNew), try call(run, kept, "ran")]
        }
        #expect(ran == [.boolean(true), .integer(101)])
        // And a chunk that fails throws with its line, each time: it is never kept
        let failing = "local m = {}\nerror('trasig')\nreturn m"
        for _ in 0..<2 {
            let error = #expect(throws: LuaError.self) {
                try sandbox.withRun { run in _ = try run.keptModule(source: failing, chunkName: "[host]/f.lua", cache: cache) }
            }
            #expect(error?.message == "[host]/f.lua:2: trasig")
        }
        // And a function the module does not have is nil
        let missing = try sandbox.withRun { run in
            try run.keptModule(source: module, chunkName: "[host]/m.lua", cache: cache).function("saknas") == nil
        }
        #expect(missing)
    }
}
