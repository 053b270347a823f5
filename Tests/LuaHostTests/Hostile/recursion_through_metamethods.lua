-- attack: recursion through __index metamethods (each level is a C boundary)
-- expect: error stack overflow
local t
t = setmetatable({}, { __index = function(self, k) return t[k .. "x"] end })
return t.a
