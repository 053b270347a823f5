import LuaHost
import Testing

/// Text compiled once and loaded as bytecode afterwards: the same results and the same errors,
/// a changed text compiled anew — and scripts still cannot load bytecode themselves.
struct LuaChunkCacheTests {
    let engine = """
        local engine = {}
        function engine.greet(name) return "Hej " .. name end
        function engine.fail() error("trasig mall") end
        return engine
        """

    func greet(_ sandbox: LuaSandbox, _ source: String, _ cache: LuaChunkCache, _ name: String) throws -> [LuaValue] {
        try sandbox.withRun { run in
            guard case .table(let engine)? = try run.execute(source: source, chunkName: "[host]/engine.lua", cache: cache).first,
                case .function(let greet)? = engine.entries.first(where: { $0.key == "greet" })?.value
            else { return [] }
            return try run.call(greet, [.string(name)])
        }
    }

    @Test func aTextIsCompiledOnceAndRunsTheSameFromBytecode() throws {
        // Given an empty cache and two sandboxes
        let cache = LuaChunkCache()
        let first = try LuaSandbox()
        let second = try LuaSandbox()
        // When the same text runs in both, twice each
        let results = try [greet(first, engine, cache, "Anna"), greet(second, engine, cache, "Bo"), greet(first, engine, cache, "Cia")]
        // Then every run answers as from text, and one compiled form is kept
        #expect(results == [["Hej Anna"], ["Hej Bo"], ["Hej Cia"]])
        #expect(cache.count == 1)
    }

    @Test func errorsFromBytecodeNameTheChunkAndLine() throws {
        // Given a cache that already holds the text
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        _ = try greet(sandbox, engine, cache, "Anna")
        // When a function of the bytecode raises an error
        let error = #expect(throws: LuaError.self) {
            try sandbox.withRun { run in
                guard case .table(let engine)? = try run.execute(source: engine, chunkName: "[host]/engine.lua", cache: cache).first,
                    case .function(let fail)? = engine.entries.first(where: { $0.key == "fail" })?.value
                else { return }
                _ = try run.call(fail)
            }
        }
        // Then it names the file and the line, as the text's would
        #expect(error?.message == "[host]/engine.lua:3: trasig mall")
    }

    @Test func aChangedTextUnderTheSameNameIsCompiledAnew() throws {
        // Given the text compiled once
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        _ = try greet(sandbox, engine, cache, "Anna")
        // When the text under the same name changes
        let changed = engine.replacingOccurrences(of: "\"Hej \"", with: "\"Hallå \"")
        // Then the new text runs, not the old bytecode
        #expect(try greet(sandbox, changed, cache, "Anna") == ["Hallå Anna"])
        #expect(cache.count == 2)
    }

    @Test func aCacheKeepsAtMostItsCapacity() throws {
        let cache = LuaChunkCache(capacity: 2)
        let sandbox = try LuaSandbox()
        for number in 1...3 {
            let results = try sandbox.withRun { run in
                try run.execute(source: "return \(number)", chunkName: "n\(number).lua", cache: cache)
            }
            #expect(results == [.integer(Int64(number))])
        }
        #expect(cache.count == 2)
    }

    @Test func aStateRunsItsKeptChunkAnewInEveryRun() throws {
        // Given a chunk with a global, a top-level table and a function that fills it
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        let chunk = """
            runs = (runs or 0) + 1
            local seen = {}
            return function(x) seen[#seen + 1] = x; return runs, #seen end
            """
        // When the same state runs it three times (compiled, then from the kept function), calling it twice a run
        var results: [[LuaValue]] = []
        for number in 1...3 {
            results += try sandbox.withRun { run in
                guard case .function(let add)? = try run.execute(source: chunk, chunkName: "kept.lua", cache: cache).first else {
                    return []
                }
                return [try run.call(add, [.integer(Int64(number))]), try run.call(add, [.integer(Int64(number))])]
            }
        }
        // Then every run starts afresh: its own globals and its own tables
        #expect(results == Array(repeating: [.integer(1), .integer(1)], count: 3).flatMap { [$0, [.integer(1), .integer(2)]] })
    }

    @Test func aStateFollowsTheTextWhenItChangesBackAndForth() throws {
        // Given one state and two texts under one name, both compiled once
        let cache = LuaChunkCache()
        let sandbox = try LuaSandbox()
        let changed = engine.replacingOccurrences(of: "\"Hej \"", with: "\"Hallå \"")
        // When they alternate
        var greetings: [[LuaValue]] = []
        for source in [engine, changed, engine, changed, engine] {
            greetings.append(try greet(sandbox, source, cache, "Anna"))
        }
        // Then each run runs the text it was given
        #expect(greetings == [["Hej Anna"], ["Hallå Anna"], ["Hej Anna"], ["Hallå Anna"], ["Hej Anna"]])
        #expect(cache.count == 2)
    }

    @Test func manyChunkNamesOnOneStateStillRunTheirOwnText() throws {
        // Given more chunk names than a state keeps functions for
        let cache = LuaChunkCache(capacity: 100)
        let sandbox = try LuaSandbox()
        // When each runs twice (the second time from what the state kept, or loaded again)
        for round in 1...2 {
            for number in 1...40 {
                let results = try sandbox.withRun { run in
                    try run.execute(source: "return \(number) * 10", chunkName: "n\(number).lua", cache: cache)
                }
                // Then every run gives its own text's result
                #expect(results == [.integer(Int64(number * 10))], "round \(round)")
            }
        }
    }

    @Test func scriptsStillCannotLoadBytecode() throws {
        // Given a script that finds a binary chunk's signature and tries to load it in every mode
        let sandbox = try LuaSandbox()
        let results = try sandbox.runSource(
            """
            local chunk = "\\27Lua" .. string.rep("\\0", 40)
            local asked = pcall(load, chunk, "=x", "b", {})
            local f = load(chunk, "=x", "bt", {})
            return not asked and f == nil, string.dump == nil
            """, chunkName: "bytecode.lua")
        // Then load refuses mode "b" outright and fails on it as text, and there is no string.dump to make any
        #expect(results == [.boolean(true), .boolean(true)])
    }
}
