---@meta redovisa
--
-- LuaLS annotations for Redovisa's Lua sandbox: what a script can call, with types, so that an
-- editor with the Lua language server (LuaLS) completes and checks it. This file is never run.
-- The reference is docs/scripting.md; .luarc.json at the repository root points LuaLS here.
--
-- What the sandbox has, and so what this file declares:
--   * the base functions the sandbox keeps (below), with the sandbox's own rules for load,
--     setmetatable, collectgarbage, pcall and xpcall;
--   * the libraries string, table, math, utf8 and coroutine, which LuaLS knows by itself;
--   * the host's globals: the `clock` table, `print` and `require`.
--
-- Diagnostics notes: what does NOT exist in the sandbox, and why.
--   * io, os, debug, package: disabled in .luarc.json ("runtime.builtin"), so LuaLS reports
--     them as undefined globals. Scripts must not touch files, processes, the environment or
--     other scripts' internals; dates and times come from `clock`, modules from `require`.
--   * dofile, loadfile, arg, warn, unpack: .luarc.json disables LuaLS's whole "basic" library
--     and this file declares the base functions the sandbox really has, so these are reported
--     as undefined globals too (dofile and loadfile would read files; use `require`).
--   * string.dump: LuaLS still completes it (it is part of LuaLS's "string" library), but the
--     sandbox removes it: `string.dump` is nil. Only text chunks are ever loaded.
--   * __gc metamethods: setmetatable refuses a metatable with a __gc field.
-- Using any of these at run time fails with "attempt to call a nil value (global 'dofile')"
-- or "attempt to index a nil value (global 'os')".
--
-- Later host modules (report, people, calendar, notify, …) are added here as they land.

-- ---------------------------------------------------------------- the host's globals

---The host's clock, in Europe/Stockholm. It is the run's clock, not the machine's: a test or
---`redovisa script run --as-of 2025-10-14` sets "today" (a date alone means 12:00 that day).
---@class redovisa.clock
clock = {}

---Today's date in Europe/Stockholm.
---
---```lua
---clock.today() --> "2025-10-14"
---```
---@return string date `"YYYY-MM-DD"`; such dates compare correctly with `<` and `==`.
---@nodiscard
function clock.today() end

---The current local time in Europe/Stockholm, ISO 8601 with the UTC offset.
---
---```lua
---clock.now() --> "2025-10-14T12:00:00+02:00"
---```
---@return string time `"YYYY-MM-DDTHH:MM:SS+HH:MM"` (`+01:00` in winter, `+02:00` in summer).
---@nodiscard
function clock.now() end

---The time zone of every date and time the host gives a script.
---
---```lua
---clock.timezone() --> "Europe/Stockholm"
---```
---@return string identifier An IANA time-zone name.
---@nodiscard
function clock.timezone() end

---Writes its arguments, each converted with `tostring` and separated by tabs, as one line to
---the host's log (standard error under `redovisa script run`, prefixed with `FILE:LINE:`).
---It never changes what the script returns.
---
---```lua
---print("rows:", #rows) -- scripts/x.lua:3: rows:	4
---```
---@param ... any
function print(...) end

---Loads a module from the project's `scripts/` or `templates/` folder and returns what it
---returns (`true` when it returns nothing). `"reminders.common"` is `reminders/common.lua` or
---`reminders/common/init.lua`. Each module runs once per run; later calls return the same value.
---Names are dot-separated words of letters, digits, `_` and `-`: no `/`, no `..`.
---
---```lua
---local swedish = require("examples.lib.swedish")
---```
---@param name string
---@return any module
function require(name) end

-- ---------------------------------------------------------------- base functions the sandbox keeps

---The sandbox's globals. It is new for every run: nothing a run sets is seen by the next.
---@class _G
_G = {}

---@type "Lua 5.4"
_VERSION = "Lua 5.4"

---Raises an error with `message` when `v` is false or nil; otherwise returns all its arguments.
---@generic T
---@param v T
---@param message? any default `"assertion failed!"`
---@return T
---@return any ...
function assert(v, message, ...) end

---Raises `message` as an error. With a string and `level` 1 (the default) the message starts
---with the file and line of the `error` call; level 2 points at the caller of the function
---that called `error`; level 0 adds no position.
---
---```lua
---error("hours must be a number", 2)
---```
---@param message any
---@param level? integer
function error(message, level) end

---The `__metatable` field of the object's metatable if there is one, else the metatable.
---For strings it returns `false`: the string metatable is locked.
---@param object any
---@return table|false|nil metatable
---@nodiscard
function getmetatable(object) end

---Iterates `t[1]`, `t[2]`, … up to the first nil.
---@generic V
---@param t V[]
---@return fun(t: V[], i?: integer): integer, V
---@return V[]
---@return integer
function ipairs(t) end

---The key after `index` in table `t` and its value, or nil at the end. Order is unspecified.
---@generic K, V
---@param t table<K, V>
---@param index? K
---@return K?
---@return V?
---@nodiscard
function next(t, index) end

---Iterates every key and value of `t`, in no particular order (`__pairs` is honoured).
---@generic K, V
---@param t table<K, V>
---@return fun(t: table<K, V>, index?: K): K, V
---@return table<K, V>
---@return nil
function pairs(t) end

---Calls `f` with the arguments in protected mode: returns `true` and `f`'s results, or `false`
---and the error. A limit (instructions, time, memory) is NOT caught: it stops the whole script.
---@param f function
---@param ... any
---@return boolean success
---@return any ...
function pcall(f, ...) end

---Like `pcall`, but on an error calls `handler(error)` and returns `false` and the handler's
---result. In the sandbox the handler runs after the stack has unwound (there is no `debug`
---library to inspect it anyway). A limit is NOT caught.
---@param f function
---@param handler fun(error: any): any
---@param ... any
---@return boolean success
---@return any ...
function xpcall(f, handler, ...) end

---@param v1 any
---@param v2 any
---@return boolean
---@nodiscard
function rawequal(v1, v2) end

---@param t table
---@param index any
---@return any
---@nodiscard
function rawget(t, index) end

---@param v table|string
---@return integer length
---@nodiscard
function rawlen(v) end

---@param t table
---@param index any
---@param value any
---@return table t
function rawset(t, index, value) end

---`select(n, ...)`: the arguments from the n-th on (negative: from the end);
---`select("#", ...)`: how many arguments there are, nils included.
---@param index integer|"#"
---@param ... any
---@return any ...
---@nodiscard
function select(index, ...) end

---Sets the metatable of table `t` (nil removes it) and returns `t`. The sandbox refuses a
---metatable with a `__gc` field: "__gc metamethods are not allowed in the sandbox".
---@generic T: table
---@param t T
---@param metatable table|nil
---@return T
function setmetatable(t, metatable) end

---Converts to a number: an integer for `"2"`, a float for `"2.5"`, nil for `"2,5"`.
---@param e any
---@param base? integer
---@return number?
---@nodiscard
function tonumber(e, base) end

---@param v any
---@return string
---@nodiscard
function tostring(v) end

---@alias redovisa.type "nil"|"number"|"string"|"boolean"|"table"|"function"|"thread"|"userdata"

---@param v any
---@return redovisa.type
---@nodiscard
function type(v) end

---Compiles a chunk of Lua text. The sandbox allows a string only (no reader function, no
---precompiled chunk: `mode` is always "t") and requires the environment as the 4th argument:
---the chunk sees only the table you give it.
---
---```lua
---local f, err = load("return hours * 2", "=formula", "t", { hours = 3 })
---```
---@param chunk string
---@param chunkname string|nil shown in errors; `"=name"` shows as `name`
---@param mode "t"|nil
---@param env table|nil the chunk's globals (`nil`: it has none)
---@return function? chunk
---@return string? error_message
---@nodiscard
function load(chunk, chunkname, mode, env) end

---The garbage collector, in the sandbox limited to four options:
---`"collect"` (the default; returns 0), `"count"` (KiB in use, a float), `"step"` and
---`"isrunning"`. Any other option is an error.
---@param opt? "collect"|"count"|"step"|"isrunning"
---@param arg? integer for `"step"`: the step size in KiB
---@return any
function collectgarbage(opt, arg) end
