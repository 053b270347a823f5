import Foundation
import LuaHost
import Testing

/// Calls with a deadline but no instruction budget run without the count hook; a timer signal
/// keeps the deadline. These prove that it does, wherever the script happens to be running.
struct DeadlineTests {
    let timeOnly = LuaLimits(instructions: 0, timeout: 0.2)

    /// Runs `source` with time-only limits and returns the error and how long it took.
    func stopped(_ source: String, sandbox: LuaSandbox? = nil) throws -> (LuaError?, Duration) {
        let sandbox = try sandbox ?? LuaSandbox(.init(limits: timeOnly))
        let clock = ContinuousClock()
        var caught: LuaError?
        let elapsed = clock.measure {
            do { _ = try sandbox.runSource(source, chunkName: "deadline.lua") } catch { caught = error as? LuaError }
        }
        return (caught, elapsed)
    }

    @Test(arguments: [
        "while true do end",
        "local f = coroutine.wrap(function() while true do end end)\nf()",
        "local a, b\na = coroutine.create(function() while true do coroutine.resume(b) end end)\nb = coroutine.create(function() while true do coroutine.yield() end end)\ncoroutine.resume(a)",
        "while true do pcall(function() while true do end end) end",
        "local gen = coroutine.wrap(function() while true do coroutine.yield(1) end end)\nwhile true do gen() end",
    ])
    func aLoopWithoutABudgetStopsAtTheDeadline(_ source: String) throws {
        // Given a script that never ends, run with a 0.2 s deadline and no instruction budget
        let (error, elapsed) = try stopped(source)
        // Then it is stopped by the time limit, soon after the deadline
        #expect(error?.limit == .time)
        #expect(error?.message.contains("time limit exceeded (0.2 s)") == true)
        #expect(elapsed < .seconds(1.5))
    }

    @Test func aHostFunctionThatOverrunsTheDeadlineIsStoppedWhenItReturns() throws {
        var slow = LuaModule("slow")
        slow.function("wait") { _ in
            Thread.sleep(forTimeInterval: 0.3)
            return []
        }
        let sandbox = try LuaSandbox(.init(limits: timeOnly, modules: [slow]))
        let (error, _) = try stopped("slow.wait()\nwhile true do end", sandbox: sandbox)
        #expect(error?.limit == .time)
    }

    @Test func shortCallsAfterATimeoutAreNotHitByALeftoverTimer() throws {
        // Given a sandbox whose first call ran into its deadline
        let sandbox = try LuaSandbox(.init(limits: LuaLimits(instructions: 0, timeout: 0.05)))
        let (first, _) = try stopped("while true do end", sandbox: sandbox)
        #expect(first?.limit == .time)
        // When many short calls follow, each well inside its own deadline
        var results: [LuaValue] = []
        for i in 0..<200 {
            results += try sandbox.runSource("local s = 0 for k = 1, 1000 do s = s + k end return s + \(i)", chunkName: "short.lua")
        }
        // Then every one of them completes
        #expect(results.count == 200)
        #expect(results.last == .integer(500_500 + 199))
    }

    @Test func theSameScriptWithABudgetIsStoppedByInstructionsNotTime() throws {
        let sandbox = try LuaSandbox(.init(limits: LuaLimits(instructions: 1_000_000, timeout: 5)))
        let (error, _) = try stopped("while true do end", sandbox: sandbox)
        #expect(error?.limit == .instructions)
    }
}
