-- attack: coroutine.close runs a pending __close handler that loops; close reports errors as values
-- expect: limit instructions
local co = coroutine.create(function()
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  coroutine.yield()
end)
coroutine.resume(co)
local ok, err = coroutine.close(co)
return "closed: " .. tostring(ok)
