import LuaHost
import Testing

/// What a script author reads when something goes wrong: file, line, message, traceback.
struct LuaErrorTests {
    @Test func aRuntimeErrorNamesTheFileAndLineAndHasATraceback() throws {
        // Given a script whose helper indexes nil on line 3
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox().runSource(
                """
                local function total(rows)
                  local sum = 0
                  for _, row in ipairs(rows) do sum = sum + row.hours.value end
                  return sum
                end
                local result = total({ { hours = 1 } })
                return result
                """, chunkName: "scripts/agreements/nacka.lua")
        }
        // Then the message starts with chunk:line: and the traceback walks back to the caller
        #expect(error?.code == .runtime)
        #expect(error?.message == "scripts/agreements/nacka.lua:3: attempt to index a number value (field 'hours')")
        #expect(error?.line == 3)
        #expect(error?.traceback?.contains("scripts/agreements/nacka.lua:3: in local 'total'") == true)
        #expect(error?.traceback?.contains("scripts/agreements/nacka.lua:6: in main chunk") == true)
    }

    @Test func aSyntaxErrorIsReportedWithItsLine() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox().runSource("local x = 1\nif x then\n  return 2\n", chunkName: "templates/t.lua")
        }
        #expect(error?.code == .syntax)
        #expect(error?.message == "templates/t.lua:4: 'end' expected (to close 'if' at line 2) near <eof>")
        #expect(error?.line == 4)
    }

    @Test func errorWithLevelTwoBlamesTheCaller() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox().runSource(
                """
                local function check(hours)
                  if hours < 0 then error("timmar får inte vara negativa", 2) end
                end
                check(-1)
                """, chunkName: "v.lua")
        }
        #expect(error?.message == "v.lua:4: timmar får inte vara negativa")
    }

    @Test func aNonStringErrorObjectIsDescribedWithoutRunningItsMetamethods() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox().runSource(
                "error(setmetatable({}, {__tostring = function() return 'x' end}))", chunkName: "o.lua")
        }
        #expect(error?.message == "(error object is a table value)")
    }

    @Test func anEnormousErrorMessageIsCutShort() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox().runSource("error(('x'):rep(100000))", chunkName: "big.lua")
        }
        #expect((error?.message.utf8.count ?? .max) < 5000)
        #expect(error?.message.hasSuffix("… (truncated)") == true)
    }

    @Test func aLimitErrorNamesTheLimitAndTheLine() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox(.init(limits: LuaLimits(instructions: 100_000))).runSource(
                "local n = 0\nwhile true do n = n + 1 end", chunkName: "loop.lua")
        }
        #expect(error?.code == .limitExceeded)
        #expect(error?.limit == .instructions)
        #expect(error?.message == "loop.lua:2: instruction limit exceeded (100000 instructions)")
    }

    @Test func theMemoryLimitIsNamedEvenWhenLuaGivesNoLine() throws {
        let error = #expect(throws: LuaError.self) {
            _ = try LuaSandbox(.init(limits: LuaLimits(memoryBytes: 4 << 20))).runSource(
                "local t = {}\nfor i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end", chunkName: "mem.lua")
        }
        #expect(error?.limit == .memory)
        #expect(error?.message == "memory limit exceeded (4 MiB)")
        // Inside pcall the limit is re-raised by the host's pcall, and then the line is known
        let caught = #expect(throws: LuaError.self) {
            _ = try LuaSandbox(.init(limits: LuaLimits(memoryBytes: 4 << 20))).runSource(
                "local t = {}\nwhile true do\n  pcall(function() for i = 1, 1e9 do t[#t + 1] = ('x'):rep(64) .. i end end)\nend",
                chunkName: "mem.lua")
        }
        #expect(caught?.message == "mem.lua:3: memory limit exceeded (4 MiB)")
    }
}
