-- attack: overflow the stack inside pcall, again and again
-- expect: limit instructions
-- limits: instructions=2000000 timeout=5
local function dive(n) return 1 + dive(n + 1) end
while true do pcall(dive, 1) end
