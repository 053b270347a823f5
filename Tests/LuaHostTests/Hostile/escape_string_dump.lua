-- attack: dump a function to bytecode with string.dump (the first step of a bytecode exploit)
-- expect: returns "blocked"
local found = {}
if string.dump ~= nil then found[#found + 1] = "string.dump" end
if ("").dump ~= nil then found[#found + 1] = "(''):dump" end
local ok = pcall(function() return ("x").dump(print) end)
if ok then found[#found + 1] = "dump through a string method" end
return #found == 0 and "blocked" or table.concat(found, ", ")
