import Foundation
import LuaHost
import Logging
import Testing

/// The corpus in `Hostile/`: scripts that try to escape the sandbox, hang the host or exhaust
/// its memory. Each one says in its header what must happen to it; the host must then still run
/// a healthy script in the same sandbox, with nothing of the hostile run left behind.
///
/// Header lines (comments at the top of each script):
///
///     -- attack: what the script tries
///     -- expect: limit instructions | limit time | limit memory
///     -- expect: error <part of the message>        (a runtime error)
///     -- expect: conversion <part of the message>   (the results cannot reach the host)
///     -- expect: returns <Lua expression list>      (what the script could reach)
///     -- limits: instructions=N timeout=S memory=MiB (optional, else LuaLimits.default — with a
///                                                     budget of 5 000 000 for `limit instructions`)
///     -- position: none                             (optional: Lua gives no line for this error)
@Suite(.serialized)
struct HostileScriptTests {
    /// The scripts' file names, sorted, so that each is reported as its own test case.
    static let scriptNames: [String] = {
        guard let folder = Bundle.module.url(forResource: "Hostile", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".lua") }.sorted()
    }()

    /// A correctness bound for "the host was not hung", not a benchmark.
    static let wallClockBound: Duration = .seconds(2)

    @Test func theCorpusHasAtLeastThirtyScripts() {
        #expect(HostileScriptTests.scriptNames.count >= 30)
    }

    @Test(arguments: HostileScriptTests.scriptNames)
    func hostileScriptIsContained(_ fileName: String) throws {
        // Given a hostile script and a sandbox with the limits its header asks for
        let script = try HostileScript(fileName: fileName)
        let sandbox = try LuaSandbox(
            .init(limits: script.limits, logger: Logger(label: "hostile", factory: { _ in SwiftLogNoOpLogHandler() })))

        // When it runs
        var outcome: Result<[LuaValue], LuaError> = .success([])
        let elapsed = ContinuousClock().measure {
            outcome = Result { () throws(LuaError) in
                try sandbox.runSource(script.source, chunkName: script.chunkName)
            }
        }

        // Then it ends as its header says, soon enough
        script.check(outcome)
        #expect(elapsed < HostileScriptTests.wallClockBound, "\(fileName) (\(script.attack)) ran for \(elapsed)")

        // And the same sandbox still runs a healthy script, in an environment the hostile one
        // could not spoil
        let healthy = try sandbox.runSource("return 1 + 1", chunkName: "healthy.lua")
        #expect(healthy == [.integer(2)])
        let problems = try sandbox.runSource(HostileScriptTests.pristineCheck, chunkName: "pristine.lua")
        #expect(problems == [""], "after \(fileName)")
    }

    /// Lists whatever a fresh run finds out of place: leaked globals, replaced or removed
    /// functions, an unlocked string metatable, libraries that must not be there.
    static let pristineCheck = """
        local problems = {}
        local function problem(text) problems[#problems + 1] = text end
        for _, name in ipairs({ "leaked", "leaked_raw", "leaked_in_coroutine", "leaked_in_load" }) do
          if rawget(_ENV, name) ~= nil then problem("global " .. name .. " survived") end
        end
        for _, name in ipairs({ "pcall", "xpcall", "error", "setmetatable", "getmetatable", "load", "tostring",
                                "print", "require", "type", "pairs", "ipairs", "next", "select", "rawset" }) do
          if type(_ENV[name]) ~= "function" then problem(name .. " is " .. type(_ENV[name])) end
        end
        for lib, names in pairs({ string = { "rep", "format", "find", "gsub", "upper" },
                                  table = { "insert", "concat", "sort" }, math = { "floor", "max" },
                                  coroutine = { "wrap", "resume" }, clock = { "today" } }) do
          for _, name in ipairs(names) do
            if type(_ENV[lib]) ~= "table" or type(_ENV[lib][name]) ~= "function" then
              problem(lib .. "." .. name .. " is missing")
            end
          end
        end
        if getmetatable(_ENV) ~= nil then problem("_ENV has a metatable") end
        if _G ~= _ENV then problem("_G is not _ENV") end
        if getmetatable("") ~= false then problem("string metatable is reachable") end
        if ("ab"):upper() ~= "AB" or ("x"):rep(3) ~= "xxx" then problem("string methods changed") end
        if tostring(12) ~= "12" or math.max(1, 2) ~= 2 then problem("base functions changed") end
        for _, name in ipairs({ "io", "os", "debug", "package", "dofile", "loadfile", "loadstring" }) do
          if _ENV[name] ~= nil then problem(name .. " is present") end
        end
        if string.dump ~= nil then problem("string.dump is present") end
        return table.concat(problems, ", ")
        """
}

/// One script of the corpus with the outcome its header promises.
struct HostileScript {
    enum Expectation {
        case limit(LuaError.Limit)
        case error(LuaError.Code, String)
        case returns(String)
    }

