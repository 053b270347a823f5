// Tests of the budgeted pattern matcher (CLuaSupport/pattern.c): it must agree with stock Lua
// 5.4 on every result and error message, and a limit must stop a backtracking pattern.
import CLua
import CLuaSupport
import Testing

@Suite("PatternMatcher")
struct PatternMatcherTests {
    @Test("budgeted find/match/gmatch/gsub agree with stock Lua 5.4")
    func differential() {
        let box = StockLibrarySandbox(withStockLibrary: true)
        rv_begin_call(box.L, 0, 0)
        let (status, values) = box.run(differentialScript, results: 2)
        #expect(status == LUA_OK, "\(values)")
        guard status == LUA_OK, values.count == 2 else { return }
        let cases = Int(values[0]) ?? 0
        #expect(cases > 100_000, "only \(cases) cases ran")
        #expect(values[1].isEmpty, "disagreements with stock Lua:\n\(values[1])")
    }

    static let backtracking: [String] = [
        #"return ("a"):rep(16):find((".-"):rep(16) .. "b")"#,
        #"return ("a"):rep(16):match((".-"):rep(16) .. "b")"#,
        #"return ("a"):rep(16):gsub((".-"):rep(16) .. "b", "x")"#,
        #"for m in ("a"):rep(16):gmatch((".-"):rep(16) .. "b") do end"#,
        #"return string.find(("a"):rep(16), (".-"):rep(16) .. "b")"#,
    ]

