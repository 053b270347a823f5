-- attack: loop inside a coroutine started with coroutine.wrap
-- expect: limit instructions
local f = coroutine.wrap(function() while true do end end)
f()
return "coroutine returned"
