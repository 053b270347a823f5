-- attack: a small string repeated with a long separator, so the size is in the separator
-- expect: limit memory
local s = ("x"):rep(1 << 20, ("y"):rep(1024))
return #s
