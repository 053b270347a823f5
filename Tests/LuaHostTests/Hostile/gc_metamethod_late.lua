-- attack: add __gc to the metatable after setmetatable (and through a metatable's __index) hoping it still fires
-- expect: returns "survived"
local mt = {}
local victim = setmetatable({}, mt)
mt.__gc = function() while true do end end
local proxied = setmetatable({}, setmetatable({}, { __index = { __gc = function() while true do end end } }))
victim, proxied = nil, nil
collectgarbage()
collectgarbage()
return "survived"
