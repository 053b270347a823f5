-- attack: poison the globals and libraries so the next run (another user's script) misbehaves
-- expect: returns "tampered"
leaked = "left for the next run"
rawset(_G, "leaked_raw", true)
coroutine.wrap(function() leaked_in_coroutine = true end)()
string.rep = nil
string.format = function() return "forged" end
table.insert = nil
pcall = function() return true end
print = nil
require = nil
clock.today = function() return "1970-01-01" end
coroutine.wrap = error
math.max = math.min
_G.tostring = function() return "forged" end
setmetatable(_G, { __index = function() return "forged" end, __newindex = function() end })
return "tampered"
