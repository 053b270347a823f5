-- attack: feed load a reader function that smuggles in a binary chunk piece by piece
-- expect: error reader functions are not allowed
local pieces = { "\27Lua", "\84\0" }
local i = 0
local f = load(function() i = i + 1; return pieces[i] end, "=evil", "bt", {})
return f and "loaded" or "refused"
