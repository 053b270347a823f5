import Foundation
import LuaHost
import Logging
import Synchronization
import Testing

/// What one run of a sandbox leaves for the next (nothing), and what a run sees of the host:
/// its logger, its clock and the modules under its script roots.
struct SandboxIsolationTests {
    // MARK: Runs do not see each other

    @Test func globalsSetInOneRunAreGoneInTheNext() throws {
        // Given a sandbox in which one run sets globals, directly and through _G
        let sandbox = try LuaSandbox()
        let first = try sandbox.runSource(
            """
            counter = 41
            _G.shared = { secret = "run 1" }
            function helper() return "from run 1" end
            return counter + 1
            """, chunkName: "first.lua")
        #expect(first == [.integer(42)])

        // When the next run reads them
        let second = try sandbox.runSource(
            "return counter, shared, helper, type(print)", chunkName: "second.lua")

        // Then it finds none of them, and its own globals are intact
        #expect(second == [.nil, .nil, .nil, "function"])
    }

    @Test func tamperingWithLibrariesInOneRunDoesNotReachTheNext() throws {
        // Given a run that rawsets into _G, removes string.rep, replaces pcall and locks _G
        let sandbox = try LuaSandbox()
        _ = try sandbox.runSource(
            """
            rawset(_G, "planted", "by run 1")
            string.rep = nil
            table.insert = function() error("poisoned") end
            pcall = function() return true, "forged" end
            setmetatable(_G, { __index = function() return "forged" end })
            return "done"
            """, chunkName: "tamper.lua")

        // When the next run uses the same names
        let results = try sandbox.runSource(
            """
            local t = {}
            table.insert(t, ("ab"):rep(2))
            table.insert(t, string.rep("-", 3))
            return planted, t[1], t[2], select(2, pcall(function() error("real") end)), getmetatable(_G)
            """, chunkName: "victim.lua")

        // Then it gets the real functions and an ordinary _G
        #expect(results == [.nil, "abab", "---", "victim.lua:4: real", .nil])
    }

    @Test func aFunctionHandleFromAnEndedRunThrowsStaleFunction() throws {
        // Given a function handle taken from a run that has ended
        let sandbox = try LuaSandbox()
        let greet = try sandbox.withRun { run in
            _ = try run.execute(source: "function greet(name) return 'Hej ' .. name end", chunkName: "greet.lua")
            let greet = try run.function("greet")
            #expect(try run.call(greet, ["Ada"]) == ["Hej Ada"])
            return greet
        }

        // When a later run calls it
        let error = #expect(throws: LuaError.self) {
            try sandbox.withRun { run in try run.call(greet, ["Ada"]) }
        }

