-- attack: ask load for binary-only mode "b" to get bytecode past a text-only check
-- expect: error only text chunks are allowed
local f = load("\27Lua\84\0", "=evil", "b", {})
return f and "loaded bytecode" or "refused quietly"
