-- attack: a __tostring that loops, reached through tostring, print and string.format
-- expect: limit instructions
local t = setmetatable({}, { __tostring = function() while true do end end })
print(string.format("%s", t))
return "printed"
