-- attack: reach the debug library (sethook to remove the limits, getregistry, upvalues)
-- expect: returns "blocked"
local found = {}
if debug ~= nil then found[#found + 1] = "debug" end
if _G.debug ~= nil then found[#found + 1] = "_G.debug" end
-- the classic way back to debug: the string metatable's __index is the string library
local mt = getmetatable("")
if type(mt) == "table" then found[#found + 1] = "string metatable" end
for _, lib in ipairs({ string, table, math, coroutine, utf8 }) do
  for _, name in ipairs({ "debug", "sethook", "gethook", "getregistry", "getupvalue", "setupvalue" }) do
    if lib[name] ~= nil then found[#found + 1] = name end
  end
end
return #found == 0 and "blocked" or table.concat(found, ", ")
