-- attack: set a new metatable on strings, or write into a string value, to hijack string methods
-- expect: returns "blocked"
local found = {}
if pcall(setmetatable, "", { __index = { upper = print } }) then found[#found + 1] = "setmetatable('')" end
if pcall(function() ("x").upper = print end) then found[#found + 1] = "wrote a string field" end
if pcall(function() local s = "x"; s.__index = print end) then found[#found + 1] = "wrote __index" end
if pcall(rawset, "", "__index", print) then found[#found + 1] = "rawset on a string" end
if ("ab"):upper() ~= "AB" then found[#found + 1] = "upper changed" end
return #found == 0 and "blocked" or table.concat(found, ", ")