    let fileName: String
    let source: String
    let attack: String
    let expectation: Expectation
    let limits: LuaLimits
    /// Whether Lua gives the error a position (then it must be the script's own).
    let hasPosition: Bool

    var chunkName: String { "hostile/\(fileName)" }

    struct HeaderError: Error, CustomStringConvertible {
        let description: String
    }

    init(fileName: String) throws {
        guard let url = Bundle.module.url(forResource: "Hostile/\(fileName)", withExtension: nil) else {
            throw HeaderError(description: "\(fileName): not in the test bundle")
        }
        self.fileName = fileName
        source = try String(contentsOf: url, encoding: .utf8)
        var header: [String: String] = [:]
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("--") else { break }
            let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon])
            guard header[key] == nil else { continue }
            header[key] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let attack = header["attack"], !attack.isEmpty else {
            throw HeaderError(description: "\(fileName): the header has no '-- attack:' line")
        }
        self.attack = attack
        guard let expect = header["expect"] else {
            throw HeaderError(description: "\(fileName): the header has no '-- expect:' line")
        }
        let kind = String(expect.prefix(while: { $0 != " " }))
        let argument = expect.dropFirst(kind.count).trimmingCharacters(in: .whitespaces)
        switch kind {
        case "limit":
            guard let limit = LuaError.Limit(rawValue: argument) else {
                throw HeaderError(description: "\(fileName): unknown limit '\(argument)'")
            }
            expectation = .limit(limit)
        case "error": expectation = .error(.runtime, argument)
        case "conversion": expectation = .error(.conversion, argument)
        case "returns": expectation = .returns(argument)
        default: throw HeaderError(description: "\(fileName): unknown expectation '\(expect)'")
        }
        var limits = LuaLimits.default
        if case .limit(.instructions) = expectation {
            // What is tested is that the budget stops the script, not how large it is: a tenth of
            // the default keeps a loaded machine (CI, or builds beside it) from letting the 1 s
            // deadline win the race in a debug build. A header's own setting still wins.
            limits.instructions = LuaLimits.budgeted.instructions / 10
        }
        for setting in (header["limits"] ?? "").split(separator: " ") {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let number = Double(parts[1]) else {
                throw HeaderError(description: "\(fileName): bad limit setting '\(setting)'")
            }
            switch parts[0] {
            case "instructions": limits.instructions = Int(number)
            case "timeout": limits.timeout = number
            case "memory": limits.memoryBytes = Int(number * 1024 * 1024)
            default: throw HeaderError(description: "\(fileName): unknown limit '\(parts[0])'")
            }
        }
        self.limits = limits
        hasPosition = header["position"] != "none"
    }

    /// Records a test issue unless `outcome` is the one the header promises.
    func check(_ outcome: Result<[LuaValue], LuaError>, sourceLocation: SourceLocation = #_sourceLocation) {
        switch (expectation, outcome) {
        case (.returns(let literal), .success(let values)):
            #expect(values == HostileScript.evaluate(literal), "\(fileName): \(attack)", sourceLocation: sourceLocation)
        case (.returns(let literal), .failure(let error)):
            Issue.record("\(fileName) (\(attack)) should return \(literal) but failed: \(error.code) \(error.message)",
                sourceLocation: sourceLocation)
        case (.limit(let limit), .failure(let error)):
            #expect(error.code == .limitExceeded, "\(fileName): \(error.message)", sourceLocation: sourceLocation)
            #expect(error.limit == limit, "\(fileName): \(error.message)", sourceLocation: sourceLocation)
            checkPosition(of: error, required: hasPosition && limit != .memory, sourceLocation: sourceLocation)
        case (.error(let code, let text), .failure(let error)):
            #expect(error.code == code, "\(fileName): \(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(fileName): \(error.message)", sourceLocation: sourceLocation)
            checkPosition(of: error, required: hasPosition && code == .runtime, sourceLocation: sourceLocation)
        case (_, .success(let values)):
            Issue.record(
                "\(fileName) (\(attack)) was not stopped: it returned \(values)", sourceLocation: sourceLocation)
        }
    }

    /// An error with a position must name the script itself (`hostile/x.lua:12: …`), never the
    /// host's own chunks.
    private func checkPosition(of error: LuaError, required: Bool, sourceLocation: SourceLocation) {
        guard let line = error.line else {
            #expect(!required, "\(fileName): no position in '\(error.message)'", sourceLocation: sourceLocation)
            return
        }
        #expect(error.chunk == chunkName, "\(fileName): \(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.hasPrefix("\(chunkName):\(line): "), "\(fileName): \(error.message)",
            sourceLocation: sourceLocation)
    }

    /// The values of a Lua expression list, evaluated in a sandbox of their own.
    static func evaluate(_ literal: String) -> [LuaValue]? {
        try? LuaSandbox().runSource("return \(literal)", chunkName: "expected")
    }
}
