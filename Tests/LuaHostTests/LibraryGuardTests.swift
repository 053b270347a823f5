// Tests of the library functions the sandbox rewrites (CLuaSupport/library_guards.c): tonumber
// and string.byte must give what stock Lua 5.4 gives, values and error messages alike, and still
// charge their work to the budget.
import CLua
import CLuaSupport
import Testing

@Suite("LibraryGuards")
struct LibraryGuardTests {
    @Test("tonumber and string.byte agree with stock Lua 5.4")
    func differential() {
        // Given a sandbox with the stock base and string libraries beside the guarded ones
        let box = StockLibrarySandbox(withStockLibrary: true)
        rv_begin_call(box.L, 0, 0)

        // When every case runs through both
        let (status, values) = box.run(guardDifferentialScript, results: 2)

        // Then they agree on every one
        #expect(status == LUA_OK, "\(values)")
        guard status == LUA_OK, values.count == 2 else { return }
        #expect((Int(values[0]) ?? 0) > 2_500, "only \(values[0]) cases ran")
        #expect(values[1].isEmpty, "disagreements with stock Lua:\n\(values[1])")
    }

    @Test("a long tonumber and a long string.byte are charged to the budget", arguments: [
        ("local s = (' '):rep(8000) .. '1' return tonumber(s)", 1_000),
        ("local s = ('x'):rep(5000) return select('#', s:byte(1, -1))", 4_999),
    ])
    func charged(source: String, atLeast steps: Int64) {
        // Given a budget and no deadline
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 1_000_000, 0)

        // When one call scans a long string or pushes many values
        let (status, values) = box.run(source, results: 1)

        // Then it succeeds and the work was charged beyond the few VM instructions of the chunk
        #expect(status == LUA_OK, "\(values)")
        #expect(box.instructionsUsed >= steps, "only \(box.instructionsUsed) charged")
    }

    @Test("a loop of string.byte over a long string runs out of budget")
    func byteLoopStops() {
        // Given a small budget
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 2_000_000, 0)

        // When a loop pushes 100 000 values per call
        let (status, values) = box.run(
            "local s = ('x'):rep(100000) while true do s:byte(1, -1) end", results: 1)

        // Then the budget stops it
        #expect(status == LUA_ERRRUN)
        #expect(values.first?.hasSuffix("instruction limit exceeded") == true, "\(values)")
        #expect(box.limitHit == RV_LIMIT_INSTRUCTIONS)
    }
}

/// Runs each case through the stock functions (BASE.tonumber, S.byte) and the sandbox's
/// (tonumber, string.byte) under pcall; returns the number of cases and the disagreements.
private let guardDifferentialScript = #"""
assert(tonumber ~= BASE.tonumber and string.byte ~= S.byte)
local OURS = { tonumber = tonumber, byte = string.byte }
local STOCK = { tonumber = BASE.tonumber, byte = S.byte }
"""# + differentialPrelude + #"""

-- Wrappers that are not tail calls, with constant field names, so that argument errors name
-- the function the same way for both.
local function tonum(F, a) local r = table.pack(F.tonumber(table.unpack(a, 1, a.n))) return r end
local function byte(F, a) local r = table.pack(F.byte(table.unpack(a, 1, a.n))) return r end

local values = {
  "", " ", "0", "10", "-7", " 42 ", "0x1F", "0X1f", "1e5", "1E-3", ".5", "5.", "3.25", "-0",
  "inf", "nan", "0x", "1e", "abc", "12abc", "1 2", "\t\n12\r", "9223372036854775807",
  "9223372036854775808", "-9223372036854775808", "0x7fffffffffffffff", "0xffffffffffffffff",
  "1" .. ("0"):rep(400), ("  "):rep(20) .. "7", "2025", "10\0", "Åsa", "z", "Z", "zz", "7fffffff",
  0, 1, -1, 2.5, -0.0, 1e300, math.maxinteger, math.mininteger, 0 / 0, 1 / 0,
  true, false, {}, print,
}
for _, v in ipairs(values) do
  check("tonumber", tonum, v)
  check("tonumber", tonum, v, nil)
  for _, base in ipairs({ 2, 10, 16, 36, 1, 37, 0, -1, 2.5, "16", "x" }) do
    check("tonumber", tonum, v, base)
  end
end
check("tonumber", tonum)
check("tonumber", tonum, nil)
check("tonumber", tonum, nil, 10)

local subjects = { "", "a", "abc", "Åsa Öberg", "\0\1\255", ("x"):rep(300), 12345, 2.5 }
local positions = table.pack(nil, 0, 1, 2, 3, -1, -2, -3, -100, 100, math.maxinteger, math.mininteger, 1.0, "2", 2.5, "x")
for _, s in ipairs(subjects) do
  check("byte", byte, s)
  for a = 1, positions.n do
    local i = positions[a]
    check("byte", byte, s, i)
    for b = 1, positions.n do check("byte", byte, s, i, positions[b]) end
  end
end
check("byte", byte)
check("byte", byte, nil)
check("byte", byte, {}, 1)
check("byte", byte, ("y"):rep(2000000), 1, -1)

return count, table.concat(failures, "\n")
"""#
