-- attack: load a hand-made binary chunk (malformed bytecode crashes or escapes the VM), in mode "bt"
-- expect: error attempt to load a binary chunk
local bytecode = "\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64"
local f, err = load(bytecode, "=evil", "bt", {})
if f then return "loaded bytecode" end
error(err)