    @Test("the instruction budget stops a backtracking pattern", arguments: backtracking)
    func instructionLimit(source: String) {
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 5_000_000, 2.0)
        let clock = ContinuousClock()
        let start = clock.now
        let (status, values) = box.run(source, results: 1)
        let elapsed = clock.now - start
        #expect(status == LUA_ERRRUN)
        #expect(values.first?.hasSuffix("instruction limit exceeded") == true, "\(values)")
        #expect(box.limitHit == RV_LIMIT_INSTRUCTIONS)
        #expect(elapsed < .milliseconds(1000), "took \(elapsed)")
    }

    @Test("the deadline stops a backtracking pattern", arguments: backtracking)
    func timeLimit(source: String) {
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 0, 0.3)
        let clock = ContinuousClock()
        let start = clock.now
        let (status, values) = box.run(source, results: 1)
        let elapsed = clock.now - start
        #expect(status == LUA_ERRRUN)
        #expect(values.first?.hasSuffix("time limit exceeded") == true, "\(values)")
        #expect(box.limitHit == RV_LIMIT_TIME)
        #expect(elapsed >= .milliseconds(250) && elapsed < .milliseconds(1500), "took \(elapsed)")
    }

    /// Linear or quadratic work on long subjects is charged too, not only backtracking.
    @Test("long subjects are charged", arguments: [
        #"return (("x"):rep(4000000):gsub("x", "yy"))"#,
        #"local n = 0 for _ in ("x"):rep(4000000):gmatch("x") do n = n + 1 end return n"#,
        #"return ("a"):rep(200000):find(("a"):rep(5000) .. "b", 1, true)"#,
        #"return (("("):rep(30000):gsub("%b()", ""))"#,
        #"return ("c"):rep(100000):find("[" .. ("a"):rep(100000) .. "]")"#,
        #"return ("ab"):rep(100000):match("(.*)%1$")"#,
    ])
    func longSubjects(source: String) {
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 1_000_000, 5.0)
        let (status, values) = box.run(source, results: 1)
        #expect(status == LUA_ERRRUN)
        #expect(values.first?.hasSuffix("instruction limit exceeded") == true, "\(values)")
        #expect(box.limitHit == RV_LIMIT_INSTRUCTIONS)
    }

    @Test("ordinary matching stays within a modest budget")
    func ordinaryWork() {
        let box = StockLibrarySandbox(withStockLibrary: false)
        rv_begin_call(box.L, 2_000_000, 2.0)
        let (status, values) = box.run(#"""
            local words = {}
            for w in ("Åsa Öberg har ett ärende om 42 fakturor"):gmatch("%S+") do words[#words + 1] = w end
            local s = ("%s;%s"):format(("x"):rep(1000), ("y"):rep(1000)):gsub("y+", "z")
            return #words .. " " .. #s .. " " .. tostring(("k=v"):match("^(%w+)=(%w+)$"))
            """#, results: 1)
        #expect(status == LUA_OK, "\(values)")
        #expect(values == ["8 1002 k"])
        #expect(box.limitHit == RV_LIMIT_NONE)
    }
}

/// The differential script: runs every case through the stock library (S) and the budgeted one
/// (string) under pcall and returns the number of cases and a description of any disagreement.
private let differentialScript = #"""
-- Differential test: the budgeted pattern functions (string.*) against the stock ones (S.*).
local B = string
assert(B.find ~= S.find and B.gsub ~= S.gsub and B.match ~= S.match and B.gmatch ~= S.gmatch)
local STOCK, OURS = S, B
"""# + differentialPrelude + #"""

-- Wrappers: not tail calls and with constant field names, so argument errors name the
-- function the same way for both libraries.
local function find(F, a) local r = table.pack(F.find(table.unpack(a, 1, a.n))) return r end
local function match(F, a) local r = table.pack(F.match(table.unpack(a, 1, a.n))) return r end
local function gsub(F, a) local r = table.pack(F.gsub(table.unpack(a, 1, a.n))) return r end
local function gmatch(F, a)
  local out = {}
  local it = F.gmatch(table.unpack(a, 1, a.n))
  for i = 1, 500 do
    local r = table.pack(it())
    if r[1] == nil then break end
    out[i] = r
  end
  return out
end


local subjects = {
  "", "a", "aaa", "aaab", "hello world", "  padded  ", "abc123def456", "x=1, y=22, z=333",
  "THE (quick) [brown] {fox}", "f(a(b)c)d", "((()))", "a.b-c+d*e?f^g$h%i", "Åsa Öberg",
  "ärende nr 42: Åsa Öberg, Göteborg", "line1\nline2\r\n\tend", "\0a\0b", "abababab",
  "[]]^-", "%d%%", "key = value; other=thing", "mississippi", "12.5e-3 0x1F -7", "THE END.",
  "^anchored$", "café à la crème",
}

local patterns = {
  -- plain text, single characters and the dot
  "", "a", "b", "ab", "world", "xyz", ".", "..", "a.", "Å", "Öberg", "ärende", "\0", "a\0",
  -- classes and complements
  "%a", "%A", "%c", "%C", "%d", "%D", "%g", "%G", "%l", "%L", "%p", "%P", "%s", "%S",
  "%u", "%U", "%w", "%W", "%x", "%X", "%z", "%q", "%.", "%%", "%(", "%]", "%-", "%^", "%$",
  -- sets
  "[abc]", "[^abc]", "[a-z]", "[^a-z]", "[%a_]", "[%d%.]", "[]]", "[^]]", "[]a]", "[a-]",
  "[-a]", "[%-]", "[a-c-e]", "[%]]", "[^%s]", "[%w%p]", "[\0-\31]", "[\128-\255]", "[Öö]",
  "[z-a]", "[%a-z]", "[.]", "[%%]", "[[]", "[^^]", "[$]",
  -- quantifiers
  "a*", "a+", "a-", "a?", "%a+", "%d+", "%s*", "%S+", ".-", ".*", ".+", "[%w_]+", "b*a",
  "a-b", "a*b", "a+b", "a?b", ".-b", "%d*%.?%d+", "[^%s]+%s*", "%s*(.-)%s*$", "x?y?z?",
  "(a*)*", "a**", "a+?", "-", "*", "+", "?", "a-$",
  -- anchors
  "^", "^a", "^.", "^$", "$", "a$", ".$", "^.*$", "^%s*$", "^(%w+)", "a^", "$a", "^^", "^$$",
  -- captures and position captures
  "(a)", "(a)(b)", "((a)b)", "(%a+)%s*=%s*(%w+)", "()", "()a()", "(.)()", "(%d+)()",
  "()(%a*)()", "(()a)", "(a(b))()", "(h)(e)(l)(l)(o)", "(%w+) (%w+)", "(.-)",
  -- back-references
  "(a)%1", "(.)%1", "(%a+).-%1", "(.-)%1", "(()a)%2", "(s)(s)%2%1", "(ab)%1*",
  -- balance and frontier
  "%b()", "%b[]", "%b{}", "%bxy", "%b((", "%b))", "f%b()", "%f[%a]", "%f[%A]", "%f[%w]%w+",
  "%f[%d]%d+%f[%D]", "%f[^%z]", "%f[%z]", "%f[a]", "%f[^a]", "%f[.]",
  -- errors
  "%", "a%", "[a", "[^", "[", "[%", "[a-", "(", "(()", ")", "a)", "%1", "(a)%2", "(a%1)",
  "%0", "%b", "%ba", "%f", "%fa", "%f(", "(()", "((a)", "[]", "[^]",
}

local inits = { nil, 1, 3, -4, 0, -100, 100 }

for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    check("find", find, s, p)
    check("match", match, s, p)
    check("gmatch", gmatch, s, p)
    check("gsub", gsub, s, p, "<%0>")
    for _, i in ipairs({ 1, 3, -4, 0, -100, 100, #s, #s + 1, #s + 2 }) do
      check("find", find, s, p, i)
      check("match", match, s, p, i)
      check("gmatch", gmatch, s, p, i)
    end
    check("find", find, s, p, nil, true)
    check("find", find, s, p, 2, true)
    check("find", find, s, p, -3, 1)
    check("find", find, s, p, #s + 1, true)
    check("find", find, s, p, #s + 2, true)
  end
end

-- gsub: replacement strings, tables, functions and the maximum count
local reps = {
  "", "x", "%0", "[%0]", "%1", "<%1>", "%2%1", "%%", "100%%", "%", "a%", "%9", "%a", "%\0",
  "%3", 7, 0.5, "ÅÄÖ", "%1%1%1",
}
local tables = {
  { a = "A", b = false, hello = "HI", world = 42, ["1"] = "one", ["Åsa"] = "Ebba" },
  setmetatable({}, { __index = function(_, k) return type(k) == "number" and k * 10 or nil end }),
  { a = {} },
}
local funcs = {
  function(...) return "<" .. table.concat(table.pack(...), "|") .. ">" end,
  function(c) if c == "a" or c == "l" then return false end return c and c:upper() end,
  function() return nil end,
  function(c) return #c end,
  function() return {} end,
  function(c) if c == "o" then error("boom " .. c) end return "" end,
}
local gsubPatterns = {
  "", "a", "l+", "%w+", "(%w+)", "(%w)(%w)", "()", "()(.)", "(.)()", "^%s*", "%s*$", "^(%a+)",
  ".-", ".*", "x*", "%b()", "%f[%w]%w+", "(%w+)=(%w+)", "(%w+) (%w+)", "^", "$", "[Åö]",
  "(%a+)%1", "(", "%", "[",
}
local maxes = { nil, 0, 1, 2, -1, 100, 2.0 }

for _, s in ipairs(subjects) do
  for _, p in ipairs(gsubPatterns) do
    for _, r in ipairs(reps) do
      check("gsub", gsub, s, p, r)
      check("gsub", gsub, s, p, r, 1)
    end
    for _, t in ipairs(tables) do check("gsub", gsub, s, p, t) end
    for _, f in ipairs(funcs) do check("gsub", gsub, s, p, f) end
    for _, n in ipairs({ 0, 1, 2, -1, 100, 2.0, "1" }) do check("gsub", gsub, s, p, "#", n) end
  end
end

-- argument errors and coercions
check("find", find, nil, "a")
check("find", find, "a", nil)
check("find", find, "a", "a", "x")
check("find", find, "a", "a", 1.5)
check("find", find, "a", "a", "2")
check("find", find, 12345, 34)
check("find", find, 12345, 3.0)
check("find", find, "a", {})
check("match", match, 3.5, "%d")
check("match", match, "a", "a", math.maxinteger)
check("match", match, "a", "a", math.mininteger)
check("find", find, "a", "a", math.mininteger)
check("gmatch", gmatch, "a", "a", math.maxinteger)
check("gmatch", gmatch, "a", "a", math.mininteger)
check("gmatch", gmatch, nil, "a")
check("gmatch", gmatch, "abc", {})
check("gsub", gsub, "abc", "b", true)
check("gsub", gsub, "abc", "b")
check("gsub", gsub, "abc", "b", "x", "y")
check("gsub", gsub, "abc", "b", "x", 1.5)
check("gsub", gsub, "abc", "b", "x", math.mininteger)
check("gsub", gsub, 123, 2, 9)
check("gsub", gsub, "abc", "b", false)

-- limits: nesting depth (200) and captures (32)
local long = ("a"):rep(300)
for _, n in ipairs({ 100, 197, 198, 199, 200, 201, 250 }) do
  check("find", find, long, ("a?"):rep(n))
  check("match", match, long, ("(a)"):rep(math.min(n, 40)))
  check("match", match, long, ("a*"):rep(n) .. "$")
  check("match", match, ("a"):rep(12), ("a*"):rep(math.min(n, 4)) .. "b")
  check("find", find, long, ("a-"):rep(n))
  check("find", find, long, ("%f[a]a?"):rep(n))
end
for _, n in ipairs({ 31, 32, 33 }) do
  check("match", match, long, ("()"):rep(n))
  check("match", match, long, ("(a)"):rep(n))
  check("gsub", gsub, long, ("(a)"):rep(n), "%9")
  check("match", match, long, ("(a"):rep(n) .. (")"):rep(n))
end
check("match", match, long, "(" .. ("a"):rep(10) .. ")" .. ("%1"):rep(20))
check("match", match, long, ("((a)%2)"):rep(5))

-- gmatch anchors, empty matches and the 5.4 init argument
check("gmatch", gmatch, "^a^a", "^a")
check("gmatch", gmatch, "abc", "")
check("gmatch", gmatch, "abc", "x*")
check("gmatch", gmatch, "abc", "%w*", 2)
check("gmatch", gmatch, "ab  cd ", "%w*")
check("gmatch", gmatch, "Åsa Öberg", "[^ ]+")
check("gsub", gsub, "abc", "x*", "-")
check("gsub", gsub, "ab  cd ", "%w*", "<%0>")
check("gsub", gsub, "hello world", "o", { o = "0" })
check("gsub", gsub, "ärende ärende", "ärende", "Ärende", 1)

return count, table.concat(failures, "\n")
"""#
