-- attack: table.insert at position 1 of a table whose __len claims 10^15 elements (shifted in C)
-- expect: limit instructions
local t = setmetatable({}, { __len = function() return 10 ^ 15 end })
table.insert(t, 1, "first")
return "inserted"
