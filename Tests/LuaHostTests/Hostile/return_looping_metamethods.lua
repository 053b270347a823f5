-- attack: return a table whose __index, __pairs, __len, __tostring and __eq loop, hoping the host runs them
-- expect: returns { 1, 2, 3, name = "plain data" }
local function loop() while true do end end
return setmetatable({ 1, 2, 3, name = "plain data" },
  { __index = loop, __newindex = loop, __pairs = loop, __len = loop, __tostring = loop, __eq = loop,
    __call = loop, __metatable = "locked" })
