-- attack: loop inside the xpcall message handler (stock Lua runs handlers of hook errors with hooks off)
-- expect: limit instructions
xpcall(function() while true do end end, function() while true do end end)
return "escaped through the handler"
