-- attack: swallow the limit error with pcall and carry on
-- expect: limit instructions
pcall(function() while true do end end)
return "swallowed the limit"
