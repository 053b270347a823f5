-- attack: compare two equal 16 MB strings in a loop: each comparison is one VM instruction doing 16 MB of work
-- expect: limit time
-- limits: instructions=0
local a = ("x"):rep(16 << 20)
local b = ("x"):rep(16 << 20)
while true do local _ = a < b, a == b end