        // Then the call is refused as stale, and the sandbox carries on
        #expect(error?.code == .staleFunction)
        #expect(try sandbox.runSource("return 1 + 1", chunkName: "after.lua") == [.integer(2)])
    }

    @Test func aFunctionReturnedByARunIsStaleOnceTheRunEnds() throws {
        // Given a function that a finished run returned to the host
        let sandbox = try LuaSandbox()
        let results = try sandbox.runSource("return function() return 'still here' end", chunkName: "f.lua")
        guard case .function(let function) = results.first else {
            Issue.record("expected a function, got \(results)")
            return
        }

        // When it is passed into a new run, as the callee or as an argument
        let asCallee = #expect(throws: LuaError.self) {
            try sandbox.withRun { run in try run.call(function) }
        }
        let asArgument = #expect(throws: LuaError.self) {
            try sandbox.withRun { run in
                _ = try run.execute(source: "function apply(f) return f() end", chunkName: "apply.lua")
                return try run.call(try run.function("apply"), [.function(function)])
            }
        }

        // Then both are refused as stale
        #expect(asCallee?.code == .staleFunction)
        #expect(asArgument?.code == .staleFunction)
    }

    // MARK: What a run sees of the host

    @Test func printGoesToTheConfiguredLogger() throws {
        // Given a sandbox whose logger captures what it is given
        let captured = CapturedLog()
        let logger = Logger(label: "test.lua", factory: { _ in CapturingLogHandler(log: captured) })
        let sandbox = try LuaSandbox(.init(logger: logger))

        // When a script prints several values, one with a __tostring
        _ = try sandbox.runSource(
            """
            local point = setmetatable({}, { __tostring = function() return "(1, 2)" end })
            print("hej", 42, nil, true, point)
            print()
            """, chunkName: "scripts/greeting.lua")

        // Then each print is one info line, tab-separated as in Lua, labelled with the script line
        let entries = captured.entries
        #expect(entries.map(\.message) == ["hej\t42\tnil\ttrue\t(1, 2)", ""])
        #expect(entries.map(\.level) == [.info, .info])
        #expect(entries.first?.script == "scripts/greeting.lua:2")
        #expect(entries.last?.script == "scripts/greeting.lua:3")
    }

    @Test func clockTodayFollowsTheRunContext() throws {
        // Given a run whose clock says it is leap day 2024
        let sandbox = try LuaSandbox()
        let context = LuaRunContext(clock: LuaClock(asOf: "2024-02-29")!)

        // When a script asks for today, and the next run has another clock
        let leapDay = try sandbox.runSource("return clock.today()", chunkName: "today.lua", context: context)
        let later = try sandbox.runSource(
            "return clock.today()", chunkName: "today.lua",
            context: LuaRunContext(clock: LuaClock(asOf: "2025-10-14")!))

        // Then each run sees the day of its own context, never the machine's
        #expect(leapDay == ["2024-02-29"])
        #expect(later == ["2025-10-14"])
    }

    // MARK: require

    @Test func requireLoadsAModuleOncePerRunAndAfreshInTheNext() throws {
        // Given a scripts folder with a module that counts how often it is loaded
        let scripts = try TemporaryScripts()
        defer { scripts.remove() }
        try scripts.write(
            "reminders/common.lua",
            """
            module_loads = (module_loads or 0) + 1
            local M = { loads = module_loads }
            function M.greeting(name) return "Hej " .. name end
            return M
            """)
        let sandbox = try LuaSandbox(.init(scriptRoots: LuaScriptRoots([scripts.root.path])))

        // When one run requires it twice, and the next run requires it again
        let first = try sandbox.runSource(
            """
            local a = require("reminders.common")
            local b = require("reminders.common")
            return a == b, module_loads, a.greeting("Ada")
            """, chunkName: "first.lua")
        let second = try sandbox.runSource(
            "return module_loads, require('reminders.common').loads", chunkName: "second.lua")

        // Then it ran once in the first run (cached), and once more in the second (fresh)
        #expect(first == [true, .integer(1), "Hej Ada"])
        #expect(second == [.nil, .integer(1)])
    }

    @Test func anErrorInARequiredModuleNamesTheModuleFileAndLine() throws {
        // Given a module that fails on its third line
        let scripts = try TemporaryScripts()
        defer { scripts.remove() }
        try scripts.write("broken.lua", "local M = {}\nlocal rows = nil\nM.count = #rows\nreturn M\n")
        let sandbox = try LuaSandbox(.init(scriptRoots: LuaScriptRoots([scripts.root.path])))

        // When a script requires it
        let error = #expect(throws: LuaError.self) {
            try sandbox.runSource("local broken = require('broken')\nreturn broken", chunkName: "main.lua")
        }

        // Then the message points at scripts/broken.lua:3 (Lua shortens a long folder path to
        // "...", so only the end of the chunk name is certain), the traceback back to the require
        let chunk = try #require(error?.chunk)
        #expect(error?.code == .runtime)
        #expect(chunk.hasSuffix("/scripts/broken.lua"))
        #expect(error?.line == 3)
        #expect(error?.message == "\(chunk):3: attempt to get length of a nil value (local 'rows')")
        #expect(error?.traceback?.contains("main.lua:1: in main chunk") == true)
    }

    @Test func aSyntaxErrorInARequiredModuleNamesTheModuleFileAndLine() throws {
        // Given a module with an unfinished if on line 2
        let scripts = try TemporaryScripts()
        defer { scripts.remove() }
        try scripts.write("unfinished.lua", "local M = {}\nif M then\nreturn M\n")
        let sandbox = try LuaSandbox(.init(scriptRoots: LuaScriptRoots([scripts.root.path])))

        // When a script requires it
        let error = #expect(throws: LuaError.self) {
            try sandbox.runSource("local m = require('unfinished')\nreturn m", chunkName: "main.lua")
        }

        // Then the message names the requiring line, then Lua's syntax error at scripts/unfinished.lua:4
        let message = try #require(error?.message)
        #expect(error?.code == .runtime)
        #expect(message.hasPrefix("main.lua:1: "))
        #expect(message.hasSuffix("/scripts/unfinished.lua:4: 'end' expected (to close 'if' at line 2) near <eof>"))
    }

    @Test func aMissingModuleIsReportedAtTheRequiringLineWithThePlacesTried() throws {
        // Given a scripts folder without the module
        let scripts = try TemporaryScripts()
        defer { scripts.remove() }
        let sandbox = try LuaSandbox(.init(scriptRoots: LuaScriptRoots([scripts.root.path])))

        // When a script requires it on line 2
        let error = #expect(throws: LuaError.self) {
            try sandbox.runSource("local x = 1\nlocal m = require('reports.missing')\nreturn m", chunkName: "main.lua")
        }

        // Then the error names the script line and the files it looked for
        let root = scripts.root.path
        #expect(error?.code == .runtime)
        #expect(
            error?.message
                == "main.lua:2: module 'reports.missing' not found: no file \(root)/reports/missing.lua, "
                + "\(root)/reports/missing/init.lua")
    }
}

// MARK: - Helpers

/// A `scripts/` folder of its own under the temporary directory, removed by the test.
struct TemporaryScripts {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("rv-\(UUID().uuidString.prefix(8))")
            .appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ source: String) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }
}

/// The lines a ``CapturingLogHandler`` was given.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let script: String?
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    func append(_ entry: Entry) { storage.withLock { $0.append(entry) } }
}

/// A log handler that keeps every line, so a test can read what a script printed.
struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append(
            .init(
                level: event.level, message: event.message.description,
                script: event.metadata?["script"].map { "\($0)" }))
    }
}
