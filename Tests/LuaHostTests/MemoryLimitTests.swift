import LuaHost
import Testing

/// The memory cap counts what a script keeps, not the garbage it leaves for the collector.
struct MemoryLimitTests {
    let limits = LuaLimits(instructions: 0, timeout: 5, memoryBytes: 16 << 20)

    @Test func garbageAloneDoesNotExhaustTheLimit() throws {
        // Given a script that makes forty 4 MiB strings but keeps none of them
        let result = try LuaSandbox(.init(limits: limits)).runSource(
            "for i = 1, 40 do local s = ('x'):rep(4 * 1024 * 1024) .. i end\nreturn 'ok'", chunkName: "garbage.lua")
        // Then Lua's emergency collection makes room each time and the script finishes
        #expect(result == ["ok"])
    }

    @Test func keepingMoreThanTheCapStopsTheRunEvenInsidePcall() throws {
        // Given a script that keeps 4 MiB strings and swallows errors
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox(.init(limits: limits)).runSource(
                """
                local kept = {}
                for i = 1, 40 do
                  pcall(function() kept[i] = ('x'):rep(4 * 1024 * 1024) .. i end)
                end
                return #kept
                """, chunkName: "keep.lua")
        }
        // Then the memory limit stops it, at the line of the pcall that re-raised it
        #expect(error?.limit == .memory)
        #expect(error?.message == "keep.lua:3: memory limit exceeded (16 MiB)")
    }
}
