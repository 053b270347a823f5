import LuaHost
import Testing

/// Many callers at once: each borrows its own sandbox, and nothing leaks between them.
struct LuaSandboxPoolTests {
    @Test func concurrentCallersEachGetTheirOwnStateAndTheirOwnGlobals() async throws {
        // Given a pool of at most 4 idle sandboxes
        let pool = LuaSandboxPool(LuaSandbox.Configuration(), capacity: 4)
        // When 16 tasks each run 25 scripts that set a global and read it back after some work
        let results = try await withThrowingTaskGroup(of: [Bool].self) { group in
            for task in 0..<16 {
                group.addTask {
                    try (0..<25).map { i in
                        let marker = Int64(task * 1000 + i)
                        let result = try pool.withSandbox { sandbox in
                            try sandbox.runSource(
                                """
                                assert(seen == nil, "a global leaked in from another run")
                                seen = \(marker)
                                local s = 0
                                for k = 1, 2000 do s = s + k end
                                return seen, s
                                """, chunkName: "pool.lua")
                        }
                        return result == [.integer(marker), 2_001_000]
                    }
                }
            }
            var all: [Bool] = []
            for try await batch in group { all += batch }
            return all
        }
        // Then every run saw only its own global, and the pool kept no more than its capacity
        #expect(results.count == 400)
        #expect(results.allSatisfy { $0 })
        #expect(pool.idleCount <= 4)
        #expect(pool.idleCount >= 1)
    }

    @Test func aSandboxThatRanOutOfMemoryIsNotReused() throws {
        let pool = LuaSandboxPool(LuaSandbox.Configuration(limits: LuaLimits(memoryBytes: 4 << 20)), capacity: 2)
        let error = #expect(throws: LuaError.self) {
            try pool.withSandbox { sandbox in
                _ = try sandbox.runSource("local s = 'x' while true do s = s .. s end", chunkName: "bomb.lua")
            }
        }
        #expect(error?.limit == .memory)
        #expect(pool.idleCount == 0)
        // And the next borrower gets a healthy sandbox
        let value = try pool.withSandbox { try $0.runSource("return 40 + 2", chunkName: "ok.lua") }
        #expect(value == [42])
        #expect(pool.idleCount == 1)
    }
}
