-- attack: when the limit unwinds the stack, a __close handler tries to keep running (and to swallow it)
-- expect: limit instructions
local ok = pcall(function()
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  while true do end
end)
return "survived the limit"
