-- attack: load chunks with an empty or nil environment and look for the caller's globals or the state's
-- expect: returns "blocked"
leaked_in_load = "this run's secret"
local found = {}
local f = assert(load("return leaked_in_load, print, string, require, _G", "=inner", "t", {}))
for i, v in ipairs({ f() }) do found[#found + 1] = "value " .. i end
if select("#", f()) ~= 5 then found[#found + 1] = "odd result count" end
-- an explicit nil environment: every global access fails rather than falling back to _G
local g = assert(load("return leaked_in_load", "=nil-env", "t", nil))
local ok, err = pcall(g)
if ok then found[#found + 1] = "nil env read a global" end
if not tostring(err):find("_ENV") then found[#found + 1] = "unexpected error " .. tostring(err) end
-- the chunk's environment is exactly the table given
local sandbox = { x = 1 }
local h = assert(load("y = x + 1; return _ENV", "=given", "t", sandbox))
if h() ~= sandbox or sandbox.y ~= 2 or rawget(_ENV, "y") ~= nil then found[#found + 1] = "env mixed" end
return #found == 0 and "blocked" or table.concat(found, ", ")
