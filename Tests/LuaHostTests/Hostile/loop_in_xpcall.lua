-- attack: swallow the limit error with xpcall and a handler that returns normally
-- expect: limit instructions
xpcall(function() while true do end end, function(err) return "handled: " .. tostring(err) end)
return "swallowed the limit"
