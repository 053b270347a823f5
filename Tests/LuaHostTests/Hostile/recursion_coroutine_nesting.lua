-- attack: nest coroutines inside coroutines without end (each resume is a C call)
-- expect: error C stack overflow
local function nest() return coroutine.wrap(nest)() end
local ok, err = pcall(nest)
-- every level prefixes its position; keep the end of the message
error(ok and "nested without end" or tostring(err):match("C stack overflow") or err)
