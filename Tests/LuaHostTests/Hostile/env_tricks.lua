-- attack: swap _ENV, chain it to a proxy, and walk every table reachable from it for a way out
-- expect: returns "blocked"
local real = _ENV
local seen, found = {}, {}
local forbidden = { io = true, os = true, debug = true, package = true, dofile = true, loadfile = true,
                    dump = true, loadlib = true, sethook = true, getregistry = true }
local function walk(t, path)
  if seen[t] then return end
  seen[t] = true
  for k, v in real.pairs(t) do
    if forbidden[k] then found[#found + 1] = path .. "." .. real.tostring(k) end
    if real.type(v) == "table" then walk(v, path .. "." .. real.tostring(k)) end
  end
  local mt = real.getmetatable(t)
  if real.type(mt) == "table" then walk(mt, path .. "<mt>") end
end
walk(real, "_ENV")
-- a proxy environment: globals read through __index, written into a private table
do
  local _ENV = real.setmetatable({}, { __index = real })
  leaked = "written into the proxy"
  if real.rawget(real, "leaked") ~= nil then found[#found + 1] = "proxy wrote through" end
end
-- _ENV = nil: every global access fails, nothing falls back to the state's globals
local ok = real.pcall(function() local _ENV = nil; return os end)
if ok then found[#found + 1] = "global read with _ENV = nil" end
return #found == 0 and "blocked" or real.table.concat(found, ", ")
