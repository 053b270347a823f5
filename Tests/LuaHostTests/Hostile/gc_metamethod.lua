-- attack: a __gc finalizer that loops forever (finalizers run with hooks off, also at lua_close)
-- expect: error __gc metamethods are not allowed
setmetatable({}, { __gc = function() while true do end end })
collectgarbage()
return "finalizer installed"
