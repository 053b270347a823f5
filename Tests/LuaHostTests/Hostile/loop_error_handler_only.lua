-- attack: an ordinary error whose xpcall message handler then loops forever
-- expect: limit instructions
xpcall(function() error("ordinary") end, function() while true do end end)
return "handler returned"
