import CLua
import CLuaSupport
import Logging

/// What every sandbox has besides the allow-listed Lua libraries: `clock`, `print` and `require`.
enum LuaBuiltins {
    /// `clock.today()` → `"2025-10-14"`, `clock.now()` → `"2025-10-14T12:00:00+02:00"`,
    /// `clock.timezone()` → `"Europe/Stockholm"`: the run's clock, never the machine's.
    static var clockModule: LuaModule {
        var clock = LuaModule("clock")
        clock.function("today") { call in [.string(call.context.clock.today)] }
        clock.function("now") { call in [.string(call.context.clock.nowText)] }
        clock.function("timezone") { call in [.string(call.context.clock.timeZone.identifier)] }
        return clock
    }

    /// The Lua half of `print` and `require`, compiled once per state with an empty `_ENV`.
    /// `print` converts with the script's own `tostring` semantics (so `__tostring` runs in Lua,
    /// under the limits) and hands one line to the host. `require` keeps one module cache per run.
    static let bootstrapSource = """
        local tostring, select, type, error, concat, pcall, host_print, host_load = ...
        local function print(...)
          local n = select("#", ...)
          local parts = { ... }
          for i = 1, n do parts[i] = tostring(parts[i]) end
          host_print(concat(parts, "\\t", 1, n))
        end
        local function new_require()
          local loaded, loading = {}, {}
          return function(name)
            if type(name) ~= "string" then
              error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
            end
            local value = loaded[name]
            if value ~= nil then return value end
            if loading[name] then
              error("module '" .. name .. "' requires itself (a circular require)", 2)
            end
            local found, chunk = pcall(host_load, name)
            if not found then error(chunk, 2) end
            loading[name] = true
            local ok, result = pcall(chunk, name)
            loading[name] = nil
            if not ok then error(result, 0) end
            if result == nil then result = true end
            loaded[name] = result
            return result
          end
        end
        return print, new_require
        """

    /// `print`'s host side: one line to the host log, at info level, labelled with the script.
    static func hostPrint(_ state: LuaState, _ thread: OpaquePointer) throws(LuaError) -> Int32 {
        let line = state.stack(on: thread).rawString(at: 1) ?? ""
        var where_ = ""
        luaL_where(thread, 2)
        where_ = state.stack(on: thread).rawString(at: -1) ?? ""
        lua_settop(thread, -2)
        let script = where_.hasSuffix(": ") ? String(where_.dropLast(2)) : where_
        state.logger.info("\(line)", metadata: script.isEmpty ? nil : ["script": "\(script)"])
        return 0
    }

    /// `require`'s host side: finds the module under the script roots and pushes its chunk,
    /// compiled as text with the run's environment.
    static func loadModule(_ state: LuaState, _ thread: OpaquePointer) throws(LuaError) -> Int32 {
        guard let name = state.stack(on: thread).rawString(at: 1) else {
            throw LuaError(.badArgument, "bad argument #1 to 'require' (string expected)")
        }
        let module = try state.roots.resolve(module: name)
        try state.load(module.source, chunkName: module.chunkName, on: thread)
        return 1
    }
}
