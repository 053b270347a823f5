-- attack: a table whose __index loops, read from the script
-- expect: limit instructions
local t = setmetatable({}, { __index = function() while true do end end })
return t.anything
