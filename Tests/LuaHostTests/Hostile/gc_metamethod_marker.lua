-- attack: mark an object for finalization with __gc = true, then replace the marker with a looping function
-- expect: error __gc metamethods are not allowed
local mt = { __gc = true }
local victim = setmetatable({}, mt)
mt.__gc = function() while true do end end
victim = nil
collectgarbage()
return "finalizer armed"
