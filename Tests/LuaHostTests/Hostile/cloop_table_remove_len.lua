-- attack: table.remove at position 1 of a table whose __len claims 10^15 elements (shifted in C)
-- expect: limit instructions
local t = setmetatable({}, { __len = function() return 10 ^ 15 end })
table.remove(t, 1)
return "removed"
