// A raw sandboxed state for the differential tests of the C functions that replace or wrap stock
// Lua's (CLuaSupport/pattern.c, library_guards.c).
import CLua
import CLuaSupport

/// A sandboxed state (so rv_charge finds its rv_sandbox), optionally with the stock string and
/// base libraries opened beside the template's guarded ones. A run sees them as `S` (the stock
/// string library) and `BASE` (a table with the stock base functions). Note that opening the
/// string library also points the string metatable at the stock library, so a differential
/// script calls the functions through tables only.
final class StockLibrarySandbox {
    let sandbox: UnsafeMutablePointer<rv_sandbox>
    let L: OpaquePointer

    init(withStockLibrary: Bool) {
        sandbox = rv_sandbox_new(512 << 20)!
        L = rv_state_new(sandbox)!
        if withStockLibrary {
            luaL_requiref(L, "stockstring", luaopen_string, 0)
            lua_setfield(L, clua_registryindex(), "test.stockstring")
            // luaopen_base fills the state's own global table (never a run's environment).
            luaL_requiref(L, "stockbase", luaopen_base, 0)
            lua_setfield(L, clua_registryindex(), "test.stockbase")
        }
    }

    deinit {
        lua_close(L)
        rv_sandbox_free(sandbox)
    }

    /// Runs `source` in a fresh run environment (with the stock libraries as `S` and `BASE` when
    /// opened) and returns the rv_pcall status and its results converted to strings.
    func run(_ source: String, results: Int32) -> (status: Int32, values: [String]) {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        guard luaL_loadstring(L, source) == LUA_OK else {
            return (LUA_ERRSYNTAX, [String(cString: clua_tostring(L, -1))])
        }
        rv_push_new_env(L)
        lua_getfield(L, clua_registryindex(), "test.stockstring")
        lua_setfield(L, -2, "S")
        lua_getfield(L, clua_registryindex(), "test.stockbase")
        lua_setfield(L, -2, "BASE")
        _ = lua_setupvalue(L, -2, 1)
        let status = rv_pcall(L, 0, results)
        var values: [String] = []
        let top = lua_gettop(L)
        if top > base {
            for index in (base + 1)...top {
                values.append(clua_tostring(L, index).map { String(cString: $0) } ?? "nil")
            }
        }
        return (status, values)
    }

    var limitHit: rv_limit { sandbox.pointee.limit_hit }

    /// Instructions charged in the call in progress (by the hook and by rv_charge).
    var instructionsUsed: Int64 { sandbox.pointee.instructions_used }
}

/// The Lua half of a differential test, put before a script's cases: `repr(v)` (a value as exact
/// text: a float to 17 digits) and `check(label, fn, ...)`, which calls `fn(STOCK, args)` and
/// `fn(OURS, args)` under pcall, counts the case in `count` and keeps the first 50
/// disagreements in `failures`. The script declares `STOCK` and `OURS` (tables of the
/// functions compared) before it and returns `count, table.concat(failures, "\n")`. It starts
/// and ends with a newline, so it joins the script's text on lines of its own.
let differentialPrelude = #"""

local function repr(v)
  local t = type(v)
  if t == "number" then return math.type(v) .. ":" .. string.format("%.17g", v) end
  if t == "string" then return "s:" .. string.format("%q", v) end
  if t == "table" then
    local parts = {}
    for i = 1, (v.n or #v) do parts[i] = repr(v[i]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return t .. ":" .. tostring(v)
end

local count, failures = 0, {}
local function check(label, fn, ...)
  local args = table.pack(...)
  local okS, rS = pcall(fn, STOCK, args)
  local okB, rB = pcall(fn, OURS, args)
  local a = tostring(okS) .. " " .. repr(rS)
  local b = tostring(okB) .. " " .. repr(rB)
  count = count + 1
  if a ~= b and #failures < 50 then
    local shown = {}
    for i = 1, args.n do shown[i] = repr(args[i]) end
    failures[#failures + 1] = label .. "(" .. table.concat(shown, ", ") .. "): stock " .. a .. " ours " .. b
  end
end

"""#
