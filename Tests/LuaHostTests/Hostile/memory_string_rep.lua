-- attack: one huge string.rep (1 GiB), far beyond the cap
-- expect: limit memory
local s = string.rep("x", 1 << 30)
return #s
